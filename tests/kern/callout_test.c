/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Callouts and tsleep's timeout (Chapter "Callouts"): when a callout
 * runs, where, in which order, that stopping and re-arming work, and
 * that tsleep ends by its timeout or by tsleep_interrupt exactly when it
 * should.  Expected times are derived from the tick count the test reads
 * when it arms, never copied from a run.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/callout.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"
#include "lwkt_testlib.h"

/* Block this thread until *flag becomes nonzero (set by a callout or
 * another thread, which calls wakeup(flag)); a few ticks at most. */
static void
wait_for_flag(volatile int *flag)
{
	crit_enter();
	while (*flag == 0)
		tsleep((const void *)flag, 0, "ktflag", 0);
	crit_exit();
}

/* ---- one callout ----------------------------------------------------- */

struct one_call {
	volatile int	ran;		/* times the function ran */
	uint32_t	ticks;		/* gd_ticks when it ran */
	struct globaldata *gd;		/* where */
	struct thread	*td;		/* in which thread */
	int		critcount;	/* in which critical section */
};

static void
one_call_fn(void *arg)
{
	struct one_call *oc = arg;

	oc->ticks = mycpu->gd_ticks;
	oc->gd = mycpu;
	oc->td = curthread;
	oc->critcount = curthread->td_critcount;
	oc->ran++;
	wakeup(&oc->ran);
}

KTEST(callout_runs_once_after_its_ticks)
{
	struct callout c;
	struct one_call oc = { 0 };
	uint32_t armed;
	int n = 1 + (int)(ktest_random(kt) % 5), i;

	callout_init(&c);
	KT_ASSERT(!callout_pending(&c));
	crit_enter();			/* no tick between the read and the arm */
	armed = mycpu->gd_ticks;
	callout_reset(&c, n, one_call_fn, &oc);
	crit_exit();
	KT_ASSERT(callout_pending(&c));
	wait_for_flag(&oc.ran);
	KT_ASSERT(!callout_pending(&c));
	KT_ASSERT(oc.ticks - armed >= (uint32_t)n);
	KT_ASSERT(oc.gd == mycpu);
	KT_ASSERT(oc.td == mycpu->gd_softclock);
	KT_ASSERT(oc.critcount > 0);
	/* Twice as long again: it does not run a second time. */
	armed = mycpu->gd_ticks;
	for (i = 0; i < 1000000 && mycpu->gd_ticks - armed < (uint32_t)n + 2;
	    i++)
		lwkt_yield();
	KT_EXPECT_EQ(1, oc.ran);
	KT_EXPECT_EQ(0, callout_stop(&c));
}

/* ---- order ----------------------------------------------------------- */

#define NORDER	16

struct order_log {
	int		log[NORDER];
	volatile int	n;
};

struct order_call {
	struct order_log *ol;
	int		id;
};

static void
order_fn(void *arg)
{
	struct order_call *oc = arg;

	oc->ol->log[oc->ol->n++] = oc->id;
	if (oc->ol->n == NORDER)
		wakeup((const void *)&oc->ol->n);
}

KTEST(callout_order_by_due_tick_fifo_at_a_tick)
{
	struct callout c[NORDER];
	struct order_call oc[NORDER];
	struct order_log ol = { { 0 }, 0 };
	uint32_t due[NORDER];
	int expect[NORDER], i, j, k;

	/* One tick count for all: a critical section defers the tick's
	 * work but not its count (gd_ticks grows in the interrupt), so
	 * the interrupts are off while the callouts are armed. */
	crit_enter();
	cpu_disable_intr();
	for (i = 0; i < NORDER; i++) {
		/* few distinct delays, so that several share a tick */
		int n = 1 + (int)(ktest_random(kt) % 4);

		callout_init(&c[i]);
		oc[i] = (struct order_call){ &ol, i };
		due[i] = mycpu->gd_ticks + (uint32_t)n;
		callout_reset(&c[i], n, order_fn, &oc[i]);
	}
	cpu_enable_intr();
	crit_exit();
	crit_enter();
	while (ol.n < NORDER)
		tsleep((const void *)&ol.n, 0, "ktorder", 0);
	crit_exit();
	/* Expected: a stable sort of the ids by due tick (insertion sort,
	 * comparing ticks by their signed difference). */
	for (i = 0; i < NORDER; i++) {
		for (j = i; j > 0 && (int32_t)(due[expect[j - 1]] - due[i]) > 0;
		    j--)
			expect[j] = expect[j - 1];
		expect[j] = i;
	}
	k = ol.n;
	KT_EXPECT_EQ(NORDER, k);
	for (i = 0; i < NORDER; i++)
		KT_EXPECT_EQ(expect[i], ol.log[i]);
}

