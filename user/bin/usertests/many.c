/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define NCHILD	40

static unsigned shared_page[1024];

/* Child I: compute, write its private page, report "I SUM". */
static int
worker(void *arg)
{
	int i = (int)(intptr_t)arg, k;
	unsigned sum = 0;
	char line[32];

	for (k = 0; k < 1024; k++)
		shared_page[k] = (unsigned)(i * 1024 + k);
	for (k = 0; k < 1024; k++) {
		sum += shared_page[k];
		if (k % 256 == 0)
			yield();
	}
	snprintf(line, sizeof(line), "%02d %08x\n", i, sum);
	return write(1, line, 12) == 12 ? 0 : 1;
}

/* The sum child I should report. */
static unsigned
expected_sum(int i)
{
	unsigned sum = 0;
	int k;

	for (k = 0; k < 1024; k++)
		sum += (unsigned)(i * 1024 + k);
	return sum;
}

UTEST(many_processes_run_at_once)
{
	int fds[2], saved, pids[NCHILD], seen[NCHILD] = { 0 }, i, n, len = 0;
	static char out[NCHILD * 12 + 1];
	unsigned sum;
	int who;

	memset(shared_page, 0, sizeof(shared_page));
	UT_EXPECT_EQ(0, pipe(fds));
	fflush(stdout);
	saved = dup(1);
	dup2(fds[1], 1);
	for (i = 0; i < NCHILD; i++)
		pids[i] = ut_spawn(worker, (void *)(intptr_t)i);
	dup2(saved, 1);
	close(saved);
	close(fds[1]);
	while ((n = (int)read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	UT_EXPECT_EQ(NCHILD * 12, len);
	for (i = 0; i + 12 <= len; i += 12) {
		who = (out[i] - '0') * 10 + (out[i + 1] - '0');
		sum = (unsigned)strtoul(out + i + 3, NULL, 16);
		UT_ASSERT(who >= 0 && who < NCHILD);
		if (who < 0 || who >= NCHILD)
			continue;
		seen[who]++;
		UT_EXPECT_EQ(expected_sum(who), sum);
	}
	for (i = 0; i < NCHILD; i++) {
		UT_EXPECT_EQ(1, seen[i]);
		UT_ASSERT(pids[i] > 0);
		UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pids[i])));
	}
	for (i = 0; i < 1024; i++)
		UT_EXPECT_EQ(0, shared_page[i]);	/* ours stayed ours */
}
