/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/records.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Start PATH with ARGV in a child; its pid, or -1. */
static int
spawn(const char *path, char *const argv[])
{
	int pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, environ);
		fprintf(stderr, "init: cannot run %s: %s\n", path,
		    strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: cannot fork: %s\n", strerror(errno));
	return pid;
}

/* Wait for PID, collecting the orphans that end meanwhile; its status. */
static int
wait_collecting(int pid)
{
	int got, status;

	for (;;) {
		got = wait4(-1, &status, 0, NULL);
		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			return -1;
	}
}

/* Run the user tests the kernel's test run asked for, then switch off
 * with their verdict. */
static void
run_tests(void)
{
	char *argv[] = { "usertests", NULL };
	int pid, status;

	pid = spawn("/bin/usertests", argv);
	status = pid < 0 ? -1 : wait_collecting(pid);
	poweroff(status == 0 ? 0 : 1);
	exit(status == 0 ? 0 : 1);		/* the kernel switches off */
}

/* init: the shell on the console, again if it is killed; orphans. */
int
main(void)
{
	static struct ktest_info info;
	char *argv[] = { "sh", NULL };
	struct timespec pause = { 1, 0 };
	int pid, status;

	if (ktest_info(&info) == 0 && info.ki_test[0] != '\0')
		run_tests();
	for (;;) {
		pid = spawn("/bin/sh", argv);
		status = pid < 0 ? -1 : wait_collecting(pid);
		if (status != -1 && WIFEXITED(status)) {
			printf("init: the shell has exited; switching off\n");
			fflush(stdout);
			poweroff(0);
			exit(0);		/* the kernel switches off */
		}
		if (status != -1)
			printf("init: the shell was killed (%s); starting "
			    "another\n", strsignal(WTERMSIG(status)));
		nanosleep(&pause, NULL);	/* no loop faster than 1 Hz */
	}
}
