/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Slices (book/51-ext2-vfs.nw): a PC disk's partition table read, and
 * each partition a device over the disk's.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/bio.h"
#include "kern/device.h"
#include "kern/disk_slice.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"
#include "vm/kmalloc.h"

/* Read the table of SECTOR (512 bytes) of a disk of DISK_SECTORS into
 * PARTS[4] (type 0: unused).  The count of used entries (0: no table),
 * or -EINVAL with a line in WHY (WHYLEN bytes). */
int
mbr_parse(const uint8_t *sector, uint64_t disk_sectors,
    struct mbr_part *parts, char *why, size_t whylen)
{
	const uint8_t *e;
	int i, n = 0;

	kmemset(parts, 0, MBR_NPART * sizeof(*parts));
	if (sector[510] != 0x55 || sector[511] != 0xAA)
		return 0;
	for (i = 0; i < MBR_NPART; i++) {
		e = sector + MBR_TABLE + 16 * i;
		parts[i].mp_type = e[4];
		parts[i].mp_start = (uint32_t)e[8] | (uint32_t)e[9] << 8 |
		    (uint32_t)e[10] << 16 | (uint32_t)e[11] << 24;
		parts[i].mp_size = (uint32_t)e[12] | (uint32_t)e[13] << 8 |
		    (uint32_t)e[14] << 16 | (uint32_t)e[15] << 24;
		if (parts[i].mp_type == 0)
			continue;
		if (parts[i].mp_start == 0 || parts[i].mp_size == 0) {
			ksnprintf(why, whylen, "partition %d starts at sector "
			    "%u with %u sectors", i + 1, parts[i].mp_start,
			    parts[i].mp_size);
			return -EINVAL;
		}
		if ((uint64_t)parts[i].mp_start + parts[i].mp_size >
		    disk_sectors) {
			ksnprintf(why, whylen, "partition %d (sectors %u to "
			    "%llu) runs past the disk's %llu sectors", i + 1,
			    parts[i].mp_start,
			    (unsigned long long)parts[i].mp_start +
			    parts[i].mp_size - 1,
			    (unsigned long long)disk_sectors);
			return -EINVAL;
		}
		n++;
	}
	return n;
}
/* The copy of a slice's bio ended: end the original with its result. */
static void
slice_done(struct bio *copy)
{
	struct bio *bio = copy->bio_caller;

	bio->bio_error = copy->bio_error;
	bio->bio_resid = copy->bio_resid;
	kfree(copy);
	biodone(bio);
}

/* d_strategy of a slice: its disk's, moved and bounded. */
static int
slice_strategy(struct dev_strategy_args *ap)
{
	struct slice *sl = ap->a_head.a_dev->si_drv1;
	struct bio *bio = ap->a_bio, *copy;
	uint64_t offset = bio->bio_offset;

	if (bio->bio_cmd != BIO_FLUSH) {
		if (bio->bio_bcount > sl->sl_size ||
		    bio->bio_offset > sl->sl_size - bio->bio_bcount)
			return -ENXIO;
		offset += sl->sl_offset;
	}
	if ((copy = kmalloc(sizeof(*copy), M_ZERO)) == NULL)
		return -ENOMEM;
	bio_init(copy, bio->bio_cmd, offset, bio->bio_data, bio->bio_bcount);
	copy->bio_done = slice_done;
	copy->bio_caller = bio;
	dev_dstrategy(sl->sl_disk, copy);
	return 0;
}

static const struct dev_ops slice_ops = {
	.d_name = "slice", .d_flags = D_DISK, .d_strategy = slice_strategy,
};

/* A device NAME for the SIZE bytes at OFFSET of DISK (which must hold
 * them): it, or NULL (a line says why). */
struct cdev *
slice_create(struct cdev *disk, const char *name, uint64_t offset,
    uint64_t size)
{
	struct slice *sl;
	struct cdev *dev;

	if (size == 0 || offset > disk->si_size ||
	    size > disk->si_size - offset) {
		kprintf("%s: a slice of %llu bytes at %llu does not fit\n",
		    disk->si_name, (unsigned long long)size,
		    (unsigned long long)offset);
		return NULL;
	}
	if ((sl = kmalloc(sizeof(*sl), M_ZERO)) == NULL)
		return NULL;
	reference_dev(disk);
	sl->sl_disk = disk;
	sl->sl_offset = offset;
	sl->sl_size = size;
	if (dev_create(&slice_ops, 0, sl, name, &dev) != 0) {
		release_dev(disk);
		kfree(sl);
		return NULL;
	}
	dev->si_size = size;
	dev->si_blksize = disk->si_blksize;
	return dev;
}

/* Take slice DEV away and free it (its disk keeps going). */
void
slice_destroy(struct cdev *dev)
{
	struct slice *sl = dev->si_drv1;

	destroy_dev(dev);
	release_dev(sl->sl_disk);
	kfree(sl);
}
/* Read DISK's partition table and make DISKsN for each used entry N:
 * their count (0: no table), -EINVAL (a bad table: none made, a line
 * says why), -EIO, -ENOMEM. */
int
mbr_slices(struct cdev *disk)
{
	struct mbr_part parts[MBR_NPART];
	char name[32], why[96];
	uint8_t *sector;
	struct bio bio;
	int i, n;

	if ((sector = kmalloc(DEV_BSIZE, 0)) == NULL)
		return -ENOMEM;
	bio_init(&bio, BIO_READ, 0, sector, DEV_BSIZE);
	dev_dstrategy(disk, &bio);
	if ((n = biowait(&bio)) != 0) {
		kprintf("%s: cannot read the partition table: error %d\n",
		    disk->si_name, n);
		kfree(sector);
		return -EIO;
	}
	n = mbr_parse(sector, disk->si_size / DEV_BSIZE, parts, why,
	    sizeof(why));
	kfree(sector);
	if (n < 0) {
		kprintf("%s: partition table refused: %s\n", disk->si_name,
		    why);
		return n;
	}
	for (i = 0; i < MBR_NPART; i++) {
		if (parts[i].mp_type == 0)
			continue;
		ksnprintf(name, sizeof(name), "%ss%d", disk->si_name, i + 1);
		if (slice_create(disk, name, (uint64_t)parts[i].mp_start *
		    DEV_BSIZE, (uint64_t)parts[i].mp_size * DEV_BSIZE) == NULL)
			n--;
	}
	return n;
}