/* ---- stop and reset ------------------------------------------------- */

KTEST(callout_stop_prevents_the_call)
{
	struct callout c;
	struct one_call oc = { 0 }, later = { 0 };
	struct callout c2;

	callout_init(&c);
	callout_init(&c2);
	callout_reset(&c, 2, one_call_fn, &oc);
	KT_EXPECT_EQ(1, callout_stop(&c));
	KT_EXPECT_EQ(0, callout_stop(&c));
	KT_ASSERT(!callout_pending(&c));
	/* A second callout, due later than the stopped one was: once it
	 * has run, the stopped one would have run too. */
	callout_reset(&c2, 4, one_call_fn, &later);
	wait_for_flag(&later.ran);
	KT_EXPECT_EQ(0, oc.ran);
}

KTEST(callout_reset_moves_an_armed_callout)
{
	struct callout c, far;
	struct one_call oc = { 0 }, ofar = { 0 };
	uint32_t armed;

	callout_init(&c);
	callout_init(&far);
	callout_reset(&c, 1000, one_call_fn, &oc);	/* ten seconds */
	crit_enter();
	armed = mycpu->gd_ticks;
	callout_reset(&c, 2, one_call_fn, &oc);		/* moved: soon */
	crit_exit();
	wait_for_flag(&oc.ran);
	KT_EXPECT_EQ(1, oc.ran);
	KT_ASSERT(oc.ticks - armed >= 2 && oc.ticks - armed < 1000);
	/* Re-arming from inside is allowed: the callout is idle there.
	 * And arming it now again, then stopping, leaves nothing behind. */
	callout_reset(&c, 3, one_call_fn, &oc);
	callout_reset(&far, 5, one_call_fn, &ofar);
	KT_EXPECT_EQ(1, callout_stop(&c));
	wait_for_flag(&ofar.ran);
	KT_EXPECT_EQ(1, oc.ran);
}

/* ---- every CPU ------------------------------------------------------ */

#define PERCPU_CALLS	6

struct cpu_calls {
	struct xgroup	*g;
	volatile int	ran;
	volatile int	wrong_cpu;
	int		seed;
};

struct cpu_call {
	struct cpu_calls *cc;
	struct globaldata *gd;
};

static void
cpu_call_check(void *arg)
{
	struct cpu_call *c = arg;

	if (mycpu != c->gd)
		c->cc->wrong_cpu++;
	c->cc->ran++;
	wakeup(&c->cc->ran);
}

static void
cpu_arm_thread(void *arg)
{
	struct cpu_calls *cc = arg;
	struct callout co[PERCPU_CALLS];
	struct cpu_call calls[PERCPU_CALLS];
	int i;

	crit_enter();
	for (i = 0; i < PERCPU_CALLS; i++) {
		callout_init(&co[i]);
		calls[i] = (struct cpu_call){ cc, mycpu };
		callout_reset(&co[i], 1 + (i + cc->seed) % 3, cpu_call_check,
		    &calls[i]);
	}
	/* Our callouts run on our CPU: wait for all of them here. */
	while (cc->ran < PERCPU_CALLS)
		tsleep(&cc->ran, 0, "ktcpu", 0);
	crit_exit();
	for (i = 0; i < PERCPU_CALLS; i++)
		if (callout_pending(&co[i]))
			cc->wrong_cpu += 100;
	xgroup_done(cc->g);
}

