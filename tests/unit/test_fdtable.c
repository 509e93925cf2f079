/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The rules of a descriptor table (src/kern/fdtable.c) on the host:
 * lookups of valid, closed and impossible descriptors, the lowest free
 * one, a full table, and dup2 in every case (onto itself, onto an open
 * descriptor, from a closed one, to an impossible one).  The "files" are
 * distinct addresses of an array: the table never looks inside them.
 */
#include <limits.h>
#include <string.h>

#include "check.h"
#include "kernel_errno.h"
#include "kern/fdtable.h"
#include "suites.h"

/* Stand-ins for files: only their addresses matter. */
static char files[NOFILE + 2];
#define F(i)	((struct file *)(void *)&files[i])

static struct fdtable t;

static void
reset(void)
{
	memset(&t, 0, sizeof(t));
}

static void
test_fdtable_get_bounds(void)
{
	static const int bad[] = { -1, -100, NOFILE, NOFILE + 1, 1000,
	    INT_MAX, INT_MIN };
	unsigned i;

	reset();
	fdt_set(&t, 0, F(0));
	fdt_set(&t, NOFILE - 1, F(1));
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, 0), F(0));
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, NOFILE - 1), F(1));
	CU_ASSERT_PTR_NULL(fdt_get(&t, 1));		/* closed */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_MSG(fdt_get(&t, bad[i]) == NULL, __LINE__,
		    "fd %d is impossible but was found", bad[i]);
}

static void
test_fdtable_lowest_free_and_full(void)
{
	int fd;

	reset();
	CU_ASSERT_EQUAL(fdt_lowest_free(&t), 0);
	for (fd = 0; fd < NOFILE; fd++) {
		CHECK_MSG(fdt_lowest_free(&t) == fd, __LINE__,
		    "lowest free %d, expected %d", fdt_lowest_free(&t), fd);
		CU_ASSERT_PTR_NULL(fdt_set(&t, fd, F(fd)));
	}
	CU_ASSERT_EQUAL(fdt_lowest_free(&t), -EMFILE);
	/* A hole is found again, the lowest first. */
	CU_ASSERT_PTR_EQUAL(fdt_set(&t, 40, NULL), F(40));
	CU_ASSERT_PTR_EQUAL(fdt_set(&t, 7, NULL), F(7));
	CU_ASSERT_EQUAL(fdt_lowest_free(&t), 7);
	fdt_set(&t, 7, F(7));
	CU_ASSERT_EQUAL(fdt_lowest_free(&t), 40);
}

static void
test_fdtable_dup2_onto_itself(void)
{
	struct file *old = F(9);

	reset();
	fdt_set(&t, 3, F(3));
	CU_ASSERT_EQUAL(fdt_dup2(&t, 3, 3, &old), 3);
	CU_ASSERT_PTR_NULL(old);			/* nothing to drop */
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, 3), F(3));
	/* ... but a closed descriptor onto itself is still bad. */
	CU_ASSERT_EQUAL(fdt_dup2(&t, 4, 4, &old), -EBADF);
	CU_ASSERT_PTR_NULL(fdt_get(&t, 4));
}

static void
test_fdtable_dup2_displaces(void)
{
	struct file *old;

	reset();
	fdt_set(&t, 0, F(0));
	fdt_set(&t, 1, F(1));
	CU_ASSERT_EQUAL(fdt_dup2(&t, 0, 1, &old), 1);
	CU_ASSERT_PTR_EQUAL(old, F(1));		/* the caller drops it */
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, 1), F(0));
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, 0), F(0));	/* still there */
	/* Onto a closed descriptor, even the last one: nothing displaced. */
	CU_ASSERT_EQUAL(fdt_dup2(&t, 0, NOFILE - 1, &old), NOFILE - 1);
	CU_ASSERT_PTR_NULL(old);
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, NOFILE - 1), F(0));
}

static void
test_fdtable_dup2_bad(void)
{
	static const int bad[] = { -1, -100, NOFILE, 1000, INT_MAX, INT_MIN };
	struct file *old;
	unsigned i;

	reset();
	fdt_set(&t, 2, F(2));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		old = F(9);
		CHECK_MSG(fdt_dup2(&t, 2, bad[i], &old) == -EBADF, __LINE__,
		    "dup2(2, %d) accepted", bad[i]);
		CU_ASSERT_PTR_NULL(old);
		CHECK_MSG(fdt_dup2(&t, bad[i], 2, &old) == -EBADF, __LINE__,
		    "dup2(%d, 2) accepted", bad[i]);
	}
	CU_ASSERT_EQUAL(fdt_dup2(&t, 5, 2, &old), -EBADF);	/* closed */
	CU_ASSERT_PTR_EQUAL(fdt_get(&t, 2), F(2));	/* left alone */
	for (i = 0; i < NOFILE; i++)
		if (i != 2)
			CU_ASSERT_PTR_NULL(fdt_get(&t, (int)i));
}

static const struct unit_test fdtable_tests[] = {
	{ "fdtable_get_bounds", test_fdtable_get_bounds },
	{ "fdtable_lowest_free_and_full", test_fdtable_lowest_free_and_full },
	{ "fdtable_dup2_onto_itself", test_fdtable_dup2_onto_itself },
	{ "fdtable_dup2_displaces", test_fdtable_dup2_displaces },
	{ "fdtable_dup2_bad", test_fdtable_dup2_bad },
	{ NULL, NULL }
};

int
add_fdtable_suite(void)
{
	return add_suite("fdtable", fdtable_tests);
}
