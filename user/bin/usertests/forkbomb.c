/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdio.h>
#include <sys/records.h>
#include <sys/vminfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* A bomb process: fork until fork fails (its errno into *WHY), wait at
 * the gate, then collect the children; how many it made. */
static int
bomb(int gate, int *why)
{
	int made = 0, pid;
	char c;

	for (;;) {
		pid = fork();
		if (pid == 0) {
			made = 0;		/* a new bomb process */
			continue;
		}
		if (pid < 0) {
			*why = errno;
			break;
		}
		if (++made > 1000)
			break;			/* a kernel with no limit */
	}
	while (read(gate, &c, 1) > 0)
		continue;
	while (wait4(-1, NULL, 0, NULL) > 0)
		continue;
	return made;
}

/* The first bomb process: 0 if fork failed as it should, else 1. */
static int
first_bomb(void *arg)
{
	int *gate = arg, why = 0;

	close(gate[1]);
	bomb(gate[0], &why);
	return why == EAGAIN || why == ENOMEM ? 0 : 1;
}

/* A child that exits with 7. */
static int
exit_seven(void *arg)
{
	(void)arg;
	return 7;
}

/* A probe of the test's: waits at the gate like a bomb process, then
 * exits with 7. */
static int
probe_at_gate(void *arg)
{
	int *gate = arg;
	char c;

	close(gate[1]);
	while (read(gate[0], &c, 1) > 0)
		continue;
	return 7;
}

/* Is the process table full: does a fork of ours fail now?  A probe
 * that was made stays at the gate (one more in *PROBES). */
static int
fork_is_refused(int *gate, int *probes)
{
	int pid = ut_spawn(probe_at_gate, gate);

	if (pid < 0)
		return errno == EAGAIN || errno == ENOMEM;
	(*probes)++;
	return 0;
}

/* Collect N probes; how many did not exit with 7. */
static int
collect_probes(int n)
{
	int status, pid, wrong = 0;

	while (n > 0) {
		pid = wait4(-1, &status, 0, NULL);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return wrong + n;		/* lost ones count */
		n--;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 7)
			wrong++;
	}
	return wrong;
}

UTEST(a_fork_bomb_is_survived_and_every_page_comes_back)
{
	unsigned pages;
	int procs, gate[2], pid, status, n, i, probes = 0;

	ut_wait(ut_spawn(exit_seven, NULL));	/* warm: a fork, a wait */
	errno = 0;		/* warm: errno's page, copied on write */
	procs = ut_group_procs();
	pages = ut_free_pages();
	UT_EXPECT_EQ(0, pipe(gate));
	pid = ut_spawn(first_bomb, gate);
	UT_ASSERT(pid > 0);
	for (i = 0; i < 2000 && !fork_is_refused(gate, &probes); i++)
		yield();			/* until the bomb is full */
	n = ut_group_procs();
	UT_ASSERT(n > procs + 10);
	UT_ASSERT(i < 2000);			/* fork was refused in the end */
	close(gate[0]);
	close(gate[1]);				/* defuse */
	status = ut_wait(pid);
	UT_ASSERT(WIFEXITED(status));
	UT_EXPECT_EQ(0, WEXITSTATUS(status));
	UT_EXPECT_EQ(0, collect_probes(probes));
	UT_EXPECT_EQ(procs, ut_group_procs());
	UT_EXPECT_EQ(pages, ut_free_pages_settled(pages));
	pid = ut_spawn(exit_seven, NULL);	/* and fork works again */
	UT_EXPECT_EQ(7, WEXITSTATUS(ut_wait(pid)));
}
