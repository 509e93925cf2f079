/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ATAPI (book/40-atapi.nw) on the test CD at ata1 master: an ISO 9660
 * image (the Makefile's, by xorriso) holding PATTERN.BIN, whose block k
 * is "NAIADCD!", k (32-bit little-endian), then byte i = (5 i + k) &
 * 0xFF (tools/mkpattern's cd_block()).  READ CAPACITY against the
 * volume descriptor, the file found through the root directory and read
 * back, a check condition and its sense, and both channels at once.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/param.h"
#include "ata/ata.h"
#include "ata/atapi.h"
#include "ata/atareg.h"
#include "kern/bio.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "vm/kmalloc.h"
#include "ata_testlib.h"
#include "lwkt_testlib.h"

#define ISO_PVD_LBA	16	/* the primary volume descriptor */

/* The first CD with a medium, or NULL (and the test fails). */
static struct ata_device *
test_cd(struct ktest_ctx *kt)
{
	struct ata_device *dev;
	int c, u;

	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev != NULL && dev->ad_type == ATA_T_ATAPI &&
			    dev->ad_sectors != 0)
				return dev;
		}
	ktest_fail(kt, __FILE__, __LINE__, "no CD with a medium (the test "
	    "CD is build/disks/ata1-master.iso at ata1 master)");
	return NULL;
}

/* The 32-bit little-endian number at P (ISO 9660 keeps both orders). */
static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* READ CAPACITY agrees with the size the volume descriptor states. */
KTEST(atapi_read_capacity_matches_the_volume)
{
	struct ata_device *cd;
	uint32_t blocks = 0, blksize = 0;
	uint8_t *pvd;

	if ((cd = test_cd(kt)) == NULL)
		return;
	pvd = kmalloc(ATAPI_BLOCK, 0);
	KT_ASSERT(pvd != NULL);
	if (pvd == NULL)
		return;
	KT_EXPECT_EQ(0, atapi_read_capacity(cd, &blocks, &blksize));
	KT_EXPECT_EQ(ATAPI_BLOCK, blksize);
	KT_EXPECT_EQ(cd->ad_sectors, blocks);
	KT_EXPECT_EQ(0, atapi_read(cd, ISO_PVD_LBA, pvd, 1, 0));
	KT_EXPECT_EQ(1, pvd[0]);		/* primary volume descriptor */
	KT_ASSERT(pvd[1] == 'C' && pvd[2] == 'D' && pvd[3] == '0' &&
	    pvd[4] == '0' && pvd[5] == '1');
	KT_EXPECT_EQ(le32(pvd + 80), blocks);	/* volume space size */
	KT_EXPECT_EQ(0, atapi_test_unit_ready(cd));
	kfree(pvd);
}

/* Find NAME (up to ';') in the root directory of CD: its extent and
 * size, or 0. */
static int
find_root_file(struct ktest_ctx *kt, struct ata_device *cd, const char *name,
    uint32_t *lba, uint32_t *size)
{
	uint32_t dlba, dsize, off, b;
	uint8_t *blk, *rec;
	size_t n = kstrlen(name);
	int found = 0;

	blk = kmalloc(ATAPI_BLOCK, 0);
	if (blk == NULL)
		return 0;
	if (atapi_read(cd, ISO_PVD_LBA, blk, 1, 0) != 0)
		goto out;
	rec = blk + 156;			/* the root directory record */
	dlba = le32(rec + 2);
	dsize = le32(rec + 10);
	for (b = 0; !found && b * ATAPI_BLOCK < dsize; b++) {
		if (atapi_read(cd, dlba + b, blk, 1, 0) != 0)
			break;
		for (off = 0; off < ATAPI_BLOCK && blk[off] != 0;
		    off += blk[off]) {
			rec = blk + off;
			if (rec[32] >= n && kstrncmp((char *)rec + 33, name,
			    n) == 0 && (rec[32] == n || rec[33 + n] == ';')) {
				*lba = le32(rec + 2);
				*size = le32(rec + 10);
				found = 1;
				break;
			}
		}
	}
out:
	kfree(blk);
	if (!found)
		ktest_fail(kt, __FILE__, __LINE__, "%s not in the CD's root "
		    "directory", name);
	return found;
}

/* Check N blocks at BUF against blocks K.. of PATTERN.BIN. */
static int
cd_check(struct ktest_ctx *kt, const uint8_t *buf, uint32_t k, uint32_t n)
{
	static const char magic[8] = { 'N', 'A', 'I', 'A', 'D', 'C', 'D', '!' };
	const uint8_t *b;
	uint32_t j, i, want;

	for (j = 0; j < n; j++) {
		b = buf + (size_t)j * ATAPI_BLOCK;
		for (i = 0; i < ATAPI_BLOCK; i++) {
			if (i < 8)
				want = (uint8_t)magic[i];
			else if (i < 12)
				want = ((k + j) >> (8 * (i - 8))) & 0xFF;
			else
				want = (5 * i + k + j) & 0xFF;
			if (b[i] != want) {
				ktest_fail(kt, __FILE__, __LINE__, "block %u "
				    "of the file, byte %u: 0x%02x, expected "
				    "0x%02x", k + j, i, b[i], want);
				return 0;
			}
		}
	}
	return 1;
}

