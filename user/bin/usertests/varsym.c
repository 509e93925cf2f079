/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/varsym.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* The value of NAME in the scopes of MASK, or "(none)", "(error)". */
static const char *
value_of(int mask, const char *name)
{
	static char buf[MAXVARSYM_DATA];

	if (varsym_get(mask, name, buf, sizeof(buf)) < 0)
		return errno == ENOENT ? "(none)" : "(error)";
	return buf;
}

/* Is NAME's value in the scopes of MASK the string WANT? */
static int
value_is(int mask, const char *name, const char *want)
{
	return strcmp(value_of(mask, name), want) == 0;
}

/* errno after a call that returned R, or 0 when it did not fail. */
static int
err(int r)
{
	return r == -1 ? errno : 0;
}

/* The bytes varsym_list packs for scope LEVEL from the start (all of
 * them fit in BUF, SIZE bytes), or -1. */
static int
packed(int level, char *buf, int size)
{
	int marker = 0, n = varsym_list(level, buf, size, &marker);

	return n >= 0 && marker == -1 ? n : -1;
}
UTEST(varsym_set_get_replace_and_delete)
{
	char buf[MAXVARSYM_DATA];

	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_a", "hello"));
	UT_EXPECT_EQ(strlen("hello") + 1,
	    varsym_get(VARSYM_PROC_MASK, "ut_a", buf, sizeof(buf)));
	UT_ASSERT(strcmp(buf, "hello") == 0);
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_a", "bye"));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_a", "bye"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_empty", ""));
	UT_EXPECT_EQ(1, varsym_get(VARSYM_PROC_MASK, "ut_empty", buf,
	    sizeof(buf)));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_a", NULL));
	UT_EXPECT_EQ(ENOENT, err(varsym_get(VARSYM_ALL_MASK, "ut_a", buf,
	    sizeof(buf))));
	UT_EXPECT_EQ(ENOENT, err(varsym_set(VARSYM_PROC, "ut_a", NULL)));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_empty", NULL));
}

UTEST(varsym_get_says_how_much_room_a_value_needs)
{
	char buf[8];
	int need = (int)strlen("hello") + 1;

	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_a", "hello"));
	memset(buf, 'x', sizeof(buf));
	UT_EXPECT_EQ(need, varsym_get(VARSYM_PROC_MASK, "ut_a", buf, 0));
	UT_EXPECT_EQ('x', buf[0]);		/* no room: nothing written */
	UT_EXPECT_EQ(need, varsym_get(VARSYM_PROC_MASK, "ut_a", buf,
	    need - 1));
	UT_EXPECT_EQ('\0', buf[0]);		/* too small: "" */
	UT_EXPECT_EQ('x', buf[1]);
	UT_EXPECT_EQ(need, varsym_get(VARSYM_PROC_MASK, "ut_a", buf, need));
	UT_ASSERT(strcmp(buf, "hello") == 0);
	UT_EXPECT_EQ(EINVAL, err(varsym_get(VARSYM_PROC_MASK, "ut_a", buf,
	    -1)));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_a", NULL));
}

UTEST(varsym_scopes_are_searched_process_user_system)
{
	char buf[16];

	UT_EXPECT_EQ(0, varsym_set(VARSYM_SYS, "ut_s", "system"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_USER, "ut_s", "user"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_s", "process"));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_s", "process"));
	UT_ASSERT(value_is(VARSYM_USER_MASK | VARSYM_SYS_MASK, "ut_s",
	    "user"));
	UT_ASSERT(value_is(VARSYM_PROC_MASK | VARSYM_SYS_MASK, "ut_s",
	    "process"));
	UT_ASSERT(value_is(VARSYM_SYS_MASK, "ut_s", "system"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_s", NULL));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_s", "user"));
	UT_ASSERT(value_is(VARSYM_PROC_MASK, "ut_s", "(none)"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_USER, "ut_s", NULL));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_s", "system"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_SYS, "ut_s", NULL));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_s", "(none)"));
	UT_EXPECT_EQ(EINVAL, err(varsym_get(0, "ut_s", buf, sizeof(buf))));
	UT_EXPECT_EQ(EINVAL, err(varsym_get(1, "ut_s", buf, sizeof(buf))));
	UT_EXPECT_EQ(EINVAL, err(varsym_get(VARSYM_ALL_MASK | 16, "ut_s",
	    buf, sizeof(buf))));
}
/* In a child: it sees the parent's ut_f, changes its own copy; so does
 * a grandchild; 0 when all was as it should be. */
