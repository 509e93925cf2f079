/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The buffer cache (Chapter "The buffer cache") on memory disks, whose
 * memory the tests read directly as "the disk": a written block reads
 * back and is on the disk after bwrite, not after bdwrite until bsync;
 * a cached block is read from the disk once; the least recently used
 * block is the one reused; every dirty block is written exactly once,
 * by eviction or bsync (bawrites in flight included); read errors are
 * returned and leave nothing cached, write errors are reported to
 * bwrite, bsync, or the next bsync; bad blocks are refused; a held
 * block makes others wait and they see the holder's change; threads on
 * every CPU updating overlapping blocks lose no update and never see a
 * half-made one; a thread that makes room by writing a dirty victim
 * looks for its block again before it takes the victim (another thread
 * made it meanwhile); a destroyed disk's blocks are forgotten; a block
 * read at another size.  Every test ends with no buffer held.
 *
 * The tests that count reads or choose victims assume they are alone
 * in the cache (nothing else reads or holds blocks while they run),
 * which is so when the kernel runs its tests.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/buf.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/kstring.h"
#include "kern/md.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"
#include "lwkt_testlib.h"
#include "vm/kmalloc.h"

/* A memory disk and its memory, which the tests read as the disk. */
struct tdisk {
	struct cdev	*dev;
	unsigned char	*mem;
	uint32_t	bytes;
};

/* Make a disk of BYTES bytes called NAME; 0, or -1 and a failure. */
static int
tdisk_make(struct ktest_ctx *kt, struct tdisk *d, const char *name,
    uint32_t bytes)
{
	d->bytes = bytes;
	d->mem = kmalloc(bytes, M_ZERO);
	d->dev = d->mem != NULL ? md_create(name, d->mem, bytes) : NULL;
	if (d->dev == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "cannot make disk %s", name);
		kfree(d->mem);
		return -1;
	}
	return 0;
}

static void
tdisk_free(struct tdisk *d)
{
	md_destroy(d->dev);
	kfree(d->mem);
}

/* The disk's counts. */
static struct md_stat
tdisk_stat(struct tdisk *d)
{
	struct md_stat st;

	kmemset(&st, 0, sizeof(st));
	dev_dioctl(d->dev, MDIOCSTAT, &st, 0);
	return st;
}

/* Make the disk fail CMD (0: both) at [OFF, OFF+LEN) with ERROR. */
static void
tdisk_fail(struct tdisk *d, uint64_t off, uint64_t len, int cmd, int error)
{
	struct md_fail f = { off, len, cmd, error };

	dev_dioctl(d->dev, MDIOCFAIL, &f, 0);
}

/* Buffers held now. */
static uint32_t
held_now(void)
{
	struct buf_stats st;

	buf_getstats(&st);
	return st.bs_held;
}

/* Fill N bytes at P with the block's mark: SEED repeated. */
static void
fill(void *p, size_t n, uint32_t seed)
{
	uint32_t *w = p;
	size_t i;

	for (i = 0; i < n / 4; i++)
		w[i] = seed;
}

/* Is every word of the N bytes at P equal to SEED? */
static int
filled_with(const void *p, size_t n, uint32_t seed)
{
	const uint32_t *w = p;
	size_t i;

	for (i = 0; i < n / 4; i++)
		if (w[i] != seed)
			return 0;
	return 1;
}

/* bread the block, fill it with SEED, and bdwrite it: 0 or error. */
static int
write_delayed(struct cdev *dev, uint64_t off, size_t size, uint32_t seed)
{
	struct buf *bp;
	int error;

	if ((error = bread(dev, off, size, &bp)) != 0)
		return error;
	fill(bp->b_data, size, seed);
	bdwrite(bp);
	return 0;
}

