/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * LWKT on one CPU (Chapter "Light-weight kernel threads"): the boot
 * context as thread0, priorities, round robin, critical sections,
 * preemption by a simulated interrupt, exit and reaping, sleep and
 * wakeup.  The tests run in thread0 (priority TDPRI_KERN_DAEMON) and
 * every expected value is derived from what the test set up.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt_testlib.h"
#include "lwkt/runq.h"
#include "vm/vm_page.h"

KTEST(lwkt_boot_context_is_thread0)
{
	struct globaldata *gd = mycpu;
	struct thread *td = curthread;

	KT_ASSERT(gd == &globaldata0);
	KT_ASSERT(gd->gd_self == gd);
	KT_EXPECT_EQ(0, gd->gd_cpuid);
	KT_ASSERT(globaldata_find(0) == gd);
	if (ncpus == 1)
		KT_ASSERT(globaldata_find(1) == NULL);
	KT_EXPECT_STREQ("thread0", td->td_name);
	KT_ASSERT(td->td_gd == gd);
	KT_EXPECT_EQ(TDPRI_KERN_DAEMON, td->td_pri);
	KT_EXPECT_EQ(TDF_RUNNING | TDF_RUNQ,
	    td->td_flags & (TDF_RUNNING | TDF_RUNQ));
	KT_EXPECT_EQ(0, td->td_critcount);
	KT_EXPECT_EQ(TDPRI_IDLE_THREAD, gd->gd_idlethread->td_pri);
	KT_EXPECT_EQ(0, gd->gd_idlethread->td_flags & TDF_RUNQ);

	crit_enter();
	crit_enter();
	KT_EXPECT_EQ(2, td->td_critcount);
	crit_exit();
	crit_exit();
	KT_EXPECT_EQ(0, td->td_critcount);

	lwkt_setcpu_self(gd);		/* to our own CPU: nothing moves */
	KT_ASSERT(curthread == td && td->td_gd == gd);
}

/* ---- the flags a switch saves ------------------------------------------ */

/* PSL_I, interrupts enabled, comes from cpufunc.h. */
#define PSL_AC	0x00040000	/* alignment check: no effect in ring 0 */

static uint32_t child_eflags;

static void
write_eflags(uint32_t ef)
{
	__asm__ __volatile__("pushl %0; popfl" : : "r"(ef) : "memory", "cc");
}

static void
record_eflags(void *arg)
{
	child_eflags = read_eflags();
	kt_group_exit(arg);
}

/*
 * Each thread gets back its own EFLAGS.  The test carries a mark in AC,
 * a flag the switch saves like IF and that does nothing in the kernel,
 * so that it need not turn its CPU's interrupts off to leave a mark.
 */
KTEST(lwkt_switch_keeps_each_thread_flags)
{
	struct kt_group g = { 0 };
	struct thread *td;
	uint32_t mine = read_eflags();

	td = kt_group_create(kt, &g, record_eflags, &g, TDPRI_KERN_DAEMON + 1,
	    0, "flags");
	if (td == NULL)
		return;
	write_eflags(mine | PSL_AC);
	lwkt_schedule(td);			/* runs now, and exits */
	KT_EXPECT_EQ(PSL_AC, read_eflags() & PSL_AC);	/* ours again */
	write_eflags(mine);
	kt_group_wait(&g);
	KT_EXPECT_EQ(0, child_eflags & PSL_AC);	/* not inherited */
	KT_EXPECT_EQ(mycpu->gd_intr_enabled ? PSL_I : 0, child_eflags & PSL_I);
}

/* ---- priorities ------------------------------------------------------ */

#define NORDER	12

struct order_arg {
	struct kt_group	*g;
	int		id;
	int		*log;
	int		*nlog;
};

static void
order_thread(void *arg)
{
	struct order_arg *a = arg;

	crit_enter();		/* a tick's switch must not split the ++ */
	a->log[(*a->nlog)++] = a->id;
	crit_exit();
	kt_group_exit(a->g);
}

