/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The buffer cache (book/42-buf.nw): blocks of devices held by
 * one thread at a time, written back later, NBUF of them, reused in
 * LRU order; the pure policy's structures and functions.
 */
#ifndef NAIAD_KERN_BUF_H
#define NAIAD_KERN_BUF_H

#include <stddef.h>
#include <stdint.h>

#include "kern/bio.h"
#include "kern/queue.h"

#define B_BUSY		0x0001	/**< held: by b_owner, or by its I/O */
#define B_CACHE		0x0002	/**< b_data holds the block's contents */
#define B_DIRTY		0x0004	/**< b_data is newer than the disk */
#define B_INVAL		0x0008	/**< forget the block when given back */
#define B_ERROR		0x0010	/**< its last transfer failed: b_error */

#define BUF_MAXSIZE	4096	/**< the largest block a buffer holds */
#define NBUF		64	/**< buffers in the cache */
#define BUF_HASHSHIFT	6	/**< log2 of the hash chains */
#define BUF_HASHSIZE	(1 << BUF_HASHSHIFT) /**< hash chains */

struct cdev;
struct thread;

/** One block of one device, held by one thread at a time. */
struct buf {
	struct cdev	*b_dev;		/**< its device; NULL: no identity */
	uint64_t	b_loffset;	/**< its byte offset on the device */
	size_t		b_bcount;	/**< its size in bytes */
	void		*b_data;	/**< BUF_MAXSIZE bytes of memory */
	int		b_flags;	/**< B_BUSY, B_CACHE, B_DIRTY... */
	int		b_error;	/**< with B_ERROR: -errno */
	struct thread	*b_owner;	/**< its holder (NULL: its I/O) */
	int		b_waiters;	/**< threads asleep for it */
	uint32_t	b_dirtygen;	/**< when it became dirty */
	TAILQ_ENTRY(buf) b_hash;	/**< on its hash chain */
	TAILQ_ENTRY(buf) b_freelist;	/**< on the empty or LRU list */
	TAILQ_ENTRY(buf) b_dirtylist;	/**< on the dirty list */
	struct bio	b_bio;		/**< its transfers */
};

/** A list of buffers. */
TAILQ_HEAD(buf_queue, buf);

/** The cache's bookkeeping: what the pure policy works on. */
struct bufcache {
	struct buf_queue bc_hash[BUF_HASHSIZE]; /**< by (device, offset) */
	struct buf_queue bc_empty;	/**< not held, nothing valid */
	struct buf_queue bc_lru;	/**< not held, valid: oldest first */
	struct buf_queue bc_dirty;	/**< dirty: first dirtied first */
	int		bc_nbuf;	/**< buffers */
	int		bc_nheld;	/**< held now */
	int		bc_ndirty;	/**< dirty now */
	uint32_t	bc_dirtygen;	/**< dirtyings so far */
};
/** What the buffer cache did and holds (buf_getstats). */
struct buf_stats {
	uint32_t	bs_nbuf;	/**< buffers */
	uint32_t	bs_held;	/**< held now */
	uint32_t	bs_dirty;	/**< dirty now */
	uint32_t	bs_hits;	/**< getblk found the block */
	uint32_t	bs_misses;	/**< getblk reused a buffer for it */
	uint32_t	bs_evictions;	/**< dirty victims written */
	uint32_t	bs_reads;	/**< blocks read */
	uint32_t	bs_writes;	/**< blocks written */
};

/**
 * \brief Hold the block of \a size bytes at \a loffset of \a dev,
 * reading it if it is not cached.  \return 0 and the buffer in *\a bpp
 * (give it back with brelse or a write), or -EINVAL (not a block of
 * \a dev), -ENXIO (\a dev is gone), or the device's error, and *\a bpp
 * NULL.  Thread context; the caller must not hold that block already
 * (it would wait for itself: a panic says so).
 */
int bread(struct cdev *dev, uint64_t loffset, size_t size,
    struct buf **bpp);
/**
 * \brief Hold the block's buffer without reading it: B_CACHE says
 * whether its contents are valid.  Sleeps while another thread holds
 * it.  \return it, or NULL if \a size or \a loffset is not a block,
 * or \a dev is gone.
 */
struct buf *getblk(struct cdev *dev, uint64_t loffset, size_t size);
/** \brief Give \a bp, which the caller holds, back unchanged. */
void brelse(struct buf *bp);
/** \brief Give \a bp back changed; it is written later (bsync, or
 * before its memory is reused). */
void bdwrite(struct buf *bp);
/**
 * \brief Write \a bp now, wait, and give it back.  \return 0, or the
 * device's error (the block is then forgotten).
 */
int bwrite(struct buf *bp);
/** \brief Start \a bp's write and return; it is given back when the
 * write ends (a failure is reported by the next bsync). */
void bawrite(struct buf *bp);
/**
 * \brief Write every block of \a dev that was dirty when called (but
 * those the caller holds), and flush the device.  \return 0, or the
 * first error, also of a write nobody waited for since the last bsync.
 */
int bsync(struct cdev *dev);
/**
 * \brief Forget every block of \a dev, dirty ones too (bsync first to
 * keep them); the caller holds none.  \return the dirty ones dropped.
 */
int binval(struct cdev *dev);
/** \brief The cache's counts now. */
void buf_getstats(struct buf_stats *st);

/** \brief The policy: \a bc over the \a nbuf buffers at \a bufs, empty. */
void bufcache_init(struct bufcache *bc, struct buf *bufs, int nbuf);
/** \brief The policy: the buffer of (\a dev, \a loffset), or NULL. */
struct buf *bufcache_lookup(struct bufcache *bc, const struct cdev *dev,
    uint64_t loffset);
/** \brief The policy: the buffer to reuse (first empty, else least
 * recently used), or NULL if all are held. */
struct buf *bufcache_victim(struct bufcache *bc);
/** \brief The policy: \a owner holds \a bp, off its list. */
void bufcache_hold(struct bufcache *bc, struct buf *bp,
    struct thread *owner);
/** \brief The policy: \a bp back, at the LRU's end if valid, else
 * forgotten to the empty list. */
void bufcache_unhold(struct bufcache *bc, struct buf *bp);
/** \brief The policy: \a bp (held, clean) becomes (\a dev, \a loffset)
 * of \a size bytes, not valid yet. */
void bufcache_rename(struct bufcache *bc, struct buf *bp, struct cdev *dev,
    uint64_t loffset, size_t size);
/** \brief The policy: \a bp (clean) loses its identity. */
void bufcache_forget(struct bufcache *bc, struct buf *bp);
/** \brief The policy: \a bp is dirty (once; a generation number). */
void bufcache_setdirty(struct bufcache *bc, struct buf *bp);
/** \brief The policy: \a bp is clean. */
void bufcache_clrdirty(struct bufcache *bc, struct buf *bp);
/** \brief The policy: the first dirty buffer of \a dev of generation
 * \a maxgen or before, not held by \a self; or NULL. */
struct buf *bufcache_dirty(struct bufcache *bc, const struct cdev *dev,
    uint32_t maxgen, const struct thread *self);

#endif /* !NAIAD_KERN_BUF_H */
