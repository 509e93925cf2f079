/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The watchdog's three rules (src/kern/watchdog_rules.c) stepped through
 * tick sequences on the host: what counts as stuck, and what starts the
 * count again.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "kern/watchdog_rules.h"
#include "suites.h"

static int thread_a, thread_b;		/* two "threads": their addresses */

static void
test_one_long_critical_section_counts_up(void)
{
	struct wd_watch w;
	uint32_t i, n = 0;

	memset(&w, 0, sizeof(w));
	CU_ASSERT_EQUAL(wd_crit_step(&w, &thread_a, 1, 7), 0); /* noted */
	for (i = 1; i <= 500; i++) {
		n = wd_crit_step(&w, &thread_a, 1, 7);
		CHECK_MSG(n == i, __LINE__, "tick %u: count %u", i, n);
	}
}

static void
test_anything_that_moves_starts_over(void)
{
	struct wd_watch w;
	int what;

	for (what = 0; what < 3; what++) {
		memset(&w, 0, sizeof(w));
		wd_crit_step(&w, &thread_a, 1, 100);
		wd_crit_step(&w, &thread_a, 1, 100);
		CU_ASSERT_EQUAL(wd_crit_step(&w, &thread_a, 1, 100), 2);
		switch (what) {
		case 0:		/* a switch, even back to the same thread */
			CU_ASSERT_EQUAL(wd_crit_step(&w, &thread_a, 1, 102), 0);
			break;
		case 1:		/* another thread, in its own section */
			CU_ASSERT_EQUAL(wd_crit_step(&w, &thread_b, 1, 100), 0);
			break;
		case 2:		/* one tick outside the section */
			CU_ASSERT_EQUAL(wd_crit_step(&w, &thread_a, 0, 100), 0);
			break;
		}
		/* and the count then starts from the new state */
		CHECK_MSG(wd_crit_step(&w, what == 1 ? &thread_b : &thread_a,
		    1, what == 0 ? 102 : 100) == (what == 2 ? 0u : 1u),
		    __LINE__, "case %d", what);
	}
}

static void
test_outside_a_critical_section_never_counts(void)
{
	struct wd_watch w;
	int i;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(wd_crit_step(&w, &thread_a, 0, 5), 0);
}

static void
test_a_moving_neighbour_is_never_silent(void)
{
	struct wd_watch w;
	uint32_t t = UINT32_MAX - 20, i, n;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < 200; i++) {
		/* it moves once every three of our ticks, across the wrap */
		if (i % 3 == 0)
			t++;
		n = wd_silent_step(&w, t);
		CHECK_MSG(n <= 2, __LINE__, "tick %u: silent %u", i, n);
	}
}

static void
test_a_stopped_neighbour_is_silent_for_our_ticks(void)
{
	struct wd_watch w;
	uint32_t i;

	memset(&w, 0, sizeof(w));
	CU_ASSERT_EQUAL(wd_silent_step(&w, UINT32_MAX), 0);	/* moved */
	for (i = 1; i <= 300; i++)
		CU_ASSERT_EQUAL(wd_silent_step(&w, UINT32_MAX), i);
	CU_ASSERT_EQUAL(wd_silent_step(&w, 0), 0);	/* wrapped: moved */
	CU_ASSERT_EQUAL(wd_silent_step(&w, 0), 1);
}

static void
test_a_test_is_timed_from_its_start(void)
{
	struct wd_test t;
	uint32_t now = UINT32_MAX - 50, i;

	memset(&t, 0, sizeof(t));
	CU_ASSERT_EQUAL(wd_test_step(&t, 0, 0, now), 0);	/* none runs */
	CU_ASSERT_EQUAL(wd_test_step(&t, 1, 1, now), 0);	/* starts */
	for (i = 1; i <= 100; i++)				/* wraps */
		CU_ASSERT_EQUAL(wd_test_step(&t, 1, 1, now + i), i);
	/* the next test, or the same test run again, starts over */
	CU_ASSERT_EQUAL(wd_test_step(&t, 1, 2, now + 200), 0);
	CU_ASSERT_EQUAL(wd_test_step(&t, 1, 2, now + 207), 7);
	/* between tests nothing runs and nothing counts */
	CU_ASSERT_EQUAL(wd_test_step(&t, 0, 2, now + 5000), 0);
	CU_ASSERT_EQUAL(wd_test_step(&t, 1, 3, now + 5001), 0);
	CU_ASSERT_EQUAL(wd_test_step(&t, 1, 3, now + 5003), 2);
}

int
add_watchdog_suite(void)
{
	static const struct unit_test tests[] = {
		{ "one_long_critical_section_counts_up",
		    test_one_long_critical_section_counts_up },
		{ "anything_that_moves_starts_over",
		    test_anything_that_moves_starts_over },
		{ "outside_a_critical_section_never_counts",
		    test_outside_a_critical_section_never_counts },
		{ "a_moving_neighbour_is_never_silent",
		    test_a_moving_neighbour_is_never_silent },
		{ "a_stopped_neighbour_is_silent_for_our_ticks",
		    test_a_stopped_neighbour_is_silent_for_our_ticks },
		{ "a_test_is_timed_from_its_start",
		    test_a_test_is_timed_from_its_start },
		{ NULL, NULL },
	};

	return add_suite("watchdog", tests);
}
