/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The kernel heap's core (Chapter "Memory") over a fake page source: an
 * arena of ARENA_PAGES pages handed out first fit, which also checks that
 * the heap gives back only pages it took.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "suites.h"
#include "vm/slab.h"
#include "vm/vm_param.h"

#define ARENA_PAGES	64

static uint8_t arena[ARENA_PAGES * PAGE_SIZE] __attribute__((aligned(4096)));
static unsigned char page_used[ARENA_PAGES];
static unsigned pages_out;
static struct slab_page descs[ARENA_PAGES];
static struct slab_heap heap;

static uintptr_t
fake_alloc(unsigned npages)
{
	unsigned i, run = 0;

	for (i = 0; i < ARENA_PAGES; i++) {
		run = page_used[i] ? 0 : run + 1;
		if (run == npages) {
			memset(page_used + i + 1 - npages, 1, npages);
			pages_out += npages;
			return (uintptr_t)(arena + (i + 1 - npages) * PAGE_SIZE);
		}
	}
	return 0;
}

static void
fake_free(uintptr_t addr, unsigned npages)
{
	unsigned first = (unsigned)((addr - (uintptr_t)arena) / PAGE_SIZE), i;

	CU_ASSERT_EQUAL(addr % PAGE_SIZE, 0);
	for (i = first; i < first + npages && i < ARENA_PAGES; i++) {
		CHECK_MSG(page_used[i], __LINE__, "page %u freed twice", i);
		page_used[i] = 0;
	}
	pages_out -= npages;
}

static const struct slab_pagesrc fake_src = { fake_alloc, fake_free };

static void
fresh(void)
{
	memset(page_used, 0, sizeof(page_used));
	pages_out = 0;
	slab_init(&heap, descs, (uintptr_t)arena, ARENA_PAGES, &fake_src);
}

static int
in_arena(const void *p, size_t size)
{
	return (const uint8_t *)p >= arena &&
	    (const uint8_t *)p + size <= arena + sizeof(arena);
}

static void
test_size_classes(void)
{
	size_t size;
	int c;

	CU_ASSERT_EQUAL(slab_size_class(0), 0);
	for (size = 1; size <= 4096; size++) {
		c = slab_size_class(size);
		if (size > SLAB_CLASS_SIZE(SLAB_NCLASSES - 1)) {
			CHECK_MSG(c == -1, __LINE__, "size %zu: class %d", size,
			    c);
			continue;
		}
		/* The smallest class whose blocks hold size bytes. */
		CHECK_MSG(c >= 0 && c < SLAB_NCLASSES &&
		    SLAB_CLASS_SIZE(c) >= size &&
		    (c == 0 || SLAB_CLASS_SIZE(c - 1) < size), __LINE__,
		    "size %zu: class %d", size, c);
	}
	CU_ASSERT_EQUAL(SLAB_CLASS_SIZE(0), 16);
	CU_ASSERT_EQUAL(SLAB_CLASS_SIZE(SLAB_NCLASSES - 1), 2048);
	CU_ASSERT_EQUAL(slab_size_class(SIZE_MAX), -1);
}

/* Fill with a byte pattern that names the block. */
static void
fill(void *p, size_t n, unsigned tag)
{
	memset(p, (int)(tag * 37 + 1) & 0xff, n);
}

static int
intact(const void *p, size_t n, unsigned tag)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != ((tag * 37 + 1) & 0xff))
			return 0;
	return 1;
}

