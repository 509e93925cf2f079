/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The default user-scheduling policy's decisions (src/kern/usched_dflt.c,
 * book/30-usched.nw) on the host: the queues, recent use and levels,
 * slices, the choice of a CPU and of the next process; then a small
 * model of the mechanism (ticks, slices, preemption, stealing) that
 * checks the three properties the kernel tests check, fairness, spread
 * and a sleeper's delay, over thousands of simulated ticks.  Expected
 * values come from the rules as the chapter states them.
 */
#include <string.h>

#include <CUnit/CUnit.h>
#include "kern/usched_dflt.h"
#include "suites.h"

#define NE	16

static struct usched_queues uqs;
static struct usched_entity ent[NE];

/* NCPUS idle CPUs, every entity fresh (level 0, no CPU yet). */
static void
setup(int ncpus)
{
	int i;

	usched_queues_init(&uqs, ncpus);
	memset(ent, 0, sizeof(ent));
	for (i = 0; i < NE; i++)
		ent[i].ue_cpu = -1;
}

/* Entity I at LEVEL (recent use to match), queued on CPU. */
static void
queue_at(int i, int level, int cpu)
{
	ent[i].ue_estcpu = level * USCHED_ESTCPU_PER_LEVEL;
	ent[i].ue_level = level;
	usched_queue_insert(&uqs, cpu, &ent[i]);
}

/* ---- the queues ---------------------------------------------------- */

static void
test_queue_fifo_per_level(void)
{
	setup(1);
	queue_at(0, 2, 0);
	queue_at(1, 2, 0);
	queue_at(2, 1, 0);
	CU_ASSERT_EQUAL(uqs.us_cpu[0].uq_count, 3);
	CU_ASSERT_EQUAL(usched_queue_best(&uqs.us_cpu[0]), 1);
	CU_ASSERT(usched_choose_next(&uqs, 0) == &ent[2]);
	CU_ASSERT(usched_choose_next(&uqs, 0) == &ent[0]);
	CU_ASSERT(usched_choose_next(&uqs, 0) == &ent[1]);
	CU_ASSERT(usched_choose_next(&uqs, 0) == NULL);
	CU_ASSERT_EQUAL(usched_queue_best(&uqs.us_cpu[0]), -1);
	CU_ASSERT_EQUAL(uqs.us_cpu[0].uq_count, 0);
}

static void
test_queue_remove_anywhere(void)
{
	setup(2);
	queue_at(0, 3, 1);
	queue_at(1, 3, 1);
	queue_at(2, 5, 1);
	usched_queue_remove(&uqs, &ent[0]);
	CU_ASSERT_EQUAL(ent[0].ue_queued, 0);
	CU_ASSERT_EQUAL(uqs.us_cpu[1].uq_count, 2);
	usched_queue_remove(&uqs, &ent[1]);
	CU_ASSERT_EQUAL(usched_queue_best(&uqs.us_cpu[1]), 5);
	CU_ASSERT_EQUAL((int)uqs.us_cpu[1].uq_mask, (int)(1u << 5));
	CU_ASSERT_EQUAL(ent[2].ue_cpu, 1);
	CU_ASSERT(ent[2].ue_queued);
}

/* ---- priority ------------------------------------------------------ */

static void
test_priority_level_from_recent_use(void)
{
	setup(1);
	ent[0].ue_estcpu = USCHED_ESTCPU_PER_LEVEL * 3 - 1;
	usched_reprioritize(&ent[0], 0);
	CU_ASSERT_EQUAL(ent[0].ue_level, 2);
	ent[0].ue_estcpu = USCHED_ESTCPU_MAX;
	usched_reprioritize(&ent[0], 0);
	CU_ASSERT_EQUAL(ent[0].ue_level, USCHED_NQS - 1);
}

static void
test_priority_decays_by_halves(void)
{
	setup(1);
	ent[0].ue_estcpu = 64;
	usched_reprioritize(&ent[0], USCHED_DECAY_TICKS - 1);
	CU_ASSERT_EQUAL(ent[0].ue_estcpu, 64);	/* same period: no decay */
	usched_reprioritize(&ent[0], 3 * USCHED_DECAY_TICKS);
	CU_ASSERT_EQUAL(ent[0].ue_estcpu, 8);	/* three periods: / 8 */
	CU_ASSERT_EQUAL(ent[0].ue_level, 1);
	usched_reprioritize(&ent[0], 100 * USCHED_DECAY_TICKS);
	CU_ASSERT_EQUAL(ent[0].ue_estcpu, 0);
}

