/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the buffer cache: a bread that hits (the block is
 * cached: lookup, hold, give back), and a bread that misses on a memory
 * disk (blocks read in a cycle one longer than the cache, so that LRU
 * makes every one a miss: a clean victim renamed, a 512-byte bio to the
 * disk's thread and back).
 */
#include <stdint.h>

#include "kern/buf.h"
#include "kern/kbench.h"
#include "kern/md.h"

struct buf_bench {
	struct cdev	*dev;
	uint32_t	next;		/* the next block of the cycle */
};

/* One op: bread and brelse of block 0. */
static void
hit_op(void *arg)
{
	struct buf_bench *b = arg;
	struct buf *bp;

	if (bread(b->dev, 0, 512, &bp) == 0)
		brelse(bp);
}

/* One op: bread and brelse of the next block of the cycle. */
static void
miss_op(void *arg)
{
	struct buf_bench *b = arg;
	struct buf *bp;

	if (bread(b->dev, (uint64_t)b->next * 512, 512, &bp) == 0)
		brelse(bp);
	b->next = (b->next + 1) % (NBUF + 1);
}

KBENCH(buf_bread)
{
	static struct buf_bench b;
	struct buf_stats st0, st;

	if ((b.dev = md_create("mdbufbench", NULL, (NBUF + 1) * 512)) == NULL)
		return;
	kbench_measure(kb, "ticks_per_hit", hit_op, &b, 1000);
	b.next = 1;		/* block 0, just used, is the newest */
	buf_getstats(&st0);
	kbench_measure(kb, "ticks_per_miss", miss_op, &b, 4 * (NBUF + 1));
	buf_getstats(&st);
	/* The figure is a miss's only if every read was one. */
	kbench_report(kb, "misses_per_100_reads", (uint64_t)(st.bs_misses -
	    st0.bs_misses) * 100 / (KBENCH_ROUNDS * 4 * (NBUF + 1)));
	md_destroy(b.dev);
}
