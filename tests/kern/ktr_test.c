/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The kernel trace (Chapter "Watching the kernel: a trace and a
 * picture"): nothing is recorded while tracing is off; thread switches
 * are recorded as a chain, with names; a ring keeps the newest events;
 * and ktrace_pingpong, the workload whose dump `make trace` draws.
 *
 * The tests turn tracing on and off and clear the rings; each puts the
 * flag back as it found it.
 */
#include <stddef.h>
#include <stdint.h>

#include "ipi/ipiq.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/ktr.h"
#include "kern/kvcprintf.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"

/* Turn tracing off and forget every event; return the old flag. */
static int
ktr_test_reset(void)
{
	int was = ktr_enabled;

	ktr_disable();
	ktr_clear();
	return was;
}

static void
ktr_test_restore(int was)
{
	if (was)
		ktr_enable();
	else
		ktr_disable();
}

/* ---- ping-pong: pairs of threads passing a turn ------------------------ */

#define PP_MAXPAIRS	(MAXCPU + 1)

struct pp_game;

/* Two players pass the turn back and forth, rounds times each. */
struct pp_pair {
	struct lwkt_token tok;		/* protects turn and played */
	int		turn;		/* 0: ping plays, 1: pong plays */
	int		rounds;
	int		played[2];	/* rounds each side played */
	struct thread	*td[2];		/* ping, pong (freed once they exit) */
	char		name[2][KTR_NAMELEN]; /* their names */
};

struct pp_player {
	struct pp_game	*game;
	struct pp_pair	*pair;
	int		side;		/* 0: ping, 1: pong */
};

/* Every pair of one run, and the count of players that finished. */
struct pp_game {
	struct lwkt_token tok;		/* protects finished */
	int		finished;
	int		nplayers;
	int		npairs;
	struct pp_pair	pairs[PP_MAXPAIRS];
	struct pp_player players[2 * PP_MAXPAIRS];
};

/*
 * A player.  The token makes "test the turn, then tsleep" and "change
 * the turn, then wakeup" exclusive across CPUs; the critical section
 * keeps a timer tick from switching the player out (and releasing the
 * token) between the test and the tsleep on its own CPU.
 */
static void
pp_play(void *arg)
{
	struct pp_player *p = arg;
	struct pp_pair *pp = p->pair;
	struct pp_game *game = p->game;
	int i;

	crit_enter();
	lwkt_gettoken(&pp->tok);
	for (i = 0; i < pp->rounds; i++) {
		while (pp->turn != p->side)
			tsleep(&pp->turn, 0, "pingpong", 0);
		pp->played[p->side]++;
		pp->turn = !p->side;
		wakeup(&pp->turn);
	}
	lwkt_reltoken(&pp->tok);
	lwkt_gettoken(&game->tok);
	game->finished++;
	wakeup(&game->finished);
	lwkt_reltoken(&game->tok);
	crit_exit();
}

/*
 * Add a pair whose ping runs on CPU pingcpu and pong on pongcpu, named
 * PREFIXpingN and PREFIXpongN after their CPUs.
 */
static struct pp_pair *
pp_add_pair(struct ktest_ctx *kt, struct pp_game *game, int rounds,
    int pingcpu, int pongcpu, const char *prefix)
{
	struct pp_pair *pp = &game->pairs[game->npairs++];
	struct pp_player *p;
	int side, cpu;

	lwkt_token_init(&pp->tok, "pingpong");
	pp->rounds = rounds;
	for (side = 0; side < 2; side++) {
		p = &game->players[game->nplayers];
		p->game = game;
		p->pair = pp;
		p->side = side;
		cpu = side == 0 ? pingcpu : pongcpu;
		ksnprintf(pp->name[side], sizeof(pp->name[side]), "%s%s%d",
		    prefix, side == 0 ? "ping" : "pong", cpu);
		if (lwkt_create(pp_play, p, &pp->td[side], TDF_NOSTART, cpu,
		    "%s", pp->name[side]) != 0) {
			ktest_fail(kt, __FILE__, __LINE__,
			    "lwkt_create %s failed", pp->name[side]);
			continue;
		}
		game->nplayers++;
	}
	return pp;
}

/* Let every player of the game run. */
static void
pp_start(struct pp_game *game)
{
	int i;

	for (i = 0; i < game->npairs; i++) {
		if (game->pairs[i].td[0] != NULL)
			lwkt_schedule(game->pairs[i].td[0]);
		if (game->pairs[i].td[1] != NULL)
			lwkt_schedule(game->pairs[i].td[1]);
	}
}

/* Wait until every player of the game has finished its rounds. */
static void
pp_wait(struct pp_game *game)
{
	crit_enter();
	lwkt_gettoken(&game->tok);
	while (game->finished < game->nplayers)
		tsleep(&game->finished, 0, "ppjoin", 0);
	lwkt_reltoken(&game->tok);
	crit_exit();
}

static void
pp_reset(struct pp_game *game)
{
	kmemset(game, 0, sizeof(*game));
	lwkt_token_init(&game->tok, "ppgame");
}

static struct pp_game pp_game;

/* ---- the tests ---------------------------------------------------------- */

KTEST(ktr_off_records_nothing)
{
	int was = ktr_enabled, cpu, me = mycpu->gd_cpuid;

	KT_EXPECT_EQ(0, ktr_enable());		/* every CPU gets a ring */
	ktr_test_reset();
	pp_reset(&pp_game);
	pp_add_pair(kt, &pp_game, 3, me, me, "");
	pp_start(&pp_game);
	pp_wait(&pp_game);
	ktr_mark("ignored", 1, 2);
	KTR_LOG(KTR_TICK, curthread, 0, NULL);
	for (cpu = 0; cpu < ncpus; cpu++) {
		KT_EXPECT_EQ(0, ktr_count(cpu));
		KT_EXPECT_EQ(0, ktr_lost(cpu));
	}
	ktr_test_restore(was);
}

/* Does the switch event e enter thread td? */
static int
switch_into(const struct ktr_entry *e, const struct thread *td)
{
	return e->ke_b == (uint32_t)(uintptr_t)td;
}

KTEST(ktr_switch_events_chain)
{
	struct thread *self = curthread;
	int me = mycpu->gd_cpuid;
	struct ktr_entry e, prev;
	uint32_t last_to = (uint32_t)(uintptr_t)self;
	int was, rounds, i, n, nswitch = 0, into[2] = { 0, 0 };
	struct pp_pair *pp;

	rounds = 3 + (int)(ktest_random(kt) % 8);
	was = ktr_test_reset();
	pp_reset(&pp_game);
	pp = pp_add_pair(kt, &pp_game, rounds, me, me, "");
	KT_EXPECT_EQ(0, ktr_enable());
	pp_start(&pp_game);
	pp_wait(&pp_game);
	ktr_disable();
	KT_EXPECT_EQ(rounds, pp->played[0]);
	KT_EXPECT_EQ(rounds, pp->played[1]);

	n = ktr_count(me);
	KT_ASSERT(n > 0);
	KT_EXPECT_EQ(0, ktr_lost(me));
	for (i = 0; i < n; i++) {
		KT_EXPECT_EQ(0, ktr_get(me, i, &e));
		KT_EXPECT_EQ(me, e.ke_cpu);
		if (i > 0)
			KT_ASSERT(e.ke_tsc >= prev.ke_tsc);
		prev = e;
		if (e.ke_kind != KTR_SWITCH)
			continue;
		/* Each switch leaves the thread the previous one entered;
		 * the first leaves the test, which enabled the trace. */
		KT_EXPECT_EQ(last_to, e.ke_a);
		last_to = e.ke_b;
		nswitch++;
		if (switch_into(&e, pp->td[0])) {
			into[0]++;
			KT_EXPECT_STREQ(pp->name[0], e.ke_name);
		} else if (switch_into(&e, pp->td[1])) {
			into[1]++;
			KT_EXPECT_STREQ(pp->name[1], e.ke_name);
		} else if (switch_into(&e, self)) {
			KT_EXPECT_STREQ(self->td_name, e.ke_name);
		}
	}
	/* Each round of a player starts with a switch into it. */
	KT_ASSERT(into[0] >= rounds);
	KT_ASSERT(into[1] >= rounds);
	/* The test runs now: the last switch entered it. */
	KT_EXPECT_EQ((uint32_t)(uintptr_t)self, last_to);
	KT_ASSERT(nswitch >= 2 * rounds + 1);
	ktr_test_reset();
	ktr_test_restore(was);
}

KTEST(ktr_ring_keeps_newest)
{
	int me = mycpu->gd_cpuid, was, extra, i, n, marks = 0;
	uint32_t total, next = 0;
	struct ktr_entry e;

	extra = 1 + (int)(ktest_random(kt) % 100);
	total = KTR_ENTRIES + (uint32_t)extra;
	was = ktr_test_reset();
	KT_EXPECT_EQ(0, ktr_enable());
	crit_enter();
	for (i = 0; i < (int)total; i++)
		ktr_mark("m", (uint32_t)i, 0);
	crit_exit();
	ktr_disable();

	n = ktr_count(me);
	KT_EXPECT_EQ(KTR_ENTRIES, n);
	/* Other events (a timer tick) may have been recorded too. */
	KT_ASSERT(ktr_lost(me) >= (uint64_t)extra);
	for (i = 0; i < n; i++) {
		KT_EXPECT_EQ(0, ktr_get(me, i, &e));
		if (e.ke_kind != KTR_MARK)
			continue;
		KT_EXPECT_STREQ("m", e.ke_name);
		if (marks > 0)
			KT_EXPECT_EQ(next, e.ke_a);	/* in order, no gap */
		next = e.ke_a + 1;
		marks++;
	}
	KT_EXPECT_EQ(total, next);		/* the newest was kept */
	KT_ASSERT(marks <= KTR_ENTRIES && marks > KTR_ENTRIES / 2);
	KT_EXPECT_EQ(-EINVAL, ktr_get(me, n, &e));
	ktr_test_reset();
	ktr_test_restore(was);
}

KTEST(ktr_clear_refuses_while_on)
{
	int me = mycpu->gd_cpuid, was;

	was = ktr_test_reset();
	KT_EXPECT_EQ(0, ktr_enable());
	ktr_mark("x", 0, 0);
	KT_EXPECT_EQ(-EBUSY, ktr_clear());
	KT_ASSERT(ktr_count(me) >= 1);
	ktr_disable();
	KT_EXPECT_EQ(0, ktr_clear());
	KT_EXPECT_EQ(0, ktr_count(me));
	ktr_test_restore(was);
}

/*
 * The workload of `make trace`: a pair of players on every CPU, and,
 * with two CPUs or more, a pair that plays across CPUs 0 and 1.  Its
 * dump is what tools/ktr2svg draws.
 */
KTEST(ktrace_pingpong)
{
	int was, rounds, cpu, i;
	int reach = ncpus;	/* threads reach other CPUs by IPI */
	struct pp_pair *pp;

	rounds = 4 + (int)(ktest_random(kt) % 4);
	was = ktr_test_reset();
	pp_reset(&pp_game);
	for (cpu = 0; cpu < reach && cpu < MAXCPU; cpu++)
		pp_add_pair(kt, &pp_game, rounds, cpu, cpu, "");
	if (reach > 1)
		pp_add_pair(kt, &pp_game, rounds, 0, 1, "x");
	KT_EXPECT_EQ(0, ktr_enable());
	ktr_mark("begin", (uint32_t)rounds, 0);
	pp_start(&pp_game);
	pp_wait(&pp_game);
	ktr_mark("end", (uint32_t)rounds, 0);
	ktr_disable();
	for (i = 0; i < pp_game.npairs; i++) {
		pp = &pp_game.pairs[i];
		KT_EXPECT_EQ(rounds, pp->played[0]);
		KT_EXPECT_EQ(rounds, pp->played[1]);
	}
	ktr_dump();
	ktr_test_restore(was);
}
