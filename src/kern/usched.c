/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The user scheduler's mechanism: each CPU's current user process, the
 * turn taken before user mode and given up on blocking, exit or
 * request, the clock, yield; and the default policy behind struct
 * usched (book/30-usched.nw).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/trap.h"
#include "arch/i386/tss.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/proc.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "kern/usched.h"

static void usched_select_and_run(struct globaldata *gd);

struct spinlock usched_spin = SPINLOCK_INITIALIZER;
struct usched *usched_policy = &usched_default;
volatile uint32_t usched_violations;
static int usched_nqueued;		/* processes with UP_QUEUED */

/* The policy's clock: CPU 0's ticks, which only grow. */
uint32_t
usched_ticks(void)
{
	return globaldata0.gd_ticks;
}
/* Take usched_spin, interrupts off; the flags to give back. */
static uint32_t
usched_lock(void)
{
	uint32_t eflags = read_eflags();

	cpu_disable_intr();
	spin_lock(&usched_spin);
	return eflags;
}

/* Release usched_spin; interrupts as they were at usched_lock. */
static void
usched_unlock(uint32_t eflags)
{
	spin_unlock(&usched_spin);
	if ((eflags & PSL_I) != 0)
		cpu_enable_intr();
}
/* Under usched_spin: GD's current process gives way at its next
 * return to user mode; another CPU is interrupted after the unlock. */
void
usched_need_resched(struct globaldata *gd)
{
	gd->gd_usched_resched = USCHED_RELEASE_SLICE;
	if (gd != mycpu)
		mycpu->gd_usched_kick |= CPUMASK(gd->gd_cpuid);
}

/* IPI: give this CPU a current process if it has none (a need to give
 * way is read by the interrupted process itself, in userret). */
static void
usched_kick(void *arg)
{
	(void)arg;
	usched_select_and_run(mycpu);
}

/* After usched_spin is released, in a critical section: interrupt the
 * CPUs collected in gd_usched_kick, and TARGET if it is another CPU. */
static void
usched_send_kicks(int target)
{
	struct globaldata *gd = mycpu;
	cpumask_t mask = gd->gd_usched_kick;
	int cpu;

	gd->gd_usched_kick = 0;
	if (target >= 0 && target != gd->gd_cpuid)
		mask |= CPUMASK(target);
	for (cpu = 0; mask != 0; cpu++) {
		if ((mask & CPUMASK(cpu)) == 0)
			continue;
		mask &= ~CPUMASK(cpu);
		lwkt_send_ipiq(globaldata_find(cpu), usched_kick, NULL);
	}
}
/* Under usched_spin, on GD's CPU, which has no current process: NP,
 * which does not wait (any more), becomes it. */
static void
usched_make_current_locked(struct globaldata *gd, struct proc *np)
{
	np->p_usched.up_flags |= UP_CURRENT;
	np->p_usched.up_cpu = gd->gd_cpuid;
	gd->gd_uschedcp = np;
	gd->gd_usched_resched = 0;
	gd->gd_usched_selects++;
}

/* Under usched_spin, on GD's CPU: if GD has no current process and one
 * waits, make the policy's choice current; it, or NULL. */
static struct proc *
usched_select_locked(struct globaldata *gd)
{
	struct proc *np;

	if (gd->gd_uschedcp != NULL || usched_nqueued == 0)
		return NULL;
	np = usched_policy->select_curproc(gd);
	if (np == NULL)
		return NULL;
	KASSERT((np->p_usched.up_flags & (UP_QUEUED | UP_CURRENT)) ==
	    UP_QUEUED, ("usched %s: chose pid %d, which does not wait",
	    usched_policy->name, np->p_pid));
	np->p_usched.up_flags &= ~UP_QUEUED;
	usched_nqueued--;
	usched_make_current_locked(gd, np);
	return np;
}

/* On GD's CPU, in a critical section: a current process for GD if it
 * has none and one waits; its thread is scheduled. */
static void
usched_select_and_run(struct globaldata *gd)
{
	struct proc *np;
	uint32_t ef;

	ef = usched_lock();
	np = usched_select_locked(gd);
	usched_unlock(ef);
	usched_send_kicks(-1);
	if (np != NULL)
		lwkt_schedule(np->p_thread);
}

/* Under usched_spin: P, GD's current process, stops being it. */
static void
usched_release_locked(struct globaldata *gd, struct proc *p, int why)
{
	KASSERT(gd->gd_uschedcp == p, ("usched: pid %d is not current",
	    p->p_pid));
	usched_policy->release_curproc(gd, p, why);
	p->p_usched.up_flags &= ~UP_CURRENT;
	gd->gd_uschedcp = NULL;
	gd->gd_usched_resched = 0;
}
/* Is TD, a current process's thread, preempted on GD in a system
 * call: on GD's run queue, not running, last entered by the gate? */