/* PATTERN.BIN, found through the root directory, reads back whole (in
 * several requests) and block by block. */
KTEST(atapi_reads_the_pattern_file)
{
	uint32_t lba = 0, size = 0, blocks, k;
	struct ata_device *cd;
	uint8_t *buf;

	if ((cd = test_cd(kt)) == NULL ||
	    !find_root_file(kt, cd, "PATTERN.BIN", &lba, &size))
		return;
	blocks = size / ATAPI_BLOCK;
	KT_ASSERT(blocks > ATAPI_MAX_BLOCKS);	/* more than one request */
	KT_EXPECT_EQ(0, size % ATAPI_BLOCK);
	buf = kmalloc((size_t)blocks * ATAPI_BLOCK, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	KT_EXPECT_EQ(0, atapi_read(cd, lba, buf, blocks, 0));
	cd_check(kt, buf, 0, blocks);
	for (k = 0; k < 3; k++) {
		uint32_t j = ktest_random(kt) % blocks;

		kmemset(buf, 0, ATAPI_BLOCK);
		KT_EXPECT_EQ(0, atapi_read(cd, lba + j, buf, 1, 0));
		cd_check(kt, buf, j, 1);
	}
	kfree(buf);
}

/* A READ(10) beyond the end: -EIO, and the sense the driver fetched by
 * itself says ILLEGAL REQUEST, logical block out of range. */
KTEST(atapi_check_condition_gives_sense)
{
	uint8_t cdb[ATAPI_CDB_LEN], *buf;
	struct ata_request req;
	struct ata_device *cd;
	uint32_t end;

	if ((cd = test_cd(kt)) == NULL)
		return;
	buf = kmalloc(ATAPI_BLOCK, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	end = (uint32_t)cd->ad_sectors;
	KT_EXPECT_EQ(-EINVAL, atapi_read(cd, end, buf, 1, 0));
	kmemset(cdb, 0, sizeof(cdb));
	cdb[0] = ATAPI_READ10;
	cdb[2] = (uint8_t)(end >> 24);
	cdb[3] = (uint8_t)(end >> 16);
	cdb[4] = (uint8_t)(end >> 8);
	cdb[5] = (uint8_t)end;
	cdb[8] = 1;
	atapi_request(&req, cd, cdb, buf, ATAPI_BLOCK, ATA_R_QUIET);
	KT_EXPECT_EQ(-EIO, atapi_do(&req));
	KT_EXPECT_EQ(ATAPI_SENSE_ILLEGAL, req.ar_sensekey);
	KT_EXPECT_EQ(0x21, req.ar_asc);
	KT_EXPECT_EQ(0x70, req.ar_sense[0] & 0x7F);	/* current error */
	KT_EXPECT_EQ(ATAPI_READ10, req.ar_cdb[0]);	/* restored */
	KT_ASSERT(req.ar_data == buf);
	KT_ASSERT(!(req.ar_flags & ATA_R_TIMEDOUT));
	KT_ASSERT(req.ar_status & ATA_S_ERR);
	/* the drive goes on */
	KT_EXPECT_EQ(0, atapi_test_unit_ready(cd));
	KT_EXPECT_EQ(0, atapi_read(cd, end - 1, buf, 1, 0));
	kfree(buf);
}

/* What one thread of the two-channel test did. */
struct both {
	struct xgroup	*g;
	struct ata_device *cd, *disk;
	uint32_t	flba, fblocks;
	uint64_t	total;
	uint32_t	seed;
	int		rounds, dma;
	volatile int	ok, bad, errors;
};

/* Is block K of the pattern file at B? */
static int
cd_block_ok(const uint8_t *b, uint32_t k)
{
	uint32_t i;

	if (b[0] != 'N' || b[7] != '!' || le32(b + 8) != k)
		return 0;
	for (i = 12; i < ATAPI_BLOCK; i++)
		if (b[i] != ((5 * i + k) & 0xFF))
			return 0;
	return 1;
}

/* Thread: a block of the CD's file, then sectors of the disk, in turn. */
static void
both_thread(void *arg)
{
	struct both *t = arg;
	uint8_t *buf, want[ATA_SECTOR_SIZE];
	uint32_t k, n, s;
	uint64_t lba;
	int r, flags = t->dma ? ATA_R_DMA : 0;

	buf = kmalloc(4 * ATAPI_BLOCK, 0);
	for (r = 0; buf != NULL && r < t->rounds; r++) {
		k = ktest_xorshift(&t->seed) % (t->fblocks - 1);
		n = 1 + (r & 1);
		if (atapi_read(t->cd, t->flba + k, buf, n, flags) != 0)
			t->errors++;
		else if (!cd_block_ok(buf, k) ||
		    !cd_block_ok(buf + (n - 1) * ATAPI_BLOCK, k + n - 1))
			t->bad++;
		else
			t->ok++;
		n = 1 + ktest_xorshift(&t->seed) % 16;
		lba = ktest_xorshift(&t->seed) % (t->total - n + 1);
		if (ata_disk_rw(t->disk, ATA_R_READ | flags, lba, buf, n) != 0) {
			t->errors++;
			continue;
		}
		for (s = 0; s < n; s++) {
			pat_fill(want, lba + s, t->total, 0);
			if (kstrncmp((char *)want, (char *)buf + s * 512, 8) ||
			    buf[s * 512 + 200] != want[200] ||
			    buf[s * 512 + 511] != want[511] ||
			    pat_u64(buf + s * 512 + 8) != lba + s)
				t->bad++;
		}
		t->ok++;
	}
	if (buf == NULL)
		t->errors++;
	kfree(buf);
	xgroup_done(t->g);
}

/* Run the two-channel workload on every CPU, by PIO or (DMA) by DMA. */
void atapi_both_channels(struct ktest_ctx *kt, int dma);
void
atapi_both_channels(struct ktest_ctx *kt, int dma)
{
	static struct both t[MAXCPU];
	struct ata_device *cd, *disk;
	uint32_t flba = 0, fsize = 0;
	uint64_t total = 0;
	struct xgroup g;
	int cpu;

	if ((cd = test_cd(kt)) == NULL || (disk = PAT_DISK(&total)) == NULL ||
	    !find_root_file(kt, cd, "PATTERN.BIN", &flba, &fsize))
		return;
	KT_ASSERT(cd->ad_ch != disk->ad_ch);
	xgroup_init(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		kmemset(&t[cpu], 0, sizeof(t[cpu]));
		t[cpu].g = &g;
		t[cpu].cd = cd;
		t[cpu].disk = disk;
		t[cpu].flba = flba;
		t[cpu].fblocks = fsize / ATAPI_BLOCK;
		t[cpu].total = total;
		t[cpu].seed = (uint32_t)(kt->seed * 104729 + cpu + 1);
		t[cpu].rounds = 8;
		t[cpu].dma = dma;
		xgroup_start(kt, &g, both_thread, &t[cpu], cpu, 0);
	}
	xgroup_wait(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		KT_EXPECT_EQ(0, t[cpu].errors);
		KT_EXPECT_EQ(0, t[cpu].bad);
		KT_EXPECT_EQ(2 * t[cpu].rounds, t[cpu].ok);
	}
}

/* A thread on every CPU reads the CD and the disk: both channels busy. */
KTEST(atapi_and_disk_from_every_cpu)
{
	atapi_both_channels(kt, 0);
}

/* The CD as a device: 2048-byte blocks, its size, the pattern file by a
 * bio of several requests, writes refused, reads off the end too. */
KTEST(atapi_cd_device_bios)
{
	uint32_t lba = 0, size = 0, blocks;
	struct ata_device *cd;
	struct cdev *cdev;
	struct bio bio;
	uint8_t *buf;

	if ((cd = test_cd(kt)) == NULL ||
	    !find_root_file(kt, cd, "PATTERN.BIN", &lba, &size))
		return;
	cdev = dev_lookup(cd->ad_name);
	KT_ASSERT(cdev != NULL && cdev == cd->ad_cdev);
	if (cdev == NULL)
		return;
	KT_EXPECT_EQ(ATAPI_BLOCK, cdev->si_blksize);
	KT_EXPECT_EQ(cd->ad_sectors * ATAPI_BLOCK, cdev->si_size);
	blocks = size / ATAPI_BLOCK;
	buf = kmalloc(size, 0);
	KT_ASSERT(buf != NULL);
	if (buf != NULL) {
		bio_init(&bio, BIO_READ, (uint64_t)lba * ATAPI_BLOCK, buf, size);
		dev_dstrategy(cdev, &bio);
		KT_EXPECT_EQ(0, biowait(&bio));
		KT_EXPECT_EQ(0, bio.bio_resid);
		cd_check(kt, buf, 0, blocks);
		bio_init(&bio, BIO_WRITE, 0, buf, ATAPI_BLOCK);
		dev_dstrategy(cdev, &bio);
		KT_EXPECT_EQ(-EROFS, biowait(&bio));
		bio_init(&bio, BIO_READ, cdev->si_size, buf, ATAPI_BLOCK);
		dev_dstrategy(cdev, &bio);
		KT_EXPECT_EQ(-ENXIO, biowait(&bio));
		bio_init(&bio, BIO_READ, 512, buf, ATAPI_BLOCK);
		dev_dstrategy(cdev, &bio);
		KT_EXPECT_EQ(-EINVAL, biowait(&bio));
		kfree(buf);
	}
	release_dev(cdev);
}
