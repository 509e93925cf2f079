/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/cow: after fork, parent and child share every page copy-on-
 * write.  A write on either side, to data, .bss, the heap or the stack,
 * must not be seen by the other; a page written by neither still reads
 * the same in both.  The child reports through its exit status.
 */
#include "ut.h"

static int data_word = 1234;		/* .data */
static int bss_words[3000];		/* .bss, three pages */

/* The child: check what it sees, write everything, exit 0 if all good. */
static int
child(int *heap, volatile int *stackp)
{
	int bad = 0;

	bad |= data_word != 1234;
	bad |= bss_words[0] != 5 || bss_words[2999] != 6;
	bad |= heap[0] != 7 || heap[1023] != 8;
	bad |= *stackp != 9;
	data_word = -1;
	bss_words[0] = bss_words[2999] = -1;
	heap[0] = heap[1023] = -1;
	*stackp = -1;
	bad |= data_word != -1 || heap[0] != -1 || *stackp != -1;
	return bad;
}

/* Share, write on both sides, check nothing crossed. */
int
main(void)
{
	volatile int on_stack = 9;
	int *heap, pid, status;

	ut_name = "cow";
	heap = (int *)sbrk(8192);
	UT_CHECK(heap != (int *)-1);
	bss_words[0] = 5;
	bss_words[2999] = 6;
	heap[0] = 7;
	heap[1023] = 8;
	pid = fork();
	if (pid == 0)
		exit(child(heap, &on_stack));
	/* Write before the child does, on a few of the shared pages. */
	data_word = 4321;
	heap[1023] = 88;
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(0, status);
	UT_EQ(4321, data_word);
	UT_EQ(5, bss_words[0]);
	UT_EQ(6, bss_words[2999]);
	UT_EQ(7, heap[0]);
	UT_EQ(88, heap[1023]);
	UT_EQ(9, on_stack);
	/* Two generations: a grandchild writes, its parent still sees
	 * the value of the moment it forked. */
	pid = fork();
	if (pid == 0) {
		int gpid, gstatus;

		data_word = 11;
		gpid = fork();
		if (gpid == 0) {
			data_word = 12;
			exit(data_word == 12 ? 0 : 1);
		}
		if (wait4(gpid, &gstatus, 0, 0) != gpid || gstatus != 0)
			exit(2);
		exit(data_word == 11 ? 0 : 3);
	}
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(0, status);
	UT_EQ(4321, data_word);
	return ut_status();
}
