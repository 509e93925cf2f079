/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
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

/* init: the shell on the console, again if it is killed; orphans. */
int
main(void)
{
	char *argv[] = { "sh", NULL };
	struct timespec pause = { 1, 0 };
	int pid, status;

	for (;;) {
		pid = spawn("/bin/sh", argv);
		status = pid < 0 ? -1 : wait_collecting(pid);
		if (status != -1 && WIFEXITED(status)) {
			printf("init: the shell has exited; switching off\n");
			fflush(stdout);
			poweroff(0);
		}
		if (status != -1)
			printf("init: the shell was killed (%s); starting "
			    "another\n", strsignal(WTERMSIG(status)));
		nanosleep(&pause, NULL);	/* no loop faster than 1 Hz */
	}
}