static int
usched_preempted_in_syscall(struct globaldata *gd, struct thread *td)
{
	return td->td_gd == gd &&
	    (td->td_flags & (TDF_RUNQ | TDF_RUNNING)) == TDF_RUNQ &&
	    td->td_frame != NULL && td->td_frame->tf_trapno == VEC_SYSCALL;
}
/* Under usched_spin, on GD's CPU: P, which wants a CPU and does not
 * wait for one yet, becomes GD's current process at once if GD has
 * none, no process waits, and the policy's take_idle agrees; 1 if so. */
static int
usched_take_idle_locked(struct globaldata *gd, struct proc *p)
{
	if (gd->gd_uschedcp != NULL || usched_nqueued != 0 ||
	    (p->p_usched.up_flags & (UP_QUEUED | UP_CURRENT)) != 0 ||
	    usched_policy->take_idle == NULL ||
	    !usched_policy->take_idle(gd, p))
		return 0;
	usched_make_current_locked(gd, p);
	gd->gd_usched_idle_takes++;
	return 1;
}
/* P's thread, on its way to user mode: return as the current process
 * of this CPU, waiting for a turn if need be.  Called with interrupts
 * on; returns with them off, current, for the return to user mode. */
void
acquire_curproc(struct proc *p)
{
	struct thread *td = curthread;
	struct usched_proc *up = &p->p_usched;
	struct globaldata *gd;
	struct proc *np;
	int target, wait;
	uint32_t ef;

again:
	for (;;) {
		crit_enter();
		gd = mycpu;
		ef = usched_lock();
		if (gd->gd_uschedcp == p && !gd->gd_usched_resched) {
			usched_unlock(ef);
			crit_exit();
			break;
		}
		if (gd->gd_uschedcp == p)
			usched_release_locked(gd, p, gd->gd_usched_resched);
		if ((up->up_flags & UP_CURRENT) != 0) {
			target = up->up_cpu;	/* chosen elsewhere: go */
			usched_unlock(ef);
			crit_exit();
			lwkt_setcpu_self(globaldata_find(target));
			continue;
		}
		np = gd->gd_uschedcp;
		if (np != NULL && np != p && (up->up_flags & UP_QUEUED) == 0 &&
		    up->up_cpu >= 0 && usched_preempted_in_syscall(gd, np->p_thread))
			usched_release_locked(gd, np, USCHED_RELEASE_SLICE);
		if (usched_take_idle_locked(gd, p)) {
			usched_unlock(ef);
			crit_exit();
			break;
		}
		target = -1;
		if ((up->up_flags & UP_QUEUED) == 0) {
			target = usched_policy->setrunqueue(p);
			up->up_flags |= UP_QUEUED;
			usched_nqueued++;
		}
		np = usched_select_locked(gd);
		wait = gd->gd_uschedcp != p;
		if (wait)
			lwkt_deschedule_self(td);
		usched_unlock(ef);
		usched_send_kicks(target);
		if (np == p) {		/* chosen at once: no need to look again */
			crit_exit();
			break;
		}
		if (np != NULL)
			lwkt_schedule(np->p_thread);
		if (wait)
			lwkt_switch();
		crit_exit();
	}
	if (td->td_pri != TDPRI_USER_NORM)
		lwkt_setpri_self(TDPRI_USER_NORM);
	cpu_disable_intr();
	gd = mycpu;
	if (gd->gd_uschedcp != p || gd->gd_usched_resched != 0) {
		cpu_enable_intr();		/* the turn went meanwhile */
		goto again;
	}
}
/* userret's question, interrupts off: must TD take its turn again (it
 * is not current here, it was asked to give way, or its priority is
 * not yet a user's)? */
static int
usched_userret_pending(struct thread *td)
{
	struct globaldata *gd = mycpu;
	struct proc *p = td->td_proc;

	return p != NULL && (gd->gd_uschedcp != p ||
	    gd->gd_usched_resched != 0 || td->td_pri != TDPRI_USER_NORM);
}

/* userret hook: a process returns to user mode only in its turn. */
static void
usched_userret(struct trapframe *tf)
{
	struct proc *p = curproc;

	(void)tf;
	if (p != NULL)
		acquire_curproc(p);
}
/* td_release of a process's thread, from lwkt_switch in a critical
 * section: it blocks, moves or exits; its turn goes to another. */
