/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "vm/pagemap.h"

/* Is bit I of MAP set? */
static inline int
bit_test(const uint32_t *map, uint32_t i)
{
	return (map[i / 32] >> (i % 32)) & 1;
}

/* Set bit I of MAP. */
static inline void
bit_set(uint32_t *map, uint32_t i)
{
	map[i / 32] |= 1u << (i % 32);
}

/* Clear bit I of MAP. */
static inline void
bit_clear(uint32_t *map, uint32_t i)
{
	map[i / 32] &= ~(1u << (i % 32));
}
/* An empty page map over the given bitmaps; no page free yet. */
void
pagemap_init(struct pagemap *pm, uint32_t *free, uint32_t *ram,
    uint32_t npages)
{
	uint32_t i;

	for (i = 0; i < PAGEMAP_WORDS(npages); i++)
		free[i] = ram[i] = 0;
	pm->free = free;
	pm->ram = ram;
	pm->npages = npages;
	pm->top = pm->nram = pm->nfree = pm->hint = 0;
}

/* Mark the whole pages of R free (and RAM); how many.  Boot only. */
uint32_t
pagemap_add_ranges(struct pagemap *pm, const struct phys_range *r, int n)
{
	uint64_t first, last, page;
	uint32_t added = 0;
	int i;

	for (i = 0; i < n; i++) {
		first = round_page(r[i].start) / PAGE_SIZE;
		last = trunc_page(r[i].end) / PAGE_SIZE;
		if (first == 0)
			first = 1;		/* 0 means "no page" */
		if (last > pm->npages)
			last = pm->npages;
		for (page = first; page < last; page++) {
			if (bit_test(pm->ram, page))
				continue;
			bit_set(pm->ram, page);
			bit_set(pm->free, page);
			added++;
		}
		if (first < last && last > pm->top)
			pm->top = last;
	}
	pm->nram += added;
	pm->nfree += added;
	return added;
}
/* A free page, marked used, or 0; the caller holds the lock. */
vm_paddr_t
pagemap_alloc(struct pagemap *pm)
{
	uint32_t nwords = PAGEMAP_WORDS(pm->top), i, w, bit;

	if (pm->nfree == 0)
		return 0;
	for (i = 0; i < nwords; i++) {
		w = (pm->hint + i) % nwords;
		if (pm->free[w] == 0)
			continue;
		bit = (uint32_t)__builtin_ctz(pm->free[w]);
		pm->free[w] &= ~(1u << bit);
		pm->nfree--;
		pm->hint = w;
		return (vm_paddr_t)(w * 32 + bit) * PAGE_SIZE;
	}
	return 0;	/* not reached while nfree is right */
}
/* COUNT free pages in a row, first fit, or 0; the caller holds the lock. */
vm_paddr_t
pagemap_alloc_contig(struct pagemap *pm, uint32_t count)
{
	uint32_t page, first, run = 0;

	if (count == 0 || count > pm->nfree)
		return 0;
	for (page = 0; page < pm->top; page++) {
		if (!bit_test(pm->free, page)) {
			run = 0;
			continue;
		}
		if (++run < count)
			continue;
		first = page + 1 - count;
		for (page = first; page < first + count; page++)
			bit_clear(pm->free, page);
		pm->nfree -= count;
		return (vm_paddr_t)first * PAGE_SIZE;
	}
	return 0;
}
/* Give PA back; -EINVAL for a page not allocated (a double free). */
int
pagemap_free(struct pagemap *pm, vm_paddr_t pa)
{
	uint32_t page = pa / PAGE_SIZE;

	if ((pa & PAGE_MASK) != 0)
		return PAGEMAP_UNALIGNED;
	if (page >= pm->npages || !bit_test(pm->ram, page))
		return PAGEMAP_NOT_RAM;
	if (bit_test(pm->free, page))
		return PAGEMAP_ALREADY_FREE;
	bit_set(pm->free, page);
	pm->nfree++;
	return 0;
}
