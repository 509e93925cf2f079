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
/* Run MSG's handler now, in the caller's context; its error. */
int
syscall_dispatch(struct sysmsg *msg)
{
	return sysent[msg->sm_number].sy_call(msg);
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
		sa.sa_msg.sm_number = n;
		sa.sa_msg.sm_result = 0;
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
	trap_set_handler(VEC_SYSCALL, syscall_trap);
	kprintf("syscall: %d of %d calls have a handler\n", bound,
	    sysent_count - 1);
}

SYSINIT(syscall, SI_SUB_SYSCALL, SI_ORDER_FIRST, syscall_init, NULL);
