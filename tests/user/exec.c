/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/exec: execve replaces the program (a child runs this program
 * again with other arguments and an environment, and exits 7 from the
 * new image); a failed execve returns its error and leaves the caller
 * running with its memory intact: no such file, not a program, a path
 * too long, arguments too long.
 */
#include "ut.h"

#define ENOENT		2
#define E2BIG		7
#define ENOEXEC		8
#define ENAMETOOLONG	63

static int canary = 77;

/* The second stage: the new image checks its arguments, exits 7. */
static int
stage2(int argc, char **argv, char **envp)
{
	if (argc != 3 || !ut_streq(argv[2], "x") || envp[0] == 0 ||
	    !ut_streq(envp[0], "STAGE=2") || envp[1] != 0 || canary != 77)
		return 1;
	return 7;
}

/* Failed execs: each returns, the program and its memory unchanged. */
static void
failures(void)
{
	static char *argv[] = { "exec", 0 };
	char *big, *bigargv[3];
	char path[300];
	int i;

	canary = 78;
	UT_ERR(ENOENT, execve("/test/no_such_program", argv, 0));
	UT_ERR(ENOENT, execve("", argv, 0));
	UT_ERR(ENOEXEC, execve("/test/data/not_a_program", argv, 0));
	for (i = 0; i < 299; i++)
		path[i] = 'a';
	path[299] = '\0';
	UT_ERR(ENAMETOOLONG, execve(path, argv, 0));
	big = sbrk(70000);
	UT_CHECK(big != (char *)-1);
	for (i = 0; i < 69999; i++)
		big[i] = 'b';
	big[69999] = '\0';
	bigargv[0] = "exec";
	bigargv[1] = big;
	bigargv[2] = 0;
	UT_ERR(E2BIG, execve("/test/exec", bigargv, 0));
	UT_EQ(78, canary);
	UT_EQ('b', big[12345]);
}

/* Stage 1 runs stage 2 in a child, then tries the failures. */
int
main(int argc, char **argv, char **envp)
{
	static char *argv2[] = { "exec", "stage2", "x", 0 };
	static char *envp2[] = { "STAGE=2", 0 };
	int pid, status;

	ut_name = "exec";
	if (argc > 1 && ut_streq(argv[1], "stage2"))
		return stage2(argc, argv, envp);
	pid = fork();
	if (pid == 0) {
		execve("/test/exec", argv2, envp2);
		exit(100);			/* execve returned */
	}
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(7 << 8, status);
	failures();
	return ut_status();
}
