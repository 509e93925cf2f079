/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Creating, starting and ending threads; thread0 and the idle thread.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "arch/i386/backtrace.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/mp.h"
#include "ipi/ipiq.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/lwkt_internal.h"
#include "vm/kmalloc.h"

#define PSL_RESERVED	0x0002	/* EFLAGS bit 1: always set */

/* Make td's first switch "return" into cpu_kthread_start. */
static void
lwkt_init_stack(struct thread *td)
{
	struct lwkt_switchframe *sf;

	sf = (struct lwkt_switchframe *)(td->td_kstack + td->td_kstack_size) -
	    1;
	kmemset(sf, 0, sizeof(*sf));
	sf->sf_eflags = PSL_RESERVED |
	    (td->td_gd->gd_intr_enabled ? PSL_I : 0);
	sf->sf_eip = (uint32_t)(uintptr_t)cpu_kthread_start;
	td->td_sp = sf;
}
/* Put arg on its CPU's list of threads; runs on that CPU. */
static void
lwkt_adopt(void *arg)
{
	struct thread *td = arg;

	crit_enter();
	TAILQ_INSERT_TAIL(&td->td_gd->gd_tdallq, td, td_allq);
	crit_exit();
}
/* A new thread running FUNC(ARG) on CPU; scheduled unless TDF_NOSTART. */
int
lwkt_create(void (*func)(void *), void *arg, struct thread **tdp,
    int tdflags, int cpu, const char *fmt, ...)
{
	struct globaldata *gd = cpu < 0 ? mycpu : globaldata_find(cpu);
	struct thread *td;
	va_list ap;

	KASSERT(gd != NULL, ("lwkt_create: no CPU %d", cpu));
	td = lwkt_alloc_thread();
	if (td == NULL)
		return -ENOMEM;
	td->td_gd = gd;
	td->td_pri = TDPRI_KERN_DAEMON;
	td->td_critcount = 1;
	td->td_flags |= tdflags & TDF_INTTHREAD;
	td->td_start = func;
	td->td_startarg = arg;
	va_start(ap, fmt);
	kvsnprintf(td->td_name, sizeof(td->td_name), fmt, ap);
	va_end(ap);
	lwkt_init_stack(td);
	if (tdp != NULL)
		*tdp = td;
	if (gd == mycpu)
		lwkt_adopt(td);
	else
		lwkt_send_ipiq(gd, lwkt_adopt, td);
	if ((tdflags & TDF_NOSTART) == 0)
		lwkt_schedule(td);
	return 0;
}
/* A new thread's first C: finish PREV's switch, leave the birth section. */
void
lwkt_thread_start(struct thread *prev)
{
	struct thread *td = curthread;

	lwkt_switch_return(prev);
	crit_exit();
	td->td_start(td->td_startarg);
	lwkt_exit();
}
/* End the current thread; the next thread to run frees it. */
void
lwkt_exit(void)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;

	KASSERT(td->td_ntoks == 0,
	    ("lwkt_exit: %s exits holding %d tokens", td->td_name,
	    td->td_ntoks));
	KASSERT(td != gd->gd_idlethread, ("lwkt_exit: the idle thread"));
	crit_enter_gd(gd);
	td->td_flags |= TDF_EXITING;
	TAILQ_REMOVE(&gd->gd_tdallq, td, td_allq);
	lwkt_deschedule_self(td);
	lwkt_switch();
	panic("lwkt_exit: dead thread %s resumed", td->td_name);
}
/* The idle thread: switch when there is work, else halt. */
static void
lwkt_idle_loop(void *arg)
{
	struct globaldata *gd = mycpu;

	(void)arg;
	for (;;) {
		if (lwkt_runq_first(&gd->gd_runq) == NULL &&
		    (gd->gd_reqflags & RQF_DEFERRED_MASK) == 0) {
			if (!gd->gd_intr_enabled)
				panic("cpu%d: every thread is blocked and "
				    "interrupts are off: deadlock",
				    gd->gd_cpuid);
			cpu_disable_intr();
			if (lwkt_runq_first(&gd->gd_runq) == NULL &&
			    (gd->gd_reqflags & RQF_DEFERRED_MASK) == 0)
				__asm__ __volatile__("sti; hlt" : : : "memory");
			else
				__asm__ __volatile__("sti" : : : "memory");
		}
		lwkt_switch();
	}
}
/* An AP's last step: its start-up context is its idle thread. */
void
lwkt_idle(void)
{
	KASSERT(curthread == mycpu->gd_idlethread,
	    ("lwkt_idle: %s is not the idle thread", curthread->td_name));
	lwkt_idle_loop(NULL);
	panic("lwkt_idle: the idle loop returned");
}
/* Per-CPU initializer: gd's empty queues; an AP's first thread idles. */
static void
lwkt_gdinit(struct globaldata *gd)
{
	struct thread *td = gd->gd_curthread;

	lwkt_runq_init(&gd->gd_runq);
	TAILQ_INIT(&gd->gd_tdallq);
	TAILQ_INIT(&gd->gd_intpendq);
	if (gd == &globaldata0 || td == NULL)
		return;
	td->td_flags = TDF_RUNNING;
	td->td_pri = TDPRI_IDLE_THREAD;
	ksnprintf(td->td_name, sizeof(td->td_name), "idle%d", gd->gd_cpuid);
	gd->gd_idlethread = td;
	TAILQ_INSERT_TAIL(&gd->gd_tdallq, td, td_allq);
}

