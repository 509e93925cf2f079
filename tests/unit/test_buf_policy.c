/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The buffer cache's policy (src/kern/buf_policy.c) on the host: lookup
 * by (device, offset) over shared hash chains, the victim (empty
 * buffers first, then the least recently given back), held buffers
 * never chosen, dirty buffers counted once and found oldest first (also
 * across the generation counter's wrap), B_INVAL forgetting a dirty
 * block, the assertions; and thousands of random operations against a
 * model that knows, for each buffer, whether it is held, its block,
 * whether it is valid and dirty, and when it was given back.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kern/buf.h"
#include "suites.h"

extern jmp_buf *panic_jump;

#define D1	((struct cdev *)0x1000)
#define D2	((struct cdev *)0x2040)
#define T1	((struct thread *)0x10)
#define T2	((struct thread *)0x20)

#define MAXB	200

static struct buf bufs[MAXB];
static struct bufcache bc;

static void
setup(int n)
{
	memset(bufs, 0, sizeof(bufs));
	bufcache_init(&bc, bufs, n);
}

/* Take the victim and make it (DEV, OFF), valid, given back. */
static struct buf *
cache_block(struct cdev *dev, uint64_t off)
{
	struct buf *bp = bufcache_victim(&bc);

	if (bp == NULL)
		return NULL;
	bufcache_hold(&bc, bp, T1);
	bufcache_rename(&bc, bp, dev, off, 512);
	bp->b_flags |= B_CACHE;
	bufcache_unhold(&bc, bp);
	return bp;
}

static void
test_lookup_finds_what_was_named(void)
{
	struct buf *bp;

	setup(8);
	bp = bufcache_victim(&bc);
	CU_ASSERT_PTR_EQUAL(bp, &bufs[0]);
	bufcache_hold(&bc, bp, T1);
	CU_ASSERT_EQUAL(bp->b_owner, T1);
	bufcache_rename(&bc, bp, D1, 0, 1024);
	CU_ASSERT_PTR_EQUAL(bufcache_lookup(&bc, D1, 0), bp);
	CU_ASSERT_EQUAL(bp->b_bcount, 1024);
	CU_ASSERT_PTR_NULL(bufcache_lookup(&bc, D1, 512));
	CU_ASSERT_PTR_NULL(bufcache_lookup(&bc, D2, 0));
	bufcache_rename(&bc, bp, D1, 4096, 1024);
	CU_ASSERT_PTR_NULL(bufcache_lookup(&bc, D1, 0));
	CU_ASSERT_PTR_EQUAL(bufcache_lookup(&bc, D1, 4096), bp);
	CU_ASSERT_EQUAL(bp->b_flags & B_CACHE, 0);	/* not valid yet */
}

static void
test_many_blocks_share_the_chains(void)
{
	uint64_t off[MAXB];
	struct cdev *dev[MAXB];
	struct buf *bp[MAXB];
	int i;

	setup(MAXB);
	for (i = 0; i < MAXB; i++) {
		dev[i] = i % 2 ? D1 : D2;
		/* neighbours, far ones, and offsets that differ only
		 * above bit 41 */
		off[i] = i % 3 == 0 ? (uint64_t)i * 512 :
		    i % 3 == 1 ? ((uint64_t)i << 41) : (uint64_t)i << 20;
		bp[i] = cache_block(dev[i], off[i]);
		CHECK_MSG(bp[i] != NULL, __LINE__, "block %d", i);
	}
	for (i = 0; i < MAXB; i++) {
		CHECK_MSG(bufcache_lookup(&bc, dev[i], off[i]) == bp[i],
		    __LINE__, "block %d", i);
		CHECK_MSG(bufcache_lookup(&bc, dev[i] == D1 ? D2 : D1,
		    off[i]) == NULL || i % 3 == 0, __LINE__,
		    "block %d on the other device", i);
	}
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), bp[0]);	/* the oldest */
}

static void
test_victim_is_empty_first_then_least_recently_used(void)
{
	struct buf *a, *b, *c, *d;

	setup(4);
	a = cache_block(D1, 0);
	b = cache_block(D1, 512);
	c = cache_block(D1, 1024);
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), &bufs[3]);	/* empty */
	d = cache_block(D1, 1536);
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), a);	/* oldest */
	/* Touching b and a moves them to the end: c is the oldest. */
	bufcache_hold(&bc, b, T1);
	bufcache_unhold(&bc, b);
	bufcache_hold(&bc, a, T2);
	bufcache_unhold(&bc, a);
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), c);
	/* A buffer given back without valid contents is forgotten and
	 * reused before any valid one. */
	bufcache_hold(&bc, d, T1);
	d->b_flags &= ~B_CACHE;
	bufcache_unhold(&bc, d);
	CU_ASSERT_PTR_NULL(bufcache_lookup(&bc, D1, 1536));
	CU_ASSERT_PTR_NULL(d->b_dev);
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), d);
}

