/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define REGION	(5 * 4096)

static unsigned char region[REGION];	/* in bss: demand-zero pages */

/* Fill the region with a pattern derived from SALT. */
static void
fill(unsigned char *p, int salt)
{
	int i;

	for (i = 0; i < REGION; i++)
		p[i] = (unsigned char)(i * 7 + salt);
}

/* Is the region still SALT's pattern? */
static int
holds(const unsigned char *p, int salt)
{
	int i;

	for (i = 0; i < REGION; i++)
		if (p[i] != (unsigned char)(i * 7 + salt))
			return 0;
	return 1;
}

/* The child: sees the parent's bytes, writes its own, checks them. */
static int
child_rewrites(void *arg)
{
	(void)arg;
	if (!holds(region, 1))
		return 10;
	region[2 * 4096 + 5] ^= 0xFF;		/* one byte of one page */
	fill(region, 2);
	return holds(region, 2) ? 0 : 11;
}

UTEST(cow_child_writes_do_not_reach_the_parent)
{
	int pid;

	fill(region, 1);
	pid = ut_spawn(child_rewrites, NULL);
	UT_ASSERT(pid > 0);
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	UT_ASSERT(holds(region, 1));
}

/* The child: waits for the parent's write, then checks its own copy. */
static int
child_keeps(void *arg)
{
	int *fds = arg;
	char c;

	close(fds[1]);
	if (read(fds[0], &c, 1) != 0)	/* the parent closes: it has written */
		return 12;
	return holds(region, 3) ? 0 : 13;
}

UTEST(cow_parent_writes_do_not_reach_the_child)
{
	int fds[2], pid;

	fill(region, 3);
	UT_EXPECT_EQ(0, pipe(fds));
	pid = ut_spawn(child_keeps, fds);
	close(fds[0]);
	fill(region, 4);			/* the parent writes first */
	close(fds[1]);
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	UT_ASSERT(holds(region, 4));
}

/* A grandchild and a child both write: three private copies. */
static int
child_forks_again(void *arg)
{
	int pid;

	(void)arg;
	pid = ut_spawn(child_rewrites, NULL);	/* sees salt 1, writes 2 */
	if (pid < 0 || WEXITSTATUS(ut_wait(pid)) != 0)
		return 20;
	if (!holds(region, 1))
		return 21;
	fill(region, 5);
	return holds(region, 5) ? 0 : 22;
}

UTEST(cow_survives_two_generations)
{
	int pid;

	fill(region, 1);
	pid = ut_spawn(child_forks_again, NULL);
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	UT_ASSERT(holds(region, 1));
}

UTEST(sbrk_grows_and_gives_back)
{
	char *old = sbrk(0), *p;
	int i;

	p = sbrk(3 * 4096);
	UT_ASSERT(p == old);
	for (i = 0; i < 3 * 4096; i += 512)
		p[i] = (char)i;			/* the new pages are ours */
	for (i = 0; i < 3 * 4096; i += 512)
		UT_EXPECT_EQ((char)i, p[i]);
	UT_ASSERT(sbrk(0) == old + 3 * 4096);
	UT_ASSERT(sbrk(-3 * 4096) == old + 3 * 4096);
	UT_ASSERT(sbrk(0) == old);
}

UTEST(sbrk_refuses_more_than_there_is)
{
	char *old = sbrk(0);

	errno = 0;
	UT_ASSERT(sbrk(0x7FFF0000) == (void *)-1);
	UT_EXPECT_EQ(ENOMEM, errno);
	errno = 0;
	UT_ASSERT(sbrk(-0x7FFF0000) == (void *)-1);	/* below the program */
	UT_ASSERT(errno == ENOMEM || errno == EINVAL);
	UT_ASSERT(sbrk(0) == old);
}

/* Use about DEPTH KiB of stack, touching every page on the way. */
static int
deep(int depth)
{
	volatile char frame[1000];

	frame[0] = (char)depth;
	frame[999] = (char)depth;
	if (depth == 0)
		return frame[0];
	return deep(depth - 1) + frame[999] - (char)depth;
}

UTEST(the_stack_grows_on_demand)
{
	UT_EXPECT_EQ(0, deep(1024));		/* a megabyte */
}

/* A reference below the stack's limit ends the child, not the kernel. */
static int
child_overflows(void *arg)
{
	(void)arg;
	return deep(16 * 1024);			/* 16 MiB: past the 8 MiB limit */
}

UTEST(a_stack_overflow_kills_only_its_process)
{
	int pid = ut_spawn(child_overflows, NULL), status;

	status = ut_wait(pid);
	UT_ASSERT(WIFSIGNALED(status));
	UT_EXPECT_EQ(SIGSEGV, WTERMSIG(status));
}

/* Touch the pointer P: a read that must kill the caller. */
static int
child_touches(void *p)
{
	return *(volatile char *)p;
}

UTEST(kernel_and_unmapped_addresses_kill_only_their_process)
{
	static const uintptr_t bad[] = { 0, 0x00100000, 0x3FFFF000,
	    0xC0000000, 0xFFFFFFFC, 0x40000000 };
	unsigned i;
	int status;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		status = ut_wait(ut_spawn(child_touches, (void *)bad[i]));
		if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
			ut_fail(ut, __FILE__, __LINE__, "reading %p: status "
			    "0x%x, not SIGSEGV", (void *)bad[i], status);
	}
}

UTEST(malloc_gives_everything_back)
{
	struct malloc_stats st;
	void *p[64];
	int i;

	for (i = 0; i < 64; i++) {
		p[i] = malloc((size_t)(ut_random(ut) % 3000));
		UT_ASSERT(p[i] != NULL);
	}
	for (i = 0; i < 64; i += 2)
		free(p[i]);
	for (i = 1; i < 64; i += 2)
		free(p[i]);
	malloc_get_stats(&st);
	UT_EXPECT_EQ(0, st.used_blocks);
	UT_EXPECT_EQ(1, st.free_blocks);
	UT_EXPECT_EQ(st.heap, st.free);
}
