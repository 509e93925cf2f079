/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* A digit's value in any base up to 36, or 99 for a non-digit. */
static int
digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (islower(c))
		return c - 'a' + 10;
	if (isupper(c))
		return c - 'A' + 10;
	return 99;
}

/*
 * Read an optionally signed number in BASE from S, its magnitude at most
 * LIMIT (the negative limit when NEG_LIMIT applies to a minus sign).
 * *NEG says whether a minus sign was read; *OVER whether it overflowed.
 */
static unsigned long
read_number(const char *s, char **end, int base, unsigned long limit,
    unsigned long neg_limit, int *neg, int *over)
{
	const char *p = s, *digits;
	unsigned long value = 0, max;
	int d;

	*neg = *over = 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0)
		base = p[0] == '0' ? 8 : 10;
	max = *neg ? neg_limit : limit;
	digits = p;
	for (; base >= 2 && base <= 36 &&
	    (d = digit_value((unsigned char)*p)) < base; p++) {
		if (value > (max - (unsigned long)d) / (unsigned long)base)
			*over = 1;
		else
			value = value * (unsigned long)base + (unsigned long)d;
	}
	if (end != NULL)
		*end = (char *)(p == digits ? s : p);
	return *over ? max : value;
}

/* S's number as a long; ERANGE and the nearest long when too large. */
long
strtol(const char *s, char **end, int base)
{
	unsigned long mag;
	int neg, over;

	mag = read_number(s, end, base, (unsigned long)LONG_MAX,
	    (unsigned long)LONG_MAX + 1, &neg, &over);
	if (over)
		errno = ERANGE;
	if (!neg)
		return (long)mag;
	/* -(LONG_MAX + 1) is LONG_MIN; computed without overflow */
	return mag == 0 ? 0 : -(long)(mag - 1) - 1;
}

/* S's number as an unsigned long; a minus sign negates it, as in C. */
unsigned long
strtoul(const char *s, char **end, int base)
{
	unsigned long mag;
	int neg, over;

	mag = read_number(s, end, base, ULONG_MAX, ULONG_MAX, &neg, &over);
	if (over) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? 0UL - mag : mag;
}

/* strtol in base 10, ignoring errors. */
int
atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

/* X without its sign. */
int
abs(int x)
{
	return x < 0 ? -x : x;
}