static void
test_held_buffers_are_never_chosen(void)
{
	struct buf *held[3];
	int i;

	setup(3);
	for (i = 0; i < 3; i++) {
		held[i] = bufcache_victim(&bc);
		CU_ASSERT_PTR_NOT_NULL_FATAL(held[i]);
		bufcache_hold(&bc, held[i], T1);
		bufcache_rename(&bc, held[i], D2, (uint64_t)i * 2048, 2048);
		CU_ASSERT(held[i]->b_flags & B_BUSY);
	}
	CU_ASSERT_EQUAL(bc.bc_nheld, 3);
	CU_ASSERT_PTR_NULL(bufcache_victim(&bc));
	/* Still found while held: a second thread must wait for it. */
	CU_ASSERT_PTR_EQUAL(bufcache_lookup(&bc, D2, 2048), held[1]);
	held[1]->b_flags |= B_CACHE;
	bufcache_unhold(&bc, held[1]);
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), held[1]);
	CU_ASSERT_EQUAL(bc.bc_nheld, 2);
	CU_ASSERT_PTR_NULL(held[1]->b_owner);
}

static void
test_dirty_counted_once_found_oldest_first(void)
{
	struct buf *a, *b;

	setup(4);
	a = cache_block(D1, 0);
	b = cache_block(D1, 512);
	bufcache_hold(&bc, a, T1);
	bufcache_setdirty(&bc, a);
	bufcache_unhold(&bc, a);
	bufcache_hold(&bc, b, T1);
	bufcache_setdirty(&bc, b);
	bufcache_setdirty(&bc, b);
	bufcache_unhold(&bc, b);
	bufcache_hold(&bc, a, T1);
	bufcache_setdirty(&bc, a);		/* again: keeps its place */
	bufcache_unhold(&bc, a);
	CU_ASSERT_EQUAL(bc.bc_ndirty, 2);
	CU_ASSERT_EQUAL(a->b_dirtygen, 1);
	CU_ASSERT_EQUAL(b->b_dirtygen, 2);
	CU_ASSERT_PTR_EQUAL(bufcache_dirty(&bc, D1, 2, NULL), a);
	CU_ASSERT_PTR_NULL(bufcache_dirty(&bc, D2, 2, NULL));
	/* A dirty buffer stays on the LRU list: the victim may be dirty. */
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), &bufs[2]);
	bufcache_clrdirty(&bc, a);
	bufcache_clrdirty(&bc, a);		/* twice: once counted */
	CU_ASSERT_EQUAL(bc.bc_ndirty, 1);
	CU_ASSERT_PTR_EQUAL(bufcache_dirty(&bc, D1, 2, NULL), b);
	CU_ASSERT_PTR_NULL(bufcache_dirty(&bc, D1, 1, NULL));	/* newer */
	/* Held by the asker: skipped; by another: found (to wait for). */
	bufcache_hold(&bc, b, T1);
	CU_ASSERT_PTR_NULL(bufcache_dirty(&bc, D1, 2, T1));
	CU_ASSERT_PTR_EQUAL(bufcache_dirty(&bc, D1, 2, T2), b);
	bufcache_unhold(&bc, b);
	CU_ASSERT_PTR_EQUAL(bufcache_dirty(&bc, D1, 2, T1), b);
}

static void
test_inval_forgets_a_dirty_block(void)
{
	struct buf *a;

	setup(2);
	a = cache_block(D1, 4096);
	bufcache_hold(&bc, a, T1);
	bufcache_setdirty(&bc, a);
	a->b_flags |= B_INVAL;
	bufcache_unhold(&bc, a);
	CU_ASSERT_EQUAL(bc.bc_ndirty, 0);
	CU_ASSERT_PTR_NULL(bufcache_lookup(&bc, D1, 4096));
	CU_ASSERT_EQUAL(a->b_flags, 0);
	CU_ASSERT_PTR_NULL(bufcache_dirty(&bc, D1, 100, NULL));
	/* Empty buffers are reused in the order they became empty. */
	CU_ASSERT_PTR_EQUAL(bufcache_victim(&bc), &bufs[1]);
}

