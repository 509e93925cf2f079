/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Block requests (book/37-device.nw): struct bio, ended by its
 * driver with biodone, waited for with biowait.
 */
#ifndef NAIAD_KERN_BIO_H
#define NAIAD_KERN_BIO_H

#include <stddef.h>
#include <stdint.h>

#include "kern/queue.h"
#include "kern/spinlock.h"

#define BIO_READ	1	/**< read bio_bcount bytes at bio_offset */
#define BIO_WRITE	2	/**< write them */
#define BIO_FLUSH	3	/**< make every write done so far durable */

#define BIO_DONE	0x0001	/**< biodone was called */

/** A request for blocks of a disk, ended by the driver with biodone. */
struct bio {
	int		bio_cmd;	/**< BIO_READ, BIO_WRITE, BIO_FLUSH */
	volatile uint32_t bio_flags;	/**< BIO_DONE */
	uint64_t	bio_offset;	/**< byte offset on the disk */
	void		*bio_data;	/**< kernel memory, bio_bcount bytes */
	size_t		bio_bcount;	/**< bytes to move */
	size_t		bio_resid;	/**< bytes not moved, at the end */
	int		bio_error;	/**< 0 or -errno, at the end */
	/** Called by biodone instead of waking biowait (NULL: none);
	 * any thread of any CPU. */
	void		(*bio_done)(struct bio *bio);
	void		*bio_caller;	/**< for bio_done */
	struct spinlock	bio_spin;	/**< BIO_DONE against biowait */
	TAILQ_ENTRY(bio) bio_act;	/**< on its driver's queue */
};

/** \brief Prepare \a bio: \a cmd, \a bcount bytes at \a data, disk
 * offset \a offset; no bio_done. */
void bio_init(struct bio *bio, int cmd, uint64_t offset, void *data,
    size_t bcount);
/**
 * \brief The driver ends \a bio (bio_error, bio_resid set): calls its
 * bio_done, or marks it BIO_DONE and wakes biowait.  Once per bio; any
 * thread of any CPU, interrupt threads included.
 */
void biodone(struct bio *bio);
/**
 * \brief Sleep until \a bio, which has no bio_done, has ended.
 * \return its bio_error.  Thread context.
 */
int biowait(struct bio *bio);

#endif /* !NAIAD_KERN_BIO_H */
