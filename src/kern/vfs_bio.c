/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The buffer cache (book/42-buf.nw): the policy of buf_policy.c under
 * one spinlock, threads asleep for held buffers, blocks read and
 * written with bios, dirty victims written before reuse, bsync and
 * binval.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/bio.h"
#include "kern/buf.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"

static struct spinlock buf_spin = SPINLOCK_INITIALIZER;
static struct bufcache buf_cache;	/* under buf_spin */
static struct buf buf_array[NBUF];	/* the buffers */
static int buf_wanted;			/* asleep for any buffer */
static struct buf_stats buf_counts;	/* hits, misses...: buf_spin */
#define BUF_WAKE_BUF	0x1	/* wake the buffer's waiters */
#define BUF_WAKE_ANY	0x2	/* wake those waiting for any buffer */

/* Sleep until BP is given back; buf_spin held, and held again after. */
static void
buf_sleep(struct buf *bp)
{
	bp->b_waiters++;
	ssleep(bp, &buf_spin, 0, "bufwait", 0);
	bp->b_waiters--;
}

/* Give BP back; buf_spin held.  The wakeups to do after the unlock. */
static int
buf_unhold_locked(struct buf *bp)
{
	int wake = (bp->b_waiters > 0 ? BUF_WAKE_BUF : 0) |
	    (buf_wanted > 0 ? BUF_WAKE_ANY : 0);

	bufcache_unhold(&buf_cache, bp);
	return wake;
}

/* Do the wakeups WAKE for BP; buf_spin not held. */
static void
buf_wake(struct buf *bp, int wake)
{
	if ((wake & BUF_WAKE_BUF) != 0)
		wakeup(bp);
	if ((wake & BUF_WAKE_ANY) != 0)
		wakeup(&buf_wanted);
}

/* Panic unless the current thread holds BP. */
static void
buf_check_holder(const struct buf *bp, const char *who)
{
	KASSERT((bp->b_flags & B_BUSY) != 0 && bp->b_owner == curthread,
	    ("%s: buffer %p is not held by this thread", who, bp));
}

/* Give BP, which the caller holds, back unchanged. */
void
brelse(struct buf *bp)
{
	int wake;

	buf_check_holder(bp, "brelse");
	spin_lock(&buf_spin);
	wake = buf_unhold_locked(bp);
	spin_unlock(&buf_spin);
	buf_wake(bp, wake);
}
/* Start a bio CMD for BP's block; the error of the ended bio. */
static int
buf_transfer(struct buf *bp, int cmd)
{
	int error;

	bio_init(&bp->b_bio, cmd, bp->b_loffset, bp->b_data, bp->b_bcount);
	dev_dstrategy(bp->b_dev, &bp->b_bio);
	error = biowait(&bp->b_bio);
	return error == 0 && bp->b_bio.bio_resid != 0 ? -EIO : error;
}

/* Read BP's block into it (held): 0, or -errno and BP to forget. */
static int
buf_read(struct buf *bp)
{
	int error = buf_transfer(bp, BIO_READ);

	spin_lock(&buf_spin);
	buf_counts.bs_reads++;
	if (error != 0) {
		bp->b_flags |= B_ERROR | B_INVAL;
		bp->b_error = error;
	} else
		bp->b_flags |= B_CACHE;
	spin_unlock(&buf_spin);
	return error;
}

/* A write of BP ended with ERROR: clean, or to forget; if LOST (nobody
 * waits for it), its device keeps the error for bsync.  buf_spin held. */
static void
buf_write_ended(struct buf *bp, int error, int lost)
{
	bufcache_clrdirty(&buf_cache, bp);
	buf_counts.bs_writes++;
	if (error != 0) {
		bp->b_flags |= B_ERROR | B_INVAL;
		bp->b_error = error;
		if (lost && bp->b_dev->si_buf_error == 0)
			bp->b_dev->si_buf_error = error;
	}
}

