/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The memory disk (book/37-device.nw): a disk made of memory,
 * whose bios a thread of its own ends.
 */
#ifndef NAIAD_KERN_MD_H
#define NAIAD_KERN_MD_H

#include <stdint.h>

#include "kern/device.h"

/** A range of a memory disk that fails on purpose (MDIOCFAIL). */
struct md_fail {
	uint64_t	mf_offset;	/**< first byte of the range */
	uint64_t	mf_length;	/**< its length; 0: nothing fails */
	int		mf_cmd;		/**< BIO_READ, BIO_WRITE, or 0: both */
	int		mf_error;	/**< the error, e.g. -EIO */
};

/** What a memory disk did (MDIOCSTAT). */
struct md_stat {
	uint32_t	ms_reads;	/**< read bios ended */
	uint32_t	ms_writes;	/**< write bios ended */
	uint32_t	ms_flushes;	/**< flush bios ended */
	uint32_t	ms_failed;	/**< bios failed on purpose */
};

/** Make the bios that touch a range fail (struct md_fail). */
#define MDIOCFAIL	_IOW('m', 1, struct md_fail)
/** What the disk did (struct md_stat). */
#define MDIOCSTAT	_IOR('m', 2, struct md_stat)

/**
 * \brief Make a memory disk \a name of \a bytes bytes (a multiple of
 * DEV_BSIZE) at \a base, or allocated and zeroed if \a base is NULL.
 * Its bios are ended by a thread of its own on the last CPU.
 * \return the device, or NULL (a line on the console says why).
 */
struct cdev *md_create(const char *name, void *base, uint64_t bytes);
/**
 * \brief Destroy memory disk \a dev (destroy_dev), end the bios it
 * queued, stop its thread and free what it allocated.  Thread context.
 */
void md_destroy(struct cdev *dev);

#endif /* !NAIAD_KERN_MD_H */
