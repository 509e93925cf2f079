/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/badptr: every kind of bad pointer, through every system call
 * that takes one, gets EFAULT and nothing else: NULL, a kernel address,
 * the last bytes below user space, an unmapped page of user space, a
 * read-only page (for the calls that write), a buffer that starts in a
 * good page and runs into an unmapped one, a range past the top of user
 * space, and a huge length.  After all of it the program still runs.
 */
#include "ut.h"

#define EFAULT	14

int main(void);

static const char rodata[64] = "read-only";
static char buf[256];

/* A page of heap followed by an unmapped page (the end of the heap). */
static char *
edge_of_heap(void)
{
	char *p = sbrk(4096);

	return p == (char *)-1 ? 0 : p + 4096;
}

/* Pointers the kernel must refuse for reading. */
static void
bad_reads(char *edge)
{
	static const char *const bad[] = {
		0, (const char *)0x100000, (const char *)0x3ffffff0,
		(const char *)0x60000000, (const char *)0xbf000000 - 0x1000000,
		(const char *)0xc0000000, (const char *)0xfffffff0,
	};
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UT_ERR(EFAULT, write(1, bad[i], 8));
		UT_ERR(EFAULT, execve(bad[i], 0, 0));
	}
	UT_ERR(EFAULT, write(1, edge - 4, 8));		/* runs off the heap */
	UT_ERR(EFAULT, write(1, buf, 0x7fffffff));	/* huge */
	UT_ERR(EFAULT, write(1, (char *)0xbffffff0, 0x20)); /* past 3 GiB */
	UT_ERR(EFAULT, write(1, (char *)0xfffffff0, 0x20)); /* wraps */
	/* A path that runs into the unmapped page without its NUL. */
	edge[-2] = 'x';
	edge[-1] = 'y';
	UT_ERR(EFAULT, execve(edge - 2, 0, 0));
	/* argv itself bad, or one of its strings. */
	{
		static char *argv_bad[] = { "x", (char *)0x100000, 0 };

		UT_ERR(EFAULT, execve("/test/args", (char *const *)0x100000,
		    0));
		UT_ERR(EFAULT, execve("/test/args", argv_bad, 0));
		UT_ERR(EFAULT, execve("/test/args", 0, argv_bad));
		UT_ERR(EFAULT, execve("/test/args",
		    (char *const *)(edge - 4), 0));
	}
}

/* Pointers the kernel must refuse for writing: the same, and read-only
 * memory (the program's own code and constants). */
static void
bad_writes(char *edge)
{
	static char *const bad[] = {
		0, (char *)0x100000, (char *)0x3ffffff0, (char *)0x60000000,
		(char *)0xc0000000, (char *)rodata, (char *)main,
	};
	struct procinfo pi[2];
	struct timespec ts;
	int status;
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UT_ERR(EFAULT, clock_gettime(1, (struct timespec *)bad[i]));
		UT_ERR(EFAULT, ktest_info((struct ktest_info *)bad[i]));
		UT_ERR(EFAULT, getprocs((struct procinfo *)bad[i], 2));
	}
	UT_ERR(EFAULT, clock_gettime(1, (struct timespec *)(edge - 4)));
	/* One record that runs off the heap (there is at least one). */
	UT_ERR(EFAULT, getprocs((struct procinfo *)(edge - 20), 1));
	/* wait4's status: the child is reaped, the copy out fails. */
	if (fork() == 0)
		exit(0);
	UT_ERR(EFAULT, wait4(-1, (int *)rodata, 0, 0));
	UT_ERR(10, wait4(-1, &status, 0, 0));		/* it was reaped */
	/* and the good cases still work */
	UT_EQ(0, clock_gettime(1, &ts));
	UT_CHECK(getprocs(pi, 2) >= 1);
	UT_CHECK(ut_streq(rodata, "read-only"));
}

/* Every bad pointer, then a sign of life. */
int
main(void)
{
	char *edge;

	ut_name = "badptr";
	edge = edge_of_heap();
	UT_CHECK(edge != 0);
	if (edge == 0)
		return ut_status();
	bad_reads(edge);
	bad_writes(edge);
	UT_EQ(5, write(1, "alive", 5));
	UT_EQ(1, write(1, "\n", 1));
	return ut_status();
}
