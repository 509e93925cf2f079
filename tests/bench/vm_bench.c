/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The memory chapter's benchmarks: a page allocated and freed, a small
 * block and a run of pages from kmalloc and back.
 */
#include <stddef.h>
#include <stdint.h>

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
