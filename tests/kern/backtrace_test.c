/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Backtraces (book/06-traps.nw): the walk over real frames names the
 * callers in order, and over hand-made chains it keeps the good frames and
 * stops at the first bad one.
 */
#include <stdint.h>

#include "arch/i386/backtrace.h"
#include "kern/ksyms.h"
#include "kern/ktest.h"

/*
 * Three nested calls.  The empty asm after each call keeps the compiler
 * from turning the call into a jump (a tail call), which would leave no
 * frame behind.
 */
static int __attribute__((noinline))
bt_inner(uintptr_t *pcs, int max)
{
	int n;

	n = backtrace_collect((uintptr_t)__builtin_frame_address(0), pcs, max);
	__asm__ __volatile__("" : : : "memory");
	return n;
}

static int __attribute__((noinline))
bt_middle(uintptr_t *pcs, int max)
{
	int n = bt_inner(pcs, max);

	__asm__ __volatile__("" : : : "memory");
	return n;
}

static int __attribute__((noinline))
bt_outer(uintptr_t *pcs, int max)
{
	int n = bt_middle(pcs, max);

	__asm__ __volatile__("" : : : "memory");
	return n;
}

/* Is pc a return address inside fn, which is called name? */
static void
expect_return_into(struct ktest_ctx *kt, uintptr_t pc, void *fn,
    const char *name)
{
	uintptr_t off = 0;

	/* pc - 1: the last byte of the call (book/06-traps.nw). */
	KT_EXPECT_STREQ(name, ksyms_lookup(pc - 1, &off));
	KT_EXPECT_EQ((uintptr_t)fn, pc - 1 - off);
}

KTEST(backtrace_names_its_callers)
{
	uintptr_t pcs[BACKTRACE_MAX];
	int n;

	n = bt_outer(pcs, BACKTRACE_MAX);
	KT_ASSERT(n >= 4);
	if (n < 4)
		return;
	/* bt_inner's own frame holds the return address into bt_middle. */
	expect_return_into(kt, pcs[0], bt_middle, "bt_middle");
	expect_return_into(kt, pcs[1], bt_outer, "bt_outer");
	expect_return_into(kt, pcs[2], ktest_fn_backtrace_names_its_callers,
	    "ktest_fn_backtrace_names_its_callers");
	/* The chain ends where entry.S set %ebp to 0: in _start. */
	KT_ASSERT(n < BACKTRACE_MAX);
	KT_EXPECT_STREQ("_start", ksyms_lookup(pcs[n - 1] - 1, NULL));

	/* max bounds the walk. */
	KT_EXPECT_EQ(2, bt_outer(pcs, 2));
	KT_EXPECT_EQ(0, bt_outer(pcs, 0));
}

/*
 * A chain of hand-made frames in a local array, so on the boot stack:
 * frames at words 0, 4 and 8, each record pointing at the next, and the
 * third record's link set by each case.
 */
static int
walk_chain(uintptr_t *stack, uintptr_t last_link, uintptr_t *pcs)
{
	stack[0] = (uintptr_t)&stack[4];
	stack[1] = 0x1001;
	stack[4] = (uintptr_t)&stack[8];
	stack[5] = 0x1002;
	stack[8] = last_link;
	stack[9] = 0x1003;
	stack[12] = 0;
	stack[13] = 0x1004;
	return backtrace_collect((uintptr_t)&stack[0], pcs, 8);
}

KTEST(backtrace_stops_at_a_corrupt_frame)
{
	uintptr_t stack[16], pcs[8], lo = 0, hi = 0;
	static uintptr_t not_on_a_stack[4];

	KT_ASSERT(backtrace_stack_bounds((uintptr_t)stack, &lo, &hi));
	/* A good fourth frame: four addresses, in order. */
	KT_EXPECT_EQ(4, walk_chain(stack, (uintptr_t)&stack[12], pcs));
	KT_EXPECT_EQ(0x1001, pcs[0]);
	KT_EXPECT_EQ(0x1002, pcs[1]);
	KT_EXPECT_EQ(0x1003, pcs[2]);
	KT_EXPECT_EQ(0x1004, pcs[3]);
	/* The end of the chain. */
	KT_EXPECT_EQ(3, walk_chain(stack, 0, pcs));
	/* Misaligned. */
	KT_EXPECT_EQ(3, walk_chain(stack, (uintptr_t)&stack[12] + 2, pcs));
	/* Backwards, and a loop to itself. */
	KT_EXPECT_EQ(3, walk_chain(stack, (uintptr_t)&stack[2], pcs));
	KT_EXPECT_EQ(3, walk_chain(stack, (uintptr_t)&stack[8], pcs));
	/* Outside the stack: above it, and far away. */
	KT_EXPECT_EQ(3, walk_chain(stack, hi, pcs));
	KT_EXPECT_EQ(3, walk_chain(stack, 0xfffffff0u, pcs));
	/* Inside, but the record would run past the top of the stack. */
	KT_EXPECT_EQ(3, walk_chain(stack, hi - sizeof(uintptr_t), pcs));
	KT_EXPECT_EQ(0x1003, pcs[2]);

	/* A first frame that is on no stack gives nothing at all. */
	KT_EXPECT_EQ(0, backtrace_collect(0, pcs, 8));
	KT_EXPECT_EQ(0, backtrace_collect(0x10, pcs, 8));
	KT_EXPECT_EQ(0, backtrace_collect((uintptr_t)not_on_a_stack, pcs, 8));
	KT_EXPECT_EQ(0, backtrace_stack_bounds((uintptr_t)not_on_a_stack,
	    &lo, &hi));
}
