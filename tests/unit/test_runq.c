/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The run queues of src/lwkt/lwkt_runq.c on the host: the choice by the
 * mask, FIFO within a priority, rotation, removal anywhere, the order of
 * choice across priorities, and the assertions.  Every expectation is
 * computed from a simple model: a list of (priority, insertion time).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kern/thread.h"
#include "lwkt/runq.h"
#include "suites.h"

/* KASSERT calls panic: jump back into the test that expects it. */
/* Where panic jumps back to; also used by the other suites (extern). */
jmp_buf *panic_jump;

void
panic_assertion(const char *expr, const char *file, int line)
{
	(void)expr;
	(void)file;
	(void)line;
}

void
panic(const char *fmt, ...)
{
	if (panic_jump != NULL)
		longjmp(*panic_jump, 1);
	(void)fmt;
	abort();
}

#define NTH	96

static struct thread th[NTH];
static struct lwkt_runq rq;

static void
setup(void)
{
	memset(th, 0, sizeof(th));
	lwkt_runq_init(&rq);
}

static struct thread *
at(int i, int pri)
{
	th[i].td_pri = pri;
	return &th[i];
}

/* Does the mask say exactly which queues are non-empty? */
static int
mask_consistent(void)
{
	int p;

	for (p = 0; p < LWKT_NQUEUES; p++)
		if (((rq.rq_mask >> p) & 1) != !TAILQ_EMPTY(&rq.rq_queue[p]))
			return 0;
	return 1;
}

static void
test_empty(void)
{
	setup();
	CU_ASSERT_EQUAL(lwkt_runq_highest(&rq), -1);
	CU_ASSERT_PTR_NULL(lwkt_runq_first(&rq));
	CU_ASSERT_EQUAL(rq.rq_mask, 0);
}

static void
test_all_32_levels(void)
{
	int p;

	setup();
	for (p = 0; p < LWKT_NQUEUES; p++) {
		lwkt_runq_insert(&rq, at(p, p));
		CHECK_MSG(lwkt_runq_first(&rq) == &th[p], __LINE__,
		    "after inserting priority %d", p);
		CU_ASSERT_EQUAL(lwkt_runq_highest(&rq), p);
		CU_ASSERT(th[p].td_flags & TDF_RUNQ);
	}
	CU_ASSERT_EQUAL(rq.rq_mask, 0xFFFFFFFFu);
	for (p = LWKT_NQUEUES - 1; p >= 0; p--) {
		CHECK_MSG(lwkt_runq_first(&rq) == &th[p], __LINE__,
		    "before removing priority %d", p);
		lwkt_runq_remove(&rq, &th[p]);
		CU_ASSERT_EQUAL(lwkt_runq_highest(&rq), p - 1);
		CU_ASSERT_FALSE(th[p].td_flags & TDF_RUNQ);
		CU_ASSERT(mask_consistent());
	}
	CU_ASSERT_PTR_NULL(lwkt_runq_first(&rq));
}

static void
test_fifo_within_priority(void)
{
	setup();
	lwkt_runq_insert(&rq, at(0, 7));
	lwkt_runq_insert(&rq, at(1, 7));
	lwkt_runq_insert(&rq, at(2, 7));
	lwkt_runq_insert(&rq, at(3, 3));
	CU_ASSERT_PTR_EQUAL(lwkt_runq_first(&rq), &th[0]);
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[0]), &th[1]);
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[1]), &th[2]);
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[2]), &th[3]);
	CU_ASSERT_PTR_NULL(lwkt_runq_next(&rq, &th[3]));
}

static void
test_rotation(void)
{
	setup();
	lwkt_runq_insert(&rq, at(0, 9));
	lwkt_runq_insert(&rq, at(1, 9));
	lwkt_runq_insert(&rq, at(2, 9));
	lwkt_runq_rotate(&rq, &th[0]);
	CU_ASSERT_PTR_EQUAL(lwkt_runq_first(&rq), &th[1]);
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[2]), &th[0]);
	lwkt_runq_rotate(&rq, &th[2]);		/* from the middle */
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[1]), &th[0]);
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[0]), &th[2]);
	lwkt_runq_rotate(&rq, &th[2]);		/* already last */
	CU_ASSERT_PTR_NULL(lwkt_runq_next(&rq, &th[2]));
	CU_ASSERT(mask_consistent());
}

