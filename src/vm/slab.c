/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/kstring.h"
#include "vm/slab.h"
#include "vm/vm_param.h"

/* The descriptor of the heap page that holds ADDR. */
static struct slab_page *
slab_desc(struct slab_heap *h, uintptr_t addr)
{
	if (addr < h->base || (addr - h->base) / PAGE_SIZE >= h->npages)
		return NULL;
	return &h->pages[(addr - h->base) / PAGE_SIZE];
}

/* The address of the heap page SP describes. */
static uintptr_t
slab_page_addr(struct slab_heap *h, struct slab_page *sp)
{
	return h->base + (uintptr_t)(sp - h->pages) * PAGE_SIZE;
}

/* Put SP on the list of pages with free blocks of its class. */
static void
slab_link(struct slab_heap *h, struct slab_page *sp)
{
	sp->prev = NULL;
	sp->next = h->partial[sp->sclass];
	if (sp->next != NULL)
		sp->next->prev = sp;
	h->partial[sp->sclass] = sp;
}

/* Take SP off its class's list (it has no free block left). */
static void
slab_unlink(struct slab_heap *h, struct slab_page *sp)
{
	if (sp->prev != NULL)
		sp->prev->next = sp->next;
	else
		h->partial[sp->sclass] = sp->next;
	if (sp->next != NULL)
		sp->next->prev = sp->prev;
	sp->next = sp->prev = NULL;
}
/* The mark in the second word of a free block: its address, scrambled. */
#define SLAB_FREE_MARK(p)	((uintptr_t)(p) ^ (uintptr_t)0x5ab1f7eeu)

/* Mark P, a block becoming free. */
static inline void
slab_mark_free(void *p)
{
	((uintptr_t *)p)[1] = SLAB_FREE_MARK(p);
}

/* Is P the start of a block of SP, not free yet?  0, or why not. */
static int
slab_check_block(struct slab_page *sp, void *p)
{
	uintptr_t addr = (uintptr_t)p;
	void *q;

	if ((addr & (SLAB_CLASS_SIZE(sp->sclass) - 1)) != 0)
		return SLAB_BAD_POINTER;
	if (((uintptr_t *)p)[1] != SLAB_FREE_MARK(p))
		return 0;			/* not marked: in use */
	for (q = sp->freelist; q != NULL; q = *(void **)q)
		if (q == p)
			return SLAB_DOUBLE_FREE;
	return 0;				/* in use, mark by chance */
}
/* A fresh heap page carved into blocks of class C, or NULL. */
static struct slab_page *
slab_new(struct slab_heap *h, int c)
{
	uintptr_t addr = h->src->alloc(1);
	struct slab_page *sp = slab_desc(h, addr);
	size_t size = SLAB_CLASS_SIZE(c), off;

	if (addr == 0)
		return NULL;
	if (sp == NULL || (addr & PAGE_MASK) != 0) {
		h->src->free(addr, 1);
		return NULL;
	}
	for (off = 0; off + size < PAGE_SIZE; off += size) {
		*(void **)(addr + off) = (void *)(addr + off + size);
		slab_mark_free((void *)(addr + off));
	}
	*(void **)(addr + off) = NULL;
	slab_mark_free((void *)(addr + off));
	sp->kind = SLAB_PAGE_BLOCKS;
	sp->sclass = (uint8_t)c;
	sp->nfree = (uint16_t)(PAGE_SIZE / size);
	sp->freelist = (void *)addr;
	slab_link(h, sp);
	return sp;
}
/* A block of class C, or NULL; the caller holds the heap's lock. */
static void *
slab_alloc_block(struct slab_heap *h, int c)
{
	struct slab_page *sp = h->partial[c];
	void *block;

	if (sp == NULL && (sp = slab_new(h, c)) == NULL)
		return NULL;
	block = sp->freelist;
	sp->freelist = *(void **)block;
	((uintptr_t *)block)[1] = 0;		/* no longer marked free */
	if (--sp->nfree == 0)
		slab_unlink(h, sp);		/* full: no longer partial */
	return block;
}

