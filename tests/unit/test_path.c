/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The pure part of path lookup (src/vfs/vfs_path.c, book/45-namei.nw):
 * components of paths with repeated, leading and trailing slashes; "."
 * and ".." told apart from names that start with dots; the last
 * component and its trailing slash; the NAME_MAX limit; splicing a
 * link's target before the rest of the path in the path's own buffer,
 * with the PATH_MAX limit (the buffer unchanged on failure).
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kernel_errno.h"
#include "suites.h"
#include "vfs/path.h"

/* Split PATH and compare with the components of WANT, separated by
 * '|'; LAST_TRAILING: whether the last one has a trailing slash. */
static void
expect_components(const char *path, const char *want, int last_trailing)
{
	struct path_component pc;
	const char *p = path, *w = want;
	char name[NAME_MAX + 2];
	int r, n = 0;
	size_t wl;

	while ((r = path_next(&p, &pc)) == 1) {
		CU_ASSERT_FATAL(*w != '\0');
		wl = strcspn(w, "|");
		CU_ASSERT_EQUAL(pc.pc_len, wl);
		memcpy(name, pc.pc_name, pc.pc_len);
		name[pc.pc_len] = '\0';
		CU_ASSERT_EQUAL(strncmp(name, w, wl), 0);
		w += wl;
		CU_ASSERT_EQUAL(pc.pc_last, *w == '\0');
		CU_ASSERT_EQUAL(pc.pc_trailing,
		    pc.pc_last ? last_trailing : 0);
		if (*w == '|')
			w++;
		n++;
	}
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_EQUAL(*w, '\0');		/* every wanted one came */
	CU_ASSERT_EQUAL(*p, '\0');		/* and the path is used up */
	(void)n;
}

static void
test_path_components_and_slashes(void)
{
	expect_components("a", "a", 0);
	expect_components("/a/b/c", "a|b|c", 0);
	expect_components("a//b///c", "a|b|c", 0);
	expect_components("///a", "a", 0);
	expect_components("a/b/", "a|b", 1);
	expect_components("a/b//", "a|b", 1);
	expect_components("/", "", 0);
	expect_components("////", "", 0);
	expect_components("", "", 0);
	expect_components("./../.x/..y/...", ".|..|.x|..y|...", 0);
	expect_components("a b/c\tl", "a b|c\tl", 0);
}

static void
test_path_dot_kinds(void)
{
	CU_ASSERT_EQUAL(path_dotkind(".", 1), PATH_DOT);
	CU_ASSERT_EQUAL(path_dotkind("..", 2), PATH_DOTDOT);
	CU_ASSERT_EQUAL(path_dotkind("...", 3), PATH_NAME);
	CU_ASSERT_EQUAL(path_dotkind(".x", 2), PATH_NAME);
	CU_ASSERT_EQUAL(path_dotkind("x.", 2), PATH_NAME);
	CU_ASSERT_EQUAL(path_dotkind("..x", 3), PATH_NAME);
	/* Only the LEN bytes count: ".." as the head of "..b". */
	CU_ASSERT_EQUAL(path_dotkind("..b", 2), PATH_DOTDOT);
	CU_ASSERT_EQUAL(path_dotkind("a", 1), PATH_NAME);
}

static void
test_path_name_max(void)
{
	char path[NAME_MAX + 8];
	struct path_component pc;
	const char *p;

	memset(path, 'n', NAME_MAX);
	path[NAME_MAX] = '\0';
	p = path;
	CU_ASSERT_EQUAL(path_next(&p, &pc), 1);	/* 255: fine */
	CU_ASSERT_EQUAL(pc.pc_len, NAME_MAX);
	memset(path, 'n', NAME_MAX + 1);
	strcpy(path + NAME_MAX + 1, "/x");
	p = path;
	CU_ASSERT_EQUAL(path_next(&p, &pc), -ENAMETOOLONG);	/* 256 */
	/* The limit is per component: many short ones are fine. */
	p = "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z";
	while (path_next(&p, &pc) == 1)
		CU_ASSERT_EQUAL(pc.pc_len, 1);
}

