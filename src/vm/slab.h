/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel heap's core: power-of-two blocks carved from pages,
 * larger requests as runs of pages.  No hardware dependency: the unit
 * tests run it over a fake page source.
 */
#ifndef NAIAD_VM_SLAB_H
#define NAIAD_VM_SLAB_H

#include <stddef.h>
#include <stdint.h>

/** kmalloc flag: fill the memory with zeros. */
#define M_ZERO		0x0001

/** log2 of the smallest block (16 bytes). */
#define SLAB_MIN_SHIFT	4
/** log2 of the largest block (2048 bytes); larger: a run of pages. */
#define SLAB_MAX_SHIFT	11
/** The number of size classes. */
#define SLAB_NCLASSES	(SLAB_MAX_SHIFT - SLAB_MIN_SHIFT + 1)
/** Bytes in a block of size class \a c. */
#define SLAB_CLASS_SIZE(c)	((size_t)1 << (SLAB_MIN_SHIFT + (c)))

/** Why slab_free refused a pointer (it returns 0 when it did not). */
enum slab_error {
	SLAB_BAD_POINTER = -1,	/**< not a block or run the heap gave out */
	SLAB_DOUBLE_FREE = -2	/**< the block is already free */
};

/** What the heap uses a page for. */
enum slab_page_kind {
	SLAB_PAGE_NONE = 0,	/**< not the heap's, or inside a run */
	SLAB_PAGE_BLOCKS,	/**< a slab of equal blocks */
	SLAB_PAGE_RUN		/**< the first page of a run of pages */
};

/** The heap's descriptor of one page. */
struct slab_page {
	uint8_t		kind;		/**< an enum slab_page_kind */
	uint8_t		sclass;		/**< blocks: the size class */
	uint16_t	nfree;		/**< blocks: how many are free */
	uint32_t	npages;		/**< run: its length in pages */
	void		*freelist;	/**< blocks: the first free block */
	struct slab_page *next;		/**< blocks: the class's partial list */
	struct slab_page *prev;		/**< ... both ways */
};
/** Where the heap gets its pages, and gives them back. */
struct slab_pagesrc {
	/** Allocate \a npages contiguous pages; their address, or 0. */
	uintptr_t	(*alloc)(unsigned npages);
	/** Give back \a npages pages at \a addr. */
	void		(*free)(uintptr_t addr, unsigned npages);
};

/** A heap: its arena, the descriptors and the partial lists. */
struct slab_heap {
	struct slab_page *pages;	/**< one descriptor per arena page */
	uintptr_t	base;		/**< the arena's first address */
	size_t		npages;		/**< pages in the arena */
	struct slab_page *partial[SLAB_NCLASSES]; /**< slabs with room */
	const struct slab_pagesrc *src;	/**< where pages come from */
};
/**
 * \brief The size class of \a size bytes, or -1 when it is larger than
 * the largest block.
 */
static inline int
slab_size_class(size_t size)
{
	if (size <= SLAB_CLASS_SIZE(0))
		return 0;
	if (size > SLAB_CLASS_SIZE(SLAB_NCLASSES - 1))
		return -1;
	return 32 - __builtin_clz((uint32_t)(size - 1)) - SLAB_MIN_SHIFT;
}
/**
 * \brief Make \a h a heap over the \a npages pages from \a base, with
 * the descriptor array \a pages, taking pages from \a src.
 */
void slab_init(struct slab_heap *h, struct slab_page *pages,
    uintptr_t base, size_t npages, const struct slab_pagesrc *src);
/** \brief Allocate \a size bytes (M_ZERO: zeroed); NULL when out of memory. */
void *slab_alloc(struct slab_heap *h, size_t size, int flags);
/**
 * \brief Free \a p.
 * \return 0, or a negative enum slab_error when \a p cannot be freed.
 */
int slab_free(struct slab_heap *h, void *p);

#endif /* !NAIAD_VM_SLAB_H */
