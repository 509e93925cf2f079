/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The system call table's dispatch: handlers bound at boot, the trap
 * of int 0x80, the message to the system call port.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "lwkt/msgport.h"

extern const struct syscall_handler __start_syscall_set[],
    __stop_syscall_set[];
static uint8_t syscall_bound_default[SYS_MAXSYSCALL];

/* Bind handler H to its entry; boot. */
static void
syscall_bind(const struct syscall_handler *h)
{
	int n;

	for (n = 1; n < sysent_count; n++)
		if (sysent[n].sy_name != NULL &&
		    kstrcmp(sysent[n].sy_name, h->sh_name) == 0)
			break;
	if (n == sysent_count)
		panic("syscall: a handler for \"%s\", which is not in the "
		    "table", h->sh_name);
	if (sysent[n].sy_call != NULL) {
		if (h->sh_default)
			return;
		if (!syscall_bound_default[n])
			panic("syscall: two handlers for \"%s\"", h->sh_name);
	}
	sysent[n].sy_call = h->sh_call;
	syscall_bound_default[n] = (uint8_t)h->sh_default;
}
struct lwkt_port syscall_port;		/* where every call goes */
static struct lwkt_port syscall_replyport; /* sync calls come back here */

/* putport of the system call port: run the handler now, in the
 * sender's thread; its error, or -EASYNC if it kept the message. */
static int
syscall_putport(struct lwkt_port *port, struct lwkt_msg *lmsg)
{
	(void)port;
	return sysent[lmsg->ms_cmd & MSG_SUBCMD_MASK].sy_call(
	    (struct sysmsg *)lmsg);
}

/* abortport: the call's own way to stop, if it has one. */
static int
syscall_abortport(struct lwkt_port *port, struct lwkt_msg *lmsg)
{
	(void)port;
	if (lmsg->ms_abortfn != NULL)
		lmsg->ms_abortfn(lmsg);
	return LWKT_ABORT_LATE;
}

/* Send MSG (its command set) to the system call port and wait: its
 * error.  The caller's thread, as the process it acts for. */
int
syscall_dispatch(struct sysmsg *msg)
{
	uint32_t cmd = msg->sm_lmsg.ms_cmd;
	int error;

	lwkt_initmsg(&msg->sm_lmsg, &syscall_replyport, 0);
	msg->sm_lmsg.ms_cmd = cmd;
	msg->sm_result = 0;
	error = lwkt_domsg(&syscall_port, &msg->sm_lmsg, 0);
	KASSERT(error != -EASYNC, ("syscall %u kept a synchronous message",
	    cmd & MSG_SUBCMD_MASK));
	return error;
}
/* May call N be started with sendsys?  Not those that change the
 * caller itself. */
int
syscall_async_ok(uint32_t n)
{
	return n != SYS_exit && n != SYS_fork && n != SYS_execve &&
	    n != SYS_sigreturn && n != SYS_sendsys && n != SYS_waitsys;
}
/* VEC_SYSCALL: the call numbered %eax, arguments from the registers. */
static void
syscall_trap(struct trapframe *tf)
{
	struct sysargs sa;
	uint32_t n = tf->tf_eax;
	int error;

	cpu_enable_intr();
	if (n >= (uint32_t)sysent_count || sysent[n].sy_call == NULL) {
		error = -ENOSYS;
	} else {
		sa.sa_msg.sm_lmsg.ms_cmd = MSG_CMD_SYSCALL | n;
		sa.sa_args[0] = tf->tf_ebx;
		sa.sa_args[1] = tf->tf_ecx;
		sa.sa_args[2] = tf->tf_edx;
		sa.sa_args[3] = tf->tf_esi;
		sa.sa_args[4] = tf->tf_edi;
		sa.sa_args[5] = tf->tf_ebp;
		error = syscall_dispatch(&sa.sa_msg);
		if (error == 0)
			error = sa.sa_msg.sm_result;
	}
	if (error != EJUSTRETURN)
		tf->tf_eax = (uint32_t)error;
	cpu_disable_intr();
}
/* Boot: bind every handler, then open the door. */
static void
syscall_init(void *arg)
{
	const struct syscall_handler *h;
	int n, bound = 0;

	(void)arg;
	for (h = __start_syscall_set; h < __stop_syscall_set; h++)
		if (!h->sh_default)
			syscall_bind(h);
	for (h = __start_syscall_set; h < __stop_syscall_set; h++)
		if (h->sh_default)
			syscall_bind(h);
	for (n = 1; n < sysent_count; n++)
		bound += sysent[n].sy_call != NULL;
	lwkt_initport_putonly(&syscall_port, syscall_putport);
	syscall_port.mp_abortport = syscall_abortport;
	lwkt_initport_replyonly_null(&syscall_replyport);
	trap_set_handler(VEC_SYSCALL, syscall_trap);
	kprintf("syscall: %d of %d calls have a handler\n", bound,
	    sysent_count - 1);
}

SYSINIT(syscall, SI_SUB_SYSCALL, SI_ORDER_FIRST, syscall_init, NULL);