/* Write BP (held) and wait: 0 or -errno (then BP is to forget); LOST
 * as buf_write_ended's. */
static int
buf_write(struct buf *bp, int lost)
{
	int error = buf_transfer(bp, BIO_WRITE);

	spin_lock(&buf_spin);
	buf_write_ended(bp, error, lost);
	spin_unlock(&buf_spin);
	return error;
}

/* Say on the console that a write nobody waited for failed. */
static void
buf_write_lost(struct cdev *dev, uint64_t loffset, size_t size,
    int error)
{
	kprintf("buf: %s: the write of %u bytes at %llu failed (error %d): "
	    "the block is lost\n", dev->si_name, (unsigned)size,
	    (unsigned long long)loffset, error);
}
/* Can a buffer hold SIZE bytes at LOFFSET of DEV? */
static int
buf_args_ok(const struct cdev *dev, uint64_t loffset, size_t size)
{
	uint32_t bs = dev->si_blksize != 0 ? dev->si_blksize : 1;

	return size > 0 && size <= BUF_MAXSIZE && size % bs == 0 &&
	    loffset % bs == 0;
}

/* Write BP, a dirty victim the caller holds, before its memory is
 * reused; buf_spin held on entry and on return, not meanwhile.  BP
 * is clean and has no identity after; its waiters look again. */
static void
buf_evict(struct buf *bp)
{
	struct cdev *dev = bp->b_dev;
	uint64_t loffset = bp->b_loffset;
	size_t size = bp->b_bcount;
	int error, waiters;

	buf_counts.bs_evictions++;
	spin_unlock(&buf_spin);
	if ((error = buf_write(bp, 1)) != 0)
		buf_write_lost(dev, loffset, size, error);
	spin_lock(&buf_spin);
	bufcache_forget(&buf_cache, bp);
	if ((waiters = bp->b_waiters) > 0) {
		spin_unlock(&buf_spin);
		wakeup(bp);
		spin_lock(&buf_spin);
	}
}

/* The block of BP, held, is read again at SIZE bytes: a dirty one is
 * written first. */
static void
buf_resize(struct buf *bp, size_t size)
{
	int error;

	if ((bp->b_flags & B_DIRTY) != 0 && (error = buf_write(bp, 1)) != 0)
		buf_write_lost(bp->b_dev, bp->b_loffset, bp->b_bcount, error);
	spin_lock(&buf_spin);
	bp->b_bcount = size;
	bp->b_flags &= ~(B_CACHE | B_ERROR | B_INVAL);
	spin_unlock(&buf_spin);
}

/* The held buffer of (DEV, LOFFSET, SIZE): cached, or a reused one
 * whose contents are not valid (no B_CACHE); NULL for a bad block or
 * a device that is gone. */
struct buf *
getblk(struct cdev *dev, uint64_t loffset, size_t size)
{
	struct buf *bp;
	int wake;

	if (!buf_args_ok(dev, loffset, size))
		return NULL;
	spin_lock(&buf_spin);
	for (;;) {
		if ((dev->si_flags & SI_GONE) != 0) {
			spin_unlock(&buf_spin);
			return NULL;
		}
		if ((bp = bufcache_lookup(&buf_cache, dev, loffset)) != NULL) {
			if ((bp->b_flags & B_BUSY) == 0) {
				bufcache_hold(&buf_cache, bp, curthread);
				buf_counts.bs_hits++;
				break;
			}
			KASSERT(bp->b_owner != curthread, ("getblk: %s at %llu"
			    " is held by this thread", dev->si_name,
			    (unsigned long long)loffset));
			buf_sleep(bp);
			continue;
		}
		if ((bp = bufcache_victim(&buf_cache)) == NULL) {
			buf_wanted++;
			ssleep(&buf_wanted, &buf_spin, 0, "nbuf", 0);
			buf_wanted--;
			continue;
		}
		bufcache_hold(&buf_cache, bp, curthread);
		if ((bp->b_flags & B_DIRTY) != 0) {
			buf_evict(bp);
			if (bufcache_lookup(&buf_cache, dev, loffset) != NULL) {
				wake = buf_unhold_locked(bp);
				spin_unlock(&buf_spin);
				buf_wake(bp, wake);
				spin_lock(&buf_spin);
				continue;
			}
		}
		bufcache_rename(&buf_cache, bp, dev, loffset, size);
		buf_counts.bs_misses++;
		break;
	}
	spin_unlock(&buf_spin);
	if (bp->b_bcount != size)
		buf_resize(bp, size);
	return bp;
}
/* Hold (DEV, LOFFSET, SIZE) with its contents: 0 and *BPP, or -errno
 * (-EINVAL: not a block of DEV; -ENXIO: DEV is gone; the device's
 * error) and *BPP NULL. */
