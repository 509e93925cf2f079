/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* A child that exits with the status it is given. */
static int
exit_with(void *arg)
{
	return (int)(intptr_t)arg;
}

UTEST(fork_returns_twice)
{
	int parent = getpid(), pid, status;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(getppid() == parent && getpid() != parent ? 7 : 8);
	UT_ASSERT(pid > 0);
	UT_ASSERT(pid != parent);
	status = ut_wait(pid);
	UT_ASSERT(WIFEXITED(status));
	UT_EXPECT_EQ(7, WEXITSTATUS(status));
}

UTEST(wait_reports_each_exit_status)
{
	int pids[10], i, status;

	for (i = 0; i < 10; i++) {
		pids[i] = ut_spawn(exit_with, (void *)(intptr_t)(i * 11));
		UT_ASSERT(pids[i] > 0);
	}
	for (i = 9; i >= 0; i--) {
		status = ut_wait(pids[i]);
		UT_ASSERT(WIFEXITED(status));
		UT_EXPECT_EQ(i * 11, WEXITSTATUS(status));
	}
}

UTEST(wait_for_any_collects_every_child_once)
{
	int pids[8], seen[8] = { 0 }, i, k, pid, status;

	for (i = 0; i < 8; i++)
		pids[i] = ut_spawn(exit_with, (void *)(intptr_t)i);
	for (i = 0; i < 8; i++) {
		pid = wait4(-1, &status, 0, NULL);
		for (k = 0; k < 8 && pids[k] != pid; k++)
			continue;
		UT_ASSERT(k < 8);
		if (k == 8)
			continue;
		UT_EXPECT_EQ(0, seen[k]);
		seen[k] = 1;
		UT_EXPECT_EQ(k, WEXITSTATUS(status));
	}
	UT_EXPECT_EQ(-1, wait4(-1, &status, 0, NULL));
	UT_EXPECT_EQ(ECHILD, errno);
}

/* A child that waits until its parent closes the pipe, then exits. */
static int
wait_for_eof(void *arg)
{
	int *fds = arg;
	char c;

	close(fds[1]);
	while (read(fds[0], &c, 1) > 0)
		continue;
	return 3;
}

UTEST(wait_nohang_does_not_wait)
{
	int fds[2], pid, status;

	UT_EXPECT_EQ(0, pipe(fds));
	pid = ut_spawn(wait_for_eof, fds);
	close(fds[0]);
	UT_EXPECT_EQ(0, wait4(pid, &status, WNOHANG, NULL));
	close(fds[1]);				/* now it may end */
	status = ut_wait(pid);
	UT_EXPECT_EQ(3, WEXITSTATUS(status));
}

UTEST(exec_runs_a_program_with_its_arguments)
{
	char out[128];
	char *argv[] = { "echo", "hello", "two words", NULL };
	int status;

	status = ut_run_capture("/bin/echo", argv, out, sizeof(out));
	UT_ASSERT(WIFEXITED(status));
	UT_EXPECT_EQ(0, WEXITSTATUS(status));
	UT_ASSERT(strcmp(out, "hello two words\n") == 0);
}

UTEST(exec_keeps_the_pid_and_passes_the_environment)
{
	char out[256], want[64];
	char *argv[] = { "usertests", "-x", "whoami", NULL };
	char *envp[] = { "NAIAD=yes", "EMPTY=", NULL };
	int fds[2], pid, n, len = 0;

	UT_EXPECT_EQ(0, pipe(fds));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve("/bin/usertests", argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while ((n = (int)read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	snprintf(want, sizeof(want), "pid %d ppid %d\n", pid, getpid());
	UT_ASSERT(strncmp(out, want, strlen(want)) == 0);
	UT_ASSERT(strstr(out, "env NAIAD=yes\nenv EMPTY=\n") != NULL);
}

UTEST(exec_of_a_missing_program_fails_and_keeps_the_caller)
{
	char *argv[] = { "nothing", NULL };
	char keep[64];

	strcpy(keep, "still here");
	errno = 0;
	UT_EXPECT_EQ(-1, execve("/bin/no-such-program", argv, environ));
	UT_EXPECT_EQ(ENOENT, errno);
	UT_ASSERT(strcmp(keep, "still here") == 0);
}

UTEST(exit_status_and_signals_reach_the_shell)
{
	char out[64];
	char *exit3[] = { "sh", "-c", "exit 3", NULL };
	char *f[] = { "sh", "-c", "false", NULL };
	char *t[] = { "sh", "-c", "true; false; true", NULL };

	UT_EXPECT_EQ(3, WEXITSTATUS(ut_run_capture("/bin/sh", exit3, out,
	    sizeof(out))));
	UT_EXPECT_EQ(1, WEXITSTATUS(ut_run_capture("/bin/sh", f, out,
	    sizeof(out))));
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_run_capture("/bin/sh", t, out,
	    sizeof(out))));
}
