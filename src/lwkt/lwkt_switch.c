/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Choosing and switching threads, scheduling, preemption, deferred work.
 * Every function here runs on the CPU whose queues it touches.
 */
#include <stddef.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/trap.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/ktr.h"
#include "kern/panic.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/lwkt_internal.h"
#include "lwkt/token.h"

_Static_assert(offsetof(struct thread, td_sp) == TD_SP, "TD_SP");

/* In "schedule a thread, locally or by IPI"; interrupts use it too. */
static void _lwkt_schedule(struct thread *td, int ccount);

/* Give the CPU to the best runnable thread whose tokens can be had. */
void
lwkt_switch(void)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	struct lwkt_runq *rq = &gd->gd_runq;
	struct thread *ntd, *prev;

	crit_enter_gd(gd);
	atomic_clear_int(&gd->gd_reqflags, RQF_AST_LWKT_RESCHED);
	if (td->td_ntoks > 0)
		lwkt_relalltokens(td);
	/* (the user scheduler adds the release of a process's turn) */
	if (td->td_release != NULL && (td->td_flags & TDF_RUNQ) == 0)
		td->td_release(td);
	if (td->td_preempted != NULL) {
		ntd = td->td_preempted;
		td->td_preempted = NULL;
		if (lwkt_runq_highest(rq) > ntd->td_pri)
			need_lwkt_resched();
	} else {
		ntd = lwkt_runq_first(rq);
		if ((td->td_flags & TDF_RUNQ) != 0 &&
		    ntd->td_pri == td->td_pri) {
			lwkt_runq_rotate(rq, td);
			ntd = TAILQ_FIRST(&rq->rq_queue[td->td_pri]);
		}
		for (; ntd != NULL; ntd = lwkt_runq_next(rq, ntd))
			if (ntd->td_ntoks == 0 || lwkt_getalltokens(ntd))
				break;
		if (ntd == NULL)
			ntd = gd->gd_idlethread;
	}
	KASSERT(ntd->td_gd == gd &&
	    (ntd == td || (ntd->td_flags & TDF_RUNNING) == 0),
	    ("lwkt_switch: cannot run %s", ntd->td_name));
	if (ntd != td) {
		++gd->gd_cnt_switch;
		KTR_LOG(KTR_SWITCH, td, ntd, ntd->td_name);
		ntd->td_flags |= TDF_RUNNING;
		gd->gd_curthread = ntd;
		/* (the chapters of user processes add what a thread's CPU state needs) */
		if (gd->gd_cr3 !=
		    (ntd->td_cr3 != 0 ? ntd->td_cr3 : pmap_kernel_pd()))
			vmspace_switch(gd, ntd);	/* another directory: load it */
		gd->gd_tss.tss_esp0 = (uint32_t)(uintptr_t)(ntd->td_kstack +
		    ntd->td_kstack_size);
		prev = cpu_lwkt_switch(td, ntd);
		lwkt_switch_return(prev);	/* td again, maybe elsewhere */
	}
	crit_exit_quick(td);
}
/* IPI handler: schedule arg on this CPU (or forward it again). */
static void
lwkt_schedule_remote(void *arg)
{
	lwkt_schedule(arg);
}

/* lwkt_schedule; ccount: critical levels the caller holds for itself. */
static void
_lwkt_schedule(struct thread *td, int ccount)
{
	struct globaldata *gd = mycpu;

	crit_enter_gd(gd);
	if ((td->td_flags & TDF_MIGRATING) != 0) {
		/* In transit: its new CPU schedules it on arrival. */
		crit_exit_gd(gd);
		return;
	}
	cpu_ccfence();		/* the flag, then td_gd: see lwkt_setcpu_remote */
	if (td->td_gd == gd) {
		if ((td->td_flags & TDF_RUNQ) == 0) {
			lwkt_runq_insert(&gd->gd_runq, td);
			lwkt_schedule_post(gd, td, ccount + 1);
		}
	} else {
		lwkt_send_ipiq(td->td_gd, lwkt_schedule_remote, td);
	}
	crit_exit_gd(gd);
}

