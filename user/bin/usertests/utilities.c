/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/varsym.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* Run "sh -c LINE" with its stdout and stderr into OUT (SIZE bytes):
 * its exit code, or -1 if it did not exit (book/46-varsym.nw). */
int ut_run_sh(const char *line, char *out, int size);

UTEST(utilities_exit_with_0_1_or_2)
{
	static const struct { const char *cmd; int status; } t[] = {
		{ "mkdir D", 0 }, { "touch D/f", 0 }, { "ls D", 0 },
		{ "ls -l D D/f", 0 }, { "ls D/nope", 1 }, { "ls -z", 2 },
		{ "ls D/nope D/f", 1 }, { "cat D/f", 0 }, { "cat D/nope", 1 },
		{ "cp D/f D/g", 0 }, { "cp D/f D/f", 1 }, { "cp D/f", 2 },
		{ "mv D/g D/h", 0 }, { "mv D/nope D/h", 1 }, { "mv", 2 },
		{ "ln D/h D/i", 0 }, { "ln -s nowhere D/j", 0 },
		{ "ln D/h D/i", 1 }, { "ln D/h", 2 },
		{ "mkdir D", 1 }, { "mkdir -p D/a/b", 0 }, { "mkdir -p D", 0 },
		{ "mkdir", 2 }, { "rmdir D/a", 1 }, { "rmdir D/a/b", 0 },
		{ "rmdir", 2 }, { "rm D/a", 1 }, { "rm -f D/nope", 0 },
		{ "rm D/nope", 1 }, { "rm", 2 },
		{ "echo hello > D/t; grep ell D/t", 0 }, { "grep xyz D/t", 1 },
		{ "grep ell D/nope", 2 }, { "grep", 2 }, { "grep -c x D/t", 1 },
		{ "grep -v xyz D/t", 0 }, { "df D", 0 }, { "df D/nope", 1 },
		{ "mount", 0 }, { "mount -t memfs", 2 }, { "touch D/k", 0 },
		{ "touch D/nope/k", 1 }, { "touch", 2 },
		{ "sh D/nope", 127 }, { "echo false > D/s; sh -e D/s", 1 },
		{ "echo true >> D/s; sh D/s", 0 }, { "cat < D/nope", 1 },
		{ "wc D/t", 0 }, { "wc D/t D/nope", 1 }, { "wc -z", 2 },
		{ "rm -r D", 0 }, { "ls D", 1 },
	};
	char line[128], out[512], dir[32], *p;
	unsigned i;
	int got;

	snprintf(dir, sizeof(dir), "/tmp/ut_util%d", getpid());
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		/* Every "D" of the command is the test's directory. */
		line[0] = '\0';
		for (p = (char *)t[i].cmd; *p != '\0'; p++)
			if (*p == 'D')
				strlcat(line, dir, sizeof(line));
			else
				strlcat(line, (char[]){ *p, '\0' },
				    sizeof(line));
		got = ut_run_sh(line, out, sizeof(out));
		if (got != t[i].status)
			ut_fail(ut, __FILE__, __LINE__, "\"%s\": status %d, "
			    "not %d; it said: %s", line, got, t[i].status, out);
	}
}

/* The file number of PATH (links followed), or 0. */
static uint32_t
ino_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* In a child: the link leads to A (inherited), then to B once the
 * child sets its own UT_VL; 0 when both held. */
static int
child_follows(void *arg)
{
	const char *const *p = arg;	/* link, a, b */

	if (ino_of(p[0]) != ino_of(p[1]))
		return 1;
	if (varsym_set(VARSYM_PROC, "UT_VL", "b") != 0)
		return 2;
	return ino_of(p[0]) == ino_of(p[2]) ? 0 : 3;
}

UTEST(utilities_variant_link_follows_scopes_and_fork)
{
	char dir[32], link[48], a[48], b[48], target[64];
	const char *paths[3] = { link, a, b };
	uint32_t ia, ib;

	snprintf(dir, sizeof(dir), "/tmp/ut_vl%d", getpid());
	snprintf(link, sizeof(link), "%s/l", dir);
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	snprintf(target, sizeof(target), "%s/${UT_VL}", dir);
	UT_EXPECT_EQ(0, mkdir(dir, 0755));
	UT_EXPECT_EQ(0, mkdir(a, 0755));
	UT_EXPECT_EQ(0, mkdir(b, 0755));
	UT_EXPECT_EQ(0, symlink(target, link));
	ia = ino_of(a);
	ib = ino_of(b);
	UT_ASSERT(ia != 0 && ib != 0 && ia != ib);
	UT_EXPECT_EQ(0, ino_of(link));		/* no UT_VL: as written */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_SYS, "UT_VL", "b"));
	UT_EXPECT_EQ(ib, ino_of(link));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_USER, "UT_VL", "a"));
	UT_EXPECT_EQ(ia, ino_of(link));		/* the user's first */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_USER, "UT_VL", "b"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "UT_VL", "a"));
	UT_EXPECT_EQ(ia, ino_of(link));		/* the process's first */
	UT_EXPECT_EQ(0, ut_wait(ut_spawn(child_follows, (void *)paths)));
	UT_EXPECT_EQ(ia, ino_of(link));		/* not the child's */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "UT_VL", NULL));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_USER, "UT_VL", NULL));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_SYS, "UT_VL", NULL));
	UT_EXPECT_EQ(0, ino_of(link));
	UT_EXPECT_EQ(0, unlink(link));
	UT_EXPECT_EQ(0, rmdir(a));
	UT_EXPECT_EQ(0, rmdir(b));
	UT_EXPECT_EQ(0, rmdir(dir));
}
