/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The callout list of src/kern/callout_list.c on the host, against a
 * model: an array kept sorted by (due tick, arming order).  Random
 * insertions and removals, callouts due at one tick, the question "is
 * the head due?", all of it across the wrap of the 32-bit tick count;
 * and callout_ns_to_ticks against its definition.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/i386/apic_timer.h"
#include "check.h"
#include "kern/callout.h"
#include "suites.h"

#define NC	64

static struct callout co[NC];
static struct callout_list list;

/* The model: the indexes of the armed callouts, in the order they must
 * be on the list; stamp[i] is the arming order of co[i]. */
static int model[NC], nmodel;
static unsigned stamp[NC], clock_stamp;
static int armed[NC];

/* Is callout a due strictly before b, in the model's order? */
static int
model_before(int a, int b, uint32_t base)
{
	uint32_t ta = co[a].c_time - base, tb = co[b].c_time - base;

	return ta < tb || (ta == tb && stamp[a] < stamp[b]);
}

static void
model_insert(int i, uint32_t base)
{
	int k = nmodel;

	while (k > 0 && model_before(i, model[k - 1], base)) {
		model[k] = model[k - 1];
		k--;
	}
	model[k] = i;
	nmodel++;
}

static void
model_remove(int i)
{
	int k;

	for (k = 0; k < nmodel && model[k] != i; k++)
		;
	memmove(&model[k], &model[k + 1], sizeof(int) * (nmodel - k - 1));
	nmodel--;
}

/* Does the list hold exactly the model, in order, with sane links? */
static void
check_list(int line)
{
	struct callout *c;
	int k = 0;

	TAILQ_FOREACH(c, &list, c_link) {
		CHECK_MSG(k < nmodel, line, "list longer than the model (%d)",
		    nmodel);
		if (k >= nmodel)
			return;
		CHECK_MSG(c == &co[model[k]], line,
		    "position %d: callout %d, expected %d", k,
		    (int)(c - co), model[k]);
		k++;
	}
	CHECK_MSG(k == nmodel, line, "list has %d, model %d", k, nmodel);
}

static void
reset_all(void)
{
	memset(co, 0, sizeof(co));
	memset(armed, 0, sizeof(armed));
	TAILQ_INIT(&list);
	nmodel = 0;
	clock_stamp = 0;
}

/* Random arming and disarming around tick count `base`. */
static void
random_run(uint32_t base, unsigned seed)
{
	int step, i;

	reset_all();
	srand(seed);
	for (step = 0; step < 4000; step++) {
		i = rand() % NC;
		if (armed[i]) {
			callout_list_remove(&list, &co[i]);
			model_remove(i);
			armed[i] = 0;
		} else {
			/* at most 8 distinct ticks: many share one */
			co[i].c_time = base + (uint32_t)(rand() % 8);
			stamp[i] = clock_stamp++;
			callout_list_insert(&list, &co[i]);
			model_insert(i, base);
			armed[i] = 1;
		}
		if (step % 50 == 0)
			check_list(__LINE__);
	}
	check_list(__LINE__);
}

static void
test_callout_list_sorted_fifo(void)
{
	random_run(1000, 1);
	random_run(0, 2);
}

/* The same with due ticks on both sides of the wrap of 2^32. */
static void
test_callout_list_across_wrap(void)
{
	random_run(0xFFFFFFFCu, 3);
	random_run(0x7FFFFFFCu, 4);
}

/* The head is "due" exactly when now has reached its tick. */
static void
test_callout_list_due_head_only(void)
{
	uint32_t bases[] = { 50, 0xFFFFFFFEu }, base, now;
	unsigned b;

	for (b = 0; b < 2; b++) {
		base = bases[b];
		reset_all();
		CU_ASSERT_PTR_NULL(callout_list_due(&list, base));
		co[0].c_time = base + 3;
		co[1].c_time = base + 1;
		callout_list_insert(&list, &co[0]);
		callout_list_insert(&list, &co[1]);
		for (now = base - 2; now != base + 6; now++) {
			struct callout *c = callout_list_due(&list, now);

			if ((int32_t)(now - (base + 1)) >= 0)
				CHECK_MSG(c == &co[1], __LINE__,
				    "now %+d: the head is due",
				    (int)(now - base));
			else
				CHECK_MSG(c == NULL, __LINE__,
				    "now %+d: nothing due", (int)(now - base));
		}
		callout_list_remove(&list, &co[1]);
		CU_ASSERT_PTR_NULL(callout_list_due(&list, base + 2));
		CU_ASSERT_PTR_EQUAL(callout_list_due(&list, base + 3), &co[0]);
	}
}

static void
test_callout_time_reached(void)
{
	CU_ASSERT_TRUE(callout_time_reached(5, 5));
	CU_ASSERT_TRUE(callout_time_reached(6, 5));
	CU_ASSERT_FALSE(callout_time_reached(4, 5));
	CU_ASSERT_TRUE(callout_time_reached(2, 0xFFFFFFFEu));
	CU_ASSERT_FALSE(callout_time_reached(0xFFFFFFFEu, 2));
}

/* ticks = ceil(ns * HZ / 1e9) + 1, saturated at INT32_MAX. */
static void
test_callout_ns_to_ticks(void)
{
	uint64_t period = 1000000000ull / HZ, cases[] = { 0, 1, period - 1,
	    period, period + 1, 3 * period, 1000000000ull,
	    1000000000ull * 3600 };
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t ns = cases[i];
		uint64_t want = (ns + period - 1) / period + 1;

		CHECK_MSG(callout_ns_to_ticks(ns) == (int)want, __LINE__,
		    "%llu ns: %d ticks, expected %llu",
		    (unsigned long long)ns, callout_ns_to_ticks(ns),
		    (unsigned long long)want);
	}
	CU_ASSERT_EQUAL(callout_ns_to_ticks(UINT64_MAX), INT32_MAX);
	CU_ASSERT_EQUAL(callout_ns_to_ticks(UINT64_MAX / HZ + 1), INT32_MAX);
}

static const struct unit_test callout_tests[] = {
	{ "callout_list_sorted_fifo", test_callout_list_sorted_fifo },
	{ "callout_list_across_wrap", test_callout_list_across_wrap },
	{ "callout_list_due_head_only", test_callout_list_due_head_only },
	{ "callout_time_reached", test_callout_time_reached },
	{ "callout_ns_to_ticks", test_callout_ns_to_ticks },
	{ NULL, NULL }
};

int
add_callout_suite(void)
{
	return add_suite("callout", callout_tests);
}