/* bread the block and say whether it holds SEED: 1, 0, or -errno. */
static int
reads_as(struct cdev *dev, uint64_t off, size_t size, uint32_t seed)
{
	struct buf *bp;
	int error, ok;

	if ((error = bread(dev, off, size, &bp)) != 0)
		return error;
	ok = filled_with(bp->b_data, size, seed);
	brelse(bp);
	return ok;
}

KTEST(buf_written_block_reads_back_and_waits_for_bsync)
{
	static struct tdisk d;
	struct buf *bp;
	struct md_stat st;
	uint32_t held0 = held_now();

	if (tdisk_make(kt, &d, "ktbuf0", 64 * 1024) != 0)
		return;
	/* getblk of a block never read: not valid; bwrite puts it on the
	 * disk at once. */
	bp = getblk(d.dev, 4096, 1024);
	KT_ASSERT(bp != NULL);
	if (bp == NULL)
		return;
	KT_EXPECT_EQ(0, bp->b_flags & B_CACHE);
	KT_ASSERT(bp->b_dev == d.dev && bp->b_loffset == 4096 &&
	    bp->b_bcount == 1024);
	KT_EXPECT_EQ(held0 + 1, held_now());
	fill(bp->b_data, 1024, 0xA1);
	KT_EXPECT_EQ(0, bwrite(bp));
	KT_ASSERT(filled_with(d.mem + 4096, 1024, 0xA1));
	KT_EXPECT_EQ(0, d.mem[4096 + 1024]);		/* only the block */
	/* Read back from the cache: no read of the disk. */
	KT_EXPECT_EQ(1, reads_as(d.dev, 4096, 1024, 0xA1));
	st = tdisk_stat(&d);
	KT_EXPECT_EQ(0, st.ms_reads);
	KT_EXPECT_EQ(1, st.ms_writes);
	/* bdwrite: the cache has it, the disk not yet; bsync writes it
	 * and flushes the disk. */
	KT_EXPECT_EQ(0, write_delayed(d.dev, 4096, 1024, 0xB2));
	KT_EXPECT_EQ(1, reads_as(d.dev, 4096, 1024, 0xB2));
	KT_ASSERT(filled_with(d.mem + 4096, 1024, 0xA1));
	KT_EXPECT_EQ(1, tdisk_stat(&d).ms_writes);
	KT_EXPECT_EQ(0, bsync(d.dev));
	KT_ASSERT(filled_with(d.mem + 4096, 1024, 0xB2));
	st = tdisk_stat(&d);
	KT_EXPECT_EQ(2, st.ms_writes);
	KT_EXPECT_EQ(1, st.ms_flushes);
	/* Nothing dirty is left: a second bsync only flushes. */
	KT_EXPECT_EQ(0, bsync(d.dev));
	st = tdisk_stat(&d);
	KT_EXPECT_EQ(2, st.ms_writes);
	KT_EXPECT_EQ(2, st.ms_flushes);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

KTEST(buf_block_is_read_from_the_disk_once)
{
	static struct tdisk d;
	uint32_t held0 = held_now();
	int i;

	if (tdisk_make(kt, &d, "ktbuf1", 16 * 1024) != 0)
		return;
	fill(d.mem + 2048, 2048, 0xC3);
	for (i = 0; i < 5; i++)
		KT_EXPECT_EQ(1, reads_as(d.dev, 2048, 2048, 0xC3));
	KT_EXPECT_EQ(1, tdisk_stat(&d).ms_reads);
	/* Changed behind the cache's back: the cache does not know... */
	fill(d.mem + 2048, 2048, 0xC4);
	KT_EXPECT_EQ(1, reads_as(d.dev, 2048, 2048, 0xC3));
	/* ...until it forgets the device. */
	KT_EXPECT_EQ(0, binval(d.dev));
	KT_EXPECT_EQ(1, reads_as(d.dev, 2048, 2048, 0xC4));
	KT_EXPECT_EQ(2, tdisk_stat(&d).ms_reads);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

KTEST(buf_least_recently_used_block_is_reused)
{
	static struct tdisk d;
	uint32_t reads;
	int i;

	if (tdisk_make(kt, &d, "ktbuf2", (NBUF + 8) * 512) != 0)
		return;
	/* NBUF blocks: every buffer holds one of ours, 0 the oldest. */
	for (i = 0; i < NBUF; i++)
		KT_EXPECT_EQ(1, reads_as(d.dev, (uint64_t)i * 512, 512, 0));
	KT_EXPECT_EQ(NBUF, tdisk_stat(&d).ms_reads);
	KT_EXPECT_EQ(1, reads_as(d.dev, 0, 512, 0));	/* 0 the newest */
	KT_EXPECT_EQ(1, reads_as(d.dev, (uint64_t)NBUF * 512, 512, 0));
	reads = tdisk_stat(&d).ms_reads;
	KT_EXPECT_EQ(NBUF + 1, reads);
	KT_EXPECT_EQ(1, reads_as(d.dev, 0, 512, 0));	/* kept */
	KT_EXPECT_EQ(reads, tdisk_stat(&d).ms_reads);
	KT_EXPECT_EQ(1, reads_as(d.dev, 512, 512, 0));	/* 1 was reused */
	KT_EXPECT_EQ(reads + 1, tdisk_stat(&d).ms_reads);
	tdisk_free(&d);
}

KTEST(buf_every_dirty_block_is_written_once)
{
	static struct tdisk d;
	struct buf *bp;
	uint32_t held0 = held_now();
	int i, on_disk = 0;

	if (tdisk_make(kt, &d, "ktbuf3", (NBUF + 8) * 512) != 0)
		return;
	/* More dirty blocks than buffers: the victims are written before
	 * their buffers are reused. */
	for (i = 0; i < NBUF + 8; i++)
		KT_EXPECT_EQ(0, write_delayed(d.dev, (uint64_t)i * 512, 512,
		    0x100 + (uint32_t)i));
	for (i = 0; i < NBUF + 8; i++)
		on_disk += filled_with(d.mem + i * 512, 512,
		    0x100 + (uint32_t)i);
	KT_ASSERT(on_disk >= 8);
	KT_EXPECT_EQ(on_disk, tdisk_stat(&d).ms_writes);
	KT_EXPECT_EQ(0, bsync(d.dev));
	for (i = 0; i < NBUF + 8; i++)
		KT_ASSERT(filled_with(d.mem + i * 512, 512, 0x100 + (uint32_t)i));
	KT_EXPECT_EQ(NBUF + 8, tdisk_stat(&d).ms_writes);
	/* bawrite: bsync waits for the writes in flight. */
	for (i = 0; i < 16; i++) {
		KT_EXPECT_EQ(0, bread(d.dev, (uint64_t)i * 512, 512, &bp));
		if (bp == NULL)
			continue;
		fill(bp->b_data, 512, 0x200 + (uint32_t)i);
		bawrite(bp);
	}
	KT_EXPECT_EQ(0, bsync(d.dev));
	for (i = 0; i < 16; i++)
		KT_ASSERT(filled_with(d.mem + i * 512, 512, 0x200 + (uint32_t)i));
	KT_EXPECT_EQ(NBUF + 8 + 16, tdisk_stat(&d).ms_writes);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

KTEST(buf_read_error_is_returned_and_nothing_kept)
{
	static struct tdisk d;
	struct buf *bp = (struct buf *)1;
	uint32_t held0 = held_now();

	if (tdisk_make(kt, &d, "ktbuf4", 16 * 1024) != 0)
		return;
	fill(d.mem + 1024, 1024, 0xD5);
	tdisk_fail(&d, 1024, 512, BIO_READ, -EIO);
	KT_EXPECT_EQ(-EIO, bread(d.dev, 1024, 1024, &bp));
	KT_ASSERT(bp == NULL);
	KT_EXPECT_EQ(held0, held_now());
	KT_EXPECT_EQ(-EIO, bread(d.dev, 1024, 1024, &bp));	/* asks again */
	KT_EXPECT_EQ(1, reads_as(d.dev, 2048, 1024, 0));	/* others fine */
	tdisk_fail(&d, 0, 0, 0, 0);
	KT_EXPECT_EQ(1, reads_as(d.dev, 1024, 1024, 0xD5));
	KT_EXPECT_EQ(2, tdisk_stat(&d).ms_reads);	/* 2048, then 1024 */
	KT_EXPECT_EQ(2, tdisk_stat(&d).ms_failed);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

KTEST(buf_write_errors_are_reported)
{
	static struct tdisk d;
	struct buf *bp;
	uint32_t held0 = held_now();
	int i;

	if (tdisk_make(kt, &d, "ktbuf5", (NBUF + 8) * 1024) != 0)
		return;
	tdisk_fail(&d, 0, 1024, BIO_WRITE, -EIO);
	/* bwrite: to its caller; the block is forgotten, and reads as
	 * what the disk has. */
	KT_EXPECT_EQ(0, bread(d.dev, 0, 1024, &bp));
	if (bp != NULL) {
		fill(bp->b_data, 1024, 0xE6);
		KT_EXPECT_EQ(-EIO, bwrite(bp));
	}
	KT_EXPECT_EQ(1, reads_as(d.dev, 0, 1024, 0));
	/* bdwrite then bsync: to bsync's caller. */
	KT_EXPECT_EQ(0, write_delayed(d.dev, 0, 1024, 0xE7));
	KT_EXPECT_EQ(-EIO, bsync(d.dev));
	KT_EXPECT_EQ(0, bsync(d.dev));			/* said once */
	KT_EXPECT_EQ(1, reads_as(d.dev, 0, 1024, 0));
	/* bawrite: nobody waits, the next bsync says it. */
	KT_EXPECT_EQ(0, bread(d.dev, 0, 1024, &bp));
	if (bp != NULL) {
		fill(bp->b_data, 1024, 0xE8);
		bawrite(bp);
	}
	KT_EXPECT_EQ(-EIO, bsync(d.dev));
	KT_EXPECT_EQ(0, bsync(d.dev));
	/* An eviction: likewise. */
	KT_EXPECT_EQ(0, write_delayed(d.dev, 0, 1024, 0xE9));
	for (i = 1; i <= NBUF; i++)
		KT_EXPECT_EQ(1, reads_as(d.dev, (uint64_t)i * 1024, 1024, 0));
	KT_EXPECT_EQ(-EIO, bsync(d.dev));
	KT_EXPECT_EQ(0, bsync(d.dev));
	KT_EXPECT_EQ(1, reads_as(d.dev, 0, 1024, 0));
	KT_EXPECT_EQ(0, tdisk_stat(&d).ms_writes);	/* none got through */
	KT_EXPECT_EQ(4, tdisk_stat(&d).ms_failed);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

KTEST(buf_bad_blocks_are_refused)
{
	static struct tdisk d;
	struct buf *bp;
	uint32_t held0 = held_now();

	if (tdisk_make(kt, &d, "ktbuf6", 16 * 1024) != 0)
		return;
	KT_ASSERT(getblk(d.dev, 0, 0) == NULL);
	KT_ASSERT(getblk(d.dev, 0, BUF_MAXSIZE + 512) == NULL);
	KT_ASSERT(getblk(d.dev, 0, 100) == NULL);
	KT_ASSERT(getblk(d.dev, 100, 512) == NULL);
	KT_EXPECT_EQ(-EINVAL, bread(d.dev, 0, 700, &bp));
	KT_ASSERT(bp == NULL);
	/* Past the end of the disk: the disk's error. */
	KT_EXPECT_EQ(-ENXIO, bread(d.dev, 16 * 1024, 512, &bp));
	KT_EXPECT_EQ(0, bread(d.dev, 0, BUF_MAXSIZE, &bp));
	if (bp != NULL)
		brelse(bp);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

/* The second holder of the next test: waits for the block, then says
 * what it saw. */
struct waiter {
	struct cdev	*dev;
	volatile int	got, saw;
	struct xgroup	g;
};

static void
waiter_thread(void *arg)
{
	struct waiter *w = arg;
	struct buf *bp;

	if (bread(w->dev, 512, 512, &bp) == 0) {
		w->saw = filled_with(bp->b_data, 512, 0xF7);
		w->got = 1;
		brelse(bp);
	}
	xgroup_done(&w->g);
}

KTEST(buf_held_block_makes_others_wait)
{
	static struct tdisk d;
	static struct waiter w;
	struct buf *bp;

	if (tdisk_make(kt, &d, "ktbuf7", 16 * 1024) != 0)
		return;
	KT_EXPECT_EQ(0, bread(d.dev, 512, 512, &bp));
	if (bp == NULL)
		return;
	kmemset(&w, 0, sizeof(w));
	w.dev = d.dev;
	xgroup_init(&w.g);
	xgroup_start(kt, &w.g, waiter_thread, &w, ncpus - 1, 0);
	tsleep(&w, 0, "ktholder", 5);		/* time to go wrong */
	KT_EXPECT_EQ(0, w.got);
	fill(bp->b_data, 512, 0xF7);		/* half made... */
	tsleep(&w, 0, "ktholder", 2);
	KT_EXPECT_EQ(0, w.got);
	bdwrite(bp);				/* ...and done */
	xgroup_wait(&w.g);
	KT_EXPECT_EQ(1, w.got);
	KT_EXPECT_EQ(1, w.saw);
	KT_EXPECT_EQ(0, bsync(d.dev));
	KT_ASSERT(filled_with(d.mem + 512, 512, 0xF7));
	tdisk_free(&d);
}

/* ---- a victim written while another thread makes the same block ----- */

/* A gate in front of a disk: while closed, a write's strategy waits in
 * the gate (in the writer's thread, as a slow disk would keep it). */
struct gate {
	struct lwkt_port port;		/* first: the disk's port */
	struct lwkt_port *below;
	volatile int	closed, waiting;
};

static int
gate_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct gate *g = (struct gate *)port;
	struct dev_generic_args *ap = (struct dev_generic_args *)msg;

	if (ap->a_op == DEV_STRATEGY &&
	    ((struct dev_strategy_args *)ap)->a_bio->bio_cmd == BIO_WRITE) {
		atomic_add_int((volatile uint32_t *)&g->waiting, 1);
		while (g->closed)
			tsleep(g, 0, "ktgate", 1);
		atomic_add_int((volatile uint32_t *)&g->waiting, (uint32_t)-1);
	}
	return lwkt_beginmsg(g->below, msg);
}

struct maker {
	struct cdev	*dev;
	uint64_t	off;
	volatile int	saw;		/* 1: saw 0x5A, 0: not, -1: error */
	struct xgroup	g;
};

static void
maker_thread(void *arg)
{
	struct maker *m = arg;

	m->saw = reads_as(m->dev, m->off, 512, 0x5A);
	xgroup_done(&m->g);
}

KTEST(buf_getblk_looks_again_after_making_room)
{
	static struct tdisk s, d;
	static struct gate g;
	static struct maker m;
	struct buf *bp;
	int i;

	if (tdisk_make(kt, &s, "ktbufs", 4096) != 0)
		return;
	if (tdisk_make(kt, &d, "ktbufd", (NBUF + 2) * 512) != 0) {
		tdisk_free(&s);
		return;
	}
	/* Every buffer ours; the oldest a dirty block of the gated disk. */
	KT_EXPECT_EQ(0, write_delayed(s.dev, 0, 512, 0x11));
	for (i = 0; i < NBUF - 1; i++)
		KT_EXPECT_EQ(1, reads_as(d.dev, (uint64_t)i * 512, 512, 0));
	lwkt_initport_putonly(&g.port, gate_putport);
	g.closed = 1;
	g.below = dev_setport(s.dev, &g.port);
	/* A thread wants block NBUF of d: its victim is the dirty block,
	 * whose write waits at the gate. */
	kmemset(&m, 0, sizeof(m));
	m.dev = d.dev;
	m.off = (uint64_t)NBUF * 512;
	xgroup_init(&m.g);
	xgroup_start(kt, &m.g, maker_thread, &m, ncpus - 1, 0);
	for (i = 0; i < 1000 && g.waiting == 0; i++)
		tsleep(&m, 0, "ktgate", 1);
	KT_EXPECT_EQ(1, g.waiting);
	/* Meanwhile we make the same block, with something in it. */
	bp = getblk(d.dev, (uint64_t)NBUF * 512, 512);
	KT_ASSERT(bp != NULL);
	if (bp != NULL) {
		fill(bp->b_data, 512, 0x5A);
		bdwrite(bp);
	}
	g.closed = 0;
	xgroup_wait(&m.g);
	/* It found our block when it looked again: one buffer, our data. */
	KT_EXPECT_EQ(1, m.saw);
	KT_ASSERT(dev_setport(s.dev, g.below) == &g.port);
	dev_drain(s.dev);
	KT_EXPECT_EQ(0, bsync(d.dev));
	KT_ASSERT(filled_with(s.mem, 512, 0x11));
	KT_ASSERT(filled_with(d.mem + NBUF * 512, 512, 0x5A));
	tdisk_free(&s);
	tdisk_free(&d);
}

/* ---- threads on every CPU --------------------------------------------- */

#define CC_BLOCKS	(NBUF + NBUF / 2)	/* more than fit: evictions */
#define CC_ITERS	300

struct cc {
	struct cdev	*dev;
	struct kt_race	race;
	uint32_t	seed;
	volatile uint32_t updates[CC_BLOCKS];	/* made, per block */
	volatile uint32_t torn, errors, ops;
};

/* Each CPU's thread: read blocks at random and check them, update some
 * (all three writes), sync now and then. */
static void
cc_thread(void *arg)
{
	struct cc *c = arg;
	struct buf *bp;
	uint32_t rng, r, k, *w;
	int i;

	kt_race_start(&c->race);
	rng = c->seed * 2654435761u + (uint32_t)mycpu->gd_cpuid + 1;
	for (i = 0; i < CC_ITERS; i++) {
		r = ktest_xorshift(&rng);
		k = r % CC_BLOCKS;
		if (r / CC_BLOCKS % 16 == 0) {
			if (bsync(c->dev) != 0)
				atomic_add_int(&c->errors, 1);
			continue;
		}
		if (bread(c->dev, (uint64_t)k * 512, 512, &bp) != 0) {
			atomic_add_int(&c->errors, 1);
			continue;
		}
		w = bp->b_data;
		if (!filled_with(w, 512, w[0]))
			atomic_add_int(&c->torn, 1);
		atomic_add_int(&c->ops, 1);
		switch (r / 7 % 5) {
		case 0:
			brelse(bp);
			break;
		case 1:
			fill(w, 512, w[0] + 1);
			atomic_add_int(&c->updates[k], 1);
			if (bwrite(bp) != 0)
				atomic_add_int(&c->errors, 1);
			break;
		case 2:
			fill(w, 512, w[0] + 1);
			atomic_add_int(&c->updates[k], 1);
			bawrite(bp);
			break;
		default:
			fill(w, 512, w[0] + 1);
			atomic_add_int(&c->updates[k], 1);
			bdwrite(bp);
		}
	}
	xgroup_done(&c->race.g);
}

KTEST(buf_threads_on_every_cpu_lose_no_update)
{
	static struct tdisk d;
	static struct cc c;
	uint32_t held0 = held_now(), total = 0;
	int k, wrong_disk = 0, wrong_cache = 0;

	if (tdisk_make(kt, &d, "ktbuf8", CC_BLOCKS * 512) != 0)
		return;
	kmemset(&c, 0, sizeof(c));
	c.dev = d.dev;
	c.seed = ktest_random(kt);
	kt_race_every_cpu(kt, &c.race, cc_thread, &c);
	KT_EXPECT_EQ(0, c.torn);
	KT_EXPECT_EQ(0, c.errors);
	KT_ASSERT(c.ops > 0);
	KT_EXPECT_EQ(0, bsync(d.dev));
	for (k = 0; k < CC_BLOCKS; k++) {
		total += c.updates[k];
		wrong_disk += !filled_with(d.mem + k * 512, 512, c.updates[k]);
		wrong_cache += reads_as(d.dev, (uint64_t)k * 512, 512,
		    c.updates[k]) != 1;
	}
	KT_EXPECT_EQ(0, wrong_disk);
	KT_EXPECT_EQ(0, wrong_cache);
	KT_ASSERT(total > 0);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}

/* ---- a disk that goes, and a block read at another size ---------------- */

KTEST(buf_destroyed_disk_is_forgotten)
{
	static struct tdisk d;
	struct buf_stats st0, st;
	struct buf *bp;
	struct cdev *dev;

	if (tdisk_make(kt, &d, "ktbuf9", 16 * 1024) != 0)
		return;
	buf_getstats(&st0);
	KT_EXPECT_EQ(0, write_delayed(d.dev, 0, 512, 0x77));
	KT_EXPECT_EQ(1, reads_as(d.dev, 512, 512, 0));
	buf_getstats(&st);
	KT_EXPECT_EQ(st0.bs_dirty + 1, st.bs_dirty);
	reference_dev(d.dev);
	md_destroy(d.dev);			/* the dirty block is lost */
	buf_getstats(&st);
	KT_EXPECT_EQ(st0.bs_dirty, st.bs_dirty);
	KT_EXPECT_EQ(0, d.mem[0]);
	/* Gone: no buffer for it any more. */
	KT_EXPECT_EQ(-ENXIO, bread(d.dev, 0, 512, &bp));
	KT_ASSERT(bp == NULL && getblk(d.dev, 512, 512) == NULL);
	release_dev(d.dev);
	/* A new disk over the same memory reads the memory, not what a
	 * buffer of the old one held. */
	fill(d.mem + 512, 512, 0x78);
	dev = md_create("ktbuf9", d.mem, 16 * 1024);
	KT_ASSERT(dev != NULL);
	if (dev != NULL) {
		KT_EXPECT_EQ(1, reads_as(dev, 0, 512, 0));
		KT_EXPECT_EQ(1, reads_as(dev, 512, 512, 0x78));
		md_destroy(dev);
	}
	kfree(d.mem);
}

KTEST(buf_block_read_at_another_size)
{
	static struct tdisk d;
	uint32_t held0 = held_now();

	if (tdisk_make(kt, &d, "ktbufa", 16 * 1024) != 0)
		return;
	fill(d.mem, 4096, 0x11);
	KT_EXPECT_EQ(0, write_delayed(d.dev, 0, 1024, 0x22));
	/* The same offset at 2048 bytes: the dirty 1024 are written first,
	 * then the 2048 read. */
	KT_EXPECT_EQ(0, reads_as(d.dev, 0, 2048, 0x22));
	KT_ASSERT(filled_with(d.mem, 1024, 0x22));
	KT_ASSERT(filled_with(d.mem + 1024, 1024, 0x11));
	KT_EXPECT_EQ(1, tdisk_stat(&d).ms_writes);
	KT_EXPECT_EQ(held0, held_now());
	tdisk_free(&d);
}