static int
child_changes(void *arg)
{
	int pid, status;

	(void)arg;
	if (!value_is(VARSYM_PROC_MASK, "ut_f", "parent"))
		return 1;
	if (varsym_set(VARSYM_PROC, "ut_f", "child") != 0 ||
	    varsym_set(VARSYM_PROC, "ut_g", "new") != 0 ||
	    varsym_set(VARSYM_USER, "ut_u", "from the child") != 0)
		return 2;
	fflush(stdout);
	if ((pid = fork()) == 0)
		_exit(value_is(VARSYM_PROC_MASK, "ut_f", "child") &&
		    value_is(VARSYM_PROC_MASK, "ut_g", "new") ? 0 : 1);
	if (pid < 0 || wait4(pid, &status, 0, NULL) != pid || status != 0)
		return 3;
	return 0;
}

UTEST(varsym_process_variables_are_inherited_by_fork)
{
	int pid;

	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_f", "parent"));
	pid = ut_spawn(child_changes, NULL);
	UT_EXPECT_EQ(0, ut_wait(pid));
	UT_ASSERT(value_is(VARSYM_PROC_MASK, "ut_f", "parent"));
	UT_ASSERT(value_is(VARSYM_PROC_MASK, "ut_g", "(none)"));
	UT_ASSERT(value_is(VARSYM_USER_MASK, "ut_u", "from the child"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_USER, "ut_u", NULL));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_f", NULL));
}

UTEST(varsym_process_variables_survive_exec)
{
	char out[64];
	char *argv[] = { "varsym", "-x", "ut_x=kept", "ut_y=too", "varsym",
	    "-p", "ut_x", "ut_y", NULL };

	UT_EXPECT_EQ(0, ut_run_capture("/bin/varsym", argv, out,
	    sizeof(out)));
	UT_ASSERT(strcmp(out, "ut_x=kept\nut_y=too\n") == 0);
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_x", "(none)"));
}
UTEST(varsym_names_and_values_are_bounded)
{
	static const char *const bad_names[] = { "", "a b", "a/b", "a}b",
	    "${x}", "a=b", "a\tb" };
	char name[MAXVARSYM_NAME + 1], value[MAXVARSYM_DATA + 1];
	char buf[MAXVARSYM_DATA];
	unsigned i;

	memset(name, 'n', sizeof(name));
	name[MAXVARSYM_NAME - 1] = '\0';		/* 63: the longest */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, name, "v"));
	UT_EXPECT_EQ(2, varsym_get(VARSYM_PROC_MASK, name, buf, sizeof(buf)));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, name, NULL));
	name[MAXVARSYM_NAME - 1] = 'n';
	name[MAXVARSYM_NAME] = '\0';			/* 64: too long */
	UT_EXPECT_EQ(ENAMETOOLONG, err(varsym_set(VARSYM_PROC, name, "v")));
	UT_EXPECT_EQ(ENAMETOOLONG, err(varsym_get(VARSYM_PROC_MASK, name,
	    buf, sizeof(buf))));
	memset(value, 'v', sizeof(value));
	value[MAXVARSYM_DATA - 1] = '\0';		/* 255: the longest */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_v", value));
	UT_EXPECT_EQ(MAXVARSYM_DATA, varsym_get(VARSYM_PROC_MASK, "ut_v",
	    buf, sizeof(buf)));
	value[MAXVARSYM_DATA - 1] = 'v';
	value[MAXVARSYM_DATA] = '\0';			/* 256: too long */
	UT_EXPECT_EQ(ENAMETOOLONG, err(varsym_set(VARSYM_PROC, "ut_v",
	    value)));
	UT_EXPECT_EQ(MAXVARSYM_DATA, varsym_get(VARSYM_PROC_MASK, "ut_v",
	    buf, sizeof(buf)));			/* the old value stays */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_v", NULL));
	for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
		UT_EXPECT_EQ(EINVAL, err(varsym_set(VARSYM_PROC,
		    bad_names[i], "v")));
	UT_EXPECT_EQ(EINVAL, err(varsym_set(0, "ut_l", "v")));
	UT_EXPECT_EQ(EINVAL, err(varsym_set(4, "ut_l", "v")));
	UT_EXPECT_EQ(EINVAL, err(varsym_set(-1, "ut_l", "v")));
	UT_EXPECT_EQ(EINVAL, err(varsym_set(VARSYM_SYS, VARSYM_ENABLE, "2")));
	UT_EXPECT_EQ(EINVAL, err(varsym_set(VARSYM_SYS, VARSYM_ENABLE, "")));
}