static void
test_priority_charge_grows_and_caps(void)
{
	int i;

	setup(1);
	for (i = 0; i < USCHED_ESTCPU_PER_LEVEL; i++)
		usched_charge_tick(&ent[0], 0);
	CU_ASSERT_EQUAL(ent[0].ue_estcpu, USCHED_ESTCPU_PER_LEVEL);
	CU_ASSERT_EQUAL(ent[0].ue_level, 1);
	for (i = 0; i < 2 * USCHED_ESTCPU_MAX; i++)
		usched_charge_tick(&ent[0], 0);
	CU_ASSERT_EQUAL(ent[0].ue_estcpu, USCHED_ESTCPU_MAX);
}

static void
test_priority_waiting_processes_decay(void)
{
	setup(2);
	queue_at(0, 4, 1);
	queue_at(1, 1, 1);
	queue_at(2, 4, 1);
	usched_queues_decay(&uqs, USCHED_DECAY_TICKS - 1); /* same period */
	CU_ASSERT_EQUAL(usched_queue_best(&uqs.us_cpu[1]), 1);
	usched_queues_decay(&uqs, 2 * USCHED_DECAY_TICKS); /* two: / 4 */
	CU_ASSERT_EQUAL(ent[0].ue_estcpu, 4 * USCHED_ESTCPU_PER_LEVEL / 4);
	CU_ASSERT_EQUAL(ent[0].ue_level, 1);
	CU_ASSERT_EQUAL(ent[1].ue_level, 0);
	CU_ASSERT_EQUAL((int)uqs.us_cpu[1].uq_mask, 0x3);
	CU_ASSERT_EQUAL(uqs.us_cpu[1].uq_count, 3);
	CU_ASSERT(usched_choose_next(&uqs, 1) == &ent[1]);
	CU_ASSERT(usched_choose_next(&uqs, 1) == &ent[0]);
	CU_ASSERT(usched_choose_next(&uqs, 1) == &ent[2]);
	CU_ASSERT_EQUAL((int)uqs.us_cpu[1].uq_mask, 0);
}

static void
test_priority_preempts_only_a_worse_current(void)
{
	setup(2);
	ent[0].ue_level = 1;
	CU_ASSERT(!usched_preempts(&uqs, 0, &ent[0]));	/* no current */
	uqs.us_cpu[0].uq_curlevel = 1;
	CU_ASSERT(!usched_preempts(&uqs, 0, &ent[0]));	/* as good */
	uqs.us_cpu[0].uq_curlevel = 4;
	CU_ASSERT(usched_preempts(&uqs, 0, &ent[0]));
	CU_ASSERT(!usched_preempts(&uqs, 1, &ent[0]));
}

/* ---- slices -------------------------------------------------------- */

static void
test_slice_runs_its_quantum(void)
{
	setup(2);
	ent[0].ue_level = 2;
	uqs.us_cpu[0].uq_curlevel = 2;
	queue_at(1, 2, 1);			/* as good, elsewhere */
	ent[0].ue_slice = USCHED_QUANTUM - 1;
	CU_ASSERT(!usched_slice_over(&uqs, 0, &ent[0]));
	ent[0].ue_slice = USCHED_QUANTUM;
	CU_ASSERT(usched_slice_over(&uqs, 0, &ent[0]));
}

static void
test_slice_goes_on_when_only_worse_wait(void)
{
	setup(2);
	ent[0].ue_level = 2;
	queue_at(1, 3, 0);
	queue_at(2, 6, 1);
	ent[0].ue_slice = 10 * USCHED_QUANTUM;
	CU_ASSERT(!usched_slice_over(&uqs, 0, &ent[0]));
}

static void
test_slice_ends_at_once_for_a_better_one_here(void)
{
	setup(2);
	ent[0].ue_level = 3;
	ent[0].ue_slice = 0;
	queue_at(1, 1, 1);			/* better, but elsewhere */
	CU_ASSERT(!usched_slice_over(&uqs, 0, &ent[0]));
	queue_at(2, 2, 0);
	CU_ASSERT(usched_slice_over(&uqs, 0, &ent[0]));
}

/* ---- where a process runs ----------------------------------------- */

static void
test_where_idle_cpu_first(void)
{
	setup(4);
	uqs.us_cpu[0].uq_curlevel = 0;
	uqs.us_cpu[1].uq_curlevel = 0;
	uqs.us_cpu[3].uq_curlevel = 0;
	ent[0].ue_cpu = 0;
	CU_ASSERT_EQUAL(usched_choose_cpu(&uqs, &ent[0]), 2);
}

