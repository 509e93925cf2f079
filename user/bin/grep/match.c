/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * grep's matcher (book/53-utilities.nw): characters, ".", "*", "^" at
 * the start, "$" at the end, "\" before a plain character.
 */
#include <stddef.h>

#include "grep.h"

/* The atom at RE: its length (1, or 2 for \c), and *ANY, *CH. */
static size_t
atom(const char *re, int *any, char *ch)
{
	if (re[0] == '\\' && re[1] != '\0') {
		*any = 0;
		*ch = re[1];
		return 2;
	}
	*any = re[0] == '.';
	*ch = re[0];
	return 1;
}

/* Does RE match at T (up to END), the rest of the line free? */
static int
match_here(const char *re, const char *t, const char *end)
{
	const char *p;
	size_t n;
	int any;
	char ch;

	if (re[0] == '\0')
		return 1;
	if (re[0] == '$' && re[1] == '\0')
		return t == end;
	n = atom(re, &any, &ch);
	if (re[n] == '*') {
		for (p = t; p < end && (any || *p == ch); p++)
			continue;		/* the longest run */
		for (;; p--) {
			if (match_here(re + n + 1, p, end))
				return 1;
			if (p == t)
				return 0;
		}
	}
	if (t < end && (any || *t == ch))
		return match_here(re + n, t + 1, end);
	return 0;
}

/* Does RE match somewhere in the LEN bytes of LINE? */
int
grep_match(const char *re, const char *line, size_t len)
{
	const char *end = line + len, *t = line;

	if (re[0] == '^') {
		if (re[1] == '*')	/* "^*": the star is plain */
			return line < end && *line == '*' &&
			    match_here(re + 2, line + 1, end);
		return match_here(re + 1, line, end);
	}
	if (re[0] == '*') {	/* a star at the start is plain: "\*" */
		for (; t < end; t++)
			if (*t == '*' && match_here(re + 1, t + 1, end))
				return 1;
		return 0;
	}
	do {
		if (match_here(re, t, end))
			return 1;
	} while (t++ < end);
	return 0;
}

/* Do the N bytes of S occur in the LEN bytes of LINE? */
int
grep_fixed(const char *s, size_t n, const char *line, size_t len)
{
	size_t i, j;

	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n && line[i + j] == s[j]; j++)
			continue;
		if (j == n)
			return 1;
	}
	return 0;
}