/* Set ut_eI to a 255-byte value: varsym_set's result. */
static int
set_big(int i, int level)
{
	char name[8], value[MAXVARSYM_DATA];

	snprintf(name, sizeof(name), "ut_e%02d", i);
	memset(value, 'a' + i % 26, sizeof(value) - 1);
	value[sizeof(value) - 1] = '\0';
	return varsym_set(level, name, value);
}

UTEST(varsym_a_scope_holds_8192_bytes_and_no_more)
{
	const int cost = VARSYM_COST_EXTRA + 6 + 1 + (MAXVARSYM_DATA - 1) + 1;
	const int fit = MAXVARSYM_SET / cost;
	const int rest = MAXVARSYM_SET - fit * cost;
	const int last = rest - VARSYM_COST_EXTRA - 4 - 2;   /* "ut_z" */
	char value[MAXVARSYM_DATA], buf[MAXVARSYM_SET];
	int i;

	UT_EXPECT_EQ(0, packed(VARSYM_PROC, buf, sizeof(buf)));  /* empty */
	UT_ASSERT(last >= 0 && last + 1 < MAXVARSYM_DATA);
	for (i = 0; i < fit; i++)
		UT_EXPECT_EQ(0, set_big(i, VARSYM_PROC));
	UT_EXPECT_EQ(E2BIG, err(set_big(fit, VARSYM_PROC)));
	snprintf(buf, sizeof(buf), "ut_e%02d", fit);
	UT_ASSERT(value_is(VARSYM_PROC_MASK, buf, "(none)"));	/* not made */
	memset(value, 'z', sizeof(value));
	value[last] = '\0';
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_z", value));  /* 8192 */
	value[last] = 'z';
	value[last + 1] = '\0';
	UT_EXPECT_EQ(E2BIG, err(varsym_set(VARSYM_PROC, "ut_z", value)));
	UT_EXPECT_EQ(last + 1, varsym_get(VARSYM_PROC_MASK, "ut_z", buf,
	    sizeof(buf)));			/* the old value stays */
	UT_EXPECT_EQ(E2BIG, err(varsym_set(VARSYM_PROC, "ut_y", "")));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_e00", NULL));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_y", ""));
	for (i = 1; i < fit; i++)		/* full, but the same size */
		UT_EXPECT_EQ(0, set_big(i, VARSYM_PROC));
	UT_ASSERT(value_is(VARSYM_PROC_MASK, "ut_e00", "(none)"));
}
static const uintptr_t bad_ptrs[] = { 1, 0x1000, 0x100000, 0x40000000,
    0x40000fff, 0x7f000000, 0xc0000000, 0xfffff000 };

/* Check every varsym call with P as each pointer it takes. */
static void
bad_pointer_calls(struct utest_ctx *ut, char *p, int writable_only)
{
	char buf[64];
	int marker = 0;

	if (!writable_only) {
		UT_EXPECT_EQ(EFAULT, err(varsym_set(VARSYM_PROC, p, "x")));
		UT_EXPECT_EQ(EFAULT, err(varsym_set(VARSYM_PROC, "ut_bad", p)));
		UT_EXPECT_EQ(EFAULT, err(varsym_get(VARSYM_ALL_MASK, p, buf,
		    sizeof(buf))));
		UT_EXPECT_EQ(EFAULT, err(varsym_list(VARSYM_PROC, buf,
		    sizeof(buf), (int *)p)));
	}
	UT_EXPECT_EQ(EFAULT, err(varsym_get(VARSYM_ALL_MASK, "ut_ok", p, 16)));
	UT_EXPECT_EQ(EFAULT, err(varsym_get(VARSYM_ALL_MASK, "ut_ok", p, 1)));
	UT_EXPECT_EQ(EFAULT, err(varsym_list(VARSYM_PROC, p, 64, &marker)));
	UT_EXPECT_EQ(0, marker);		/* not moved by a failed list */
}