static void
test_where_own_cpu_on_a_tie(void)
{
	int c;

	setup(4);
	for (c = 0; c < 4; c++)
		uqs.us_cpu[c].uq_curlevel = 3;
	ent[0].ue_cpu = 2;
	CU_ASSERT_EQUAL(usched_choose_cpu(&uqs, &ent[0]), 2);
	queue_at(1, 0, 2);
	CU_ASSERT_EQUAL(usched_choose_cpu(&uqs, &ent[0]), 3); /* next in turn */
	ent[2].ue_cpu = -1;
	CU_ASSERT_EQUAL(usched_choose_cpu(&uqs, &ent[2]), 0);
}

static void
test_where_least_loaded(void)
{
	setup(3);
	queue_at(0, 0, 0);
	queue_at(1, 0, 0);
	queue_at(2, 0, 1);
	queue_at(3, 0, 2);
	queue_at(4, 0, 2);
	ent[5].ue_cpu = 0;
	CU_ASSERT_EQUAL(usched_choose_cpu(&uqs, &ent[5]), 1);
}

static void
test_where_next_best_then_earliest(void)
{
	setup(3);
	queue_at(0, 3, 0);
	queue_at(1, 1, 1);
	CU_ASSERT(usched_choose_next(&uqs, 0) == &ent[1]); /* better elsewhere */
	CU_ASSERT(usched_choose_next(&uqs, 0) == &ent[0]);
	queue_at(2, 2, 1);
	queue_at(3, 2, 2);
	queue_at(4, 2, 0);
	CU_ASSERT(usched_choose_next(&uqs, 0) == &ent[2]); /* earliest */
	CU_ASSERT(usched_choose_next(&uqs, 2) == &ent[3]);
	queue_at(5, 4, 0);
	queue_at(6, 4, 1);
	CU_ASSERT(usched_choose_next(&uqs, 1) == &ent[4]); /* better */
	CU_ASSERT(usched_choose_next(&uqs, 1) == &ent[5]); /* earliest */
	CU_ASSERT(usched_choose_next(&uqs, 2) == &ent[6]);
	CU_ASSERT(usched_choose_next(&uqs, 2) == NULL);
	CU_ASSERT_EQUAL(uqs.us_cpu[0].uq_count + uqs.us_cpu[1].uq_count +
	    uqs.us_cpu[2].uq_count, 0);
}

/* An idle CPU, nothing queued anywhere: usched_take_idle says yes
 * exactly when the long way (recent use brought up to date, queued
 * where usched_choose_cpu says, the idle CPU chooses) makes the process
 * current on that CPU, and then leaves the same state.  For 1 to 4
 * CPUs, each idle CPU, each pattern of the other CPUs busy, each last
 * CPU of the process, a few recent uses. */
static void
test_where_idle_cpu_taken_as_the_long_way(void)
{
	struct usched_queues longq;
	struct usched_entity le;
	int ncpus, cpu, busy, last, use, c, yes, taken = 0, refused = 0;
	uint32_t now = 3 * USCHED_DECAY_TICKS + 1;

	for (ncpus = 1; ncpus <= 4; ncpus++)
	for (cpu = 0; cpu < ncpus; cpu++)
	for (busy = 0; busy < 1 << ncpus; busy++)
	for (last = -1; last < ncpus; last++)
	for (use = 0; use <= 200; use += 50) {
		if ((busy & (1 << cpu)) != 0)
			continue;		/* CPU must be idle */
		setup(ncpus);
		usched_queues_init(&longq, ncpus);
		for (c = 0; c < ncpus; c++)
			if ((busy & (1 << c)) != 0)
				uqs.us_cpu[c].uq_curlevel =
				    longq.us_cpu[c].uq_curlevel = c % 3;
		ent[0].ue_estcpu = use;
		ent[0].ue_cpu = last;
		ent[0].ue_slice = 9;
		le = ent[0];
		yes = usched_take_idle(&uqs, cpu, &ent[0], now);
		usched_reprioritize(&le, now);
		c = usched_choose_cpu(&longq, &le);
		CU_ASSERT_EQUAL(yes, c == cpu);
		if (!yes) {
			refused++;
			continue;
		}
		taken++;
		usched_queue_insert(&longq, c, &le);
		CU_ASSERT(usched_choose_next(&longq, cpu) == &le);
		le.ue_slice = 0;		/* as the kernel's select does */
		le.ue_cpu = cpu;
		longq.us_cpu[cpu].uq_curlevel = le.ue_level;
		CU_ASSERT_EQUAL(ent[0].ue_estcpu, le.ue_estcpu);
		CU_ASSERT_EQUAL(ent[0].ue_decayed, le.ue_decayed);
		CU_ASSERT_EQUAL(ent[0].ue_level, le.ue_level);
		CU_ASSERT_EQUAL(ent[0].ue_slice, 0);
		CU_ASSERT_EQUAL(ent[0].ue_cpu, cpu);
		CU_ASSERT_EQUAL(ent[0].ue_queued, 0);
		for (c = 0; c < ncpus; c++) {
			CU_ASSERT_EQUAL(uqs.us_cpu[c].uq_curlevel,
			    longq.us_cpu[c].uq_curlevel);
			CU_ASSERT_EQUAL(uqs.us_cpu[c].uq_count, 0);
			CU_ASSERT_EQUAL(uqs.us_cpu[c].uq_mask, 0);
		}
	}
	CU_ASSERT(taken > 0);
	CU_ASSERT(refused > 0);
}

