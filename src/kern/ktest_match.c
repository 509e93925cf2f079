/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "kern/ktest.h"

/* Does S match the glob between P and PEND (* and ?)?  Recursive. */
static int
glob_match(const char *p, const char *pend, const char *s)
{
	for (; p < pend; p++, s++) {
		if (*p == '*') {
			for (;; s++) {
				if (glob_match(p + 1, pend, s))
					return 1;
				if (*s == '\0')
					return 0;
			}
		}
		if (*s == '\0' || (*p != '?' && *p != *s))
			return 0;
	}
	return *s == '\0';
}

/* Does NAME match PATTERN: all, a glob, or globs separated by commas? */
int
ktest_match(const char *pattern, const char *name)
{
	const char *end;

	for (;;) {
		for (end = pattern; *end != '\0' && *end != ','; end++)
			continue;
		if ((end - pattern == 3 && pattern[0] == 'a' &&
		    pattern[1] == 'l' && pattern[2] == 'l') ||
		    glob_match(pattern, end, name))
			return 1;
		if (*end == '\0')
			return 0;
		pattern = end + 1;
	}
}

/* 1-32 characters of [A-Za-z0-9_-]: what the grader may send. */
int
ktest_valid_token(const char *token)
{
	int n;

	for (n = 0; token[n] != '\0'; n++) {
		char c = token[n];

		if (n == 32 || !((c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			return 0;
	}
	return n > 0;
}
