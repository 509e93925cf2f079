/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The two calls of the user scheduler's test programs (tests/user/uhog.c,
 * tests/user/usleeper.c).  They are not in the system call table: the
 * kernel test that runs the programs (tests/kern/usched_test.c) takes
 * over the system call vector for its duration, answers these two
 * numbers itself and passes every other call on.  Outside that test
 * they fail (-ENOSYS), which ends the programs at once.
 */
#ifndef NAIAD_TESTS_USER_USCHED_CALLS_H
#define NAIAD_TESTS_USER_USCHED_CALLS_H

#define USCHED_TEST_STOP	1000	/* 0 while the test wants hogs to spin */
#define USCHED_TEST_SLEEP	1001	/* sleep until the clock passes N ticks */

/* int $0x80 with call number N and argument A; the kernel's result. */
static inline int
usched_test_call(int n, int a)
{
	int r;

	__asm__ __volatile__("int $0x80" : "=a"(r) : "a"(n), "b"(a)
	    : "memory");
	return r;
}

#endif
