/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/args: the kernel test proc_args_reach_main starts this program
 * with argv = { "args", "one", "", "three words" } and envp = { "A=1",
 * "EMPTY=" }.  It checks what reached main, where the kernel put it (the
 * top of the stack, 16-byte aligned at entry) and what crt0 made of it.
 */
#include "ut.h"

extern char **environ;

/* Check the strings and the stack they came on. */
int
main(int argc, char **argv, char **envp)
{
	unsigned top = 0xC0000000u;

	ut_name = "args";
	UT_EQ(4, argc);
	if (argc == 4) {
		UT_CHECK(ut_streq(argv[0], "args"));
		UT_CHECK(ut_streq(argv[1], "one"));
		UT_CHECK(ut_streq(argv[2], ""));
		UT_CHECK(ut_streq(argv[3], "three words"));
		UT_CHECK(argv[4] == 0);
	}
	UT_CHECK(envp == argv + argc + 1);
	UT_CHECK(environ == envp);
	UT_CHECK(envp[0] != 0 && ut_streq(envp[0], "A=1"));
	UT_CHECK(envp[0] != 0 && envp[1] != 0 && ut_streq(envp[1], "EMPTY="));
	UT_CHECK(envp[0] != 0 && envp[1] != 0 && envp[2] == 0);
	/* The vectors and strings lie just below the top of the stack,
	 * and argc was at a 16-byte boundary (crt0 found it at %esp). */
	UT_CHECK((unsigned)argv > top - 4096 && (unsigned)argv < top);
	UT_CHECK(envp[0] != 0 && envp[1] != 0 &&
	    (unsigned)envp[1] + 7 == top);
	UT_EQ(0, ((unsigned)argv - 4) % 16);
	/* The last string ends exactly at the top: no byte is lost. */
	UT_EQ(0, *((char *)top - 1));
	return ut_status();
}