static void
usched_thread_stops(struct thread *td)
{
	struct globaldata *gd = mycpu;
	struct proc *p = td->td_proc, *np;
	uint32_t ef;

	if (p == NULL)
		return;
	td->td_pri = TDPRI_KERN_USER;	/* off the run queue: a plain store */
	if (gd->gd_uschedcp != p)
		return;
	ef = usched_lock();
	usched_release_locked(gd, p, USCHED_RELEASE_BLOCK);
	np = usched_select_locked(gd);
	usched_unlock(ef);
	usched_send_kicks(-1);
	if (np != NULL)
		lwkt_schedule(np->p_thread);
}
/* Fork hook: CHILD's thread reports its blocks; the policy's fields. */
static int
usched_proc_fork(struct proc *parent, struct proc *child)
{
	struct thread *td = child->p_thread;
	uint32_t ef;

	kmemset(&child->p_usched, 0, sizeof(child->p_usched));
	child->p_usched.up_cpu = -1;
	td->td_release = usched_thread_stops;
	td->td_pri = TDPRI_KERN_USER;	/* not started: a plain store */
	ef = usched_lock();
	usched_policy->forking(parent, child);
	usched_unlock(ef);
	return 0;
}

/* Exit hook: P leaves the queues and gives up its turn. */
static void
usched_proc_exit(struct proc *p)
{
	struct globaldata *gd;
	struct proc *np = NULL;
	uint32_t ef;

	crit_enter();
	gd = mycpu;
	ef = usched_lock();
	usched_policy->exiting(p);
	if ((p->p_usched.up_flags & UP_QUEUED) != 0)
		usched_nqueued--;
	if (gd->gd_uschedcp == p) {
		usched_release_locked(gd, p, USCHED_RELEASE_EXIT);
		np = usched_select_locked(gd);
	}
	KASSERT((p->p_usched.up_flags & UP_CURRENT) == 0,
	    ("usched: pid %d exits current on another CPU", p->p_pid));
	p->p_usched.up_flags = 0;
	usched_unlock(ef);
	usched_send_kicks(-1);
	if (np != NULL)
		lwkt_schedule(np->p_thread);
	crit_exit();
}
/* Tick hook, interrupts off: charge the tick, run the policy's clock,
 * or choose for an idle CPU; count a broken rule. */
static void
usched_tick(struct globaldata *gd, struct trapframe *tf)
{
	struct thread *td = gd->gd_curthread;
	struct proc *p;
	uint32_t ef;

	crit_enter_gd(gd);
	p = gd->gd_uschedcp;
	if (trapframe_from_user(tf) && td->td_proc != NULL &&
	    td->td_proc != p)
		usched_violations++;
	if (p == NULL) {
		if (usched_nqueued > 0)
			usched_select_and_run(gd);
	} else if (td == p->p_thread) {
		p->p_usched.up_ticks++;
		if (trapframe_from_user(tf))
			p->p_usched.up_uticks++;
		gd->gd_usched_busy++;
		ef = usched_lock();
		usched_policy->schedulerclock(gd, p);
		usched_unlock(ef);
		usched_send_kicks(-1);
	}
	crit_exit_gd(gd);
}
/* yield(): the caller's turn ends at its return to user mode. */
static int
sys_usched_yield(struct yield_args *uap)
{
	struct globaldata *gd;

	(void)uap;
	crit_enter();
	gd = mycpu;
	if (gd->gd_uschedcp == curproc)
		gd->gd_usched_resched = USCHED_RELEASE_YIELD;
	crit_exit();
	return 0;
}

SYSCALL_HANDLER(yield, sys_usched_yield);
static struct usched_queues usched_dflt_queues;	/* under usched_spin */

/* The process whose default-policy fields E are. */
static struct proc *
usched_dflt_proc(struct usched_entity *e)
{
	return (struct proc *)((char *)e -
	    offsetof(struct proc, p_usched.up_ent));
}

/* init: every CPU's queues empty. */
static void
usched_dflt_init(void)
{
	usched_queues_init(&usched_dflt_queues, ncpus);
}

/* setrunqueue: P's level now, its CPU, and a preemption if earned. */
static int
usched_dflt_setrunqueue(struct proc *p)
{
	struct usched_entity *e = &p->p_usched.up_ent;
	int cpu;

	usched_reprioritize(e, usched_ticks());
	cpu = usched_choose_cpu(&usched_dflt_queues, e);
	usched_queue_insert(&usched_dflt_queues, cpu, e);
	if (usched_preempts(&usched_dflt_queues, cpu, e))
		usched_need_resched(globaldata_find(cpu));
	return cpu;
}