KTEST(lwkt_higher_priority_runs_first)
{
	struct order_arg args[NORDER];
	struct thread *td[NORDER];
	struct kt_group g = { 0 };
	int pri[NORDER], expect[NORDER], log[NORDER];
	int round, i, j, n, nlog;
	uint32_t ticks;

	for (round = 0; round < 4; round++) {
		ticks = mycpu->gd_ticks;
		for (i = 0; i < NORDER; i++)
			pri[i] = 1 + (int)(ktest_random(kt) % TDPRI_MAX);
		nlog = 0;
		/* Make them runnable together: none runs before crit_exit. */
		crit_enter();
		for (i = 0; i < NORDER; i++) {
			args[i] = (struct order_arg){ &g, i, log, &nlog };
			td[i] = kt_group_create(kt, &g, order_thread, &args[i],
			    pri[i], 0, "order");
			if (td[i] != NULL)
				lwkt_schedule(td[i]);
		}
		KT_EXPECT_EQ(0, nlog);
		crit_exit();
		kt_group_wait(&g);

		/* Expected: by decreasing priority, in creation order within
		 * one priority (a stable sort of the ids). */
		n = 0;
		for (j = TDPRI_MAX; j >= 0; j--)
			for (i = 0; i < NORDER; i++)
				if (pri[i] == j)
					expect[n++] = i;
		KT_EXPECT_EQ(NORDER, nlog);
		/* A tick (book/13-apic.nw) ends a time slice: it may rotate
		 * threads of one priority.  Priorities never go up. */
		for (i = 1; i < nlog && i < NORDER; i++)
			KT_ASSERT(pri[log[i]] <= pri[log[i - 1]]);
		if (mycpu->gd_ticks != ticks)
			continue;
		for (i = 0; i < NORDER; i++)
			KT_EXPECT_EQ(expect[i], log[i]);
	}
}

/* ---- round robin ----------------------------------------------------- */

#define NRR	3
#define RROUNDS	5

struct rr_arg {
	struct kt_group	*g;
	int		id;
	int		*log;
	int		*nlog;
};

static void
rr_thread(void *arg)
{
	struct rr_arg *a = arg;
	int r;

	for (r = 0; r < RROUNDS; r++) {
		crit_enter();	/* a tick's switch must not split the ++ */
		a->log[(*a->nlog)++] = a->id;
		crit_exit();
		lwkt_yield();
	}
	kt_group_exit(a->g);
}

KTEST(lwkt_round_robin_within_priority)
{
	struct rr_arg args[NRR];
	struct thread *td;
	struct kt_group g = { 0 };
	int log[NRR * RROUNDS], nlog = 0, i, j, count[NRR] = { 0 };
	uint32_t ticks = mycpu->gd_ticks;

	crit_enter();
	for (i = 0; i < NRR; i++) {
		args[i] = (struct rr_arg){ &g, i, log, &nlog };
		td = kt_group_create(kt, &g, rr_thread, &args[i],
		    TDPRI_KERN_DAEMON + 1, 0, "rr");
		if (td != NULL)
			lwkt_schedule(td);
	}
	crit_exit();
	kt_group_wait(&g);
	KT_EXPECT_EQ(NRR * RROUNDS, nlog);
	/* A yield lets the peers run first: no thread takes two turns in a
	 * row while a peer still has turns to take (COUNT: the turns taken
	 * so far).  A timer tick (book/13-apic.nw) that ends a time slice
	 * between a thread's log and its yield makes that thread skip a
	 * turn, never take two. */
	for (i = 0; i < nlog && i < NRR * RROUNDS; i++) {
		if (i > 0 && log[i] == log[i - 1])
			for (j = 0; j < NRR; j++)
				if (j != log[i])
					KT_EXPECT_EQ(RROUNDS, count[j]);
		count[log[i]]++;
	}
	for (i = 0; i < NRR; i++)
		KT_EXPECT_EQ(RROUNDS, count[i]);
	/* The exact order holds when no tick fell into the test. */
	if (mycpu->gd_ticks != ticks)
		return;
	for (i = 0; i < NRR * RROUNDS; i++)
		KT_EXPECT_EQ(i % NRR, log[i]);
}

/* ---- critical sections ----------------------------------------------- */

static volatile int flag_ran;

static void
set_flag_thread(void *arg)
{
	flag_ran = 1;
	kt_group_exit(arg);
}

