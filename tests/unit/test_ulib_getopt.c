/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The C library's getopt (book/53-utilities.nw) on the host: for each
 * command line, the letters it returns in order, the arguments it
 * finds, and where the operands start (optind), as POSIX defines them.
 */
#include <string.h>

#include "check.h"
#include "suites.h"

static int host_strcmp(const char *a, const char *b) { return strcmp(a, b); }

#include "ulib.h"

int getopt(int argc, char *const argv[], const char *letters);
extern int optind, opterr, optopt;
extern char *optarg;

/* One case: the words, the letters known, and what getopt must say:
 * its answers as a string ("rf" then the end; '?' an error), the
 * argument of an option with one ("" none), and optind at the end. */
static const struct {
	const char *words[8];
	const char *letters, *answers, *arg;
	int optind_end, optopt_last;
} cases[] = {
	{ { "rm", "-rf", "a", "b" }, "rf", "rf", "", 2, 'f' },
	{ { "rm", "-r", "-f", "--", "-x" }, "rf", "rf", "", 4, 'f' },
	{ { "rm", "--" }, "rf", "", "", 2, 0 },
	{ { "mount", "-t", "memfs", "-r", "a", "b" }, "rt:", "tr", "memfs",
	    4, 'r' },
	{ { "mount", "-tmemfs", "x" }, "rt:", "t", "memfs", 2, 't' },
	{ { "mount", "-rtmemfs", "x" }, "rt:", "rt", "memfs", 2, 't' },
	{ { "mount", "-t", "-r" }, "rt:", "t", "-r", 3, 't' },
	{ { "ls", "-", "x" }, "l", "", "", 1, 0 },
	{ { "ls", "a", "-l" }, "l", "", "", 1, 0 },
	{ { "ls" }, "l", "", "", 1, 0 },
	{ { "rm", "-z", "a" }, "rf", "?", "", 2, 'z' },
	{ { "rm", "-rz", "a" }, "rf", "r?", "", 2, 'z' },
	{ { "rm", "-zr", "a" }, "rf", "?r", "", 2, 'r' },
	{ { "mount", "-t" }, "t:", "?", "", 2, 't' },
	{ { "x", "-:" }, "a:", "?", "", 2, ':' },
	{ { "x", "-a", "-a" }, "a", "aa", "", 3, 'a' },
};

static void
test_getopt_follows_posix(void)
{
	char got[16], *argv[9];
	const char *lastarg;
	unsigned i;
	int argc, c, n;

	opterr = 0;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (argc = 0; cases[i].words[argc] != NULL; argc++)
			argv[argc] = (char *)cases[i].words[argc];
		argv[argc] = NULL;
		optind = 1;
		optopt = 0;
		lastarg = "";
		n = 0;
		while (n < 10 && (c = getopt(argc, argv, cases[i].letters)) !=
		    -1) {
			got[n++] = (char)c;
			if (optarg != NULL)
				lastarg = optarg;
		}
		got[n] = '\0';
		CHECK_MSG(host_strcmp(got, cases[i].answers) == 0 &&
		    host_strcmp(lastarg, cases[i].arg) == 0 &&
		    optind == cases[i].optind_end &&
		    optopt == cases[i].optopt_last, __LINE__,
		    "case %u (%s ...): \"%s\" arg \"%s\" optind %d optopt %c; "
		    "want \"%s\" \"%s\" %d %c", i, cases[i].words[1] ?
		    cases[i].words[1] : "", got, lastarg, optind,
		    optopt ? optopt : '0', cases[i].answers, cases[i].arg,
		    cases[i].optind_end, cases[i].optopt_last ?
		    cases[i].optopt_last : '0');
	}
	opterr = 1;
}

int
add_ulib_getopt_suite(void)
{
	static const struct unit_test tests[] = {
		{ "getopt_follows_posix", test_getopt_follows_posix },
		{ NULL, NULL }
	};

	return add_suite("ulib_getopt", tests);
}
