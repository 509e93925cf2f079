/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/fork: fork returns twice; each child sees its parent's pid and
 * its own; wait4 collects each status exactly once, by pid or any; a
 * child not yet exited is seen with WNOHANG; no child left is ECHILD.
 * With an argument N it makes N children at once (for the kernel test
 * that runs many of these at a time).
 */
#include "ut.h"

#define NKIDS	5

/* Fork NKIDS children that exit with 10 + i; collect them. */
static void
fork_and_collect(int n)
{
	int i, status, seen = 0, pid, kids[32];
	int me = getpid();

	for (i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			if (getppid() != me || getpid() == me)
				exit(99);
			exit(10 + i);
		}
		UT_CHECK(kids[i] > 0);
	}
	/* The last one by its pid, then the rest in any order. */
	pid = wait4(kids[n - 1], &status, 0, 0);
	UT_EQ(kids[n - 1], pid);
	UT_EQ(10 + n - 1, (status >> 8) & 0xff);
	UT_EQ(0, status & 0x7f);
	for (i = 0; i < n - 1; i++) {
		pid = wait4(-1, &status, 0, 0);
		UT_CHECK(pid > 0);
		for (int j = 0; j < n - 1; j++)
			if (kids[j] == pid) {
				UT_EQ(10 + j, (status >> 8) & 0xff);
				seen |= 1 << j;
			}
	}
	UT_EQ((1 << (n - 1)) - 1, seen);
	UT_ERR(10, wait4(-1, &status, 0, 0));		/* ECHILD */
	UT_ERR(10, wait4(kids[0], &status, 0, 0));	/* reaped already */
}

/* A child that lives as long as its parent: WNOHANG must see it
 * running (0), by pid and as any child; it is left to become an orphan,
 * which the kernel collects. */
static void
wnohang(void)
{
	int pid, status, me = getpid();

	pid = fork();
	if (pid == 0) {
		while (getppid() == me)
			yield();
		exit(3);
	}
	UT_CHECK(pid > 0);
	UT_EQ(0, wait4(pid, &status, 1, 0));		/* WNOHANG: running */
	UT_EQ(0, wait4(-1, &status, 1, 0));
	UT_ERR(22, wait4(pid, &status, 0x100, 0));	/* bad option: EINVAL */
}

/* fork, wait4, getpid, getppid. */
int
main(int argc, char **argv)
{
	int n = NKIDS;

	ut_name = "fork";
	if (argc > 1)
		n = argv[1][0] - '0';
	if (n < 1 || n > 9)
		n = NKIDS;
	fork_and_collect(n);
	wnohang();
	return ut_status();
}