KTEST(lwkt_crit_defers_reschedule)
{
	struct kt_group g = { 0 };
	struct thread *td;

	/* Inside a critical section: requested, not done. */
	flag_ran = 0;
	td = kt_group_create(kt, &g, set_flag_thread, &g,
	    TDPRI_KERN_DAEMON + 8, 0, "high");
	KT_ASSERT(td != NULL);
	if (td == NULL)
		return;
	crit_enter();
	lwkt_schedule(td);
	KT_EXPECT_EQ(0, flag_ran);
	KT_ASSERT((mycpu->gd_reqflags & RQF_AST_LWKT_RESCHED) != 0);
	crit_enter();
	crit_exit();			/* back to depth 1: still deferred */
	KT_EXPECT_EQ(0, flag_ran);
	crit_exit();			/* depth 0: the higher thread runs */
	KT_EXPECT_EQ(1, flag_ran);
	KT_EXPECT_EQ(0, mycpu->gd_reqflags & RQF_AST_LWKT_RESCHED);
	kt_group_wait(&g);

	/* Outside any critical section: it runs before lwkt_schedule
	 * returns. */
	flag_ran = 0;
	td = kt_group_create(kt, &g, set_flag_thread, &g,
	    TDPRI_KERN_DAEMON + 8, 0, "high");
	if (td != NULL)
		lwkt_schedule(td);
	KT_EXPECT_EQ(1, flag_ran);
	kt_group_wait(&g);

	/* A thread of lower priority waits until we block. */
	flag_ran = 0;
	td = kt_group_create(kt, &g, set_flag_thread, &g,
	    TDPRI_KERN_DAEMON - 1, 0, "low");
	if (td != NULL)
		lwkt_schedule(td);
	KT_EXPECT_EQ(0, flag_ran);
	kt_group_wait(&g);
	KT_EXPECT_EQ(1, flag_ran);
}

/* ---- the scheduler clock --------------------------------------------- */

struct tick_state {
	struct kt_group	g;
	volatile int	b_ran;
	int		ticks;
	char		log[4];
	int		nlog;
};

static void
tick_a(void *arg)
{
	struct tick_state *s = arg;

	crit_enter();		/* a tick's switch must not split the ++ */
	s->log[s->nlog++] = 'a';
	crit_exit();
	while (!s->b_ran) {
		crit_enter();		/* as the timer interrupt will */
		lwkt_schedulerclock();
		s->ticks++;
		crit_exit();
	}
	crit_enter();
	s->log[s->nlog++] = 'A';
	crit_exit();
	kt_group_exit(&s->g);
}

static void
tick_b(void *arg)
{
	struct tick_state *s = arg;

	s->b_ran = 1;
	crit_enter();
	s->log[s->nlog++] = 'b';
	crit_exit();
	kt_group_exit(&s->g);
}

/* Where c is in log[0..n), or -1. */
static int
log_index(const char *log, int n, char c)
{
	int i;

	for (i = 0; i < n; i++)
		if (log[i] == c)
			return i;
	return -1;
}

/* Is a thread other than this one runnable here at PRI or above?
 * Interrupts off. */
static int
runnable_at_or_above(int pri)
{
	struct lwkt_runq *rq = &mycpu->gd_runq;
	struct thread *td;

	for (td = lwkt_runq_first(rq); td != NULL; td = lwkt_runq_next(rq, td))
		if (td != curthread && td->td_pri >= pri)
			return 1;
	return 0;
}

KTEST(lwkt_schedulerclock_round_robin)
{
	static struct tick_state s;
	struct thread *a, *b;
	uint32_t ticks, resched;
	int i;

	s = (struct tick_state){ .g = { 0 } };
	/* Alone at our priority: a tick requests nothing.  Threads the
	 * boot made (a disk channel's, a mount's) may not have run yet,
	 * and an interrupt may make one runnable at any time: so,
	 * interrupts off, check that none of our priority or above is
	 * runnable, and if one is, let it run first. */
	for (i = 0; i < 1000; i++) {
		crit_enter();
		cpu_disable_intr();
		if (!runnable_at_or_above(curthread->td_pri))
			break;
		cpu_enable_intr();
		crit_exit();
		lwkt_yield();
	}
	if (i == 1000) {			/* (then not in crit) */
		KT_ASSERT(!"threads of our priority never stopped running");
		return;
	}
	lwkt_schedulerclock();
	resched = mycpu->gd_reqflags & RQF_AST_LWKT_RESCHED;
	cpu_enable_intr();
	crit_exit();
	KT_EXPECT_EQ(0, resched);

	a = kt_group_create(kt, &s.g, tick_a, &s, TDPRI_KERN_DAEMON + 1, 0,
	    "tick-a");
	b = kt_group_create(kt, &s.g, tick_b, &s, TDPRI_KERN_DAEMON + 1, 0,
	    "tick-b");
	if (a == NULL || b == NULL)
		return;
	ticks = mycpu->gd_ticks;
	crit_enter();
	lwkt_schedule(a);
	lwkt_schedule(b);
	crit_exit();
	kt_group_wait(&s.g);
	KT_EXPECT_EQ(3, s.nlog);
	/* A real tick of the APIC timer (book/13-apic.nw) may have ended a
	 * time slice anywhere: then only this much is certain. */
	if (mycpu->gd_ticks != ticks) {
		KT_EXPECT_EQ(0, log_index(s.log, 3, 'b') < 0);
		KT_ASSERT(log_index(s.log, 3, 'a') >= 0 &&
		    log_index(s.log, 3, 'A') > log_index(s.log, 3, 'a'));
		return;
	}
	/* a ran first (scheduled first); its first tick gave b the CPU. */
	KT_EXPECT_EQ(1, s.ticks);
	KT_ASSERT(s.log[0] == 'a' && s.log[1] == 'b' && s.log[2] == 'A');
}

