/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * What the test programs of tests/user/ share: a few checks that print
 * a line when they fail, and a verdict for the exit status.  The kernel
 * tests (tests/kern/proc_test.c) start these programs and read their
 * exit status: 0 when every check passed.  They use only the system
 * calls (book/28-syscall.nw), no C library.
 */
#ifndef NAIAD_TESTS_USER_UT_H
#define NAIAD_TESTS_USER_UT_H

#include <sys/records.h>
#include <sys/syscall.h>

extern int errno;
extern int ut_failures;
extern const char *ut_name;

/* The length of S. */
int ut_strlen(const char *s);
/* 1 if A and B are equal strings. */
int ut_streq(const char *a, const char *b);
/* Write S to the console. */
void ut_puts(const char *s);
/* Write N in decimal to the console. */
void ut_putn(long n);
/* Record and print a failed check. */
void ut_fail(const char *file, int line, const char *what, long a, long b);
/* The exit status for the checks so far: 0 if none failed. */
int ut_status(void);

/* Check that COND holds. */
#define UT_CHECK(cond) do {						\
	if (!(cond))							\
		ut_fail(__FILE__, __LINE__, #cond, 0, 0);		\
} while (0)

/* Check that A equals E (integers). */
#define UT_EQ(e, a) do {						\
	long ut_e_ = (long)(e), ut_a_ = (long)(a);			\
	if (ut_e_ != ut_a_)						\
		ut_fail(__FILE__, __LINE__, #a, ut_e_, ut_a_);		\
} while (0)

/* Check that CALL fails with errno ERR. */
#define UT_ERR(err, call) do {						\
	long ut_r_;							\
	errno = 0;							\
	ut_r_ = (long)(call);						\
	if (ut_r_ != -1 || errno != (err))				\
		ut_fail(__FILE__, __LINE__, #call " errno", (err),	\
		    ut_r_ == -1 ? errno : 1000 + ut_r_);		\
} while (0)

#endif