KTEST(callout_every_cpu_runs_its_own)
{
	struct xgroup g;
	struct cpu_calls cc[MAXCPU];
	uint64_t before = callout_count_run();
	int cpu;

	xgroup_init(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		cc[cpu] = (struct cpu_calls){ &g, 0, 0,
		    (int)(ktest_random(kt) % 3) };
		xgroup_start(kt, &g, cpu_arm_thread, &cc[cpu], cpu, 0);
	}
	xgroup_wait(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		KT_EXPECT_EQ(PERCPU_CALLS, cc[cpu].ran);
		KT_EXPECT_EQ(0, cc[cpu].wrong_cpu);
	}
	KT_ASSERT(callout_count_run() - before >= PERCPU_CALLS);
}

/* ---- tsleep with a timeout -------------------------------------------- */

static int tsleep_ident;

KTEST(tsleep_timeout_returns_ewouldblock)
{
	struct thread *td = curthread;
	uint32_t armed;
	int n = 1 + (int)(ktest_random(kt) % 4), error;

	crit_enter();
	armed = mycpu->gd_ticks;
	error = tsleep(&tsleep_ident, 0, "kttimo", n);
	KT_EXPECT_EQ(-EWOULDBLOCK, error);
	KT_ASSERT(mycpu->gd_ticks - armed >= (uint32_t)n);
	KT_EXPECT_EQ(0, td->td_flags & TDF_TSLEEPQ);
	KT_ASSERT(td->td_wchan == NULL);
	KT_ASSERT(!callout_pending(&td->td_slp_callout));
	crit_exit();
}

struct waker {
	struct kt_group	*g;
	volatile int	*cond;
	int		yields;
};

static void
waker_thread(void *arg)
{
	struct waker *w = arg;
	int i;

	for (i = 0; i < w->yields; i++)
		lwkt_yield();
	crit_enter();
	*w->cond = 1;
	wakeup((const void *)w->cond);
	crit_exit();
	kt_group_exit(w->g);
}

KTEST(tsleep_wakeup_before_timeout_returns_zero)
{
	struct kt_group g = { 0 };
	struct thread *td;
	volatile int cond = 0, dummy = 0;
	struct waker w = { &g, &cond, 3 };
	uint32_t start;
	int error;

	td = kt_group_create(kt, &g, waker_thread, &w, curthread->td_pri, 0,
	    "waker");
	if (td == NULL)
		return;
	crit_enter();
	lwkt_schedule(td);
	start = mycpu->gd_ticks;
	error = 0;
	while (!cond && error == 0)
		error = tsleep((const void *)&cond, 0, "kttimo", 500);
	KT_EXPECT_EQ(0, error);
	KT_ASSERT(cond);
	KT_ASSERT(mycpu->gd_ticks - start < 500);
	KT_ASSERT(!callout_pending(&curthread->td_slp_callout));
	crit_exit();
	kt_group_wait(&g);
	/* The old timeout must not cut the next sleep short: sleep for a
	 * while longer than it would have been, without a timeout of its
	 * own, and be woken only by our own callout. */
	{
		struct callout c;
		struct one_call oc = { 0 };

		(void)dummy;
		callout_init(&c);
		callout_reset(&c, 3, one_call_fn, &oc);
		crit_enter();
		while (oc.ran == 0) {
			error = tsleep(&oc.ran, 0, "ktafter", 0);
			KT_EXPECT_EQ(0, error);
		}
		crit_exit();
	}
}

/* ---- the race of a timeout and a remote wakeup ----------------------- */

#define RACE_ROUNDS	60

struct race {
	struct lwkt_token tok;
	volatile int	round;		/* the round the waker should end */
	volatile int	cond;		/* set by the waker */
	volatile int	done;		/* the sleeper finished */
	volatile int	bad;		/* an inconsistent return */
	volatile int	timeouts, wakeups;
	uint32_t	seed;
	struct xgroup	*g;
};

