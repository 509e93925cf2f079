/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The page allocator's core: two bitmaps over physical pages,
 * free of hardware dependencies (the unit tests run it on the host).
 */
#ifndef NAIAD_VM_PAGEMAP_H
#define NAIAD_VM_PAGEMAP_H

#include <stdint.h>

#include "vm/physmap.h"
#include "vm/vm_param.h"

/** 32-bit words a bitmap of \a npages pages needs. */
#define PAGEMAP_WORDS(npages)	(((npages) + 31) / 32)

/** Which physical pages are RAM, and which of those are free. */
struct pagemap {
	uint32_t	*free;	/**< bit set: the page is free */
	uint32_t	*ram;	/**< bit set: the page may ever be allocated */
	uint32_t	npages;	/**< pages the bitmaps can describe, from 0 */
	uint32_t	top;	/**< one past the highest RAM page */
	uint32_t	nram;	/**< bits set in ram */
	uint32_t	nfree;	/**< bits set in free */
	uint32_t	hint;	/**< the word where the next search starts */
};

/** Why pagemap_free refused a page (it returns 0 when it did not). */
enum pagemap_error {
	PAGEMAP_UNALIGNED = -1,		/**< not the start of a page */
	PAGEMAP_NOT_RAM = -2,		/**< never allocatable */
	PAGEMAP_ALREADY_FREE = -3	/**< a double free */
};

/**
 * \brief Make \a pm describe \a npages pages with the bitmaps \a free
 * and \a ram (PAGEMAP_WORDS(npages) words each), all pages absent.
 */
void pagemap_init(struct pagemap *pm, uint32_t *free, uint32_t *ram,
    uint32_t npages);
/**
 * \brief Add the whole pages of ranges \a r[0..n) as free RAM; page 0
 * and pages beyond the bitmaps are left out.
 * \return the number of pages added.
 */
uint32_t pagemap_add_ranges(struct pagemap *pm, const struct phys_range *r,
    int n);
/** \brief Allocate one page; its physical address, or 0 if none is free. */
vm_paddr_t pagemap_alloc(struct pagemap *pm);
/** \brief Allocate \a count contiguous pages; the first one's address, or 0. */
vm_paddr_t pagemap_alloc_contig(struct pagemap *pm, uint32_t count);
/**
 * \brief Free the page at \a pa.
 * \return 0, or a negative enum pagemap_error when \a pa cannot be freed.
 */
int pagemap_free(struct pagemap *pm, vm_paddr_t pa);

#endif /* !NAIAD_VM_PAGEMAP_H */
