/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The user C library's malloc (book/34-libc.nw) over a fake sbrk
 * (ulib_fake.c): alignment, blocks that never overlap and keep their
 * bytes, reuse, merging of freed neighbours, growth, failure that
 * leaves everything as it was, and the checks that stop a double free.
 * The heap is shared by every test of the program, so each test frees
 * what it takes and states its properties relative to where it started.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "suites.h"

static void host_memset(void *p, int c, size_t n)
{
	memset(p, c, n);
}
static int host_strstr_found(const char *h, const char *n)
{
	return strstr(h, n) != NULL;
}

#include "ulib.h"

/* Every byte taken from sbrk is free and in one block: nothing leaks and
 * every freed neighbour was merged. */
static void
check_heap_is_whole(int line)
{
	struct malloc_stats st;

	malloc_get_stats(&st);
	CHECK_MSG(st.used_blocks == 0 && st.free == st.heap &&
	    st.free_blocks <= 1, line, "heap %zu, free %zu in %u blocks, "
	    "%u used", st.heap, st.free, st.free_blocks, st.used_blocks);
}

static uint32_t rng = 12345;

static uint32_t
next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void
test_blocks_are_aligned_and_the_break_was_not(void)
{
	void *p = malloc(1);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL((uintptr_t)p % 16, 0);
	CU_ASSERT_EQUAL((uintptr_t)(fake_heap + 3) % 16, 3);	/* the start */
	CU_ASSERT(fake_brk % 16 == 0);		/* padded once, then whole */
	free(p);
	check_heap_is_whole(__LINE__);
}

#define NSLOTS	200

