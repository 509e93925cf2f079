/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * User mode: segments and a TSS on every CPU, the system call gate,
 * user exceptions turned into signals, the work before returning.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/segments.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "ipi/ipiq.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/signal.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "vm/vmspace.h"

_Static_assert(offsetof(struct trapframe, tf_cs) == TF_CS, "TF_CS");
_Static_assert(sizeof(struct i386tss) == 104, "struct i386tss");

#define CR0_EM	0x00000004u	/* no FPU: x87 instructions fault */

/* On every CPU, once: user segments and TSS in its GDT, TR, no FPU. */
static void
usermode_cpu_init(void *arg)
{
	struct globaldata *gd = mycpu;
	struct region_descriptor rd;
	uint64_t *gdt;

	(void)arg;
	__asm__ __volatile__("sgdt %0" : "=m"(rd));
	gdt = (uint64_t *)(uintptr_t)rd.rd_base;
	gdt[GDT_UCODE] = gdt_descriptor(0, 0xfffff,
	    SEG_P | SEG_DPL(3) | SEG_S | SEG_CODE_XR, SEG_G | SEG_D);
	gdt[GDT_UDATA] = gdt_descriptor(0, 0xfffff,
	    SEG_P | SEG_DPL(3) | SEG_S | SEG_DATA_RW, SEG_G | SEG_D);
	kmemset(&gd->gd_tss, 0, sizeof(gd->gd_tss));
	gd->gd_tss.tss_ss0 = GDT_KDATA_SEL;
	gd->gd_tss.tss_esp0 = (uint32_t)(uintptr_t)(curthread->td_kstack +
	    curthread->td_kstack_size);
	gd->gd_tss.tss_iomap = sizeof(gd->gd_tss);
	gdt[GDT_TSS] = gdt_descriptor((uint32_t)(uintptr_t)&gd->gd_tss,
	    sizeof(gd->gd_tss) - 1, SEG_P | SEG_DPL(0) | SEG_TSS32, 0);
	__asm__ __volatile__("ltr %w0" : : "r"(GDT_TSS_SEL));
	__asm__ __volatile__("movl %%cr0, %%eax\n\t"
	    "orl %0, %%eax\n\t"
	    "movl %%eax, %%cr0" : : "i"(CR0_EM) : "eax", "memory");
}
/* Give the gates a program may raise DPL 3; boot CPU, before any. */
static void
usermode_open_gate(void)
{
	struct region_descriptor rd;
	struct gate_descriptor *idt;

	__asm__ __volatile__("sidt %0" : "=m"(rd));
	idt = (struct gate_descriptor *)(uintptr_t)rd.rd_base;
	idt[VEC_SYSCALL].gd_type |= GATE_DPL_USER;
	idt[TRAP_BP].gd_type |= GATE_DPL_USER;
	idt[TRAP_OF].gd_type |= GATE_DPL_USER;
}
static struct userret_hook *userret_hooks;

/* Boot: add H to the work before every return to user mode. */
void
userret_hook_register(struct userret_hook *h)
{
	struct userret_hook **pp = &userret_hooks;

	while (*pp != NULL)
		pp = &(*pp)->uh_next;
	h->uh_next = NULL;
	*pp = h;
}

/* From trapret, interrupts off: if a hook or a critical section left
 * work, that work, with interrupts on; else nothing (the common case). */
