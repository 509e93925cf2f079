/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * A ring buffer of bytes (book/31-file.nw): pure logic, tested on the
 * host.
 */
#include "kern/kstring.h"
#include "kern/ring.h"

/* An empty ring over BUF (SIZE, a power of 2). */
void
ring_init(struct ring *r, char *buf, unsigned size)
{
	r->r_buf = buf;
	r->r_size = size;
	r->r_start = 0;
	r->r_count = 0;
}

/* Append min(N, space) bytes of SRC; how many. */
unsigned
ring_put(struct ring *r, const char *src, unsigned n)
{
	unsigned end, first;

	if (n > ring_space(r))
		n = ring_space(r);
	end = (r->r_start + r->r_count) & (r->r_size - 1);
	first = r->r_size - end < n ? r->r_size - end : n;
	kmemcpy(r->r_buf + end, src, first);
	kmemcpy(r->r_buf, src + first, n - first);
	r->r_count += n;
	return n;
}

/* Copy min(N, count) bytes into DST, oldest first, leaving them. */
unsigned
ring_peek(const struct ring *r, char *dst, unsigned n)
{
	unsigned first;

	if (n > r->r_count)
		n = r->r_count;
	first = r->r_size - r->r_start < n ? r->r_size - r->r_start : n;
	kmemcpy(dst, r->r_buf + r->r_start, first);
	kmemcpy(dst + first, r->r_buf, n - first);
	return n;
}

/* Forget the N oldest bytes (no more than it holds). */
void
ring_drop(struct ring *r, unsigned n)
{
	if (n > r->r_count)
		n = r->r_count;
	r->r_start = (r->r_start + n) & (r->r_size - 1);
	r->r_count -= n;
}

/* Take min(N, count) bytes into DST, oldest first; how many. */
unsigned
ring_get(struct ring *r, char *dst, unsigned n)
{
	n = ring_peek(r, dst, n);
	ring_drop(r, n);
	return n;
}
