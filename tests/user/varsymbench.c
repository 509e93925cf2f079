/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/varsymbench N: N calls of varsym_get for a variable of this
 * process's scope (the first searched), each checked.  The kernel
 * benchmark varsym_user_get (tests/bench/varsym_bench.c) times it with
 * N and with 0 calls (book/46-varsym.nw).  Exits 0 when every call
 * returned the value.
 */
#include <sys/varsym.h>

#include "ut.h"

/* The number written in S. */
static int
number(const char *s)
{
	int n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

int
main(int argc, char **argv)
{
	char buf[MAXVARSYM_DATA];
	int n = argc > 1 ? number(argv[1]) : 0, i, bad = 0;

	if (varsym_set(VARSYM_PROC, "ARCH", "i386") != 0)
		return 1;
	for (i = 0; i < n; i++)
		if (varsym_get(VARSYM_ALL_MASK, "ARCH", buf, sizeof(buf)) != 5)
			bad = 1;
	return bad;
}
