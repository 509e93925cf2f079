/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/uhog: a CPU-bound program for the user scheduler's tests
 * (tests/kern/usched_test.c).  It computes in user mode, asking the
 * test every few thousand iterations whether to stop, and exits 0 when
 * told (or at once when the test's call is not there).
 */
#include "ut.h"
#include "usched_calls.h"

/* Spin until the test says stop. */
int
main(void)
{
	volatile unsigned n = 0;
	int i;

	for (;;) {
		for (i = 0; i < 4096; i++)
			n++;
		if (usched_test_call(USCHED_TEST_STOP, 0) != 0)
			break;
	}
	return 0;
}
