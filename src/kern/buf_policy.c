/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The buffer cache's policy (book/42-buf.nw): where a block is, which
 * buffer to reuse, which are dirty.  Pure: no lock, no sleep; the host
 * tests (tests/unit/test_buf_policy.c) drive it against a model.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/panic.h"

/* The chain of (DEV, LOFFSET). */
static struct buf_queue *
bufcache_chain(struct bufcache *bc, const struct cdev *dev,
    uint64_t loffset)
{
	uint32_t h = (uint32_t)(loffset >> 9) ^ (uint32_t)(loffset >> 41) ^
	    ((uint32_t)(uintptr_t)dev >> 4);

	return &bc->bc_hash[(h * 2654435761u) >> (32 - BUF_HASHSHIFT)];
}

/* The buffer of (DEV, LOFFSET), held or not, or NULL. */
struct buf *
bufcache_lookup(struct bufcache *bc, const struct cdev *dev,
    uint64_t loffset)
{
	struct buf *bp;

	TAILQ_FOREACH(bp, bufcache_chain(bc, dev, loffset), b_hash)
		if (bp->b_dev == dev && bp->b_loffset == loffset)
			return bp;
	return NULL;
}
/* BC over the NBUF buffers at BUFS (their b_data already set), all
 * empty and not held. */
void
bufcache_init(struct bufcache *bc, struct buf *bufs, int nbuf)
{
	int i;

	for (i = 0; i < BUF_HASHSIZE; i++)
		TAILQ_INIT(&bc->bc_hash[i]);
	TAILQ_INIT(&bc->bc_empty);
	TAILQ_INIT(&bc->bc_lru);
	TAILQ_INIT(&bc->bc_dirty);
	bc->bc_nbuf = nbuf;
	bc->bc_nheld = bc->bc_ndirty = 0;
	bc->bc_dirtygen = 0;
	for (i = 0; i < nbuf; i++) {
		bufs[i].b_dev = NULL;
		bufs[i].b_flags = 0;
		bufs[i].b_owner = NULL;
		bufs[i].b_waiters = 0;
		TAILQ_INSERT_TAIL(&bc->bc_empty, &bufs[i], b_freelist);
	}
}
/* Take BP, not held, off its list: OWNER holds it now. */
void
bufcache_hold(struct bufcache *bc, struct buf *bp, struct thread *owner)
{
	KASSERT((bp->b_flags & B_BUSY) == 0,
	    ("bufcache_hold: buffer %p is held", bp));
	TAILQ_REMOVE(bp->b_dev != NULL ? &bc->bc_lru : &bc->bc_empty, bp,
	    b_freelist);
	bp->b_flags |= B_BUSY;
	bp->b_owner = owner;
	bc->bc_nheld++;
}

/* Give BP back: to the LRU list's end, or forgotten to the empty
 * list if it holds nothing valid (or B_INVAL). */
void
bufcache_unhold(struct bufcache *bc, struct buf *bp)
{
	KASSERT((bp->b_flags & B_BUSY) != 0,
	    ("bufcache_unhold: buffer %p is not held", bp));
	if (bp->b_dev != NULL && (bp->b_flags & (B_CACHE | B_INVAL)) !=
	    B_CACHE) {
		bufcache_clrdirty(bc, bp);
		bufcache_forget(bc, bp);
	}
	bp->b_flags &= ~B_BUSY;
	bp->b_owner = NULL;
	bc->bc_nheld--;
	TAILQ_INSERT_TAIL(bp->b_dev != NULL ? &bc->bc_lru : &bc->bc_empty,
	    bp, b_freelist);
}
/* The buffer to reuse: the first empty one, else the least recently
 * used; NULL if every buffer is held.  Not held by this call. */
struct buf *
bufcache_victim(struct bufcache *bc)
{
	struct buf *bp = TAILQ_FIRST(&bc->bc_empty);

	return bp != NULL ? bp : TAILQ_FIRST(&bc->bc_lru);
}
/* BP, held and clean, becomes (DEV, LOFFSET) of SIZE bytes, its
 * contents not valid yet. */
void
bufcache_rename(struct bufcache *bc, struct buf *bp, struct cdev *dev,
    uint64_t loffset, size_t size)
{
	KASSERT((bp->b_flags & (B_BUSY | B_DIRTY)) == B_BUSY,
	    ("bufcache_rename: buffer %p is not held, or dirty", bp));
	if (bp->b_dev != NULL)
		TAILQ_REMOVE(bufcache_chain(bc, bp->b_dev, bp->b_loffset), bp,
		    b_hash);
	bp->b_dev = dev;
	bp->b_loffset = loffset;
	bp->b_bcount = size;
	bp->b_flags &= B_BUSY;
	bp->b_error = 0;
	TAILQ_INSERT_TAIL(bufcache_chain(bc, dev, loffset), bp, b_hash);
}

/* BP, clean, loses its identity (off its hash chain). */
void
bufcache_forget(struct bufcache *bc, struct buf *bp)
{
	KASSERT((bp->b_flags & B_DIRTY) == 0,
	    ("bufcache_forget: buffer %p is dirty", bp));
	if (bp->b_dev != NULL)
		TAILQ_REMOVE(bufcache_chain(bc, bp->b_dev, bp->b_loffset), bp,
		    b_hash);
	bp->b_dev = NULL;
	bp->b_flags &= B_BUSY;
	bp->b_error = 0;
}
/* BP, held, is dirty: on the dirty list's end with the next
 * generation, unless it is dirty already. */
void
bufcache_setdirty(struct bufcache *bc, struct buf *bp)
{
	KASSERT(bp->b_dev != NULL, ("bufcache_setdirty: buffer %p has no "
	    "block", bp));
	if ((bp->b_flags & B_DIRTY) != 0)
		return;
	bp->b_flags |= B_DIRTY;
	bp->b_dirtygen = ++bc->bc_dirtygen;
	TAILQ_INSERT_TAIL(&bc->bc_dirty, bp, b_dirtylist);
	bc->bc_ndirty++;
}

/* BP is clean (written, or thrown away). */
void
bufcache_clrdirty(struct bufcache *bc, struct buf *bp)
{
	if ((bp->b_flags & B_DIRTY) == 0)
		return;
	bp->b_flags &= ~B_DIRTY;
	TAILQ_REMOVE(&bc->bc_dirty, bp, b_dirtylist);
	bc->bc_ndirty--;
}

/* The first dirty buffer of DEV dirtied at generation MAXGEN or
 * before and not held by SELF, or NULL. */
struct buf *
bufcache_dirty(struct bufcache *bc, const struct cdev *dev,
    uint32_t maxgen, const struct thread *self)
{
	struct buf *bp;

	TAILQ_FOREACH(bp, &bc->bc_dirty, b_dirtylist)
		if (bp->b_dev == dev && (int32_t)(bp->b_dirtygen - maxgen) <= 0
		    && (bp->b_owner != self || (bp->b_flags & B_BUSY) == 0))
			return bp;
	return NULL;
}