/* Make TD runnable here or on its CPU; any thread, any CPU. */
void
lwkt_schedule(struct thread *td)
{
	_lwkt_schedule(td, 0);
}

/* IPI handler: deschedule arg on this CPU (or forward it again). */
static void
lwkt_deschedule_remote(void *arg)
{
	lwkt_deschedule(arg);
}

/* Make TD not runnable, on its own CPU (by IPI if need be). */
void
lwkt_deschedule(struct thread *td)
{
	struct globaldata *gd = mycpu;

	crit_enter_gd(gd);
	if (td->td_gd == gd) {
		if ((td->td_flags & TDF_RUNQ) != 0)
			lwkt_runq_remove(&gd->gd_runq, td);
	} else {
		lwkt_send_ipiq(td->td_gd, lwkt_deschedule_remote, td);
	}
	crit_exit_gd(gd);
}

/* The first step of blocking: take curthread off its queue. */
void
lwkt_deschedule_self(struct thread *td)
{
	KASSERT(td == curthread, ("lwkt_deschedule_self: not curthread"));
	lwkt_deschedule(td);
}
/* TD just became runnable on GD: preempt, or ask for a reschedule. */
void
lwkt_schedule_post(struct globaldata *gd, struct thread *ntd, int ccount)
{
	if (ntd->td_pri <= gd->gd_curthread->td_pri)
		return;
	if ((ntd->td_flags & TDF_INTTHREAD) != 0)
		lwkt_preempt(ntd, ccount);
	else
		need_lwkt_resched();
}
/* Switch to interrupt thread NTD now, if the rules allow; else resched. */
void
lwkt_preempt(struct thread *ntd, int critcount)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	struct thread *prev;

	KASSERT(ntd->td_gd == gd && ntd != td,
	    ("lwkt_preempt: %s is not another thread of this CPU",
	    ntd->td_name));
	if (ntd->td_pri <= td->td_pri)
		return;
	if (td->td_critcount > critcount || !lwkt_getalltokens(ntd)) {
		++gd->gd_cnt_preempt_miss;
		need_lwkt_resched();
		return;
	}
	ntd->td_preempted = td;
	td->td_flags |= TDF_PREEMPT_LOCK;
	ntd->td_flags |= TDF_RUNNING;
	++gd->gd_cnt_preempt;
	++gd->gd_cnt_switch;
	KTR_LOG(KTR_SWITCH, td, ntd, ntd->td_name);
	gd->gd_curthread = ntd;
	prev = cpu_lwkt_switch(td, ntd);
	lwkt_switch_return(prev);
	td->td_flags &= ~TDF_PREEMPT_LOCK;
}
/* An interrupt for thread TD: schedule it, or note it for crit_exit. */
void
lwkt_schedule_interrupt(struct thread *td)
{
	struct globaldata *gd = mycpu;

	KASSERT((td->td_flags & TDF_INTTHREAD) != 0 && td->td_gd == gd,
	    ("lwkt_schedule_interrupt: %s is not an interrupt thread "
	    "of this CPU", td->td_name));
	if (gd->gd_curthread->td_critcount > 0) {
		if ((td->td_flags & TDF_INTPEND) == 0) {
			td->td_flags |= TDF_INTPEND;
			TAILQ_INSERT_TAIL(&gd->gd_intpendq, td, td_intq);
		}
		atomic_set_int(&gd->gd_reqflags, RQF_INTPEND);
		return;
	}
	crit_enter_gd(gd);
	_lwkt_schedule(td, 1);
	crit_exit_gd(gd);
}
/* crit_exit's work for the scheduler's bits (splz); then a resched. */
void
lwkt_run_deferred(void)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	struct thread *itd;

	while ((gd->gd_reqflags & (RQF_IPIQ | RQF_INTPEND | RQF_TIMER)) != 0) {
		++td->td_critcount;
		if ((gd->gd_reqflags & RQF_IPIQ) != 0) {
			atomic_clear_int(&gd->gd_reqflags, RQF_IPIQ);
			lwkt_process_ipiq();
		}
		if ((gd->gd_reqflags & RQF_INTPEND) != 0) {
			atomic_clear_int(&gd->gd_reqflags, RQF_INTPEND);
			while ((itd = TAILQ_FIRST(&gd->gd_intpendq)) != NULL) {
				TAILQ_REMOVE(&gd->gd_intpendq, itd, td_intq);
				itd->td_flags &= ~TDF_INTPEND;
				_lwkt_schedule(itd, 1);
			}
		}
		if ((gd->gd_reqflags & RQF_TIMER) != 0) {
			atomic_clear_int(&gd->gd_reqflags, RQF_TIMER);
			lwkt_schedulerclock();
		}
		cpu_ccfence();
		--td->td_critcount;
	}
	if ((gd->gd_reqflags & RQF_AST_LWKT_RESCHED) != 0)
		lwkt_switch();
}
/* Let the peers of the current thread's priority run first. */
void
lwkt_yield(void)
{
	lwkt_switch();
}
/* The scheduler's clock: resched if a peer or better waits.  Crit. */
void
lwkt_schedulerclock(void)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	struct thread *first = lwkt_runq_first(&gd->gd_runq);

	KTR_LOG(KTR_TICK, td, 0, NULL);
	if (first != NULL && first->td_pri >= td->td_pri &&
	    (first != td || TAILQ_NEXT(first, td_threadq) != NULL))
		need_lwkt_resched();
}

