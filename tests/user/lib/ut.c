/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The checks of the test programs (tests/user/lib/ut.h).
 */
#include "ut.h"

int ut_failures;
const char *ut_name = "test";

/* The length of S. */
int
ut_strlen(const char *s)
{
	int n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* 1 if A and B are equal strings. */
int
ut_streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* Write S to the console. */
void
ut_puts(const char *s)
{
	write(1, s, (unsigned)ut_strlen(s));
}

/* Write N in decimal to the console. */
void
ut_putn(long n)
{
	char buf[16];
	int i = sizeof(buf);
	unsigned long u = n < 0 ? -(unsigned long)n : (unsigned long)n;

	buf[--i] = '\0';
	do {
		buf[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		buf[--i] = '-';
	ut_puts(buf + i);
}

/* Record and print a failed check: WHAT at FILE:LINE, expected A, got B. */
void
ut_fail(const char *file, int line, const char *what, long a, long b)
{
	ut_failures++;
	ut_puts(ut_name);
	ut_puts(": FAIL ");
	ut_puts(file);
	ut_puts(":");
	ut_putn(line);
	ut_puts(": ");
	ut_puts(what);
	ut_puts(" (expected ");
	ut_putn(a);
	ut_puts(", got ");
	ut_putn(b);
	ut_puts(")\n");
}

/* The exit status for the checks so far: 0 if none failed. */
int
ut_status(void)
{
	return ut_failures == 0 ? 0 : 1;
}
