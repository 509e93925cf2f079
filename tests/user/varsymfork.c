/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/varsymfork: process variables across fork (book/46-varsym.nw).
 * The parent sets a, b and c; each of four children finds them, changes
 * a, deletes b, adds d, and forks a grandchild that must see the
 * child's; the parent's are as they were.  Nobody deletes what is left:
 * exit must free it, which tests/kern/varsym_test.c checks by counting.
 * Exits 0 when every check passed.
 */
#include <sys/varsym.h>

#include "ut.h"

#define CHILDREN	4

/* Is NAME's value in this process's scope WANT? */
static int
has(const char *name, const char *want)
{
	char buf[MAXVARSYM_DATA];

	return varsym_get(VARSYM_PROC_MASK, name, buf, sizeof(buf)) > 0 &&
	    ut_streq(buf, want);
}

/* Child I: the checks and changes above; 0 when all went right. */
static int
child(int i)
{
	char v[2] = { (char)('0' + i), '\0' };
	int pid, status;

	if (!has("a", "1") || !has("b", "2") || !has("c", "3"))
		return 1;
	if (varsym_set(VARSYM_PROC, "a", v) != 0 ||
	    varsym_set(VARSYM_PROC, "d", v) != 0 ||
	    varsym_set(VARSYM_PROC, "b", 0) != 0)
		return 2;
	if ((pid = fork()) == 0)
		exit(has("a", v) && has("d", v) && !has("b", "2") &&
		    has("c", "3") ? 0 : 3);
	if (pid < 0 || wait4(pid, &status, 0, 0) != pid || status != 0)
		return 4;
	return 0;
}

int
main(void)
{
	int pids[CHILDREN], i, status;

	ut_name = "varsymfork";
	UT_EQ(0, varsym_set(VARSYM_PROC, "a", "1"));
	UT_EQ(0, varsym_set(VARSYM_PROC, "b", "2"));
	UT_EQ(0, varsym_set(VARSYM_PROC, "c", "3"));
	for (i = 0; i < CHILDREN; i++)
		if ((pids[i] = fork()) == 0)
			exit(child(i));
	for (i = 0; i < CHILDREN; i++) {
		UT_EQ(pids[i], wait4(pids[i], &status, 0, 0));
		UT_EQ(0, status);
	}
	UT_CHECK(has("a", "1") && has("b", "2") && has("c", "3"));
	UT_CHECK(!has("d", "0") && !has("d", "1"));
	return ut_status();
}