void
userret(struct trapframe *tf)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	struct userret_hook *h;

	for (h = userret_hooks; h != NULL; h = h->uh_next)
		if (h->uh_pending == NULL || h->uh_pending(td))
			break;
	if (h == NULL && gd->gd_reqflags == 0)
		return;
	cpu_enable_intr();
	crit_enter_gd(gd);		/* its end runs what was deferred */
	crit_exit_gd(gd);
	for (h = userret_hooks; h != NULL; h = h->uh_next)
		h->uh_func(tf);
	cpu_disable_intr();
}
/* Before TD first runs: room for its user frame at its stack's top. */
void
cpu_thread_make_user(struct thread *td)
{
	char *top = td->td_kstack + td->td_kstack_size;
	char *sp = td->td_sp;
	size_t used = (size_t)(top - sp);

	KASSERT((td->td_flags & TDF_RUNNING) == 0 && used < 256,
	    ("cpu_thread_make_user: %s has run", td->td_name));
	kmemcpy(sp - sizeof(struct trapframe), sp, used);
	td->td_sp = sp - sizeof(struct trapframe);
	td->td_frame = (struct trapframe *)(top - sizeof(struct trapframe));
	kmemset(td->td_frame, 0, sizeof(struct trapframe));
}

/* A frame that starts a program at EIP with stack ESP, in ring 3. */
void
cpu_user_frame_init(struct trapframe *tf, uint32_t eip, uint32_t esp)
{
	kmemset(tf, 0, sizeof(*tf));
	tf->tf_eip = eip;
	tf->tf_cs = GDT_UCODE_SEL;
	tf->tf_eflags = PSL_USER;
	tf->tf_esp = esp;
	tf->tf_ss = GDT_UDATA_SEL;
	tf->tf_ds = tf->tf_es = tf->tf_fs = tf->tf_gs = GDT_UDATA_SEL;
}
/* The signal for a user-mode exception VECTOR, or 0: kernel business. */
static int
usermode_signal_of(unsigned vector)
{
	switch (vector) {
	case TRAP_DE: case TRAP_MF: case TRAP_XM: case TRAP_NM:
		return SIGFPE;
	case TRAP_DB: case TRAP_BP:
		return SIGTRAP;
	case TRAP_UD:
		return SIGILL;
	case TRAP_NP: case TRAP_SS: case TRAP_AC: case TRAP_TS:
		return SIGBUS;
	case TRAP_OF: case TRAP_BR: case TRAP_GP: case TRAP_PF:
		return SIGSEGV;
	default:
		return 0;
	}
}

static trap_handler_fn *usermode_prev[TRAP_NEXCEPTIONS];

/* An exception: from user code, its signal; else as before. */
static void
usermode_exception(struct trapframe *tf)
{
	trap_handler_fn *prev = usermode_prev[tf->tf_trapno];

	if (trapframe_from_user(tf)) {
		if (tf->tf_trapno == TRAP_PF && vm_fault_trap_resolve(tf) == 0)
			return;
		user_trap_hook(tf, usermode_signal_of(tf->tf_trapno));
		return;
	}
	if (prev != NULL)
		prev(tf);
	else
		trap_unhandled(tf);
}
/* The first user_trap_hook: report the trap, end the thread. */
static void
user_trap_default(struct trapframe *tf, int sig)
{
	char report[TRAP_REPORT_MAX];

	trap_format(tf, report, sizeof(report));
	kprintf("%s: signal %d in user mode: %s\n", curthread->td_name,
	    sig, report);
	vmspace_adopt(NULL);
	lwkt_exit();
}

void (*user_trap_hook)(struct trapframe *tf, int sig) = user_trap_default;
/* VEC_SYSCALL before the dispatcher: -ENOSYS for every call. */
static void
usermode_nosys(struct trapframe *tf)
{
	tf->tf_eax = (uint32_t)-ENOSYS;
}
/* Boot: every CPU's segments, the gate, the exception handlers. */
static void
usermode_init(void *arg)
{
	unsigned v;

	(void)arg;
	lwkt_cpusync(lwkt_cpumask_running(), usermode_cpu_init, NULL);
	usermode_open_gate();
	trap_set_handler(VEC_SYSCALL, usermode_nosys);
	for (v = 0; v < TRAP_NEXCEPTIONS; v++)
		if (usermode_signal_of(v) != 0)
			usermode_prev[v] = trap_set_handler(v,
			    usermode_exception);
}

SYSINIT(usermode, SI_SUB_USERMODE, SI_ORDER_FIRST, usermode_init, NULL);
