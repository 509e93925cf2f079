/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Serializing tokens (Chapter "Serializing tokens"): held only while the
 * holder runs, released when it switches out, all reacquired before it
 * runs again, kept across a preemption, recursive, free of deadlock.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"
#include "lwkt_testlib.h"

KTEST(token_recursion)
{
	struct lwkt_token a = LWKT_TOKEN_INITIALIZER(a);
	struct lwkt_token b;
	struct thread *td = curthread;
	int n0 = td->td_ntoks;

	lwkt_token_init(&b, "b");
	lwkt_gettoken(&a);
	KT_ASSERT(lwkt_token_held(&a));
	KT_EXPECT_EQ(n0 + 1, td->td_ntoks);
	lwkt_gettoken(&b);
	lwkt_gettoken(&a);			/* recursion */
	KT_EXPECT_EQ(n0 + 3, td->td_ntoks);
	KT_ASSERT(td->td_toks[n0] == &a && td->td_toks[n0 + 1] == &b &&
	    td->td_toks[n0 + 2] == &a);
	lwkt_reltoken(&a);			/* inner a: a stays held */
	KT_ASSERT(lwkt_token_held(&a) && lwkt_token_held(&b));
	lwkt_reltoken(&b);
	KT_ASSERT(b.t_owner == NULL);
	KT_ASSERT(lwkt_token_held(&a));
	lwkt_reltoken(&a);
	KT_ASSERT(a.t_owner == NULL);
	KT_EXPECT_EQ(n0, td->td_ntoks);
}

/* ---- released when the holder switches out ----------------------------- */

static struct lwkt_token tok;

struct taker {
	struct kt_group	g;
	struct thread	*owner_seen;	/* tok's owner when the taker ran */
	int		got;		/* the taker held tok */
	int		chan;
};

static void
taker_main(void *arg)
{
	struct taker *t = arg;

	t->owner_seen = tok.t_owner;
	lwkt_gettoken(&tok);
	t->got = lwkt_token_held(&tok);
	lwkt_reltoken(&tok);
	wakeup(&t->chan);
	kt_group_exit(&t->g);
}

/* Take tok, then create (not yet run) a taker more important than us;
 * returns it, or NULL if it could not be made. */
static struct thread *
taker_create(struct ktest_ctx *kt, struct taker *t)
{
	*t = (struct taker){ .g = { 0 } };
	lwkt_token_init(&tok, "tok");
	lwkt_gettoken(&tok);
	return kt_group_create(kt, &t->g, taker_main, t,
	    TDPRI_KERN_DAEMON + 1, 0, "taker");
}

KTEST(token_released_on_block_and_reacquired)
{
	static struct taker t;
	struct thread *self = curthread, *td;

	td = taker_create(kt, &t);
	if (td == NULL) {
		lwkt_reltoken(&tok);
		return;
	}
	crit_enter();
	lwkt_schedule(td);		/* runs only once we block */
	tsleep(&t.chan, 0, "tok", 0);	/* we block holding tok */
	crit_exit();
	KT_ASSERT(t.owner_seen == NULL);	/* released while we slept */
	KT_EXPECT_EQ(1, t.got);
	KT_ASSERT(tok.t_owner == self);		/* ours again */
	KT_ASSERT(lwkt_token_held(&tok));
	lwkt_reltoken(&tok);
	kt_group_wait(&t.g);
}

KTEST(token_released_when_switched_out)
{
	static struct taker t;
	struct thread *self = curthread, *td;

	td = taker_create(kt, &t);
	if (td != NULL)
		lwkt_schedule(td);	/* more important: runs now */
	KT_EXPECT_EQ(1, t.got);
	KT_ASSERT(t.owner_seen == NULL);
	KT_ASSERT(tok.t_owner == self);
	lwkt_reltoken(&tok);
	kt_group_wait(&t.g);
}

/* ---- two tokens, two orders ----------------------------------------- */

static struct lwkt_token t1, t2;

struct order_state {
	struct kt_group	g;
	struct ktest_ctx *kt;
	int		rounds;
	int		errors;
	int		done[2];
};

struct order_worker {
	struct order_state *s;
	int		id;
	struct lwkt_token *first, *second;
};

static void
wake_and_exit(void *arg)
{
	struct order_worker *w = arg;

	wakeup(w);
	kt_group_exit(&w->s->g);
}

/* Switch away: yield, or really block until a helper wakes us. */
static void
order_switch(struct order_worker *w)
{
	struct order_state *s = w->s;
	struct thread *td;

	switch (ktest_random(s->kt) % 3) {
	case 0:
		break;
	case 1:
		lwkt_yield();
		break;
	case 2:
		crit_enter();
		td = kt_group_create(s->kt, &s->g, wake_and_exit, w, 1, 0,
		    "waker");
		if (td != NULL) {
			lwkt_schedule(td);
			tsleep(w, 0, "order", 0);
		}
		crit_exit();
		break;
	}
}

static void
order_main(void *arg)
{
	struct order_worker *w = arg;
	struct order_state *s = w->s;
	int r;

	for (r = 0; r < s->rounds; r++) {
		lwkt_gettoken(w->first);
		order_switch(w);
		lwkt_gettoken(w->second);
		/* Both held, and we run: nobody else holds either. */
		if (t1.t_owner != curthread || t2.t_owner != curthread)
			s->errors++;
		order_switch(w);
		lwkt_reltoken(w->second);
		order_switch(w);
		lwkt_reltoken(w->first);
	}
	s->done[w->id] = 1;
	kt_group_exit(&s->g);
}

