/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Disks as devices (book/39-ata.nw): bios through requests.
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "ata/atareg.h"
#include "kern/bio.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/sysinit.h"
#include "vm/kmalloc.h"

/* The callback of a bio's request: the next piece, or the end. */
static void
ata_bio_done(struct ata_request *req)
{
	struct ata_bio *ab = (struct ata_bio *)req;
	struct bio *bio = ab->ab_bio;
	uint32_t n = ab->ab_count;

	if (req->ar_result == 0 && n < ab->ab_left) {
		ab->ab_next += n;
		ab->ab_data += (size_t)n * req->ar_dev->ad_secsize;
		ab->ab_left -= n;
		ab->ab_count = ab->ab_fill(ab);
		ab->ab_req.ar_callback = ata_bio_done;
		ata_queue_request(&ab->ab_req);
		return;
	}
	bio->bio_error = req->ar_result;
	bio->bio_resid = req->ar_result == 0 ? 0 :
	    (size_t)ab->ab_left * req->ar_dev->ad_secsize;
	kfree(ab);
	biodone(bio);
}

/* Start BIO on DEV, pieces made by FILL; 0, or -errno (not taken). */
int
ata_bio_start(struct ata_device *dev, struct bio *bio,
    uint32_t (*fill)(struct ata_bio *ab))
{
	struct ata_bio *ab;

	if ((ab = kmalloc(sizeof(*ab), M_ZERO)) == NULL)
		return -ENOMEM;
	ab->ab_bio = bio;
	ab->ab_dev = dev;
	ab->ab_next = bio->bio_offset / dev->ad_secsize;
	ab->ab_data = bio->bio_data;
	ab->ab_left = (uint32_t)(bio->bio_bcount / dev->ad_secsize);
	ab->ab_flags = bio->bio_cmd == BIO_WRITE ? ATA_R_WRITE : ATA_R_READ;
	if ((dev->ad_flags & ATA_DF_USEDMA) && ata_dma_usable(dev) &&
	    ((uintptr_t)bio->bio_data & 1) == 0)
		ab->ab_flags |= ATA_R_DMA;
	ab->ab_count = fill(ab);
	ab->ab_fill = fill;
	ab->ab_req.ar_callback = ata_bio_done;
	ata_queue_request(&ab->ab_req);
	return 0;
}

/* Why BIO cannot be done on DEV (blocks of its ad_secsize, on it):
 * 0, -EINVAL, or -ENXIO beyond its end. */
int
ata_bio_check(struct ata_device *dev, struct bio *bio)
{
	uint64_t size = dev->ad_sectors * dev->ad_secsize;

	if (bio->bio_cmd != BIO_READ && bio->bio_cmd != BIO_WRITE)
		return -EINVAL;
	if (bio->bio_offset % dev->ad_secsize != 0 ||
	    bio->bio_bcount % dev->ad_secsize != 0)
		return -EINVAL;
	if (bio->bio_bcount > size || bio->bio_offset > size - bio->bio_bcount)
		return -ENXIO;
	return 0;
}

/* The filler of a disk: the next piece, up to ATA_MAX_SECTORS. */
static uint32_t
ata_disk_fill(struct ata_bio *ab)
{
	uint32_t n = ab->ab_left < ATA_MAX_SECTORS ? ab->ab_left :
	    ATA_MAX_SECTORS;

	ata_disk_request(&ab->ab_req, ab->ab_dev, ab->ab_flags, ab->ab_next,
	    ab->ab_data, n);
	return n;
}

/* The callback of a disk's flush: end its bio. */
static void
ata_flush_done(struct ata_request *req)
{
	struct ata_bio *ab = (struct ata_bio *)req;
	struct bio *bio = ab->ab_bio;

	bio->bio_error = req->ar_result;
	bio->bio_resid = 0;
	kfree(ab);
	biodone(bio);
}

/* d_strategy of a disk: check BIO, then requests (or a flush). */
static int
ata_disk_strategy(struct dev_strategy_args *ap)
{
	struct ata_device *dev = ap->a_head.a_dev->si_drv1;
	struct bio *bio = ap->a_bio;
	struct ata_bio *ab;
	int error;

	if (bio->bio_cmd == BIO_FLUSH) {
		if ((ab = kmalloc(sizeof(*ab), M_ZERO)) == NULL)
			return -ENOMEM;
		ab->ab_bio = bio;
		ata_request_init(&ab->ab_req, dev);
		ab->ab_req.ar_command = ATA_FLUSHCACHE;
		ab->ab_req.ar_callback = ata_flush_done;
		ata_queue_request(&ab->ab_req);
		return 0;
	}
	if ((error = ata_bio_check(dev, bio)) != 0)
		return error;
	if (bio->bio_bcount == 0) {
		bio->bio_error = 0;
		bio->bio_resid = 0;
		biodone(bio);
		return 0;
	}
	return ata_bio_start(dev, bio, ata_disk_fill);
}

/* d_ioctl of ATA devices: DMA on or off for their bios. */
int
ata_dev_ioctl(struct dev_ioctl_args *ap)
{
	struct ata_device *dev = ap->a_head.a_dev->si_drv1;
	int *on = ap->a_data;

	switch (ap->a_cmd) {
	case ATAIOCSETDMA:
		if (*on && !ata_dma_usable(dev))
			return -EINVAL;
		if (*on)
			dev->ad_flags |= ATA_DF_USEDMA;
		else
			dev->ad_flags &= ~ATA_DF_USEDMA;
		return 0;
	case ATAIOCGETDMA:
		*on = (dev->ad_flags & ATA_DF_USEDMA) != 0;
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct dev_ops ata_disk_ops = {
	.d_name = "ad", .d_flags = D_DISK,
	.d_strategy = ata_disk_strategy, .d_ioctl = ata_dev_ioctl,
};

/* The boot step: every disk found becomes a device. */
static void
ata_disk_attach(void *arg)
{
	struct ata_device *dev;
	int c, u;

	(void)arg;
	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev == NULL || dev->ad_type != ATA_T_DISK)
				continue;
			dev->ad_cdev = make_dev(&ata_disk_ops, 2 * c + u, dev,
			    "%s", dev->ad_name);
			if (dev->ad_cdev == NULL) {
				kprintf("%s: cannot make its device\n",
				    dev->ad_name);
				continue;
			}
			dev->ad_cdev->si_size = dev->ad_sectors *
			    ATA_SECTOR_SIZE;
		}
}

SYSINIT(atadisk, SI_SUB_ATA, SI_ORDER_SECOND, ata_disk_attach, NULL);