int
bread(struct cdev *dev, uint64_t loffset, size_t size, struct buf **bpp)
{
	struct buf *bp;
	int error;

	*bpp = NULL;
	if ((bp = getblk(dev, loffset, size)) == NULL)
		return (dev->si_flags & SI_GONE) != 0 ? -ENXIO : -EINVAL;
	if ((bp->b_flags & B_CACHE) == 0 && (error = buf_read(bp)) != 0) {
		brelse(bp);
		return error;
	}
	*bpp = bp;
	return 0;
}
/* BP, held, is valid and dirty; buf_spin not held. */
static void
buf_mark_dirty(struct buf *bp)
{
	spin_lock(&buf_spin);
	bp->b_flags |= B_CACHE;
	bufcache_setdirty(&buf_cache, bp);
	spin_unlock(&buf_spin);
}

/* Give BP back changed: it is written later (bsync, eviction). */
void
bdwrite(struct buf *bp)
{
	buf_check_holder(bp, "bdwrite");
	buf_mark_dirty(bp);
	brelse(bp);
}

/* Write BP now, wait, give it back: 0, or -errno (BP forgotten). */
int
bwrite(struct buf *bp)
{
	int error;

	buf_check_holder(bp, "bwrite");
	buf_mark_dirty(bp);
	error = buf_write(bp, 0);
	brelse(bp);
	return error;
}

/* bio_done of bawrite: the write ended, give the buffer back. */
static void
buf_async_done(struct bio *bio)
{
	struct buf *bp = bio->bio_caller;
	struct cdev *dev = bp->b_dev;
	uint64_t loffset = bp->b_loffset;
	size_t size = bp->b_bcount;
	int error = bio->bio_error, wake;

	if (error == 0 && bio->bio_resid != 0)
		error = -EIO;
	spin_lock(&buf_spin);
	buf_write_ended(bp, error, 1);
	wake = buf_unhold_locked(bp);
	spin_unlock(&buf_spin);
	buf_wake(bp, wake);
	if (error != 0)
		buf_write_lost(dev, loffset, size, error);
}

/* Start BP's write and return; the write gives BP back when it ends. */
void
bawrite(struct buf *bp)
{
	buf_check_holder(bp, "bawrite");
	buf_mark_dirty(bp);
	spin_lock(&buf_spin);
	bp->b_owner = NULL;
	spin_unlock(&buf_spin);
	bio_init(&bp->b_bio, BIO_WRITE, bp->b_loffset, bp->b_data,
	    bp->b_bcount);
	bp->b_bio.bio_done = buf_async_done;
	bp->b_bio.bio_caller = bp;
	dev_dstrategy(bp->b_dev, &bp->b_bio);
}
/* bsync of DEV at its end: a BIO_FLUSH, waited for; its error. */
static int
buf_flush(struct cdev *dev)
{
	struct bio bio;

	bio_init(&bio, BIO_FLUSH, 0, NULL, 0);
	dev_dstrategy(dev, &bio);
	return biowait(&bio);
}

/* Write every block of DEV dirty when called (not those the caller
 * holds), then flush: 0 or the first error. */