/* ---- preemption ------------------------------------------------------ */

struct ith_state {
	struct kt_group	g;
	int		runs;
	int		quit;
	struct thread	*preempted_seen;
	char		log[8];
	int		nlog;
};

/* An interrupt thread: one round per interrupt, then wait for the next. */
static void
ith_main(void *arg)
{
	struct ith_state *s = arg;

	for (;;) {
		s->runs++;
		s->preempted_seen = curthread->td_preempted;
		s->log[s->nlog++] = 'I';
		if (s->quit)
			kt_group_exit(&s->g);
		crit_enter();
		lwkt_deschedule_self(curthread);
		lwkt_switch();
		crit_exit();
	}
}

KTEST(lwkt_preempt_resumes_preempted)
{
	static struct ith_state s;
	struct thread *self = curthread, *ith;
	uint64_t preempts = mycpu->gd_cnt_preempt;

	s = (struct ith_state){ .g = { 0 } };
	ith = kt_group_create(kt, &s.g, ith_main, &s, TDPRI_INT_MED,
	    TDF_INTTHREAD, "ith");
	if (ith == NULL)
		return;
	s.log[s.nlog++] = 'T';
	lwkt_schedule_interrupt(ith);
	s.log[s.nlog++] = 'T';
	KT_EXPECT_EQ(1, s.runs);
	KT_ASSERT(s.preempted_seen == self);
	KT_ASSERT(s.log[0] == 'T' && s.log[1] == 'I' && s.log[2] == 'T');
	KT_EXPECT_EQ(0, ith->td_flags & TDF_RUNQ);	/* it blocked again */
	KT_ASSERT(ith->td_preempted == NULL);
	KT_EXPECT_EQ(0, self->td_flags & TDF_PREEMPT_LOCK);
	KT_EXPECT_EQ(0, self->td_critcount);

	lwkt_schedule_interrupt(ith);			/* a second one */
	KT_EXPECT_EQ(2, s.runs);
	s.quit = 1;
	lwkt_schedule_interrupt(ith);			/* and it exits */
	KT_EXPECT_EQ(3, s.runs);
	kt_group_wait(&s.g);
	KT_EXPECT_EQ(3, mycpu->gd_cnt_preempt - preempts);
}

KTEST(lwkt_interrupt_in_crit_runs_at_crit_exit)
{
	static struct ith_state s;
	struct thread *self = curthread, *ith;

	s = (struct ith_state){ .g = { 0 } };
	ith = kt_group_create(kt, &s.g, ith_main, &s, TDPRI_INT_MED,
	    TDF_INTTHREAD, "ith");
	if (ith == NULL)
		return;
	crit_enter();
	lwkt_schedule_interrupt(ith);
	KT_EXPECT_EQ(0, s.runs);
	KT_ASSERT((mycpu->gd_reqflags & RQF_INTPEND) != 0);
	KT_ASSERT((ith->td_flags & TDF_INTPEND) != 0);
	crit_exit();
	KT_EXPECT_EQ(1, s.runs);
	KT_ASSERT(s.preempted_seen == self);	/* it preempted us at exit */
	KT_EXPECT_EQ(0, mycpu->gd_reqflags & RQF_INTPEND);
	KT_EXPECT_EQ(0, ith->td_flags & TDF_INTPEND);
	s.quit = 1;
	lwkt_schedule_interrupt(ith);
	kt_group_wait(&s.g);
}

