/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The IPI FIFO of src/ipi/ipififo.c on the host: order, the thresholds
 * of the drain rule, sequence numbers and completion, nested messages,
 * and the wrap-around of the 32-bit indices (every test starts its
 * indices a little below UINT32_MAX).  Last, two pthreads play source
 * and target for a million messages.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "ipi/ipififo.h"
#include "suites.h"

/* Starting points: far from the wrap, just below it, and at it. */
static const uint32_t starts[] = {
	0, UINT32_MAX - 5, UINT32_MAX - IPIQ_SIZE + 1, UINT32_MAX, 12345,
};
#define NSTARTS	(sizeof(starts) / sizeof(starts[0]))

static struct lwkt_ipiq q;

/* A message function that records its argument in the log. */
static uintptr_t run_log[4096];
static unsigned run_count;

static void
record(void *arg)
{
	run_log[run_count++] = (uintptr_t)arg;
}

/* Take and run every queued message, as the target would. */
static unsigned
drain_all(struct lwkt_ipiq *ip)
{
	ipifunc1_t f;
	void *a;
	unsigned n = 0;

	while (ipififo_get(ip, &f, &a)) {
		f(a);
		ipififo_done(ip);
		n++;
	}
	return n;
}

static void
test_messages_run_in_order_across_the_wrap(void)
{
	unsigned s, i, next, sent;

	for (s = 0; s < NSTARTS; s++) {
		ipififo_init(&q, starts[s]);
		run_count = 0;
		next = sent = 0;
		/* Batches of 1..IPIQ_HIGH, so that slots are reused often. */
		for (i = 1; sent < 1000; i = i % IPIQ_HIGH + 1) {
			unsigned k;

			for (k = 0; k < i && sent < 1000; k++, sent++)
				ipififo_put(&q, record, (void *)(uintptr_t)sent);
			CHECK_MSG(ipififo_queued(&q) == k, __LINE__,
			    "start %u: %u queued, expected %u", starts[s],
			    ipififo_queued(&q), k);
			drain_all(&q);
		}
		CHECK_MSG(run_count == 1000, __LINE__, "start %u: ran %u",
		    starts[s], run_count);
		for (i = 0; i < run_count; i++)
			if (run_log[i] != next++)
				break;
		CHECK_MSG(i == 1000, __LINE__,
		    "start %u: message %u ran out of order", starts[s], i);
		CU_ASSERT_EQUAL(q.ip_windex, starts[s] + 1000);
		CU_ASSERT_EQUAL(q.ip_rindex, starts[s] + 1000);
		CU_ASSERT_EQUAL(q.ip_xindex, starts[s] + 1000);
	}
}

static void
test_sequence_numbers_and_completion(void)
{
	unsigned s, i;
	uint32_t seq[10];
	ipifunc1_t f;
	void *a;

	for (s = 0; s < NSTARTS; s++) {
		ipififo_init(&q, starts[s]);
		run_count = 0;
		for (i = 0; i < 10; i++) {
			seq[i] = ipififo_put(&q, record, (void *)(uintptr_t)i);
			CU_ASSERT_EQUAL(seq[i], starts[s] + i + 1);
			CU_ASSERT_FALSE(ipififo_completed(&q, seq[i]));
		}
		/* The index before the first message has "returned". */
		CU_ASSERT_TRUE(ipififo_completed(&q, starts[s]));
		for (i = 0; i < 10; i++) {
			CU_ASSERT_TRUE(ipififo_get(&q, &f, &a));
			CU_ASSERT_FALSE(ipififo_completed(&q, seq[i]));
			f(a);
			ipififo_done(&q);
			CHECK_MSG(ipififo_completed(&q, seq[i]), __LINE__,
			    "start %u: message %u done but not completed",
			    starts[s], i);
			if (i + 1 < 10)
				CU_ASSERT_FALSE(ipififo_completed(&q,
				    seq[i + 1]));
		}
		CU_ASSERT_FALSE(ipififo_get(&q, &f, &a));
	}
}

static void
test_thresholds_half_and_quarter(void)
{
	unsigned s, i;
	ipifunc1_t f;
	void *a;

	for (s = 0; s < NSTARTS; s++) {
		ipififo_init(&q, starts[s]);
		CU_ASSERT_TRUE(ipififo_drained(&q));
		for (i = 1; i <= IPIQ_SIZE - 1; i++) {
			ipififo_put(&q, record, NULL);
			CHECK_MSG(ipififo_must_drain(&q) == (i > IPIQ_SIZE / 2),
			    __LINE__, "start %u, %u queued: must_drain %d",
			    starts[s], i, ipififo_must_drain(&q));
			CHECK_MSG(ipififo_drained(&q) == (i <= IPIQ_SIZE / 4),
			    __LINE__, "start %u, %u queued: drained %d",
			    starts[s], i, ipififo_drained(&q));
		}
		/* Taking messages lowers the backlog; running them does not
		 * matter to the sender. */
		for (i = IPIQ_SIZE - 1; i > 0; i--) {
			CU_ASSERT_TRUE(ipififo_get(&q, &f, &a));
			CHECK_MSG(ipififo_drained(&q) ==
			    (i - 1 <= IPIQ_SIZE / 4), __LINE__,
			    "start %u, %u queued after a get: drained %d",
			    starts[s], i - 1, ipififo_drained(&q));
		}
		CU_ASSERT_EQUAL(ipififo_queued(&q), 0);
	}
}