static void
test_generations_wrap_around(void)
{
	struct buf *bp[8];
	int i;

	setup(8);
	bc.bc_dirtygen = 0xFFFFFFFCu;
	for (i = 0; i < 8; i++) {
		bp[i] = cache_block(D1, (uint64_t)i * 512);
		bufcache_hold(&bc, bp[i], T1);
		bufcache_setdirty(&bc, bp[i]);
		bufcache_unhold(&bc, bp[i]);
	}
	CU_ASSERT_EQUAL(bp[3]->b_dirtygen, 0);	/* wrapped */
	CU_ASSERT_EQUAL(bp[5]->b_dirtygen, 2);
	for (i = 0; i < 5; i++) {
		CHECK_MSG(bufcache_dirty(&bc, D1, bp[5]->b_dirtygen, NULL) ==
		    bp[i], __LINE__, "oldest should be %d", i);
		bufcache_clrdirty(&bc, bp[i]);
	}
	CU_ASSERT_PTR_EQUAL(bufcache_dirty(&bc, D1, bp[5]->b_dirtygen, NULL),
	    bp[5]);
	bufcache_clrdirty(&bc, bp[5]);
	CU_ASSERT_PTR_NULL(bufcache_dirty(&bc, D1, bp[5]->b_dirtygen, NULL));
	CU_ASSERT_EQUAL(bc.bc_ndirty, 2);
}

/* Does CALL panic (a KASSERT)? */
#define PANICS(call) ({							\
	jmp_buf jb;							\
	volatile int p_ = 0;						\
	panic_jump = &jb;						\
	if (setjmp(jb) == 0)						\
		call;							\
	else								\
		p_ = 1;							\
	panic_jump = NULL;						\
	p_;								\
})

static void
test_assertions(void)
{
	struct buf *a;

	setup(2);
	a = cache_block(D1, 0);
	CU_ASSERT(PANICS(bufcache_unhold(&bc, a)));	/* not held */
	setup(2);
	a = cache_block(D1, 0);
	bufcache_hold(&bc, a, T1);
	CU_ASSERT(PANICS(bufcache_hold(&bc, a, T2)));	/* held */
	bufcache_setdirty(&bc, a);
	CU_ASSERT(PANICS(bufcache_rename(&bc, a, D1, 512, 512)));
	CU_ASSERT(PANICS(bufcache_forget(&bc, a)));
	CU_ASSERT_PTR_EQUAL(bufcache_lookup(&bc, D1, 0), a);	/* kept */
}

/* ---- random operations against a model ---------------------------------- */

struct mbuf {
	int		held;
	struct cdev	*dev;		/* NULL: no identity */
	uint64_t	off;
	int		valid, dirty;
	uint32_t	gen;		/* when it became dirty */
	unsigned long	time;		/* when it was given back */
};

static struct mbuf model[MAXB];
static unsigned long now;
static uint32_t mgen;

/* The model's victim: the empty buffer given back first, else the
 * valid one given back first; -1 if all are held. */
static int
model_victim(int n)
{
	int i, best = -1, pass;

	for (pass = 0; pass < 2 && best < 0; pass++)
		for (i = 0; i < n; i++)
			if (!model[i].held && (model[i].dev != NULL) == pass &&
			    (best < 0 || model[i].time < model[best].time))
				best = i;
	return best;
}

/* The model's oldest dirty buffer of DEV, or -1. */
static int
model_dirty(int n, struct cdev *dev)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (model[i].dirty && model[i].dev == dev &&
		    (best < 0 || model[i].gen < model[best].gen))
			best = i;
	return best;
}

