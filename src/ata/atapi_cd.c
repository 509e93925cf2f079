/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The CD (book/40-atapi.nw): SCSI commands over the packet protocol,
 * and the CDs found at boot.
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "ata/atapi.h"
#include "ata/atareg.h"
#include "kern/bio.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"

/* Fill REQ for packet command CDB to DEV, LEN bytes into DATA. */
void
atapi_request(struct ata_request *req, struct ata_device *dev,
    const uint8_t *cdb, void *data, uint32_t len, int flags)
{
	ata_request_init(req, dev);
	req->ar_command = ATA_PACKET;
	req->ar_flags = ATA_R_ATAPI | (len > 0 ? ATA_R_READ : 0) |
	    (flags & (ATA_R_DMA | ATA_R_QUIET));
	if ((req->ar_flags & ATA_R_DMA) && (len == 0 || !ata_dma_usable(dev)))
		req->ar_flags &= ~ATA_R_DMA;
	req->ar_timeout = ATAPI_TIMEOUT;
	kmemcpy(req->ar_cdb, cdb, ATAPI_CDB_LEN);
	req->ar_data = data;
	req->ar_bytecount = len;
	req->ar_transfersize = ATAPI_BLOCK;
}

/* Send REQ and wait: 0 or -EIO. */
int
atapi_do(struct ata_request *req)
{
	return ata_do_request(req);
}

/* TEST UNIT READY to DEV. */
int
atapi_test_unit_ready(struct ata_device *dev)
{
	uint8_t cdb[ATAPI_CDB_LEN] = { ATAPI_TEST_UNIT_READY };
	struct ata_request req;

	atapi_request(&req, dev, cdb, NULL, 0, 0);
	return atapi_do(&req);
}

/* The big-endian 32-bit number at P. */
static uint32_t
atapi_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* READ CAPACITY of DEV: its blocks and block size. */
int
atapi_read_capacity(struct ata_device *dev, uint32_t *blocks,
    uint32_t *blksize)
{
	uint8_t cdb[ATAPI_CDB_LEN] = { ATAPI_READ_CAPACITY }, cap[8];
	struct ata_request req;
	int error;

	kmemset(cap, 0, sizeof(cap));
	atapi_request(&req, dev, cdb, cap, sizeof(cap), 0);
	if ((error = atapi_do(&req)) != 0)
		return error;
	if (req.ar_donecount < sizeof(cap))
		return -EIO;
	*blocks = atapi_be32(cap) + 1;
	*blksize = atapi_be32(cap + 4);
	return 0;
}

/* Read N blocks of DEV from LBA into BUF, by READ(10)s. */
int
atapi_read(struct ata_device *dev, uint32_t lba, void *buf, uint32_t n,
    int flags)
{
	uint8_t cdb[ATAPI_CDB_LEN];
	struct ata_request req;
	uint32_t k;
	int error;

	if (dev == NULL || dev->ad_type != ATA_T_ATAPI || n == 0)
		return -EINVAL;
	if (dev->ad_sectors != 0 && (lba >= dev->ad_sectors ||
	    n > dev->ad_sectors - lba))
		return -EINVAL;
	while (n > 0) {
		k = n < ATAPI_MAX_BLOCKS ? n : ATAPI_MAX_BLOCKS;
		kmemset(cdb, 0, sizeof(cdb));
		cdb[0] = ATAPI_READ10;
		cdb[2] = (uint8_t)(lba >> 24);
		cdb[3] = (uint8_t)(lba >> 16);
		cdb[4] = (uint8_t)(lba >> 8);
		cdb[5] = (uint8_t)lba;
		cdb[7] = (uint8_t)(k >> 8);
		cdb[8] = (uint8_t)k;
		atapi_request(&req, dev, cdb, buf, k * ATAPI_BLOCK, flags);
		req.ar_lba = lba;
		req.ar_count = k;
		if ((error = atapi_do(&req)) != 0)
			return error;
		if (req.ar_donecount != k * ATAPI_BLOCK)
			return -EIO;
		lba += k;
		buf = (uint8_t *)buf + (size_t)k * ATAPI_BLOCK;
		n -= k;
	}
	return 0;
}