static void
race_sleeper(void *arg)
{
	struct race *r = arg;
	int i, error;

	for (i = 0; i < RACE_ROUNDS; i++) {
		lwkt_gettoken(&r->tok);
		crit_enter();
		r->cond = 0;
		r->round = i + 1;		/* the waker may go */
		error = 0;
		while (!r->cond && error == 0)
			error = tsleep((const void *)&r->cond, 0, "ktrace",
			    1 + i % 2);
		if (error != 0 && error != -EWOULDBLOCK)
			r->bad++;
		if (callout_pending(&curthread->td_slp_callout))
			r->bad++;
		if (error != 0)
			r->timeouts++;
		else
			r->wakeups++;
		crit_exit();
		lwkt_reltoken(&r->tok);
		/* Wait until the waker has ended this round too. */
		while (r->round != -(i + 1))
			lwkt_yield();
	}
	r->done = 1;
	xgroup_done(r->g);
}

static void
race_waker(void *arg)
{
	struct race *r = arg;
	uint32_t s = r->seed;
	int i, spin;

	for (i = 0; i < RACE_ROUNDS; i++) {
		while (r->round != i + 1)
			lwkt_yield();
		/* A random moment: before, around or after the timeout. */
		spin = (int)(ktest_xorshift(&s) % 40000);
		while (spin-- > 0)
			cpu_pause();
		lwkt_gettoken(&r->tok);
		r->cond = 1;
		wakeup((const void *)&r->cond);
		r->round = -(i + 1);
		lwkt_reltoken(&r->tok);
	}
	xgroup_done(r->g);
}

KTEST(tsleep_timeout_races_remote_wakeup)
{
	struct xgroup g;
	struct race r;

	xgroup_init(&g);
	lwkt_token_init(&r.tok, "ktrace");
	r.round = 0;
	r.cond = r.done = r.bad = r.timeouts = r.wakeups = 0;
	r.seed = (ktest_random(kt) | 1);
	r.g = &g;
	if (ncpus == 1)
		kprintf("note: %s: 1 CPU: the waker runs on the sleeper's "
		    "CPU\n", kt->name);
	xgroup_start(kt, &g, race_sleeper, &r, 0, 0);
	xgroup_start(kt, &g, race_waker, &r, ncpus > 1 ? 1 : 0, 0);
	xgroup_wait(&g);
	KT_EXPECT_EQ(1, r.done);
	KT_EXPECT_EQ(0, r.bad);
	KT_EXPECT_EQ(RACE_ROUNDS, r.timeouts + r.wakeups);
	kprintf("note: %s: %d timeouts, %d wakeups\n", kt->name, r.timeouts,
	    r.wakeups);
}

/* ---- interruption --------------------------------------------------- */

struct sleeper {
	struct xgroup	*g;
	int		flags;
	volatile int	started;
	volatile int	error;
	volatile int	returned;
	volatile int	cond;
	struct thread	*volatile td;
};

static void
sleeper_thread(void *arg)
{
	struct sleeper *s = arg;
	int error;

	crit_enter();
	s->td = curthread;
	s->started = 1;
	error = tsleep(&s->cond, s->flags, "ktintr", 0);
	s->error = error;
	s->returned = 1;
	crit_exit();
	xgroup_done(s->g);
}

KTEST(tsleep_interrupt_ends_only_pcatch_sleeps)
{
	struct xgroup g;
	struct sleeper catchy = { 0 }, deaf = { 0 };
	int cpu = ncpus > 1 ? 1 : 0, i;

	xgroup_init(&g);
	catchy.g = deaf.g = &g;
	catchy.flags = PCATCH;
	deaf.flags = 0;
	xgroup_start(kt, &g, sleeper_thread, &catchy, cpu, 0);
	xgroup_start(kt, &g, sleeper_thread, &deaf, cpu, 0);
	while (!catchy.started || !deaf.started ||
	    (catchy.td->td_flags & TDF_TSLEEPQ) == 0 ||
	    (deaf.td->td_flags & TDF_TSLEEPQ) == 0)
		lwkt_yield();
	tsleep_interrupt(catchy.td);
	tsleep_interrupt(deaf.td);
	while (!catchy.returned)
		lwkt_yield();
	KT_EXPECT_EQ(-EINTR, catchy.error);
	/* The other one still sleeps, however long we give it. */
	for (i = 0; i < 200; i++)
		lwkt_yield();
	KT_EXPECT_EQ(0, deaf.returned);
	wakeup(&deaf.cond);
	xgroup_wait(&g);
	KT_EXPECT_EQ(0, deaf.error);
}
