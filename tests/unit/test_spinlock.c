/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The spinlock of Chapter "Memory" on the host: threads that increment a
 * shared counter under the lock lose no increment.
 */
#include <pthread.h>

#include "check.h"
#include "kern/spinlock.h"
#include "suites.h"

#define THREADS		4
#define INCREMENTS	200000

static struct spinlock lock = SPINLOCK_INITIALIZER;
static volatile unsigned long counter;

static void *
worker(void *arg)
{
	unsigned long v;
	int i;

	(void)arg;
	for (i = 0; i < INCREMENTS; i++) {
		spin_lock(&lock);
		v = counter;		/* read, wait, write: a wide window */
		cpu_pause();
		counter = v + 1;
		spin_unlock(&lock);
	}
	return NULL;
}

static void
test_no_increment_is_lost(void)
{
	pthread_t t[THREADS];
	int i;

	counter = 0;
	for (i = 0; i < THREADS; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&t[i], NULL, worker, NULL),
		    0);
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	CU_ASSERT_EQUAL(counter, (unsigned long)THREADS * INCREMENTS);
	CU_ASSERT_EQUAL(lock.lock, 0);
}

static void
test_swap_returns_the_old_value(void)
{
	volatile unsigned word = 7;

	CU_ASSERT_EQUAL(atomic_swap_int(&word, 9), 7);
	CU_ASSERT_EQUAL(word, 9);
}

/* host_critcount: this pthread's count, from tests/unit/host/kern/thread2.h */
static void
test_lock_is_a_critical_section(void)
{
	struct spinlock s = SPINLOCK_INITIALIZER;

	CU_ASSERT_EQUAL(host_critcount, 0);
	spin_lock(&s);
	CU_ASSERT_EQUAL(host_critcount, 1);
	spin_unlock(&s);
	CU_ASSERT_EQUAL(host_critcount, 0);
}

int
add_spinlock_suite(void)
{
	static const struct unit_test tests[] = {
		{ "swap_returns_the_old_value", test_swap_returns_the_old_value },
		{ "no_increment_is_lost", test_no_increment_is_lost },
		{ "lock_is_a_critical_section",
		    test_lock_is_a_critical_section },
		{ NULL, NULL },
	};

	return add_suite("spinlock", tests);
}