static void
test_blocks_aligned_disjoint_and_released(void)
{
	static void *blocks[3 * 256];
	size_t size;
	unsigned i, j, n;
	int c;

	fresh();
	for (c = 0; c < SLAB_NCLASSES; c++) {
		size = SLAB_CLASS_SIZE(c);
		n = 2 * (unsigned)(PAGE_SIZE / size) + 1;	/* three slabs */
		for (i = 0; i < n; i++) {
			blocks[i] = slab_alloc(&heap, size, 0);
			CU_ASSERT_FATAL(blocks[i] != NULL);
			CHECK_MSG((uintptr_t)blocks[i] % size == 0 &&
			    in_arena(blocks[i], size), __LINE__,
			    "class %d block %u at %p", c, i, blocks[i]);
			fill(blocks[i], size, i);
		}
		CU_ASSERT_EQUAL(pages_out, (unsigned)c + 3);
		for (i = 0; i < n; i++) {
			CHECK_MSG(intact(blocks[i], size, i), __LINE__,
			    "class %d block %u overwritten", c, i);
			for (j = 0; j < i; j++)
				CU_ASSERT(blocks[i] != blocks[j]);
		}
		for (i = 0; i < n; i++)
			CU_ASSERT_EQUAL(slab_free(&heap, blocks[i]), 0);
		/* Each class keeps one slab with room; the others went back. */
		CU_ASSERT_EQUAL(pages_out, (unsigned)c + 1);
	}
}

/*
 * An empty slab is kept only while it is the only slab of its class
 * with room: two full slabs A and B; B emptied is kept (A is full);
 * one block of A freed, and B goes back.
 */
static void
test_kept_empty_slab_goes_back_when_another_has_room(void)
{
	static void *blocks[2 * 256];
	unsigned per, i;
	int c;

	for (c = 0; c < SLAB_NCLASSES; c++) {
		fresh();
		per = (unsigned)(PAGE_SIZE / SLAB_CLASS_SIZE(c));
		for (i = 0; i < 2 * per; i++) {
			blocks[i] = slab_alloc(&heap, SLAB_CLASS_SIZE(c), 0);
			CU_ASSERT_FATAL(blocks[i] != NULL);
		}
		CU_ASSERT_EQUAL(pages_out, 2);
		for (i = per; i < 2 * per; i++)		/* B, all of it */
			CU_ASSERT_EQUAL(slab_free(&heap, blocks[i]), 0);
		CHECK_MSG(pages_out == 2, __LINE__, "class %d: %u pages with "
		    "B empty and A full (B is kept)", c, pages_out);
		CU_ASSERT_EQUAL(slab_free(&heap, blocks[0]), 0);
		CHECK_MSG(pages_out == 1, __LINE__, "class %d: %u pages once "
		    "A has room (B goes back)", c, pages_out);
		for (i = 1; i < per; i++)
			CU_ASSERT_EQUAL(slab_free(&heap, blocks[i]), 0);
		CU_ASSERT_EQUAL(pages_out, 1);		/* A, kept */
	}
}

static void
test_runs_are_page_aligned_and_returned(void)
{
	void *p, *q;

	fresh();
	p = slab_alloc(&heap, 3 * PAGE_SIZE + 1, 0);
	CU_ASSERT_FATAL(p != NULL);
	CU_ASSERT_EQUAL((uintptr_t)p % PAGE_SIZE, 0);
	CU_ASSERT_EQUAL(pages_out, 4);
	q = slab_alloc(&heap, PAGE_SIZE, 0);		/* one page exactly */
	CU_ASSERT_FATAL(q != NULL);
	CU_ASSERT_EQUAL(pages_out, 5);
	CU_ASSERT_EQUAL(slab_free(&heap, (uint8_t *)p + PAGE_SIZE),
	    SLAB_BAD_POINTER);				/* inside the run */
	CU_ASSERT_EQUAL(slab_free(&heap, (uint8_t *)p + 1), SLAB_BAD_POINTER);
	CU_ASSERT_EQUAL(slab_free(&heap, p), 0);
	CU_ASSERT_EQUAL(pages_out, 1);
	CU_ASSERT_EQUAL(slab_free(&heap, p), SLAB_BAD_POINTER);	/* twice */
	CU_ASSERT_EQUAL(slab_free(&heap, q), 0);
	CU_ASSERT_EQUAL(pages_out, 0);
}