/* select_curproc: the choice for GD, whose slice starts now. */
static struct proc *
usched_dflt_select(struct globaldata *gd)
{
	struct usched_entity *e;

	e = usched_choose_next(&usched_dflt_queues, gd->gd_cpuid);
	if (e == NULL)
		return NULL;
	e->ue_slice = 0;
	e->ue_cpu = gd->gd_cpuid;
	usched_dflt_queues.us_cpu[gd->gd_cpuid].uq_curlevel = e->ue_level;
	return usched_dflt_proc(e);
}

/* schedulerclock: charge P's tick; give way when its slice is over. */
static void
usched_dflt_clock(struct globaldata *gd, struct proc *p)
{
	struct usched_entity *e = &p->p_usched.up_ent;

	usched_queues_decay(&usched_dflt_queues, usched_ticks());
	usched_charge_tick(e, usched_ticks());
	e->ue_slice++;
	usched_dflt_queues.us_cpu[gd->gd_cpuid].uq_curlevel = e->ue_level;
	if (usched_slice_over(&usched_dflt_queues, gd->gd_cpuid, e))
		usched_need_resched(gd);
}

/* release_curproc: GD has no current process any more; a yield()
 * costs the program a tick of recent use. */
static void
usched_dflt_release(struct globaldata *gd, struct proc *p, int why)
{
	if (why == USCHED_RELEASE_YIELD)
		usched_charge_tick(&p->p_usched.up_ent, usched_ticks());
	usched_dflt_queues.us_cpu[gd->gd_cpuid].uq_curlevel = -1;
}

/* forking: CHILD inherits PARENT's recent use, not its place. */
static void
usched_dflt_forking(struct proc *parent, struct proc *child)
{
	struct usched_entity *e = &child->p_usched.up_ent;

	e->ue_estcpu = parent->p_usched.up_ent.ue_estcpu;
	e->ue_decayed = parent->p_usched.up_ent.ue_decayed;
	e->ue_cpu = -1;
	usched_reprioritize(e, usched_ticks());
}

/* exiting: off the queues if it is on them. */
static void
usched_dflt_exiting(struct proc *p)
{
	if (p->p_usched.up_ent.ue_queued)
		usched_queue_remove(&usched_dflt_queues, &p->p_usched.up_ent);
}

/* take_idle: GD is idle and nobody waits; P is current there at once
 * if GD is the CPU the policy would queue it on. */
static int
usched_dflt_take_idle(struct globaldata *gd, struct proc *p)
{
	return usched_take_idle(&usched_dflt_queues, gd->gd_cpuid,
	    &p->p_usched.up_ent, usched_ticks());
}

struct usched usched_default = {
	"default", usched_dflt_init, usched_dflt_setrunqueue,
	usched_dflt_select, usched_dflt_clock, usched_dflt_release,
	usched_dflt_forking, usched_dflt_exiting, usched_dflt_take_idle,
};
static struct userret_hook usched_userret_hook = {
	usched_userret, usched_userret_pending, "usched", NULL };
static struct proc_hook usched_proc_hook = {
	usched_proc_fork, usched_proc_exit, NULL, "usched", NULL };
static struct tick_hook usched_tick_hook = {
	usched_tick, TICK_ORDER_LAST - 10, "usched", NULL };

/* Boot: the policy's state, and the hooks of userret, fork/exit and
 * the tick. */
static void
usched_init(void *arg)
{
	(void)arg;
	usched_policy->init();
	userret_hook_register(&usched_userret_hook);
	proc_hook_register(&usched_proc_hook);
	tick_hook_register(&usched_tick_hook);
}

SYSINIT(usched, SI_SUB_USCHED, SI_ORDER_FIRST, usched_init, NULL);
/* Monitor: usched -- each CPU's current process and counts. */
static int
usched_command(int argc, char **argv)
{
	struct globaldata *gd;
	struct proc *p;
	int cpu;

	(void)argc;
	(void)argv;
	kprintf("policy %s, %d waiting, %u violations\n",
	    usched_policy->name, usched_nqueued, usched_violations);
	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		p = gd->gd_uschedcp;
		kprintf("cpu%d: current %d, %u busy ticks of %u, %u turns "
		    "(%u at once)\n", cpu, p != NULL ? p->p_pid : -1,
		    gd->gd_usched_busy, gd->gd_ticks, gd->gd_usched_selects,
		    gd->gd_usched_idle_takes);
	}
	return 0;
}

MONITOR_COMMAND(usched, "usched", "usched",
    "the user scheduler: each CPU's current process", usched_command);