/* Fill the FIFO to the last slot: the index arithmetic still holds. */
static void
test_a_full_fifo_keeps_every_message(void)
{
	unsigned s, i;

	for (s = 0; s < NSTARTS; s++) {
		ipififo_init(&q, starts[s]);
		run_count = 0;
		for (i = 0; i < IPIQ_SIZE; i++)
			ipififo_put(&q, record, (void *)(uintptr_t)(i + 100));
		CU_ASSERT_EQUAL(ipififo_queued(&q), IPIQ_SIZE);
		CU_ASSERT_EQUAL(drain_all(&q), IPIQ_SIZE);
		for (i = 0; i < IPIQ_SIZE; i++)
			CU_ASSERT_EQUAL(run_log[i], i + 100);
	}
}

/*
 * A message whose function runs the next ones (as a send that drains
 * does): xindex must not pass the outer message until it returns.
 */
static uint32_t nested_seq[3];
static int nested_ok;

static void
outer_message(void *arg)
{
	(void)arg;
	/* Run messages 1 and 2 nested inside message 0. */
	CU_ASSERT_EQUAL(drain_all(&q), 2);
	nested_ok = ipififo_completed(&q, nested_seq[0]) == 0 &&
	    ipififo_completed(&q, nested_seq[2]) == 0;
}

static void
test_nested_messages_complete_in_order(void)
{
	unsigned s;
	ipifunc1_t f;
	void *a;

	for (s = 0; s < NSTARTS; s++) {
		ipififo_init(&q, starts[s]);
		run_count = 0;
		nested_seq[0] = ipififo_put(&q, outer_message, NULL);
		nested_seq[1] = ipififo_put(&q, record, (void *)1);
		nested_seq[2] = ipififo_put(&q, record, (void *)2);
		nested_ok = 0;
		CU_ASSERT_TRUE(ipififo_get(&q, &f, &a));
		f(a);
		CHECK_MSG(nested_ok, __LINE__, "start %u: xindex passed a "
		    "message that was still running", starts[s]);
		CU_ASSERT_EQUAL(ipififo_queued(&q), 0);
		CU_ASSERT_FALSE(ipififo_completed(&q, nested_seq[0]));
		ipififo_done(&q);
		CU_ASSERT_TRUE(ipififo_completed(&q, nested_seq[2]));
		CU_ASSERT_EQUAL(run_count, 2);
	}
}

/*
 * Two pthreads, one source and one target, on a shared FIFO: a million
 * messages, each run exactly once and in order, with the sender
 * waiting (as the kernel's drain rule does) when the FIFO is over half
 * full, and now and then waiting for a message to complete.
 */
#define STRESS_MESSAGES	1000000u

static struct lwkt_ipiq stress_q;
static volatile int stress_stop;
static uintptr_t stress_next;
static unsigned long stress_bad;

static void
stress_run(void *arg)
{
	if ((uintptr_t)arg != stress_next)
		stress_bad++;
	stress_next++;
}

static void *
stress_target(void *unused)
{
	ipifunc1_t f;
	void *a;

	(void)unused;
	for (;;) {
		if (ipififo_get(&stress_q, &f, &a)) {
			f(a);
			ipififo_done(&stress_q);
		} else if (stress_stop) {
			break;
		}
	}
	return NULL;
}

static void
test_two_threads_a_million_messages(void)
{
	pthread_t t;
	uint32_t i, seq = 0;
	unsigned long drains = 0;

	ipififo_init(&stress_q, UINT32_MAX - 1000);
	stress_next = 0;
	stress_bad = 0;
	stress_stop = 0;
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, stress_target, NULL),
	    0);
	for (i = 0; i < STRESS_MESSAGES; i++) {
		if (ipififo_must_drain(&stress_q)) {
			drains++;
			while (!ipififo_drained(&stress_q))
				;
		}
		seq = ipififo_put(&stress_q, stress_run, (void *)(uintptr_t)i);
		if (i % 100000 == 0)
			while (!ipififo_completed(&stress_q, seq))
				;
	}
	while (!ipififo_completed(&stress_q, seq))
		;
	stress_stop = 1;
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(stress_next, STRESS_MESSAGES);
	CU_ASSERT_EQUAL(stress_bad, 0);
	CU_ASSERT_EQUAL(stress_q.ip_xindex, UINT32_MAX - 1000 +
	    STRESS_MESSAGES);
	(void)drains;
}

int
add_ipififo_suite(void)
{
	static const struct unit_test tests[] = {
		{ "messages_run_in_order_across_the_wrap",
		    test_messages_run_in_order_across_the_wrap },
		{ "sequence_numbers_and_completion",
		    test_sequence_numbers_and_completion },
		{ "thresholds_half_and_quarter",
		    test_thresholds_half_and_quarter },
		{ "a_full_fifo_keeps_every_message",
		    test_a_full_fifo_keeps_every_message },
		{ "nested_messages_complete_in_order",
		    test_nested_messages_complete_in_order },
		{ "two_threads_a_million_messages",
		    test_two_threads_a_million_messages },
		{ NULL, NULL },
	};

	return add_suite("ipififo", tests);
}