KTEST(token_two_orders_never_deadlock)
{
	static struct order_state s;
	static struct order_worker w[2];
	struct thread *td;
	int i;

	s = (struct order_state){ .g = { 0 } };
	s.kt = kt;
	s.rounds = 20 + (int)(ktest_random(kt) % 30);
	lwkt_token_init(&t1, "t1");
	lwkt_token_init(&t2, "t2");
	w[0] = (struct order_worker){ &s, 0, &t1, &t2 };
	w[1] = (struct order_worker){ &s, 1, &t2, &t1 };
	crit_enter();
	for (i = 0; i < 2; i++) {
		td = kt_group_create(kt, &s.g, order_main, &w[i],
		    TDPRI_KERN_DAEMON + 1 + (int)(ktest_random(kt) % 2), 0,
		    "order");
		if (td != NULL)
			lwkt_schedule(td);
	}
	crit_exit();
	kt_group_wait(&s.g);		/* a deadlock: idle panics */
	KT_EXPECT_EQ(1, s.done[0]);
	KT_EXPECT_EQ(1, s.done[1]);
	KT_EXPECT_EQ(0, s.errors);
	KT_ASSERT(t1.t_owner == NULL && t2.t_owner == NULL);
}

/* ---- preemption ------------------------------------------------------ */

struct pre_state {
	struct kt_group	g;
	struct thread	*owner_at_start;
	struct thread	*preempted_at_start;
	struct thread	*preempted_after_get;
	int		got;
	int		try_result;
	struct thread	*preempted_after_try;
};

static void
preempting_taker(void *arg)
{
	struct pre_state *s = arg;

	s->owner_at_start = tok.t_owner;
	s->preempted_at_start = curthread->td_preempted;
	lwkt_gettoken(&tok);		/* held by the thread we preempted */
	s->preempted_after_get = curthread->td_preempted;
	s->got = lwkt_token_held(&tok);
	lwkt_reltoken(&tok);
	kt_group_exit(&s->g);
}

KTEST(token_kept_across_preemption)
{
	static struct pre_state s;
	struct thread *self = curthread, *ith;
	uint64_t preempts = mycpu->gd_cnt_preempt;

	s = (struct pre_state){ .g = { 0 } };
	lwkt_token_init(&tok, "tok");
	ith = kt_group_create(kt, &s.g, preempting_taker, &s, TDPRI_INT_MED,
	    TDF_INTTHREAD, "ith");
	if (ith == NULL)
		return;
	lwkt_gettoken(&tok);
	lwkt_schedule_interrupt(ith);
	/*
	 * It preempted us, found tok still ours, gave the CPU back; we
	 * switched away at the end of the interrupt's critical section,
	 * which released tok; it took tok, finished and exited; we were
	 * chosen again only with tok reacquired.
	 */
	KT_EXPECT_EQ(1, mycpu->gd_cnt_preempt - preempts);
	KT_ASSERT(s.owner_at_start == self);
	KT_ASSERT(s.preempted_at_start == self);
	KT_ASSERT(s.preempted_after_get == NULL);
	KT_EXPECT_EQ(1, s.got);
	KT_EXPECT_EQ(0, s.g.live);
	KT_ASSERT(tok.t_owner == self);
	lwkt_reltoken(&tok);
}

static void
preempting_trier(void *arg)
{
	struct pre_state *s = arg;

	s->try_result = lwkt_trytoken(&tok);
	s->preempted_after_try = curthread->td_preempted;
	if (s->try_result)
		lwkt_reltoken(&tok);
	kt_group_exit(&s->g);
}

KTEST(token_trytoken_fails_without_waiting)
{
	static struct pre_state s;
	struct thread *self = curthread, *ith;

	lwkt_token_init(&tok, "tok");
	KT_EXPECT_EQ(1, lwkt_trytoken(&tok));	/* free: taken */
	KT_ASSERT(lwkt_token_held(&tok));

	s = (struct pre_state){ .g = { 0 } };
	s.try_result = -1;
	ith = kt_group_create(kt, &s.g, preempting_trier, &s, TDPRI_INT_MED,
	    TDF_INTTHREAD, "ith");
	if (ith != NULL)
		lwkt_schedule_interrupt(ith);
	KT_EXPECT_EQ(0, s.try_result);		/* ours: refused */
	KT_ASSERT(s.preempted_after_try == self);	/* without a switch */
	KT_ASSERT(tok.t_owner == self);
	kt_group_wait(&s.g);
	lwkt_reltoken(&tok);
	KT_ASSERT(tok.t_owner == NULL);
}

KTEST(token_pool_lookup_is_stable)
{
	static uint32_t objects[64];
	struct lwkt_token *p, *q;
	int i, distinct = 0;

	for (i = 0; i < 64; i++) {
		p = lwkt_token_pool_lookup(&objects[i]);
		KT_ASSERT(p == lwkt_token_pool_lookup(&objects[i]));
		/* Objects in different 16-byte slots of one 4 KiB page
		 * hash to different tokens: (a >> 4) differs, (a >> 12)
		 * does not, unless the array crosses a page. */
		if (i % 4 == 0 && i > 0) {
			q = lwkt_token_pool_lookup(&objects[i - 4]);
			if (p != q)
				distinct++;
		}
	}
	KT_ASSERT(distinct >= 64 / 4 - 2);
	p = lwkt_token_pool_lookup(&objects[0]);
	lwkt_gettoken(p);
	KT_ASSERT(lwkt_token_held(p));
	lwkt_reltoken(p);
	KT_ASSERT(p->t_owner == NULL);
}