/* Splice TARGET in BUF (holding PATH) before the rest, which starts at
 * offset AT of PATH; compare with WANT. */
static void
expect_splice(const char *path, size_t at, const char *target,
    const char *want)
{
	char buf[PATH_MAX];

	strcpy(buf, path);
	CU_ASSERT_EQUAL(path_splice(buf, sizeof(buf), buf + at, target), 0);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void
test_path_splice_targets(void)
{
	/* a/l/b/c with l -> x/y: the rest is "/b/c". */
	expect_splice("a/l/b/c", 3, "x/y", "x/y/b/c");
	expect_splice("a/l/b/c", 3, "/abs", "/abs/b/c");
	expect_splice("a/l", 3, "x", "x");			/* nothing left */
	expect_splice("a/l/", 3, "d", "d/");			/* trailing slash */
	/* A target longer than the part it replaces moves the rest right,
	 * a shorter one left; the rest lies in the same buffer. */
	expect_splice("averyveryverylonglinkname/rest/of/it", 25, "t",
	    "t/rest/of/it");
	expect_splice("l/r", 1, "a-target-much-longer-than-the-link",
	    "a-target-much-longer-than-the-link/r");
}

static void
test_path_splice_limits(void)
{
	char buf[PATH_MAX], copy[PATH_MAX], target[PATH_MAX + 1];
	size_t rest_len = 100;

	/* Rest of 100 bytes ("/rrr..."), target of PATH_MAX-1-100: exactly
	 * PATH_MAX with the NUL. */
	memset(buf, 'p', 10);
	buf[10] = '/';
	memset(buf + 11, 'r', rest_len - 1);
	buf[10 + rest_len] = '\0';
	memset(target, 't', PATH_MAX - 1 - rest_len);
	target[PATH_MAX - 1 - rest_len] = '\0';
	memcpy(copy, buf, sizeof(buf));
	CU_ASSERT_EQUAL(path_splice(buf, sizeof(buf), buf + 10, target), 0);
	CU_ASSERT_EQUAL(strlen(buf), PATH_MAX - 1);
	CU_ASSERT_EQUAL(buf[PATH_MAX - 1 - rest_len], '/');
	/* One byte more does not fit: refused, the buffer unchanged. */
	memcpy(buf, copy, sizeof(buf));
	target[PATH_MAX - 1 - rest_len] = 't';
	target[PATH_MAX - rest_len] = '\0';
	CU_ASSERT_EQUAL(path_splice(buf, sizeof(buf), buf + 10, target),
	    -ENAMETOOLONG);
	CU_ASSERT_EQUAL(memcmp(buf, copy, strlen(copy) + 1), 0);
	/* A target as long as the whole buffer. */
	memset(target, 't', PATH_MAX);
	target[PATH_MAX] = '\0';
	CU_ASSERT_EQUAL(path_splice(buf, sizeof(buf), buf + 10, target),
	    -ENAMETOOLONG);
	CU_ASSERT_EQUAL(memcmp(buf, copy, strlen(copy) + 1), 0);
	/* An empty target is no file. */
	CU_ASSERT_EQUAL(path_splice(buf, sizeof(buf), buf + 10, ""),
	    -ENOENT);
	CU_ASSERT_EQUAL(memcmp(buf, copy, strlen(copy) + 1), 0);
}

static const struct unit_test path_tests[] = {
	{ "path_components_and_slashes", test_path_components_and_slashes },
	{ "path_dot_kinds", test_path_dot_kinds },
	{ "path_name_max", test_path_name_max },
	{ "path_splice_targets", test_path_splice_targets },
	{ "path_splice_limits", test_path_splice_limits },
	{ NULL, NULL }
};

int
add_path_suite(void)
{
	return add_suite("path", path_tests);
}