int
bsync(struct cdev *dev)
{
	struct buf *bp;
	uint32_t gen;
	int error, first = 0, flushed;

	spin_lock(&buf_spin);
	gen = buf_cache.bc_dirtygen;
	while ((bp = bufcache_dirty(&buf_cache, dev, gen, curthread)) !=
	    NULL) {
		if ((bp->b_flags & B_BUSY) != 0) {
			buf_sleep(bp);
			continue;
		}
		bufcache_hold(&buf_cache, bp, curthread);
		spin_unlock(&buf_spin);
		if ((error = buf_write(bp, 0)) != 0 && first == 0)
			first = error;
		brelse(bp);
		spin_lock(&buf_spin);
	}
	if (first == 0)
		first = dev->si_buf_error;
	dev->si_buf_error = 0;
	spin_unlock(&buf_spin);
	flushed = buf_flush(dev);
	return first != 0 ? first : flushed;
}
/* Forget every block of DEV: the number of dirty ones thrown away. */
int
binval(struct cdev *dev)
{
	struct buf *bp;
	int i, dropped = 0, wake;

	spin_lock(&buf_spin);
	for (i = 0; i < NBUF; i++) {
		bp = &buf_array[i];
		while (bp->b_dev == dev && (bp->b_flags & B_BUSY) != 0) {
			KASSERT(bp->b_owner != curthread, ("binval: %s: a "
			    "block is held by this thread", dev->si_name));
			buf_sleep(bp);
		}
		if (bp->b_dev != dev)
			continue;
		dropped += (bp->b_flags & B_DIRTY) != 0;
		bufcache_hold(&buf_cache, bp, curthread);
		bp->b_flags |= B_INVAL;
		if ((wake = buf_unhold_locked(bp)) != 0) {
			spin_unlock(&buf_spin);
			buf_wake(bp, wake);
			spin_lock(&buf_spin);
		}
	}
	dev->si_buf_error = 0;
	spin_unlock(&buf_spin);
	return dropped;
}

/* A device is gone: forget its blocks. */
static void
buf_dev_gone(struct cdev *dev)
{
	int dropped = binval(dev);

	if (dropped > 0)
		kprintf("buf: %s is gone with %d blocks not written\n",
		    dev->si_name, dropped);
}

static struct dev_hook buf_dev_hook = { buf_dev_gone, "buf", NULL };
/* The counts now, into *ST. */
void
buf_getstats(struct buf_stats *st)
{
	spin_lock(&buf_spin);
	*st = buf_counts;
	st->bs_nbuf = (uint32_t)buf_cache.bc_nbuf;
	st->bs_held = (uint32_t)buf_cache.bc_nheld;
	st->bs_dirty = (uint32_t)buf_cache.bc_ndirty;
	spin_unlock(&buf_spin);
}

/* The monitor's bufs command. */
static int
buf_command(int argc, char **argv)
{
	struct buf_stats st;

	(void)argc;
	(void)argv;
	buf_getstats(&st);
	kprintf("%u buffers of %u bytes: %u held, %u dirty\n", st.bs_nbuf,
	    BUF_MAXSIZE, st.bs_held, st.bs_dirty);
	kprintf("%u hits, %u misses, %u dirty victims written, %u reads, "
	    "%u writes\n", st.bs_hits, st.bs_misses, st.bs_evictions,
	    st.bs_reads, st.bs_writes);
	return 0;
}

MONITOR_COMMAND(bufs, "bufs", "bufs", "the buffer cache's counts",
    buf_command);
/* Boot: the buffers' memory, the lists, the device hook. */
static void
buf_init(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < NBUF; i++)
		if ((buf_array[i].b_data = kmalloc(BUF_MAXSIZE, 0)) == NULL)
			panic("buf: no memory for %d buffers", NBUF);
	bufcache_init(&buf_cache, buf_array, NBUF);
	dev_hook_register(&buf_dev_hook);
}

SYSINIT(buf, SI_SUB_BUF, SI_ORDER_FIRST, buf_init, NULL);