KTEST(lwkt_preempt_needs_higher_priority)
{
	static struct ith_state s;
	struct thread *ith;

	s = (struct ith_state){ .g = { 0 } };
	s.quit = 1;
	/* An interrupt thread less important than we are only queues. */
	ith = kt_group_create(kt, &s.g, ith_main, &s, TDPRI_KERN_DAEMON - 2,
	    TDF_INTTHREAD, "low-ith");
	if (ith == NULL)
		return;
	lwkt_schedule_interrupt(ith);
	KT_EXPECT_EQ(0, s.runs);
	KT_ASSERT((ith->td_flags & TDF_RUNQ) != 0);
	kt_group_wait(&s.g);			/* we block: it runs */
	KT_EXPECT_EQ(1, s.runs);
	KT_ASSERT(s.preempted_seen == NULL);
}

KTEST(lwkt_spinlock_holder_is_not_preempted)
{
	static struct ith_state s;
	static struct spinlock lock = SPINLOCK_INITIALIZER;
	struct thread *ith;

	s = (struct ith_state){ .g = { 0 } };
	s.quit = 1;
	ith = kt_group_create(kt, &s.g, ith_main, &s, TDPRI_INT_MED,
	    TDF_INTTHREAD, "ith");
	if (ith == NULL)
		return;
	spin_lock(&lock);
	KT_EXPECT_EQ(1, curthread->td_critcount);
	lwkt_schedule_interrupt(ith);	/* could deadlock if it ran now */
	KT_EXPECT_EQ(0, s.runs);
	spin_unlock(&lock);
	KT_EXPECT_EQ(1, s.runs);
	kt_group_wait(&s.g);
}

/* ---- exit and reaping ------------------------------------------------ */

static void
exit_at_once(void *arg)
{
	kt_group_exit(arg);
}

#define REAP_BATCH	8
#define REAP_TOTAL	200

KTEST(lwkt_exit_reaps_stacks)
{
	struct kt_group g = { 0 };
	struct thread *td;
	int before = lwkt_threads_allocated(), made = 0, i;
	unsigned free_pages = 0;

	while (made < REAP_TOTAL) {
		/* After the first batch the heap has the slabs it needs:
		 * from then on the free pages must not shrink. */
		if (made == REAP_BATCH)
			free_pages = vm_page_count_free();
		for (i = 0; i < REAP_BATCH; i++, made++) {
			td = kt_group_create(kt, &g, exit_at_once, &g,
			    1 + (int)(ktest_random(kt) % TDPRI_MAX), 0,
			    "reap");
			if (td == NULL)
				return;
			lwkt_schedule(td);
		}
		kt_group_wait(&g);
		/* The last one was freed by whoever ran after it: us.  (Not
		 * above "before": a dead thread of an earlier test, on
		 * another CPU, may be freed meanwhile and bring it below.) */
		KT_ASSERT(lwkt_threads_allocated() <= before);
	}
	KT_EXPECT_EQ(REAP_TOTAL, made);
	KT_EXPECT_EQ(free_pages, vm_page_count_free());
}

/* ---- sleep and wakeup ------------------------------------------------ */

#define PC_MAXPROD	4
#define PC_MAXCAP	8
#define PC_ROUNDS	40	/* enough that one seed finds a lost wakeup */

struct pc {
	struct kt_group	g;
	struct ktest_ctx *kt;
	int		buf[PC_MAXCAP];
	int		cap, head, count;
	int		nprod, producers_done, m;
	int		next[PC_MAXPROD];	/* next k, per producer */
	int		order_errors;
	int		consumed;
	uint32_t	sum;
};

struct pc_arg {
	struct pc	*pc;
	int		id;
};

static void
pc_maybe_yield(struct pc *pc)
{
	if (ktest_random(pc->kt) % 3 == 0)
		lwkt_yield();
}

static void
producer(void *arg)
{
	struct pc_arg *a = arg;
	struct pc *pc = a->pc;
	int k;

	for (k = 0; k < pc->m; k++) {
		crit_enter();
		while (pc->count == pc->cap)
			tsleep(&pc->head, 0, "full", 0);
		pc->buf[(pc->head + pc->count) % pc->cap] = a->id * 1000 + k;
		pc->count++;
		wakeup_one(&pc->count);
		crit_exit();
		pc_maybe_yield(pc);
	}
	crit_enter();
	if (++pc->producers_done == pc->nprod)
		wakeup(&pc->count);		/* consumers: nothing more */
	crit_exit();
	kt_group_exit(&pc->g);
}