/* The scheduler's share of every tick of every CPU: interrupts off. */
static void
lwkt_tick(struct globaldata *gd, struct trapframe *tf)
{
	(void)tf;
	if (gd->gd_curthread->td_critcount > 0) {
		atomic_set_int(&gd->gd_reqflags, RQF_TIMER);
		return;
	}
	crit_enter_gd(gd);
	lwkt_schedulerclock();
	crit_exit_gd(gd);
}

/* Registered by lwkt_init: last of a tick's work, since it may switch. */
struct tick_hook lwkt_tick_hook = { lwkt_tick, TICK_ORDER_LAST,
    "lwkt", NULL };
/* Move TD, a thread of this CPU, to priority PRI; resched if needed. */
void
lwkt_setpri(struct thread *td, int pri)
{
	struct globaldata *gd = mycpu;

	KASSERT(td->td_gd == gd, ("lwkt_setpri: %s is not ours", td->td_name));
	KASSERT(pri >= 0 && pri <= TDPRI_MAX, ("lwkt_setpri: %d", pri));
	crit_enter_gd(gd);
	if ((td->td_flags & TDF_RUNQ) != 0) {
		lwkt_runq_remove(&gd->gd_runq, td);
		td->td_pri = pri;
		lwkt_runq_insert(&gd->gd_runq, td);
	} else {
		td->td_pri = pri;
	}
	if (lwkt_runq_highest(&gd->gd_runq) > gd->gd_curthread->td_pri)
		need_lwkt_resched();
	crit_exit_gd(gd);
}

/* lwkt_setpri of the current thread. */
void
lwkt_setpri_self(int pri)
{
	lwkt_setpri(curthread, pri);
}
/* For lwkt_switch and lwkt_preempt, on td's CPU, in a critical section. */
int
lwkt_getalltokens(struct thread *td)
{
	int i;

	for (i = 0; i < td->td_ntoks; i++) {
		if (!lwkt_token_acquire(td->td_toks[i], td)) {
			while (--i >= 0)
				lwkt_token_release(td->td_toks[i], td);
			return 0;
		}
	}
	return 1;
}

/* For lwkt_switch: td leaves its CPU; its list is kept. */
void
lwkt_relalltokens(struct thread *td)
{
	int i;

	for (i = 0; i < td->td_ntoks; i++)
		lwkt_token_release(td->td_toks[i], td);
}