static void
test_remove_head_middle_tail(void)
{
	setup();
	lwkt_runq_insert(&rq, at(0, 4));
	lwkt_runq_insert(&rq, at(1, 4));
	lwkt_runq_insert(&rq, at(2, 4));
	lwkt_runq_insert(&rq, at(3, 4));
	lwkt_runq_remove(&rq, &th[1]);		/* middle */
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[0]), &th[2]);
	lwkt_runq_remove(&rq, &th[3]);		/* tail */
	CU_ASSERT_PTR_NULL(lwkt_runq_next(&rq, &th[2]));
	lwkt_runq_insert(&rq, &th[3]);		/* the tail pointer is right */
	CU_ASSERT_PTR_EQUAL(lwkt_runq_next(&rq, &th[2]), &th[3]);
	lwkt_runq_remove(&rq, &th[0]);		/* head */
	CU_ASSERT_PTR_EQUAL(lwkt_runq_first(&rq), &th[2]);
	CU_ASSERT_EQUAL(rq.rq_mask, 1u << 4);
	lwkt_runq_remove(&rq, &th[2]);
	lwkt_runq_remove(&rq, &th[3]);
	CU_ASSERT_EQUAL(rq.rq_mask, 0);
	CU_ASSERT_PTR_NULL(lwkt_runq_first(&rq));
}

/* In the model: is thread a chosen before thread b? */
static int
chosen_before(int a, int b, const long *when)
{
	return th[a].td_pri > th[b].td_pri ||
	    (th[a].td_pri == th[b].td_pri && when[a] < when[b]);
}

/*
 * Random inserts, removals and rotations against a model: each thread
 * has a priority and a "time" (when it was last put at its tail).  The
 * order of choice is by priority, then by time.
 */
static void
test_order_of_choice_matches_model(void)
{
	long when[NTH];
	int queued[NTH], expect[NTH], got[NTH];
	struct thread *td;
	long clock = 0;
	int step, i, j, n, m;

	setup();
	srand(12345);
	memset(queued, 0, sizeof(queued));
	for (step = 0; step < 5000; step++) {
		i = rand() % NTH;
		if (!queued[i]) {
			lwkt_runq_insert(&rq, at(i, rand() % LWKT_NQUEUES));
			queued[i] = 1;
			when[i] = clock++;
		} else if (rand() % 3 == 0) {
			lwkt_runq_rotate(&rq, &th[i]);
			when[i] = clock++;
		} else {
			lwkt_runq_remove(&rq, &th[i]);
			queued[i] = 0;
		}
		n = 0;				/* the model's order */
		for (j = 0; j < NTH; j++)
			if (queued[j])
				expect[n++] = j;
		for (j = 1; j < n; j++) {	/* insertion sort */
			int k = j, e = expect[j];

			while (k > 0 && chosen_before(e, expect[k - 1], when)) {
				expect[k] = expect[k - 1];
				k--;
			}
			expect[k] = e;
		}
		m = 0;				/* the run queue's order */
		for (td = lwkt_runq_first(&rq); td != NULL && m < NTH;
		    td = lwkt_runq_next(&rq, td))
			got[m++] = (int)(td - th);
		if (m != n || memcmp(got, expect, sizeof(int) * n) != 0 ||
		    !mask_consistent()) {
			CHECK_MSG(0, __LINE__, "step %d: order differs", step);
			return;
		}
	}
	CU_PASS("5000 random steps");
}

static void
test_assertions(void)
{
	jmp_buf jb;

	setup();
	panic_jump = &jb;
	lwkt_runq_insert(&rq, at(0, 5));
	if (setjmp(jb) == 0) {
		lwkt_runq_insert(&rq, &th[0]);	/* twice */
		CU_FAIL("inserting a queued thread did not panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_runq_remove(&rq, at(1, 5));	/* never queued */
		CU_FAIL("removing an unqueued thread did not panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_runq_insert(&rq, at(2, 32));	/* no such priority */
		CU_FAIL("priority 32 did not panic");
	}
	panic_jump = NULL;
	CU_ASSERT_PTR_EQUAL(lwkt_runq_first(&rq), &th[0]);
	CU_ASSERT(mask_consistent());
}

int
add_runq_suite(void)
{
	static const struct unit_test tests[] = {
		{ "empty", test_empty },
		{ "all_32_levels", test_all_32_levels },
		{ "fifo_within_priority", test_fifo_within_priority },
		{ "rotation", test_rotation },
		{ "remove_head_middle_tail", test_remove_head_middle_tail },
		{ "order_of_choice_matches_model",
		    test_order_of_choice_matches_model },
		{ "assertions", test_assertions },
		{ NULL, NULL },
	};

	return add_suite("runq", tests);
}
