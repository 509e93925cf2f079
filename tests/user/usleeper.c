/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/usleeper ROUNDS TICKS: an interactive program for the user
 * scheduler's tests (tests/kern/usched_test.c).  ROUNDS times, it
 * sleeps TICKS ticks and, woken, asks to sleep again at once: the test
 * reads, at each call, how long the program took to run in user mode
 * again after its wakeup.  Exits 0, or 1 when a call failed.
 */
#include "ut.h"
#include "usched_calls.h"

/* The decimal number S. */
static int
number(const char *s)
{
	int n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

/* Sleep ROUNDS times. */
int
main(int argc, char **argv)
{
	int rounds = argc > 1 ? number(argv[1]) : 10;
	int ticks = argc > 2 ? number(argv[2]) : 1;
	int i;

	ut_name = "usleeper";
	for (i = 0; i < rounds; i++)
		UT_EQ(0, usched_test_call(USCHED_TEST_SLEEP, ticks));
	return ut_status();
}