/* Random sizes, random frees: every block keeps its own bytes. */
static void
test_blocks_never_overlap_and_keep_their_bytes(void)
{
	static unsigned char *slot[NSLOTS];
	static size_t size[NSLOTS];
	unsigned round, i, k;
	size_t j;

	for (round = 0; round < 4000; round++) {
		i = next_random() % NSLOTS;
		if (slot[i] != NULL) {
			for (j = 0; j < size[i]; j++)
				if (slot[i][j] != (unsigned char)(i + j))
					break;
			CHECK_MSG(j == size[i], __LINE__, "slot %u of %zu "
			    "bytes changed at byte %zu", i, size[i], j);
			free(slot[i]);
			slot[i] = NULL;
			continue;
		}
		size[i] = next_random() % (next_random() % 8 == 0 ? 5000 : 100);
		slot[i] = malloc(size[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(slot[i]);
		CU_ASSERT_EQUAL((uintptr_t)slot[i] % 16, 0);
		for (j = 0; j < size[i]; j++)
			slot[i][j] = (unsigned char)(i + j);
		for (k = 0; k < NSLOTS; k++)
			if (k != i && slot[k] != NULL)
				CHECK_MSG(slot[i] + size[i] <= slot[k] ||
				    slot[k] + size[k] <= slot[i], __LINE__,
				    "slots %u and %u overlap", i, k);
	}
	for (i = 0; i < NSLOTS; i++) {
		free(slot[i]);
		slot[i] = NULL;
	}
	check_heap_is_whole(__LINE__);
}

static void
test_freed_neighbours_merge(void)
{
	char *a = malloc(100), *b = malloc(100), *c = malloc(100);
	char *d = malloc(100);
	struct malloc_stats st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	free(a);
	free(c);
	malloc_get_stats(&st);
	CU_ASSERT_EQUAL(st.free_blocks, 3);	/* a, c, the rest after d */
	free(b);				/* a, b and c become one */
	malloc_get_stats(&st);
	CU_ASSERT_EQUAL(st.free_blocks, 2);
	free(d);				/* and everything is one */
	check_heap_is_whole(__LINE__);
}

static void
test_a_freed_block_is_reused_first(void)
{
	char *a = malloc(64), *b = malloc(64), *a2;

	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	free(a);
	a2 = malloc(48);		/* fits in a's block: first fit */
	CU_ASSERT_PTR_EQUAL(a2, a);
	free(a2);
	free(b);
	check_heap_is_whole(__LINE__);
}

static void
test_a_large_request_grows_the_heap_enough(void)
{
	struct malloc_stats before, after;
	size_t want = 3 * 16 * 1024 + 5;	/* more than MALLOC_GROW */
	char *p;

	malloc_get_stats(&before);
	p = malloc(want);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	malloc_get_stats(&after);
	CU_ASSERT(after.heap >= before.heap);
	CU_ASSERT((size_t)(fake_heap + fake_brk - p) >= want);
	host_memset(p, 0x5A, want);		/* ASan: all of it is ours */
	free(p);
	check_heap_is_whole(__LINE__);
}

static void
test_failure_leaves_everything_as_it_was(void)
{
	struct malloc_stats before, after;
	size_t old_limit = fake_heap_limit;
	unsigned calls;
	char *keep = malloc(10);

	CU_ASSERT_PTR_NOT_NULL_FATAL(keep);
	malloc_get_stats(&before);
	fake_heap_limit = fake_brk;		/* sbrk can give nothing */
	errno = 0;
	CU_ASSERT_PTR_NULL(malloc(FAKE_HEAP_SIZE / 2));
	CU_ASSERT_EQUAL(errno, ENOMEM);
	calls = fake_sbrk_calls;
	errno = 0;
	CU_ASSERT_PTR_NULL(malloc(SIZE_MAX));	/* refused before sbrk */
	CU_ASSERT_EQUAL(errno, ENOMEM);
	CU_ASSERT_PTR_NULL(malloc(SIZE_MAX - 8));
	CU_ASSERT_PTR_NULL(calloc(SIZE_MAX / 2, 4));	/* the product overflows */
	CU_ASSERT_EQUAL(fake_sbrk_calls, calls);
	CU_ASSERT_PTR_NULL(realloc(keep, FAKE_HEAP_SIZE / 2));
	fake_heap_limit = old_limit;
	malloc_get_stats(&after);
	CU_ASSERT_EQUAL(after.heap, before.heap);
	CU_ASSERT_EQUAL(after.free, before.free);
	CU_ASSERT_EQUAL(after.used_blocks, before.used_blocks);
	free(keep);				/* still a valid block */
	check_heap_is_whole(__LINE__);
}

static void
test_calloc_zeroes_a_used_block(void)
{
	unsigned char *p = malloc(200), *q;
	unsigned i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	host_memset(p, 0xAA, 200);
	free(p);
	q = calloc(50, 4);
	CU_ASSERT_PTR_EQUAL(q, p);		/* the dirty block again */
	for (i = 0; i < 200; i++)
		CHECK_MSG(q[i] == 0, __LINE__, "byte %u is %u", i, q[i]);
	free(q);
	check_heap_is_whole(__LINE__);
}

static void
test_realloc_keeps_the_bytes(void)
{
	unsigned char *p = realloc(NULL, 40), *q, *r;
	unsigned i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	for (i = 0; i < 40; i++)
		p[i] = (unsigned char)i;
	q = realloc(p, 20);			/* smaller: stays */
	CU_ASSERT_PTR_EQUAL(q, p);
	r = realloc(q, 4000);			/* larger: moves */
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	for (i = 0; i < 20; i++)
		CHECK_MSG(r[i] == i, __LINE__, "byte %u", i);
	host_memset(r, 1, 4000);
	free(r);
	check_heap_is_whole(__LINE__);
}

/* Run free(P) expecting abort; return what it printed on stderr. */
static const char *
free_must_abort(void *p)
{
	fake_out_reset();
	fake_abort_armed = 1;
	if (setjmp(fake_abort_jump) == 0) {
		free(p);
		fake_abort_armed = 0;
		return NULL;
	}
	fake_fd[2].data[fake_fd[2].len] = '\0';
	return fake_fd[2].data;
}

static void
test_double_and_wild_frees_stop_the_program(void)
{
	char *p = malloc(32), *q = malloc(32);
	const char *said;

	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	free(p);
	said = free_must_abort(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(said);
	CU_ASSERT(host_strstr_found(said, "already freed"));
	said = free_must_abort(q + 16);		/* inside a block */
	CU_ASSERT_PTR_NOT_NULL_FATAL(said);
	CU_ASSERT(host_strstr_found(said, "not a block from malloc"));
	said = free_must_abort(q + 1);		/* misaligned */
	CU_ASSERT_PTR_NOT_NULL_FATAL(said);
	free(NULL);				/* allowed, does nothing */
	free(q);
	check_heap_is_whole(__LINE__);
	fake_out_reset();
}

static void
test_zero_bytes_is_a_real_block(void)
{
	char *a = malloc(0), *b = malloc(0);

	CU_ASSERT_PTR_NOT_NULL(a);
	CU_ASSERT_PTR_NOT_NULL(b);
	CU_ASSERT_PTR_NOT_EQUAL(a, b);
	free(a);
	free(b);
	check_heap_is_whole(__LINE__);
}

int
add_ulib_malloc_suite(void)
{
	static const struct unit_test tests[] = {
		{ "blocks_are_aligned_and_the_break_was_not",
		    test_blocks_are_aligned_and_the_break_was_not },
		{ "blocks_never_overlap_and_keep_their_bytes",
		    test_blocks_never_overlap_and_keep_their_bytes },
		{ "freed_neighbours_merge", test_freed_neighbours_merge },
		{ "a_freed_block_is_reused_first",
		    test_a_freed_block_is_reused_first },
		{ "a_large_request_grows_the_heap_enough",
		    test_a_large_request_grows_the_heap_enough },
		{ "failure_leaves_everything_as_it_was",
		    test_failure_leaves_everything_as_it_was },
		{ "calloc_zeroes_a_used_block", test_calloc_zeroes_a_used_block },
		{ "realloc_keeps_the_bytes", test_realloc_keeps_the_bytes },
		{ "double_and_wild_frees_stop_the_program",
		    test_double_and_wild_frees_stop_the_program },
		{ "zero_bytes_is_a_real_block", test_zero_bytes_is_a_real_block },
		{ NULL, NULL }
	};

	return add_suite("ulib_malloc", tests);
}
