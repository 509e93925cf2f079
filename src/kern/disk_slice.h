/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Slices (book/51-ext2-vfs.nw): the partitions of a PC disk's
 * table (its Master Boot Record) as devices over the disk's device.
 */
#ifndef NAIAD_KERN_DISK_SLICE_H
#define NAIAD_KERN_DISK_SLICE_H

#include <stddef.h>
#include <stdint.h>

#include "kern/device.h"

#define MBR_TABLE	446	/**< byte of the table in sector 0 */
#define MBR_NPART	4	/**< entries in the table */
#define MBR_TYPE_LINUX	0x83	/**< the type of a Linux filesystem */

/** An entry of the table. */
struct mbr_part {
	uint8_t		mp_type;	/**< 0: unused; 0x83: Linux */
	uint32_t	mp_start;	/**< its first sector */
	uint32_t	mp_size;	/**< its sectors */
};

/** A slice: a range of a disk. */
struct slice {
	struct cdev	*sl_disk;	/**< the disk (referenced) */
	uint64_t	sl_offset;	/**< its first byte on the disk */
	uint64_t	sl_size;	/**< its bytes */
};

/** \brief The table of \a sector (512 bytes) of a disk of \a
 * disk_sectors into \a parts[4]. \return used entries (0: no table), or
 * -EINVAL and a line in \a why. */
int mbr_parse(const uint8_t *sector, uint64_t disk_sectors,
    struct mbr_part *parts, char *why, size_t whylen);
/** \brief A device \a name for \a size bytes at \a offset of \a disk.
 * \return it, or NULL. */
struct cdev *slice_create(struct cdev *disk, const char *name,
    uint64_t offset, uint64_t size);
/** \brief Take slice \a dev away and free it. */
void slice_destroy(struct cdev *dev);
/** \brief Make \a disk's slices from its table. \return their count,
 * -EINVAL (a bad table, none made), -EIO, -ENOMEM. */
int mbr_slices(struct cdev *disk);

#endif /* !NAIAD_KERN_DISK_SLICE_H */