/* The filler of a CD: READ(10) of the next piece. */
static uint32_t
atapi_cd_fill(struct ata_bio *ab)
{
	uint32_t n = ab->ab_left < ATAPI_MAX_BLOCKS ? ab->ab_left :
	    ATAPI_MAX_BLOCKS;
	uint8_t cdb[ATAPI_CDB_LEN];

	kmemset(cdb, 0, sizeof(cdb));
	cdb[0] = ATAPI_READ10;
	cdb[2] = (uint8_t)(ab->ab_next >> 24);
	cdb[3] = (uint8_t)(ab->ab_next >> 16);
	cdb[4] = (uint8_t)(ab->ab_next >> 8);
	cdb[5] = (uint8_t)ab->ab_next;
	cdb[7] = (uint8_t)(n >> 8);
	cdb[8] = (uint8_t)n;
	atapi_request(&ab->ab_req, ab->ab_dev, cdb, ab->ab_data,
	    n * ATAPI_BLOCK, ab->ab_flags & ATA_R_DMA);
	ab->ab_req.ar_lba = ab->ab_next;
	ab->ab_req.ar_count = n;
	return n;
}

/* d_strategy of a CD: reads only. */
static int
atapi_cd_strategy(struct dev_strategy_args *ap)
{
	struct ata_device *dev = ap->a_head.a_dev->si_drv1;
	struct bio *bio = ap->a_bio;
	int error;

	if (bio->bio_cmd == BIO_WRITE)
		return -EROFS;
	if (bio->bio_cmd == BIO_FLUSH || bio->bio_bcount == 0) {
		if (bio->bio_cmd != BIO_FLUSH &&
		    (error = ata_bio_check(dev, bio)) != 0)
			return error;
		bio->bio_error = 0;
		bio->bio_resid = 0;
		biodone(bio);
		return 0;
	}
	if ((error = ata_bio_check(dev, bio)) != 0)
		return error;
	return ata_bio_start(dev, bio, atapi_cd_fill);
}

static const struct dev_ops atapi_cd_ops = {
	.d_name = "acd", .d_flags = D_DISK,
	.d_strategy = atapi_cd_strategy, .d_ioctl = ata_dev_ioctl,
};

/* The boot step: the packet protocol, then each CD's size. */
static void
atapi_attach(void *arg)
{
	struct ata_device *dev;
	uint32_t blocks, blksize;
	int c, u;

	(void)arg;
	ata_protocol_register(ATA_PROTO_ATAPI, &atapi_protocol);
	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev == NULL || dev->ad_type != ATA_T_ATAPI)
				continue;
			if (atapi_test_unit_ready(dev) != 0 ||
			    atapi_read_capacity(dev, &blocks, &blksize) != 0 ||
			    blksize != ATAPI_BLOCK) {
				kprintf("%s: no medium\n", dev->ad_name);
			} else {
				dev->ad_sectors = blocks;
				kprintf("%s: %u blocks of %u bytes (%u KiB)\n",
				    dev->ad_name, blocks, blksize,
				    (unsigned)((uint64_t)blocks * blksize >>
				    10));
			}
			dev->ad_cdev = make_dev(&atapi_cd_ops, c * 2 + u, dev,
			    "%s", dev->ad_name);
			if (dev->ad_cdev == NULL) {
				kprintf("%s: cannot make its device\n",
				    dev->ad_name);
				continue;
			}
			dev->ad_cdev->si_blksize = ATAPI_BLOCK;
			dev->ad_cdev->si_size = dev->ad_sectors * ATAPI_BLOCK;
		}
}

SYSINIT(atapi, SI_SUB_ATA, SI_ORDER_THIRD, atapi_attach, NULL);