/* Two idle CPUs: the process's own last one is where it goes, so the
 * other may not take it at once (the long way sends it home). */
static void
test_where_idle_cpu_refused_when_its_own_is_idle(void)
{
	setup(2);
	ent[0].ue_cpu = 1;
	CU_ASSERT_EQUAL(usched_take_idle(&uqs, 0, &ent[0], 0), 0);
	CU_ASSERT_EQUAL(uqs.us_cpu[0].uq_curlevel, -1);
	CU_ASSERT_EQUAL(usched_take_idle(&uqs, 1, &ent[0], 0), 1);
	CU_ASSERT_EQUAL(uqs.us_cpu[1].uq_curlevel, 0);
}

/* ---- a model of the mechanism -------------------------------------- */

/*
 * CPUS CPUs in lockstep, one tick each per step: the current entity of a
 * CPU is charged (usched_charge_tick), its slice grows, and when
 * usched_slice_over says so it is queued again (usched_choose_cpu, with
 * a preemption where usched_preempts says) and the CPU chooses
 * (usched_choose_next).  A CPU without a current entity chooses at each
 * tick, as the kernel's clock does.  Sleepers are off the CPUs and
 * queues while they sleep.
 */
static struct usched_entity *cur[MAXCPU];

static void
model_release(int c)
{
	cur[c] = NULL;
	uqs.us_cpu[c].uq_curlevel = -1;
}

static void
model_select(int c)
{
	struct usched_entity *e = usched_choose_next(&uqs, c);

	cur[c] = e;
	uqs.us_cpu[c].uq_curlevel = e != NULL ? e->ue_level : -1;
	if (e != NULL) {
		e->ue_slice = 0;
		e->ue_cpu = c;
	}
}

/* E wants a CPU at NOW: queue it, preempting where the policy says. */
static void
model_enqueue(struct usched_entity *e, uint32_t now)
{
	int c;

	usched_reprioritize(e, now);
	c = usched_choose_cpu(&uqs, e);
	usched_queue_insert(&uqs, c, e);
	if (usched_preempts(&uqs, c, e) && cur[c] != NULL) {
		struct usched_entity *old = cur[c];

		model_release(c);
		model_select(c);
		model_enqueue(old, now);
	} else if (cur[c] == NULL) {
		model_select(c);
	}
}

/* One tick on every CPU; RUN[i] counts entity i's ticks. */
static void
model_tick(int ncpus, uint32_t now, int *run)
{
	struct usched_entity *e;
	int c;

	usched_queues_decay(&uqs, now);
	for (c = 0; c < ncpus; c++) {
		if ((e = cur[c]) == NULL) {
			model_select(c);
			continue;
		}
		run[e - ent]++;
		usched_charge_tick(e, now);
		e->ue_slice++;
		uqs.us_cpu[c].uq_curlevel = e->ue_level;
		if (usched_slice_over(&uqs, c, e)) {
			model_release(c);
			model_enqueue(e, now);
			if (cur[c] == NULL)
				model_select(c);
		}
	}
}

static void
model_start(int ncpus, int n)
{
	int i;

	setup(ncpus);
	memset(cur, 0, sizeof(cur));
	for (i = 0; i < n; i++)
		model_enqueue(&ent[i], 0);
}

/* CPUS + 1 hogs for 2000 ticks: shares within 5% of the mean (the
 * model has none of the kernel's noise; a policy that keeps a lone hog
 * on its CPU gives it about 40% more than the mean at two CPUs). */
