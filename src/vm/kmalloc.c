/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/panic.h"
#include "kern/spinlock.h"
#include "vm/kmalloc.h"
#include "vm/vm_page.h"

static struct slab_heap kmalloc_heap;
static struct spinlock kmalloc_lock = SPINLOCK_INITIALIZER;

/* The heap's source of pages: the page allocator, mapped directly. */
static uintptr_t
kmalloc_page_alloc(unsigned npages)
{
	return npages == 1 ? vm_page_alloc() : vm_page_alloc_contig(npages);
}

/* Give the heap's pages back to the page allocator. */
static void
kmalloc_page_free(uintptr_t addr, unsigned npages)
{
	vm_page_free_contig((vm_paddr_t)addr, npages);
}

static const struct slab_pagesrc kmalloc_pages = {
	kmalloc_page_alloc, kmalloc_page_free
};
/* The kernel heap, once paging is on; boot CPU, once. */
void
kmalloc_init(void)
{
	size_t npages = vm_page_top() / PAGE_SIZE;
	size_t bytes = npages * sizeof(struct slab_page);
	vm_paddr_t pa;

	pa = vm_page_alloc_contig((unsigned)(round_page(bytes) / PAGE_SIZE));
	if (pa == 0)
		panic("kmalloc: no memory for %u page descriptors",
		    (unsigned)npages);
	slab_init(&kmalloc_heap, (struct slab_page *)(uintptr_t)pa, 0,
	    npages, &kmalloc_pages);
}
/* SIZE bytes (zeroed with M_ZERO) or NULL; any CPU, takes the heap's lock. */
void *
kmalloc(size_t size, int flags)
{
	void *p;

	KASSERT(kmalloc_heap.pages != NULL, ("kmalloc before kmalloc_init"));
	spin_lock(&kmalloc_lock);
	p = slab_alloc(&kmalloc_heap, size, flags);
	spin_unlock(&kmalloc_lock);
	return p;
}

/* Give back a kmalloc block (NULL is fine); a bad pointer panics. */
void
kfree(void *p)
{
	int error;

	if (p == NULL)
		return;
	spin_lock(&kmalloc_lock);
	error = slab_free(&kmalloc_heap, p);
	spin_unlock(&kmalloc_lock);
	KASSERT(error == 0, ("kfree(%p): %s", p,
	    error == SLAB_DOUBLE_FREE ? "double free" : "not from kmalloc"));
}