UTEST(varsym_bad_pointers_are_efault_and_change_nothing)
{
	char buf[64];
	int marker = 0;
	unsigned i;

	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_ok", "ok"));
	for (i = 0; i < sizeof(bad_ptrs) / sizeof(bad_ptrs[0]); i++)
		bad_pointer_calls(ut, (char *)bad_ptrs[i], 0);
	bad_pointer_calls(ut, (char *)(uintptr_t)&value_of, 1);
	UT_EXPECT_EQ(EFAULT, err(varsym_set(VARSYM_PROC, NULL, "x")));
	UT_EXPECT_EQ(EFAULT, err(varsym_get(VARSYM_ALL_MASK, NULL, buf, 16)));
	UT_EXPECT_EQ(EFAULT, err(varsym_get(VARSYM_ALL_MASK, "ut_ok", NULL,
	    16)));
	UT_EXPECT_EQ(EFAULT, err(varsym_list(VARSYM_PROC, NULL, 64,
	    &marker)));
	UT_EXPECT_EQ(EFAULT, err(varsym_list(VARSYM_PROC, buf, 64, NULL)));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_ok", "ok"));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_bad", "(none)"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_ok", NULL));
}
#define NLIST	12

/* Set ut_lNN for NN < NLIST, values of growing length. */
static void
set_list(struct utest_ctx *ut, const char *tag)
{
	char name[8], value[40];
	int i;

	for (i = 0; i < NLIST; i++) {
		snprintf(name, sizeof(name), "ut_l%02d", i);
		snprintf(value, sizeof(value), "%s-%.*s", tag, i,
		    "abcdefghijklmnopqrstuvwxyz");
		UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, name, value));
	}
}

/* Read the process scope through a SIZE-byte buffer: check each pair
 * against set_list(TAG); the number of calls it took. */
static int
read_list(struct utest_ctx *ut, int size, const char *tag)
{
	char buf[128], name[8], value[40];
	int marker = 0, calls = 0, seen = 0, n, i, v;

	while (marker != -1 && calls <= 2 * NLIST) {
		n = varsym_list(VARSYM_PROC, buf, size, &marker);
		calls++;
		UT_ASSERT(n > 0);
		for (i = 0; n > 0 && i < n; i = v + (int)strlen(buf + v) + 1) {
			v = i + (int)strlen(buf + i) + 1;
			snprintf(name, sizeof(name), "ut_l%02d", seen);
			snprintf(value, sizeof(value), "%s-%.*s", tag, seen,
			    "abcdefghijklmnopqrstuvwxyz");
			if (strcmp(buf + i, name) != 0 ||
			    strcmp(buf + v, value) != 0) {
				ut_fail(ut, __FILE__, __LINE__, "pair %d is "
				    "%s=%s, not %s=%s", seen, buf + i,
				    buf + v, name, value);
				return calls;
			}
			seen++;
		}
	}
	UT_EXPECT_EQ(NLIST, seen);
	UT_EXPECT_EQ(-1, marker);
	return calls;
}

UTEST(varsym_list_goes_on_from_its_marker)
{
	char buf[64];
	int marker, i;

	set_list(ut, "one");
	UT_ASSERT(read_list(ut, 128, "one") >= 2);	/* 222 bytes in all */
	UT_ASSERT(read_list(ut, 40, "one") >= NLIST / 2); /* 2 pairs a call */
	set_list(ut, "two");				/* replaced in place */
	read_list(ut, 64, "two");
	marker = 0;
	UT_EXPECT_EQ(EOVERFLOW, err(varsym_list(VARSYM_PROC, buf, 4,
	    &marker)));
	UT_EXPECT_EQ(0, marker);
	marker = 100;					/* past the end */
	UT_EXPECT_EQ(0, varsym_list(VARSYM_PROC, buf, sizeof(buf), &marker));
	UT_EXPECT_EQ(-1, marker);
	UT_EXPECT_EQ(EINVAL, err(varsym_list(VARSYM_PROC, buf, sizeof(buf),
	    &marker)));				/* -1: the end, not a start */
	marker = 0;
	UT_EXPECT_EQ(EINVAL, err(varsym_list(VARSYM_PROC, buf, -1, &marker)));
	UT_EXPECT_EQ(EINVAL, err(varsym_list(0, buf, sizeof(buf), &marker)));
	UT_EXPECT_EQ(EINVAL, err(varsym_list(4, buf, sizeof(buf), &marker)));
	for (i = 0; i < NLIST; i++) {
		snprintf(buf, sizeof(buf), "ut_l%02d", i);
		UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, buf, NULL));
	}
	UT_EXPECT_EQ(0, packed(VARSYM_PROC, buf, sizeof(buf)));
}
int ut_run_sh(const char *line, char *out, int size);

