/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The pipe's ring buffer (src/kern/ring.c) on the host, against a model
 * (a plain FIFO of bytes in a large array): puts and gets of every size
 * from every starting offset, across the wrap-around, filling it up and
 * draining it; counts and room after each step; every byte checked.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kern/ring.h"
#include "suites.h"

#define SIZE	64

static char mem[SIZE + 16];	/* guard bytes after the ring's memory */
static struct ring r;

/* The model: bytes put and not yet taken, in order. */
static unsigned char model[1 << 16];
static unsigned mhead, mtail;
static unsigned char next_byte;

static void
reset(void)
{
	memset(mem, 0x5a, sizeof(mem));
	ring_init(&r, mem, SIZE);
	mhead = mtail = 0;
	next_byte = 1;
}

/* Put N fresh bytes; check what the ring accepted against the model. */
static void
put(unsigned n)
{
	unsigned char src[SIZE * 2];
	unsigned i, got, want = n < SIZE - (mtail - mhead) ? n :
	    SIZE - (mtail - mhead);

	for (i = 0; i < n; i++)
		src[i] = next_byte + i;
	got = ring_put(&r, (char *)src, n);
	CHECK_MSG(got == want, __LINE__, "put %u: moved %u, expected %u", n,
	    got, want);
	for (i = 0; i < got; i++)
		model[mtail++] = src[i];
	next_byte += got;
}

/* Take N bytes; check them and the count against the model. */
static void
get(unsigned n)
{
	unsigned char dst[SIZE * 2];
	unsigned i, got, want = n < mtail - mhead ? n : mtail - mhead;

	got = ring_get(&r, (char *)dst, n);
	CHECK_MSG(got == want, __LINE__, "get %u: moved %u, expected %u", n,
	    got, want);
	for (i = 0; i < got; i++, mhead++)
		CHECK_MSG(dst[i] == model[mhead], __LINE__,
		    "byte %u of a get: %u, expected %u", i, dst[i],
		    model[mhead]);
}

static void
check_counts(void)
{
	CU_ASSERT_EQUAL(ring_count(&r), mtail - mhead);
	CU_ASSERT_EQUAL(ring_space(&r), SIZE - (mtail - mhead));
	CU_ASSERT_EQUAL((unsigned char)mem[SIZE], 0x5a);	/* no overrun */
}

static void
test_ring_every_offset_and_size(void)
{
	unsigned start, n;

	for (start = 0; start < SIZE; start++)
		for (n = 0; n <= SIZE + 1; n++) {
			reset();
			put(start);		/* move the start to START */
			get(start);
			check_counts();
			put(n);			/* wraps when start + n > SIZE */
			check_counts();
			get(n / 2);
			check_counts();
			get(SIZE);
			check_counts();
			CU_ASSERT_EQUAL(ring_count(&r), 0);
		}
}

static void
test_ring_full_then_empty(void)
{
	reset();
	put(SIZE / 3);
	get(SIZE / 5);
	put(SIZE);			/* only the room is taken */
	CU_ASSERT_EQUAL(ring_space(&r), 0);
	put(1);				/* full: nothing */
	get(0);
	get(SIZE + 5);			/* everything, in order */
	CU_ASSERT_EQUAL(ring_count(&r), 0);
	get(3);				/* empty: nothing */
	check_counts();
}

/* A peek leaves the bytes (a pipe's read into a bad buffer loses
 * nothing); a drop forgets exactly the oldest N, across the wrap. */
static void
test_ring_peek_leaves_and_drop_forgets(void)
{
	unsigned char dst[SIZE], again[SIZE];
	unsigned i, got;

	reset();
	put(SIZE - 3);
	get(SIZE - 3);			/* the start is 3 bytes from the end */
	put(10);			/* wraps */
	got = ring_peek(&r, (char *)dst, 7);
	CU_ASSERT_EQUAL(got, 7);
	CU_ASSERT_EQUAL(ring_count(&r), 10);
	got = ring_peek(&r, (char *)again, 20);	/* clamped to the count */
	CU_ASSERT_EQUAL(got, 10);
	for (i = 0; i < 7; i++) {
		CU_ASSERT_EQUAL(dst[i], model[mhead + i]);
		CU_ASSERT_EQUAL(again[i], model[mhead + i]);
	}
	ring_drop(&r, 4);
	mhead += 4;
	check_counts();
	get(6);				/* the bytes after the dropped ones */
	ring_drop(&r, 5);		/* more than it holds: all of it */
	CU_ASSERT_EQUAL(ring_count(&r), 0);
	check_counts();
}

static void
test_ring_random_against_model(void)
{
	unsigned i;

	srand(42);
	reset();
	for (i = 0; i < 20000; i++) {
		if (rand() % 2)
			put((unsigned)rand() % (SIZE + 8));
		else
			get((unsigned)rand() % (SIZE + 8));
		check_counts();
		if (mhead > sizeof(model) / 2) {	/* keep the model small */
			memmove(model, model + mhead, mtail - mhead);
			mtail -= mhead;
			mhead = 0;
		}
	}
}

static const struct unit_test ring_tests[] = {
	{ "ring_every_offset_and_size", test_ring_every_offset_and_size },
	{ "ring_full_then_empty", test_ring_full_then_empty },
	{ "ring_peek_leaves_and_drop_forgets",
	    test_ring_peek_leaves_and_drop_forgets },
	{ "ring_random_against_model", test_ring_random_against_model },
	{ NULL, NULL }
};

int
add_ring_suite(void)
{
	return add_suite("ring", ring_tests);
}