static struct gdinit lwkt_gdinit_hook = { lwkt_gdinit, "lwkt", NULL };
/* Is addr on td's stack?  Then its bounds in *lo, *hi. */
static int
lwkt_stack_holds(const struct thread *td, uintptr_t addr, uintptr_t *lo,
    uintptr_t *hi)
{
	uintptr_t base = (uintptr_t)td->td_kstack;

	if (addr < base || addr >= base + td->td_kstack_size)
		return 0;
	*lo = base;
	*hi = base + td->td_kstack_size;
	return 1;
}

/* The stack of a thread of this CPU holding ADDR; for backtraces. */
int
lwkt_stack_bounds(uintptr_t addr, uintptr_t *lo, uintptr_t *hi)
{
	struct globaldata *gd = mycpu;
	struct thread *td;

	if (gd->gd_curthread == NULL)		/* before lwkt_init */
		return 0;
	if (lwkt_stack_holds(gd->gd_curthread, addr, lo, hi))
		return 1;
	TAILQ_FOREACH(td, &gd->gd_tdallq, td_allq)
		if (lwkt_stack_holds(td, addr, lo, hi))
			return 1;
	return 0;
}
/* A word for the state of td, for the threads command. */
static const char *
lwkt_state(const struct thread *td)
{
	if (td == td->td_gd->gd_curthread)
		return "run";
	if ((td->td_flags & TDF_PREEMPT_LOCK) != 0)
		return "preempted";
	if ((td->td_flags & TDF_RUNQ) != 0)
		return "ready";
	if ((td->td_flags & TDF_TSLEEPQ) != 0)
		return "sleep";
	return td == td->td_gd->gd_idlethread ? "idle" : "stopped";
}

/* One line of the threads command. */
static void
lwkt_print_thread(const struct thread *td)
{
	kprintf("%3d %3d %4d  %-9s %-8s %s\n", td->td_gd->gd_cpuid,
	    td->td_pri, td->td_critcount, lwkt_state(td),
	    td->td_wmesg != NULL && (td->td_flags & TDF_TSLEEPQ) != 0 ?
	    td->td_wmesg : "-", td->td_name);
}

/* Every thread of every CPU, read without locks (a debugging aid). */
void
lwkt_print_threads(void)
{
	struct globaldata *gd;
	struct thread *td;
	int cpu;

	kprintf("cpu pri crit  state     wait     name\n");
	for (cpu = 0; cpu < ncpus; cpu++) {
		if ((gd = globaldata_find(cpu)) == NULL)
			continue;
		TAILQ_FOREACH(td, &gd->gd_tdallq, td_allq)
			lwkt_print_thread(td);
		kprintf("cpu%d: %llu switches, %llu preemptions\n", cpu,
		    (unsigned long long)gd->gd_cnt_switch,
		    (unsigned long long)gd->gd_cnt_preempt);
	}
}
/* The monitor's threads command. */
static int
lwkt_threads_command(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	lwkt_print_threads();
	return 0;
}

MONITOR_COMMAND(threads, "threads", "threads",
    "list the threads of every CPU", lwkt_threads_command);
/* The scheduler's boot step: thread0, the idle thread, the hooks. */
static void
lwkt_init(void *arg)
{
	struct globaldata *gd = &globaldata0;
	struct thread *td = &thread0;

	(void)arg;
	KASSERT(gd->gd_curthread == td && td->td_critcount == 0,
	    ("lwkt_init: not called by thread0 out of critical sections"));
	gdinit_register(&lwkt_gdinit_hook);
	td->td_flags = TDF_RUNNING;
	td->td_pri = TDPRI_KERN_DAEMON;
	TAILQ_INSERT_TAIL(&gd->gd_tdallq, td, td_allq);
	lwkt_runq_insert(&gd->gd_runq, td);
	if (lwkt_create(lwkt_idle_loop, NULL, &gd->gd_idlethread,
	    TDF_NOSTART, 0, "idle%d", gd->gd_cpuid) != 0)
		panic("lwkt_init: no memory for the idle thread");
	lwkt_setpri(gd->gd_idlethread, TDPRI_IDLE_THREAD);
	splz_register(RQF_DEFERRED_MASK, lwkt_run_deferred);
	tick_hook_register(&lwkt_tick_hook);
	backtrace_set_stacks(lwkt_stack_bounds);
	mp_set_ap_idle(lwkt_idle);
}

SYSINIT(lwkt, SI_BOOT2_LWKT, SI_ORDER_FIRST, lwkt_init, NULL);
