/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The memory chapter's benchmarks: a page allocated and freed, a small
 * block and a run of pages from kmalloc and back, and kmalloc and kfree
 * of a small block timed apart.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/kbench.h"
#include "vm/kmalloc.h"
#include "vm/vm_page.h"

static void
page_alloc_free(void *arg)
{
	(void)arg;
	vm_page_free(vm_page_alloc());
}

KBENCH(vm_page_alloc_free)
{
	kbench_measure(kb, "ticks_per_op", page_alloc_free, NULL, 1000);
}

static void
kmalloc_kfree(void *arg)
{
	kfree(kmalloc(*(size_t *)arg, 0));
}

KBENCH(kmalloc_64)
{
	size_t size = 64;

	kbench_measure(kb, "ticks_per_op", kmalloc_kfree, &size, 1000);
}

KBENCH(kmalloc_3_pages)
{
	size_t size = 3 * 4096;

	kbench_measure(kb, "ticks_per_op", kmalloc_kfree, &size, 200);
}

#define SPLIT_BATCH	8	/* blocks live at once, like a system call's */
#define SPLIT_ROUNDS	200

/*
 * kmalloc(64) alone and kfree alone: SPLIT_BATCH allocations timed
 * together, then their frees; the best round of each, per call.
 */
KBENCH(kmalloc_64_split)
{
	void *blocks[SPLIT_BATCH];
	uint64_t t0, t1, t2, best_alloc = UINT64_MAX, best_free = UINT64_MAX;
	int round, i;

	for (round = 0; round < SPLIT_ROUNDS; round++) {
		t0 = rdtsc();
		for (i = 0; i < SPLIT_BATCH; i++)
			blocks[i] = kmalloc(64, 0);
		t1 = rdtsc();
		for (i = 0; i < SPLIT_BATCH; i++)
			kfree(blocks[i]);
		t2 = rdtsc();
		if ((t1 - t0) / SPLIT_BATCH < best_alloc)
			best_alloc = (t1 - t0) / SPLIT_BATCH;
		if ((t2 - t1) / SPLIT_BATCH < best_free)
			best_free = (t2 - t1) / SPLIT_BATCH;
	}
	kbench_report(kb, "kmalloc_ticks_per_op", best_alloc);
	kbench_report(kb, "kfree_ticks_per_op", best_free);
}
