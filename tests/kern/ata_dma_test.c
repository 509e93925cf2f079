/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Bus-master DMA (book/41-atadma.nw) against PIO on the same drives:
 * the same bytes either way, one interrupt per DMA request, writes
 * crossed between the two, errors, an odd buffer refused, the CD, and
 * both channels by DMA from every CPU.
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "ata/ata_dma.h"
#include "ata/atapi.h"
#include "ata/atareg.h"
#include "kern/bio.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "vm/kmalloc.h"
#include "ata_testlib.h"

/* The pattern disk, if DMA is usable on it (else the test fails). */
static struct ata_device *
dma_disk(struct ktest_ctx *kt, uint64_t *total)
{
	struct ata_device *dev = PAT_DISK(total);

	if (dev != NULL && !ata_dma_usable(dev)) {
		ktest_fail(kt, __FILE__, __LINE__, "%s: no DMA (bus master "
		    "0x%x, device flags 0x%x)", dev->ad_name,
		    dev->ad_ch->ch_bmio, dev->ad_flags);
		return NULL;
	}
	return dev;
}

/* Are the N bytes at A and B equal? */
static int
same(const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

#define DN	ATA_MAX_SECTORS		/* the largest request */

/* The same sectors by PIO and by DMA: equal, the pattern, and one
 * interrupt per DMA request. */
KTEST(ata_dma_reads_like_pio)
{
	static const uint32_t sizes[] = { 1, 8, 33, DN };
	static const int forms[] = { 0, ATA_R_48BIT };
	struct ata_device *dev;
	uint64_t total = 0, lba;
	uint32_t intrs, xfers, n;
	uint8_t *big, *pio, *dma;
	unsigned i, f;

	if ((dev = dma_disk(kt, &total)) == NULL)
		return;
	/* 2 * 128 KiB + 512: DMA reads at an offset inside a page, and the
	 * buffers cross 64 KiB boundaries */
	big = kmalloc(2 * DN * ATA_SECTOR_SIZE + 1024, 0);
	KT_ASSERT(big != NULL);
	if (big == NULL)
		return;
	pio = big;
	dma = big + DN * ATA_SECTOR_SIZE + 512;
	for (f = 0; f < 2; f++)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			n = sizes[i];
			lba = ktest_random(kt) % (total - n + 1);
			kmemset(dma, 0, (size_t)n * ATA_SECTOR_SIZE);
			KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ | forms[f],
			    lba, pio, n));
			intrs = dev->ad_ch->ch_intrs;
			xfers = dev->ad_ch->ch_dma_xfers;
			KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ | ATA_R_DMA |
			    forms[f], lba, dma, n));
			KT_EXPECT_EQ(1, dev->ad_ch->ch_intrs - intrs);
			KT_EXPECT_EQ(1, dev->ad_ch->ch_dma_xfers - xfers);
			KT_ASSERT(same(pio, dma, (size_t)n * ATA_SECTOR_SIZE));
			PAT_CHECK(dma, lba, n, total, 0);
		}
	kfree(big);
}

/* Written by DMA, read by PIO; written by PIO, read by DMA; restored. */
KTEST(ata_dma_write_reads_back)
{
	struct ata_device *dev;
	uint64_t total = 0, lba;
	uint32_t s, n = 24;
	uint8_t *buf;

	if ((dev = dma_disk(kt, &total)) == NULL)
		return;
	buf = kmalloc((size_t)n * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	lba = ktest_random(kt) % (total - n + 1);
	for (s = 0; s < n; s++)
		pat_fill(buf + s * ATA_SECTOR_SIZE, lba + s, total, 0x5A);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_WRITE | ATA_R_DMA, lba, buf, n));
	kmemset(buf, 0, (size_t)n * ATA_SECTOR_SIZE);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ, lba, buf, n));
	PAT_CHECK(buf, lba, n, total, 0x5A);
	for (s = 0; s < n; s++)
		pat_fill(buf + s * ATA_SECTOR_SIZE, lba + s, total, 0xC3);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_WRITE | ATA_R_48BIT, lba, buf,
	    n));
	kmemset(buf, 0, (size_t)n * ATA_SECTOR_SIZE);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ | ATA_R_DMA | ATA_R_48BIT,
	    lba, buf, n));
	PAT_CHECK(buf, lba, n, total, 0xC3);
	for (s = 0; s < n; s++)
		pat_fill(buf + s * ATA_SECTOR_SIZE, lba + s, total, 0);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_WRITE | ATA_R_DMA |
	    ATA_R_48BIT, lba, buf, n));
	kmemset(buf, 0, (size_t)n * ATA_SECTOR_SIZE);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ, lba, buf, n));
	PAT_CHECK(buf, lba, n, total, 0);
	kfree(buf);
}

/* A DMA read past the end fails by ERR, not by timeout; a buffer at an
 * odd address is refused before any command; the channel goes on. */
KTEST(ata_dma_error_and_odd_buffer)
{
	struct ata_request req;
	struct ata_device *dev;
	uint64_t total = 0;
	uint32_t timeouts, requests;
	uint8_t *buf;

	if ((dev = dma_disk(kt, &total)) == NULL)
		return;
	buf = kmalloc(3 * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	timeouts = dev->ad_ch->ch_timeouts;
	ata_disk_request(&req, dev, ATA_R_READ | ATA_R_DMA | ATA_R_QUIET, total,
	    buf, 1);
	KT_ASSERT(req.ar_flags & ATA_R_DMA);
	KT_EXPECT_EQ(-EIO, ata_do_request(&req));
	KT_ASSERT(req.ar_status & ATA_S_ERR);
	KT_EXPECT_EQ(timeouts, dev->ad_ch->ch_timeouts);
	requests = dev->ad_ch->ch_requests;
	ata_disk_request(&req, dev, ATA_R_READ | ATA_R_DMA | ATA_R_QUIET, 0,
	    buf + 1, 1);
	KT_EXPECT_EQ(-EIO, ata_do_request(&req));
	KT_EXPECT_STREQ("a buffer DMA cannot reach", req.ar_reason);
	KT_EXPECT_EQ(requests + 1, dev->ad_ch->ch_requests);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ | ATA_R_DMA, total - 2,
	    buf, 2));
	PAT_CHECK(buf, total - 2, 2, total, 0);
	kfree(buf);
}