static void
test_model_hogs_share_fairly(void)
{
	int ncpus, i, n, run[NE], sum;
	uint32_t t;

	for (ncpus = 1; ncpus <= 4; ncpus++) {
		n = ncpus + 1;
		model_start(ncpus, n);
		memset(run, 0, sizeof(run));
		for (t = 1; t <= 2000; t++)
			model_tick(ncpus, t, run);
		for (sum = 0, i = 0; i < n; i++)
			sum += run[i];
		CU_ASSERT_EQUAL(sum, 2000 * ncpus);
		for (i = 0; i < n; i++) {
			CU_ASSERT(run[i] * n * 20 >= sum * 19);
			CU_ASSERT(run[i] * n * 20 <= sum * 21);
		}
	}
}

/* As many hogs as CPUs: each on a CPU of its own, every tick. */
static void
test_model_hogs_spread(void)
{
	int ncpus, i, run[NE];
	uint32_t t;

	for (ncpus = 1; ncpus <= 8; ncpus++) {
		model_start(ncpus, ncpus);
		memset(run, 0, sizeof(run));
		for (t = 1; t <= 500; t++)
			model_tick(ncpus, t, run);
		for (i = 0; i < ncpus; i++)
			CU_ASSERT_EQUAL(run[i], 500);
	}
}

/* One hog per CPU for 40 ticks, then a sleeper that sleeps a tick at a
 * time: each time it wakes it is current at once (it preempts). */
static void
test_model_sleeper_preempts(void)
{
	struct usched_entity *s = &ent[NE - 1];
	int ncpus, c, round, run[NE], on;
	uint32_t t;

	for (ncpus = 1; ncpus <= 4; ncpus++) {
		model_start(ncpus, ncpus);
		memset(run, 0, sizeof(run));
		for (t = 1; t <= 40; t++)
			model_tick(ncpus, t, run);
		for (round = 0; round < 8; round++) {
			model_enqueue(s, t);		/* it wakes */
			for (on = 0, c = 0; c < ncpus; c++)
				on |= cur[c] == s;
			CU_ASSERT(on);
			for (c = 0; c < ncpus; c++)	/* it sleeps again */
				if (cur[c] == s) {
					model_release(c);
					model_select(c);
				}
			model_tick(ncpus, ++t, run);
		}
	}
}

static const struct unit_test queue_tests[] = {
	{ "queue_fifo_per_level", test_queue_fifo_per_level },
	{ "queue_remove_anywhere", test_queue_remove_anywhere },
	{ NULL, NULL }
};

static const struct unit_test priority_tests[] = {
	{ "priority_level_from_recent_use",
	    test_priority_level_from_recent_use },
	{ "priority_decays_by_halves", test_priority_decays_by_halves },
	{ "priority_charge_grows_and_caps",
	    test_priority_charge_grows_and_caps },
	{ "priority_waiting_processes_decay",
	    test_priority_waiting_processes_decay },
	{ "priority_preempts_only_a_worse_current",
	    test_priority_preempts_only_a_worse_current },
	{ "model_sleeper_preempts", test_model_sleeper_preempts },
	{ NULL, NULL }
};

static const struct unit_test slice_tests[] = {
	{ "slice_runs_its_quantum", test_slice_runs_its_quantum },
	{ "slice_goes_on_when_only_worse_wait",
	    test_slice_goes_on_when_only_worse_wait },
	{ "slice_ends_at_once_for_a_better_one_here",
	    test_slice_ends_at_once_for_a_better_one_here },
	{ "model_hogs_share_fairly", test_model_hogs_share_fairly },
	{ NULL, NULL }
};

static const struct unit_test where_tests[] = {
	{ "where_idle_cpu_first", test_where_idle_cpu_first },
	{ "where_own_cpu_on_a_tie", test_where_own_cpu_on_a_tie },
	{ "where_least_loaded", test_where_least_loaded },
	{ "where_next_best_then_earliest",
	    test_where_next_best_then_earliest },
	{ "where_idle_cpu_taken_as_the_long_way",
	    test_where_idle_cpu_taken_as_the_long_way },
	{ "where_idle_cpu_refused_when_its_own_is_idle",
	    test_where_idle_cpu_refused_when_its_own_is_idle },
	{ "model_hogs_spread", test_model_hogs_spread },
	{ NULL, NULL }
};

/* The queues: no lab hole. */
int
add_usched_queue_suite(void)
{
	return add_suite("usched_queue", queue_tests);
}

/* The priority of a process: lab usched, part 1. */
int
add_usched_priority_suite(void)
{
	return add_suite("usched_priority", priority_tests);
}

/* The slice: lab usched, part 2. */
int
add_usched_slice_suite(void)
{
	return add_suite("usched_slice", slice_tests);
}

/* Where a process runs: lab usched, part 3. */
int
add_usched_where_suite(void)
{
	return add_suite("usched_where", where_tests);
}