/* Whole pages for a large block, or NULL; the caller holds the lock. */
static void *
slab_alloc_run(struct slab_heap *h, size_t size)
{
	size_t npages;
	uintptr_t addr;
	struct slab_page *sp;

	if (size > h->npages * PAGE_SIZE)
		return NULL;
	npages = round_page(size) / PAGE_SIZE;
	addr = h->src->alloc((unsigned)npages);
	if (addr == 0)
		return NULL;
	sp = slab_desc(h, addr);
	if (sp == NULL || (addr & PAGE_MASK) != 0) {
		h->src->free(addr, (unsigned)npages);
		return NULL;
	}
	sp->kind = SLAB_PAGE_RUN;
	sp->npages = (uint32_t)npages;
	return (void *)addr;
}
/* A block of SIZE bytes (zeroed with M_ZERO), or NULL; pure, host-tested. */
void *
slab_alloc(struct slab_heap *h, size_t size, int flags)
{
	int c = slab_size_class(size);
	void *p;

	if (c >= 0) {
		p = slab_alloc_block(h, c);
		if (p != NULL && (flags & M_ZERO) != 0)
			kmemset(p, 0, SLAB_CLASS_SIZE(c));
	} else {
		p = slab_alloc_run(h, size);
		if (p != NULL && (flags & M_ZERO) != 0)
			kmemset(p, 0, round_page(size));
	}
	return p;
}
/* Give SP, a slab with no block in use, back to the system. */
static void
slab_release(struct slab_heap *h, struct slab_page *sp)
{
	slab_unlink(h, sp);
	sp->kind = SLAB_PAGE_NONE;
	h->src->free(slab_page_addr(h, sp), 1);
}

/* Give P back to its page; a page all free goes back to the system,
 * unless it is the only page of its class with room. */
static void
slab_free_block(struct slab_heap *h, struct slab_page *sp, void *p)
{
	unsigned per = PAGE_SIZE / SLAB_CLASS_SIZE(sp->sclass);

	*(void **)p = sp->freelist;
	slab_mark_free(p);
	sp->freelist = p;
	if (sp->nfree++ == 0) {
		slab_link(h, sp);		/* was full: partial again */
		if (sp->next != NULL && sp->next->nfree == per)
			slab_release(h, sp->next);	/* kept: not alone now */
	}
	if (sp->nfree < per)
		return;
	if (h->partial[sp->sclass] == sp && sp->next == NULL)
		return;				/* keep the class's last slab */
	slab_release(h, sp);
}

/* An empty heap over PAGES descriptors and the window from BASE. */
void
slab_init(struct slab_heap *h, struct slab_page *pages, uintptr_t base,
    size_t npages, const struct slab_pagesrc *src)
{
	int c;

	kmemset(pages, 0, npages * sizeof(*pages));
	h->pages = pages;
	h->base = base;
	h->npages = npages;
	h->src = src;
	for (c = 0; c < SLAB_NCLASSES; c++)
		h->partial[c] = NULL;
}

/* Give P back; -EINVAL for a pointer the heap did not hand out. */
int
slab_free(struct slab_heap *h, void *p)
{
	uintptr_t page = ((uintptr_t)p - h->base) / PAGE_SIZE;
	struct slab_page *sp;
	int error;

	if ((uintptr_t)p < h->base || page >= h->npages)
		return SLAB_BAD_POINTER;
	sp = &h->pages[page];
	if (sp->kind == SLAB_PAGE_BLOCKS) {	/* the common case first */
		if ((error = slab_check_block(sp, p)) != 0)
			return error;
		slab_free_block(h, sp, p);
		return 0;
	}
	if (sp->kind != SLAB_PAGE_RUN || ((uintptr_t)p & PAGE_MASK) != 0)
		return SLAB_BAD_POINTER;
	sp->kind = SLAB_PAGE_NONE;
	h->src->free((uintptr_t)p, sp->npages);
	return 0;
}