/* The CD's first blocks by PIO and by DMA; a DMA check condition. */
KTEST(atapi_dma_reads_like_pio)
{
	uint8_t cdb[ATAPI_CDB_LEN], *pio, *dma;
	struct ata_device *cd = NULL;
	struct ata_request req;
	uint32_t intrs, n = 24, end;
	int c, u;

	for (c = 0; c < ATA_NCHANNELS && cd == NULL; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE && cd == NULL; u++)
			if (ata_device_at(c, u) != NULL &&
			    ata_device_at(c, u)->ad_type == ATA_T_ATAPI)
				cd = ata_device_at(c, u);
	KT_ASSERT(cd != NULL && cd->ad_sectors > n && ata_dma_usable(cd));
	if (cd == NULL || cd->ad_sectors <= n || !ata_dma_usable(cd))
		return;
	pio = kmalloc(2 * n * ATAPI_BLOCK, 0);
	KT_ASSERT(pio != NULL);
	if (pio == NULL)
		return;
	dma = pio + n * ATAPI_BLOCK;
	kmemset(dma, 0, n * ATAPI_BLOCK);
	KT_EXPECT_EQ(0, atapi_read(cd, 16, pio, n, 0));
	intrs = cd->ad_ch->ch_intrs;
	KT_EXPECT_EQ(0, atapi_read(cd, 16, dma, n, ATA_R_DMA));
	KT_EXPECT_EQ(1, cd->ad_ch->ch_intrs - intrs);
	KT_ASSERT(same(pio, dma, n * ATAPI_BLOCK));
	KT_ASSERT(dma[1] == 'C' && dma[5] == '1');	/* CD001 */
	end = (uint32_t)cd->ad_sectors;
	kmemset(cdb, 0, sizeof(cdb));
	cdb[0] = ATAPI_READ10;
	cdb[2] = (uint8_t)(end >> 24);
	cdb[3] = (uint8_t)(end >> 16);
	cdb[4] = (uint8_t)(end >> 8);
	cdb[5] = (uint8_t)end;
	cdb[8] = 1;
	atapi_request(&req, cd, cdb, dma, ATAPI_BLOCK, ATA_R_DMA | ATA_R_QUIET);
	KT_ASSERT(req.ar_flags & ATA_R_DMA);
	KT_EXPECT_EQ(-EIO, atapi_do(&req));
	KT_EXPECT_EQ(ATAPI_SENSE_ILLEGAL, req.ar_sensekey);
	KT_EXPECT_EQ(0x21, req.ar_asc);
	KT_EXPECT_EQ(0, atapi_read(cd, 16, dma, 1, ATA_R_DMA));
	kfree(pio);
}

void atapi_both_channels(struct ktest_ctx *kt, int dma);

/* Both channels by DMA, from a thread on every CPU. */
KTEST(ata_dma_both_channels_from_every_cpu)
{
	atapi_both_channels(kt, 1);
}

/* A device's bios go by DMA by default where DMA works, by PIO once the
 * ioctl says so, and by DMA again: one interrupt per bio against one
 * per sector. */
KTEST(ata_dma_mode_by_ioctl)
{
	struct ata_device *dev;
	struct cdev *cdev;
	struct bio bio;
	uint64_t total = 0, lba;
	uint32_t n = 16, intrs;
	int on = -1, pass;
	uint8_t *buf;

	if ((dev = dma_disk(kt, &total)) == NULL)
		return;
	cdev = dev_lookup(dev->ad_name);
	KT_ASSERT(cdev != NULL);
	if (cdev == NULL)
		return;
	buf = kmalloc((size_t)n * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	KT_EXPECT_EQ(0, dev_dioctl(cdev, ATAIOCGETDMA, &on, FREAD));
	KT_EXPECT_EQ(1, on);
	for (pass = 0; buf != NULL && pass < 3; pass++) {
		on = pass != 1;
		KT_EXPECT_EQ(0, dev_dioctl(cdev, ATAIOCSETDMA, &on, FWRITE));
		lba = ktest_random(kt) % (total - n + 1);
		intrs = dev->ad_ch->ch_intrs;
		bio_init(&bio, BIO_READ, lba * ATA_SECTOR_SIZE, buf,
		    (size_t)n * ATA_SECTOR_SIZE);
		dev_dstrategy(cdev, &bio);
		KT_EXPECT_EQ(0, biowait(&bio));
		KT_EXPECT_EQ(on ? 1 : n, dev->ad_ch->ch_intrs - intrs);
		PAT_CHECK(buf, lba, n, total, 0);
	}
	on = 0;
	KT_EXPECT_EQ(0, dev_dioctl(cdev, ATAIOCGETDMA, &on, FREAD));
	KT_EXPECT_EQ(1, on);
	KT_EXPECT_EQ(-ENOTTY, dev_dioctl(cdev, _IO('a', 99), &on, FREAD));
	kfree(buf);
	release_dev(cdev);
}
