/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Every block starts with this header; the program's bytes follow it. */
struct block {
	size_t	size;		/* the whole block, header included */
	struct block *next;	/* the next free block by address (free only) */
	uint32_t magic;		/* MAGIC_USED or MAGIC_FREE */
};

#define MAGIC_USED	0x5553ED00u	/* "used" */
#define MAGIC_FREE	0xF4EEB10Cu	/* "free block" */
/* Every block starts and every size is rounded on this boundary. */
#define MALLOC_ALIGN	16
/* The header's room, so that what follows it is aligned too. */
#define HDR_SIZE	((sizeof(struct block) + MALLOC_ALIGN - 1) & \
			    ~(size_t)(MALLOC_ALIGN - 1))
/* Split a block only if the rest can hold this much. */
#define MIN_BLOCK	(HDR_SIZE + MALLOC_ALIGN)
/* The least that is asked of sbrk at a time. */
#define MALLOC_GROW	(16 * 1024)

static struct block *free_list;	/* free blocks, in address order */
static size_t heap_bytes;	/* in blocks, taken from sbrk so far */
static unsigned used_blocks;	/* handed out, not freed */
/* Insert B in address order, merging it with free neighbours. */
static void
free_list_insert(struct block *b)
{
	struct block *prev = NULL, *next = free_list;

	while (next != NULL && next < b) {
		prev = next;
		next = next->next;
	}
	b->magic = MAGIC_FREE;
	b->next = next;
	if (next != NULL && (char *)b + b->size == (char *)next) {
		b->size += next->size;		/* merge with the next */
		b->next = next->next;
		next->magic = 0;
	}
	if (prev == NULL) {
		free_list = b;
	} else if ((char *)prev + prev->size == (char *)b) {
		prev->size += b->size;		/* merge into the previous */
		prev->next = b->next;
		b->magic = 0;
	} else {
		prev->next = b;
	}
}
/* Take at least NEED bytes more from sbrk as a free block; 0 or -1. */
static int
grow_heap(size_t need)
{
	size_t pad, want = need < MALLOC_GROW ? MALLOC_GROW : need;
	char *top;
	struct block *b;

	top = sbrk(0);
	if (top == (char *)-1)
		return -1;
	pad = (MALLOC_ALIGN - (uintptr_t)top % MALLOC_ALIGN) % MALLOC_ALIGN;
	if (want > (size_t)INT_MAX - pad) {	/* sbrk takes an int */
		errno = ENOMEM;
		return -1;
	}
	top = sbrk((int)(pad + want));
	if (top == (char *)-1)
		return -1;		/* sbrk has set errno */
	heap_bytes += want;		/* the padding is in no block */
	b = (struct block *)(void *)(top + pad);
	b->size = want;
	free_list_insert(b);
	return 0;
}
/* The size of the block that holds N bytes, or 0 if too large. */
static size_t
block_size_for(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	return HDR_SIZE + ((n + MALLOC_ALIGN - 1) & ~(size_t)(MALLOC_ALIGN - 1));
}

/* Take the first free block of at least SIZE bytes off the list; NULL. */
static struct block *
take_first_fit(size_t size)
{
	struct block **link, *b, *rest;

	for (link = &free_list; (b = *link) != NULL; link = &b->next) {
		if (b->size < size)
			continue;
		if (b->size - size >= MIN_BLOCK) {
			rest = (struct block *)(void *)((char *)b + size);
			rest->size = b->size - size;
			rest->next = b->next;
			rest->magic = MAGIC_FREE;
			b->size = size;
			*link = rest;
		} else {
			*link = b->next;
		}
		b->magic = MAGIC_USED;
		b->next = NULL;
		used_blocks++;
		return b;
	}
	return NULL;
}

/* SIZE bytes, aligned; NULL and ENOMEM when the heap cannot grow. */
void *
malloc(size_t n)
{
	size_t size = block_size_for(n == 0 ? 1 : n);
	struct block *b;

	if (size == 0) {
		errno = ENOMEM;
		return NULL;
	}
	while ((b = take_first_fit(size)) == NULL)
		if (grow_heap(size) != 0)
			return NULL;
	return (char *)b + HDR_SIZE;
}
/* The header of P, checked; stops the program when P is not in use. */
static struct block *
block_of(void *p, const char *who)
{
	struct block *b = (struct block *)(void *)((char *)p - HDR_SIZE);

	if ((uintptr_t)p % MALLOC_ALIGN != 0 || b->magic != MAGIC_USED) {
		fprintf(stderr, "%s(%p): %s\n", who, p,
		    (uintptr_t)p % MALLOC_ALIGN == 0 && b->magic == MAGIC_FREE ?
		    "already freed" : "not a block from malloc");
		abort();
	}
	return b;
}

/* Give P's block back; NULL is allowed and does nothing. */
void
free(void *p)
{
	if (p == NULL)
		return;
	free_list_insert(block_of(p, "free"));
	used_blocks--;
}

/* N * SIZE bytes of zeros; NULL with ENOMEM when the product overflows. */
void *
calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p != NULL)
		memset(p, 0, n * size);
	return p;
}

/* P's block resized to N bytes: in place when it fits, else moved. */
void *
realloc(void *p, size_t n)
{
	struct block *b;
	size_t size, keep;
	void *q;

	if (p == NULL)
		return malloc(n);
	b = block_of(p, "realloc");
	size = block_size_for(n == 0 ? 1 : n);
	if (size != 0 && size <= b->size)
		return p;		/* it fits already */
	q = malloc(n);
	if (q == NULL)
		return NULL;		/* P is untouched */
	keep = b->size - HDR_SIZE;
	memcpy(q, p, keep < n ? keep : n);
	free(p);
	return q;
}

/* A copy of S from malloc. */
char *
strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}
/* The heap's size, its free bytes and blocks, the blocks in use. */
void
malloc_get_stats(struct malloc_stats *st)
{
	struct block *b;

	st->heap = heap_bytes;
	st->free = 0;
	st->free_blocks = 0;
	for (b = free_list; b != NULL; b = b->next) {
		st->free += b->size;
		st->free_blocks++;
	}
	st->used_blocks = used_blocks;
}