static void
consumer(void *arg)
{
	struct pc_arg *a = arg;
	struct pc *pc = a->pc;
	int v;

	for (;;) {
		crit_enter();
		while (pc->count == 0 && pc->producers_done < pc->nprod)
			tsleep(&pc->count, 0, "empty", 0);
		if (pc->count == 0) {
			crit_exit();
			break;
		}
		v = pc->buf[pc->head];
		pc->head = (pc->head + 1) % pc->cap;
		pc->count--;
		if (v % 1000 != pc->next[v / 1000])
			pc->order_errors++;
		pc->next[v / 1000] = v % 1000 + 1;
		pc->sum += (uint32_t)v;
		pc->consumed++;
		wakeup_one(&pc->head);
		crit_exit();
		pc_maybe_yield(pc);
	}
	kt_group_exit(&pc->g);
}

KTEST(tsleep_wakeup_no_lost_wakeup)
{
	static struct pc pc;
	static struct pc_arg args[2 * PC_MAXPROD];
	struct thread *td;
	int round, i, ncons, nthreads;
	uint32_t expect_sum;

	for (round = 0; round < PC_ROUNDS; round++) {
		pc = (struct pc){ .g = { 0 } };
		pc.kt = kt;
		pc.nprod = 1 + (int)(ktest_random(kt) % PC_MAXPROD);
		ncons = 1 + (int)(ktest_random(kt) % PC_MAXPROD);
		pc.cap = 1 + (int)(ktest_random(kt) % PC_MAXCAP);
		pc.m = 5 + (int)(ktest_random(kt) % 40);
		nthreads = pc.nprod + ncons;
		for (i = 0; i < nthreads; i++) {
			args[i] = (struct pc_arg){ &pc, i };
			td = kt_group_create(kt, &pc.g,
			    i < pc.nprod ? producer : consumer, &args[i],
			    TDPRI_KERN_USER + (int)(ktest_random(kt) % 5), 0,
			    i < pc.nprod ? "producer" : "consumer");
			if (td == NULL)
				return;
			lwkt_schedule(td);
		}
		kt_group_wait(&pc.g);	/* a lost wakeup: idle panics */

		/* sum over producers p and items k of p * 1000 + k */
		expect_sum = (uint32_t)(pc.m * 1000 * pc.nprod *
		    (pc.nprod - 1) / 2 + pc.nprod * pc.m * (pc.m - 1) / 2);
		KT_EXPECT_EQ(pc.nprod * pc.m, pc.consumed);
		KT_EXPECT_EQ(expect_sum, pc.sum);
		KT_EXPECT_EQ(0, pc.order_errors);
		KT_EXPECT_EQ(0, pc.count);
	}
}

struct sleeper_arg {
	struct kt_group	*g;
	int		id;
	int		*woken;
	int		*nwoken;
};

static int wake_chan;

static void
sleeper(void *arg)
{
	struct sleeper_arg *a = arg;

	crit_enter();
	tsleep(&wake_chan, 0, "chan", 0);
	a->woken[(*a->nwoken)++] = a->id;
	crit_exit();
	kt_group_exit(a->g);
}

KTEST(tsleep_wakeup_one_wakes_one)
{
	struct sleeper_arg args[3];
	struct kt_group g = { 0 };
	struct thread *td;
	int woken[3], nwoken = 0, other, i;

	/* More important than we are: each runs, and sleeps, at once. */
	for (i = 0; i < 3; i++) {
		args[i] = (struct sleeper_arg){ &g, i, woken, &nwoken };
		td = kt_group_create(kt, &g, sleeper, &args[i],
		    TDPRI_KERN_DAEMON + 1, 0, "sleeper");
		if (td == NULL)
			return;
		lwkt_schedule(td);
		KT_EXPECT_EQ(TDF_TSLEEPQ, td->td_flags & (TDF_TSLEEPQ |
		    TDF_RUNQ));
		KT_ASSERT(td->td_wchan == &wake_chan);
	}
	wakeup(&other);				/* nobody sleeps there */
	KT_EXPECT_EQ(0, nwoken);
	wakeup_one(&wake_chan);			/* the oldest, and only it */
	KT_EXPECT_EQ(1, nwoken);
	KT_EXPECT_EQ(0, woken[0]);
	wakeup(&wake_chan);			/* the others, in order */
	KT_EXPECT_EQ(3, nwoken);
	KT_EXPECT_EQ(1, woken[1]);
	KT_EXPECT_EQ(2, woken[2]);
	kt_group_wait(&g);
}