/* Does the policy agree with the model everywhere? */
static void
model_check(int n, int step)
{
	int i, nheld = 0, ndirty = 0, v;
	struct buf *bp;

	for (i = 0; i < n; i++) {
		nheld += model[i].held;
		ndirty += model[i].dirty;
		CHECK_MSG(((bufs[i].b_flags & B_BUSY) != 0) == model[i].held &&
		    bufs[i].b_dev == model[i].dev &&
		    ((bufs[i].b_flags & B_DIRTY) != 0) == model[i].dirty,
		    __LINE__, "step %d: buffer %d differs", step, i);
		if (model[i].dev != NULL)
			CHECK_MSG(bufcache_lookup(&bc, model[i].dev,
			    model[i].off) == &bufs[i], __LINE__,
			    "step %d: buffer %d not found", step, i);
	}
	CHECK_MSG(bc.bc_nheld == nheld && bc.bc_ndirty == ndirty, __LINE__,
	    "step %d: counts %d/%d, model %d/%d", step, bc.bc_nheld,
	    bc.bc_ndirty, nheld, ndirty);
	v = model_victim(n);
	bp = bufcache_victim(&bc);
	CHECK_MSG(v < 0 ? bp == NULL : bp == &bufs[v], __LINE__,
	    "step %d: victim %ld, model %d", step,
	    bp == NULL ? -1L : (long)(bp - bufs), v);
	v = model_dirty(n, D1);
	bp = bufcache_dirty(&bc, D1, mgen, NULL);
	CHECK_MSG(v < 0 ? bp == NULL : bp == &bufs[v], __LINE__,
	    "step %d: oldest dirty %ld, model %d", step,
	    bp == NULL ? -1L : (long)(bp - bufs), v);
}

/* A getblk: the block's buffer if not held, else a victim renamed
 * (a dirty victim "written" first). */
static void
model_get(int n, struct cdev *dev, uint64_t off)
{
	struct buf *bp = bufcache_lookup(&bc, dev, off);
	int i;

	if (bp != NULL) {
		i = (int)(bp - bufs);
		if (model[i].held)
			return;
		bufcache_hold(&bc, bp, T1);
		model[i].held = 1;
		return;
	}
	if ((i = model_victim(n)) < 0)
		return;
	bp = &bufs[i];
	bufcache_hold(&bc, bp, T1);
	model[i].held = 1;
	if (model[i].dirty) {
		bufcache_clrdirty(&bc, bp);
		bufcache_forget(&bc, bp);
		model[i].dirty = 0;
		model[i].dev = NULL;
	}
	bufcache_rename(&bc, bp, dev, off, 512);
	model[i].dev = dev;
	model[i].off = off;
	model[i].valid = 0;
}

/* Give buffer I back: valid or not, dirtied or not, invalidated or not. */
static void
model_put(int i, unsigned r)
{
	struct buf *bp = &bufs[i];

	if (r % 4 != 0) {
		bp->b_flags |= B_CACHE;
		model[i].valid = 1;
	}
	if (model[i].valid && r % 3 == 0) {
		bufcache_setdirty(&bc, bp);
		if (!model[i].dirty)
			model[i].gen = ++mgen;
		model[i].dirty = 1;
	}
	if (r % 11 == 0) {
		bp->b_flags |= B_INVAL;
		model[i].valid = 0;
	}
	bufcache_unhold(&bc, bp);
	model[i].held = 0;
	if (!model[i].valid) {
		model[i].dev = NULL;
		model[i].dirty = 0;
	}
	model[i].time = ++now;
}

static void
test_random_operations_against_a_model(void)
{
	const int n = 16;
	int step, i;
	unsigned r;

	srand(1);
	setup(n);
	memset(model, 0, sizeof(model));
	for (i = 0; i < n; i++)
		model[i].time = (unsigned long)i;
	now = (unsigned long)n;
	mgen = 0;
	for (step = 0; step < 20000; step++) {
		r = (unsigned)rand();
		if (r % 2 == 0)
			model_get(n, r % 6 == 0 ? D2 : D1,
			    (uint64_t)(r / 8 % 40) * 512);
		else {
			i = (int)(r / 2 % (unsigned)n);
			if (model[i].held)
				model_put(i, r / 64);
		}
		model_check(n, step);
		if (CU_get_number_of_failures() > 0)
			return;
	}
}

static const struct unit_test buf_policy_tests[] = {
	{ "lookup_finds_what_was_named", test_lookup_finds_what_was_named },
	{ "many_blocks_share_the_chains", test_many_blocks_share_the_chains },
	{ "victim_is_empty_first_then_least_recently_used",
	    test_victim_is_empty_first_then_least_recently_used },
	{ "held_buffers_are_never_chosen", test_held_buffers_are_never_chosen },
	{ "dirty_counted_once_found_oldest_first",
	    test_dirty_counted_once_found_oldest_first },
	{ "inval_forgets_a_dirty_block", test_inval_forgets_a_dirty_block },
	{ "generations_wrap_around", test_generations_wrap_around },
	{ "assertions", test_assertions },
	{ "random_operations_against_a_model",
	    test_random_operations_against_a_model },
	{ NULL, NULL }
};

int
add_buf_policy_suite(void)
{
	return add_suite("buf_policy", buf_policy_tests);
}
