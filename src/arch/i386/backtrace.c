/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/backtrace.h"
#include "kern/kprintf.h"
#include "kern/ksyms.h"

extern char boot_stack[], boot_stack_top[];

/* The finder of the other stacks, or NULL: written once at boot. */
static backtrace_stacks_fn *backtrace_other_stacks;

/* Boot CPU, at boot. */
void
backtrace_set_stacks(backtrace_stacks_fn *fn)
{
	backtrace_other_stacks = fn;
}

/* Any CPU: the boot stack, else whatever the finder knows. */
int
backtrace_stack_bounds(uintptr_t addr, uintptr_t *lo, uintptr_t *hi)
{
	if (addr >= (uintptr_t)boot_stack && addr < (uintptr_t)boot_stack_top) {
		*lo = (uintptr_t)boot_stack;
		*hi = (uintptr_t)boot_stack_top;
		return 1;
	}
	return backtrace_other_stacks != NULL &&
	    backtrace_other_stacks(addr, lo, hi);
}

/* Return addresses of the chain from EBP, inside one known stack only. */
int
backtrace_collect(uintptr_t ebp, uintptr_t *pcs, int max)
{
	const uintptr_t *frame;
	uintptr_t lo, hi, next;
	int n = 0;

	if (ebp == 0 || !backtrace_stack_bounds(ebp, &lo, &hi))
		return 0;
	while (n < max) {
		if (ebp % sizeof(uintptr_t) != 0 || ebp < lo ||
		    ebp > hi - 2 * sizeof(uintptr_t))
			break;
		frame = (const uintptr_t *)ebp;
		pcs[n++] = frame[1];
		next = frame[0];
		if (next <= ebp)	/* 0 (the end), a loop, or garbage */
			break;
		ebp = next;
	}
	return n;
}

/* One line: depth, address, function+offset. */
static void
backtrace_print_frame(int depth, uintptr_t pc, uintptr_t lookup)
{
	const char *name;
	uintptr_t off;

	name = ksyms_lookup(lookup, &off);
	if (name != NULL)
		kprintf("  #%-2d 0x%08x %s+0x%x\n", depth, pc, name,
		    (unsigned)(off + (pc - lookup)));
	else
		kprintf("  #%-2d 0x%08x ?\n", depth, pc);
}

/* PC first (unless 0), then the chain from EBP; safe on a bad frame. */
void
backtrace_print(uintptr_t pc, uintptr_t ebp)
{
	uintptr_t pcs[BACKTRACE_MAX];
	int depth = 0, i, n;

	kprintf("backtrace:\n");
	if (pc != 0)
		backtrace_print_frame(depth++, pc, pc);
	n = backtrace_collect(ebp, pcs, BACKTRACE_MAX);
	for (i = 0; i < n; i++)
		backtrace_print_frame(depth++, pcs[i], pcs[i] - 1);
	if (n == BACKTRACE_MAX)
		kprintf("  (deeper frames not shown)\n");
}