static void
test_zero_flag_clears_reused_memory(void)
{
	uint8_t *p, *q;
	size_t i;
	int zero = 1;

	fresh();
	p = slab_alloc(&heap, 100, 0);
	CU_ASSERT_FATAL(p != NULL);
	memset(p, 0xAA, SLAB_CLASS_SIZE(slab_size_class(100)));
	CU_ASSERT_EQUAL(slab_free(&heap, p), 0);
	q = slab_alloc(&heap, 100, M_ZERO);
	CU_ASSERT_PTR_EQUAL(q, p);	/* the block just freed comes back */
	for (i = 0; i < SLAB_CLASS_SIZE(slab_size_class(100)); i++)
		zero &= q[i] == 0;
	CU_ASSERT(zero);

	p = slab_alloc(&heap, 2 * PAGE_SIZE + 5, 0);
	CU_ASSERT_FATAL(p != NULL);
	memset(p, 0xAA, 3 * PAGE_SIZE);
	CU_ASSERT_EQUAL(slab_free(&heap, p), 0);
	q = slab_alloc(&heap, 2 * PAGE_SIZE + 5, M_ZERO);
	CU_ASSERT_FATAL(q != NULL);
	for (i = 0, zero = 1; i < 3 * PAGE_SIZE; i++)
		zero &= q[i] == 0;
	CU_ASSERT(zero);
}

static void
test_exhaustion_returns_null_and_recovers(void)
{
	static void *runs[ARENA_PAGES];
	unsigned n = 0, i;

	fresh();
	while (n < ARENA_PAGES &&
	    (runs[n] = slab_alloc(&heap, PAGE_SIZE, 0)) != NULL)
		n++;
	CU_ASSERT_EQUAL(n, ARENA_PAGES);
	CU_ASSERT_PTR_NULL(slab_alloc(&heap, PAGE_SIZE, 0));
	CU_ASSERT_PTR_NULL(slab_alloc(&heap, 16, 0));	/* no page for a slab */
	CU_ASSERT_EQUAL(slab_free(&heap, runs[7]), 0);
	runs[7] = slab_alloc(&heap, 16, 0);
	CU_ASSERT_PTR_NOT_NULL(runs[7]);
	CU_ASSERT_PTR_NULL(slab_alloc(&heap, 16 * 256, 0));
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL(slab_free(&heap, runs[i]), 0);
	CU_ASSERT_EQUAL(pages_out, 1);		/* the 16-byte class's slab */

	CU_ASSERT_PTR_NULL(slab_alloc(&heap, (ARENA_PAGES + 1) * PAGE_SIZE, 0));
	CU_ASSERT_PTR_NULL(slab_alloc(&heap, SIZE_MAX, 0));
	/* The kept slab is page 7: the longest free run is pages 8 and up. */
	CU_ASSERT_PTR_NULL(slab_alloc(&heap, (ARENA_PAGES - 7) * PAGE_SIZE, 0));
	CU_ASSERT_PTR_NOT_NULL(slab_alloc(&heap, (ARENA_PAGES - 8) * PAGE_SIZE,
	    0));
}

static void
test_bad_and_double_frees_are_refused(void)
{
	uint8_t outside[32];
	void *a, *b;

	fresh();
	a = slab_alloc(&heap, 64, 0);
	b = slab_alloc(&heap, 64, 0);
	CU_ASSERT_FATAL(a != NULL && b != NULL);
	CU_ASSERT_EQUAL(slab_free(&heap, outside), SLAB_BAD_POINTER);
	CU_ASSERT_EQUAL(slab_free(&heap, (uint8_t *)a + 8), SLAB_BAD_POINTER);
	CU_ASSERT_EQUAL(slab_free(&heap, a), 0);
	CU_ASSERT_EQUAL(slab_free(&heap, a), SLAB_DOUBLE_FREE);
	CU_ASSERT_EQUAL(slab_free(&heap, arena + 10 * PAGE_SIZE),
	    SLAB_BAD_POINTER);			/* a page the heap never took */
	CU_ASSERT_EQUAL(slab_free(&heap, b), 0);
}

