/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "kern/panic.h"
#include "kern/spinlock.h"
#include "vm/pagemap.h"
#include "vm/vm_page.h"

#define VM_PAGE_MAX	(VM_DIRECT_MAX / PAGE_SIZE)

static uint32_t vm_page_free_bits[PAGEMAP_WORDS(VM_PAGE_MAX)];
static uint32_t vm_page_ram_bits[PAGEMAP_WORDS(VM_PAGE_MAX)];
static struct pagemap vm_pagemap;
static struct spinlock vm_page_lock = SPINLOCK_INITIALIZER;

/* The page allocator over R; boot, before any allocation. */
void
vm_page_init_ranges(const struct phys_range *r, int n)
{
	pagemap_init(&vm_pagemap, vm_page_free_bits, vm_page_ram_bits,
	    VM_PAGE_MAX);
	pagemap_add_ranges(&vm_pagemap, r, n);
}

/* One physical page, or 0; any CPU, takes the allocator's spinlock. */
vm_paddr_t
vm_page_alloc(void)
{
	vm_paddr_t pa;

	spin_lock(&vm_page_lock);
	pa = pagemap_alloc(&vm_pagemap);
	spin_unlock(&vm_page_lock);
	return pa;
}

/* NPAGES contiguous pages, or 0; any CPU. */
vm_paddr_t
vm_page_alloc_contig(unsigned npages)
{
	vm_paddr_t pa;

	spin_lock(&vm_page_lock);
	pa = pagemap_alloc_contig(&vm_pagemap, npages);
	spin_unlock(&vm_page_lock);
	return pa;
}

static const char *const vm_page_why[] = {
	"", "not page-aligned", "not a page of RAM", "already free"
};

/* Give back a page; a page not allocated is a panic (a broken invariant). */
void
vm_page_free(vm_paddr_t pa)
{
	int error;

	spin_lock(&vm_page_lock);
	error = pagemap_free(&vm_pagemap, pa);
	spin_unlock(&vm_page_lock);
	KASSERT(error == 0, ("vm_page_free(0x%x): %s", pa,
	    vm_page_why[-error]));
}

/* Give back NPAGES contiguous pages from vm_page_alloc_contig. */
void
vm_page_free_contig(vm_paddr_t pa, unsigned npages)
{
	unsigned i;

	for (i = 0; i < npages; i++)
		vm_page_free(pa + i * PAGE_SIZE);
}
/* Free pages now (a snapshot: others may allocate meanwhile). */
unsigned
vm_page_count_free(void)
{
	return vm_pagemap.nfree;
}

/* Pages the allocator manages. */
unsigned
vm_page_count_total(void)
{
	return vm_pagemap.nram;
}

/* One past the highest managed physical address. */
vm_paddr_t
vm_page_top(void)
{
	return (vm_paddr_t)vm_pagemap.top * PAGE_SIZE;
}