/* The exit code of wait status S, or -1 if it did not exit. */
static int
exit_code(int s)
{
	return s != -1 && WIFEXITED(s) ? WEXITSTATUS(s) : -1;
}

/* Run "sh -c LINE" with stdout and stderr into OUT: its exit code.
 * The file utilities' user tests use it too. */
int
ut_run_sh(const char *line, char *out, int size)
{
	char *argv[] = { "sh", "-c", (char *)line, NULL };
	int fds[2], pid, n, len = 0;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execve("/bin/sh", argv, environ);
		_exit(127);
	}
	close(fds[1]);
	while (len < size - 1 &&
	    (n = (int)read(fds[0], out + len, size - 1 - len)) != 0)
		if (n > 0)
			len += n;
		else if (errno != EINTR)
			break;
	out[len] = '\0';
	close(fds[0]);
	return pid < 0 ? -1 : exit_code(ut_wait(pid));
}

UTEST(varsym_the_program_sets_shows_lists_and_deletes)
{
	char out[512];

	UT_EXPECT_EQ(0, ut_run_sh("varsym -s ut_arch=i386; varsym ut_arch; "
	    "varsym -q -s ut_arch", out, sizeof(out)));
	UT_ASSERT(strcmp(out, "ut_arch=i386\ni386\n") == 0);
	UT_ASSERT(value_is(VARSYM_SYS_MASK, "ut_arch", "i386"));
	UT_EXPECT_EQ(0, ut_run_sh("varsym ut_arch=arm", out, sizeof(out)));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_arch", "arm"));  /* user's */
	UT_EXPECT_EQ(0, ut_run_sh("varsym -a", out, sizeof(out)));
	UT_ASSERT(strstr(out, "ut_arch=arm\n") != NULL &&
	    strstr(out, "ut_arch=i386\n") > strstr(out, "ut_arch=arm\n"));
	UT_EXPECT_EQ(0, ut_run_sh("varsym -a -s", out, sizeof(out)));
	UT_ASSERT(strstr(out, "ut_arch=i386\n") != NULL &&
	    strstr(out, "ut_arch=arm\n") == NULL);
	UT_EXPECT_EQ(0, ut_run_sh("varsym -d ut_arch; varsym -d -s ut_arch",
	    out, sizeof(out)));
	UT_ASSERT(value_is(VARSYM_ALL_MASK, "ut_arch", "(none)"));
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_inh", "yes"));
	UT_EXPECT_EQ(0, ut_run_sh("varsym -p ut_inh", out, sizeof(out)));
	UT_ASSERT(strcmp(out, "ut_inh=yes\n") == 0);	/* via sh, inherited */
	UT_EXPECT_EQ(0, varsym_set(VARSYM_PROC, "ut_inh", NULL));
}

UTEST(varsym_the_program_explains_its_errors)
{
	char out[512];

	UT_EXPECT_EQ(1, ut_run_sh("varsym ut_nope", out, sizeof(out)));
	UT_ASSERT(strcmp(out, "varsym: ut_nope: no such variable\n") == 0);
	UT_EXPECT_EQ(1, ut_run_sh("varsym 'a b=1'", out, sizeof(out)));
	UT_ASSERT(strstr(out, "varsym: a b: not a valid name") == out);
	UT_EXPECT_EQ(2, ut_run_sh("varsym", out, sizeof(out)));
	UT_ASSERT(strstr(out, "usage: varsym [-adpqsu]") == out);
	UT_EXPECT_EQ(2, ut_run_sh("varsym -z x", out, sizeof(out)));
	UT_ASSERT(strstr(out, "varsym: unknown option -z\nusage:") == out);
	UT_EXPECT_EQ(2, ut_run_sh("varsym -x ut_a=1", out, sizeof(out)));
	UT_ASSERT(strstr(out, "usage: varsym") == out);
	UT_EXPECT_EQ(127, ut_run_sh("varsym -x ut_a=1 no-such-program",
	    out, sizeof(out)));
	UT_ASSERT(strstr(out, "varsym: no-such-program: ") == out);
}