/* A block in use whose second word happens to hold what a free block
 * holds there is still freed; a second free of it is still caught. */
static void
test_free_mark_by_chance_is_not_a_double_free(void)
{
	uintptr_t mark;
	void *a, *again;

	fresh();
	a = slab_alloc(&heap, 16, 0);
	CU_ASSERT_FATAL(a != NULL);
	CU_ASSERT_EQUAL(slab_free(&heap, a), 0);
	mark = ((uintptr_t *)a)[1];		/* what a free block holds */
	again = slab_alloc(&heap, 16, 0);	/* the same block, LIFO */
	CU_ASSERT_PTR_EQUAL_FATAL(again, a);
	CU_ASSERT_NOT_EQUAL(((uintptr_t *)a)[1], mark);	/* erased */
	((uintptr_t *)a)[1] = mark;		/* the user's data, by chance */
	CU_ASSERT_EQUAL(slab_free(&heap, a), 0);
	CU_ASSERT_EQUAL(slab_free(&heap, a), SLAB_DOUBLE_FREE);
}

static void
test_random_sequence_keeps_blocks_intact(void)
{
	enum { MAXHELD = 200 };
	static void *ptr[MAXHELD];
	static size_t len[MAXHELD];
	static unsigned tag[MAXHELD];
	uint32_t state = 777, r;
	unsigned nheld = 0, step, i;
	size_t size;

	fresh();
	for (step = 0; step < 5000; step++) {
		state = state * 1103515245u + 12345u;
		r = state >> 8;
		if (nheld < MAXHELD && (nheld == 0 || (r & 3) != 0)) {
			size = 1 + (r >> 4) % 5000;
			ptr[nheld] = slab_alloc(&heap, size, 0);
			if (ptr[nheld] == NULL)
				continue;	/* the arena may fill: fine */
			len[nheld] = size;
			tag[nheld] = step;
			fill(ptr[nheld], size, step);
			nheld++;
		} else {
			i = (r >> 4) % nheld;
			CHECK_MSG(intact(ptr[i], len[i], tag[i]), __LINE__,
			    "step %u: block of %zu bytes overwritten", step,
			    len[i]);
			CU_ASSERT_EQUAL(slab_free(&heap, ptr[i]), 0);
			nheld--;
			ptr[i] = ptr[nheld];
			len[i] = len[nheld];
			tag[i] = tag[nheld];
		}
	}
	for (i = 0; i < nheld; i++) {
		CU_ASSERT(intact(ptr[i], len[i], tag[i]));
		CU_ASSERT_EQUAL(slab_free(&heap, ptr[i]), 0);
	}
	CU_ASSERT(pages_out <= SLAB_NCLASSES);
}

int
add_kmalloc_suite(void)
{
	static const struct unit_test tests[] = {
		{ "size_classes", test_size_classes },
		{ "blocks_aligned_disjoint_and_released",
		    test_blocks_aligned_disjoint_and_released },
		{ "kept_empty_slab_goes_back_when_another_has_room",
		    test_kept_empty_slab_goes_back_when_another_has_room },
		{ "runs_are_page_aligned_and_returned",
		    test_runs_are_page_aligned_and_returned },
		{ "zero_flag_clears_reused_memory",
		    test_zero_flag_clears_reused_memory },
		{ "exhaustion_returns_null_and_recovers",
		    test_exhaustion_returns_null_and_recovers },
		{ "bad_and_double_frees_are_refused",
		    test_bad_and_double_frees_are_refused },
		{ "free_mark_by_chance_is_not_a_double_free",
		    test_free_mark_by_chance_is_not_a_double_free },
		{ "random_sequence_keeps_blocks_intact",
		    test_random_sequence_keeps_blocks_intact },
		{ NULL, NULL },
	};

	return add_suite("kmalloc", tests);
}
