/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ATA framework and its PIO protocol (book/39-ata.nw) on the
 * emulators' drives: IDENTIFY, reads of the pattern disk by LBA28 and
 * LBA48, writes read back (on the run's copy of the disk), errors from
 * the device, a timeout at an empty slot, the queue's order, and
 * requests from every CPU to both channels at once.
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "arch/i386/param.h"
#include "ata/atareg.h"
#include "kern/bio.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"
#include "ata_testlib.h"
#include "lwkt_testlib.h"

/* The pattern disk is found, and IDENTIFY sized it as it says; the boot
 * disk is ata0 master, with its boot signature. */
KTEST(ata_identify_sees_the_disks)
{
	uint8_t buf[ATA_SECTOR_SIZE];
	struct ata_device *dev, *boot;
	uint64_t total = 0;

	dev = PAT_DISK(&total);
	if (dev == NULL)
		return;
	KT_EXPECT_EQ(total, dev->ad_sectors);
	KT_EXPECT_EQ(ATA_SECTOR_SIZE, dev->ad_secsize);
	KT_ASSERT(dev->ad_flags & ATA_DF_LBA48);
	KT_ASSERT(dev->ad_model[0] != '\0');
	KT_ASSERT(ata_device_find(dev->ad_name) == dev);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ, total - 1, buf, 1));
	PAT_CHECK(buf, total - 1, 1, total, 0);
	boot = ata_device_at(0, ATA_MASTER);
	KT_ASSERT(boot != NULL && boot->ad_type == ATA_T_DISK);
	if (boot == NULL || boot->ad_type != ATA_T_DISK)
		return;
	KT_EXPECT_STREQ("ad0", boot->ad_name);
	KT_EXPECT_EQ(0, ata_disk_rw(boot, ATA_R_READ, 0, buf, 1));
	KT_EXPECT_EQ(0x55, buf[510]);
	KT_EXPECT_EQ(0xAA, buf[511]);
	KT_ASSERT(ata_device_find("ad9") == NULL);
}

/* Read N sectors at places the seed picks (and the last ones) with
 * FLAGS, and check them; BUF holds MAXN sectors. */
static void
read_and_check(struct ktest_ctx *kt, struct ata_device *dev, uint64_t total,
    int flags, uint8_t *buf, uint32_t maxn)
{
	static const uint32_t sizes[] = { 1, 2, 7, 64, ATA_MAX_SECTORS };
	uint64_t lba;
	unsigned i;
	uint32_t n;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		n = sizes[i];
		lba = ktest_random(kt) % (total - n + 1);
		KT_EXPECT_EQ(0, ata_disk_rw(dev, flags, lba, buf, n));
		PAT_CHECK(buf, lba, n, total, 0);
	}
	/* more than one request's worth, ending at the last sector */
	n = maxn;
	KT_EXPECT_EQ(0, ata_disk_rw(dev, flags, total - n, buf, n));
	PAT_CHECK(buf, total - n, n, total, 0);
}

#define BIG	(ATA_MAX_SECTORS + 44)	/* two requests */

/* Reads by READ SECTORS (LBA28), single and multi-sector, checked. */
KTEST(ata_pio_reads_the_pattern_lba28)
{
	struct ata_device *dev;
	uint64_t total = 0;
	uint32_t before;
	uint8_t *buf;

	if ((dev = PAT_DISK(&total)) == NULL)
		return;
	buf = kmalloc(BIG * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	before = dev->ad_ch->ch_intrs;
	read_and_check(kt, dev, total, ATA_R_READ, buf, BIG);
	/* one interrupt per sector at least: 1+2+7+64+256+300 */
	KT_ASSERT(dev->ad_ch->ch_intrs - before >= 630);
	kfree(buf);
}

/* The same reads by READ SECTORS EXT (LBA48), asked for on a small disk. */
KTEST(ata_pio_reads_the_pattern_lba48)
{
	struct ata_device *dev;
	uint64_t total = 0;
	uint8_t *buf;

	if ((dev = PAT_DISK(&total)) == NULL)
		return;
	buf = kmalloc(BIG * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	read_and_check(kt, dev, total, ATA_R_READ | ATA_R_48BIT, buf, BIG);
	kfree(buf);
}

#define WN	9	/* sectors the write test overwrites */

/* Write N sectors at LBA with the pattern xored with X (FLAGS adds
 * 48-bit), read them back with READFLAGS, check. */
static void
write_and_check(struct ktest_ctx *kt, struct ata_device *dev, uint64_t total,
    uint64_t lba, uint32_t n, uint8_t x, int flags, int readflags,
    uint8_t *buf)
{
	uint32_t s;

	for (s = 0; s < n; s++)
		pat_fill(buf + (size_t)s * ATA_SECTOR_SIZE, lba + s, total, x);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_WRITE | flags, lba, buf, n));
	kmemset(buf, 0, (size_t)n * ATA_SECTOR_SIZE);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ | readflags, lba, buf,
	    n));
	PAT_CHECK(buf, lba, n, total, x);
}

/* Writes read back as written, by LBA28 and LBA48, and the disk's own
 * contents go back (the run writes on its copy of the image). */
KTEST(ata_pio_write_reads_back)
{
	struct ata_device *dev;
	uint64_t total = 0, lba;
	uint8_t *buf;

	if ((dev = PAT_DISK(&total)) == NULL)
		return;
	buf = kmalloc((WN + 2) * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL)
		return;
	lba = 1 + ktest_random(kt) % (total - WN - 1);
	write_and_check(kt, dev, total, lba, WN, 0xA5, 0, 0, buf);
	write_and_check(kt, dev, total, lba + 1, 1, 0x3C, ATA_R_48BIT, 0, buf);
	write_and_check(kt, dev, total, lba, WN, 0x00, 0, ATA_R_48BIT, buf);
	/* the neighbours were not touched */
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ, lba - 1, buf, WN + 2));
	PAT_CHECK(buf, lba - 1, WN + 2, total, 0);
	kfree(buf);
}

/* Off the end: ata_disk_rw refuses; the device, asked anyway, fails the
 * command with ERR (not a timeout); the channel goes on working. */
KTEST(ata_read_past_the_end_fails)
{
	uint8_t buf[2 * ATA_SECTOR_SIZE];
	struct ata_request req;
	struct ata_device *dev;
	uint64_t total = 0;
	uint32_t timeouts;

	if ((dev = PAT_DISK(&total)) == NULL)
		return;
	KT_EXPECT_EQ(-EINVAL, ata_disk_rw(dev, ATA_R_READ, total, buf, 1));
	KT_EXPECT_EQ(-EINVAL, ata_disk_rw(dev, ATA_R_READ, total - 1, buf, 2));
	KT_EXPECT_EQ(-EINVAL, ata_disk_rw(dev, ATA_R_READ, 0, buf, 0));
	timeouts = dev->ad_ch->ch_timeouts;
	ata_disk_request(&req, dev, ATA_R_READ | ATA_R_QUIET, total, buf, 1);
	KT_EXPECT_EQ(-EIO, ata_do_request(&req));
	KT_ASSERT(req.ar_status & ATA_S_ERR);
	KT_ASSERT(req.ar_error & (ATA_E_ABRT | ATA_E_IDNF));
	KT_ASSERT(!(req.ar_flags & ATA_R_TIMEDOUT));
	ata_disk_request(&req, dev, ATA_R_READ | ATA_R_48BIT | ATA_R_QUIET,
	    total - 1, buf, 2);
	KT_EXPECT_EQ(-EIO, ata_do_request(&req));
	KT_ASSERT(req.ar_status & ATA_S_ERR);
	KT_EXPECT_EQ(timeouts, dev->ad_ch->ch_timeouts);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ, total - 2, buf, 2));
	PAT_CHECK(buf, total - 2, 2, total, 0);
}

/* A command for the empty slot at ata1 slave never ends: with a short
 * timeout and one retry, it fails by timeout after two resets; the
 * channel's device answers afterwards. */
KTEST(ata_absent_device_times_out)
{
	uint16_t ident[ATA_ID_WORDS];
	struct ata_request req;
	struct ata_device *dev, *cd;
	uint32_t resets, timeouts;

	dev = ata_device_at(1, ATA_SLAVE);
	cd = ata_device_at(1, ATA_MASTER);
	KT_ASSERT(dev != NULL && dev->ad_type == ATA_T_NONE);
	KT_ASSERT(cd != NULL && cd->ad_type != ATA_T_NONE);
	if (dev == NULL || dev->ad_type != ATA_T_NONE || cd == NULL ||
	    cd->ad_type == ATA_T_NONE)
		return;
	resets = dev->ad_ch->ch_resets;
	timeouts = dev->ad_ch->ch_timeouts;
	ata_request_init(&req, dev);
	req.ar_command = ATA_IDENTIFY;
	req.ar_flags = ATA_R_READ | ATA_R_QUIET;
	req.ar_data = ident;
	req.ar_bytecount = sizeof(ident);
	req.ar_timeout = 3;
	req.ar_retries = 1;
	KT_EXPECT_EQ(-EIO, ata_do_request(&req));
	KT_ASSERT(req.ar_flags & ATA_R_TIMEDOUT);
	KT_EXPECT_STREQ("timeout", req.ar_reason);
	KT_EXPECT_EQ(resets + 2, dev->ad_ch->ch_resets);
	KT_EXPECT_EQ(timeouts + 2, dev->ad_ch->ch_timeouts);
	/* the channel still works: the other device's IDENTIFY */
	ata_request_init(&req, cd);
	req.ar_command = cd->ad_type == ATA_T_ATAPI ? ATA_ATAPI_IDENTIFY :
	    ATA_IDENTIFY;
	req.ar_flags = ATA_R_READ;
	req.ar_data = ident;
	req.ar_bytecount = sizeof(ident);
	KT_EXPECT_EQ(0, ata_do_request(&req));
	KT_EXPECT_EQ(cd->ad_ident[ATA_ID_CONFIG], ident[ATA_ID_CONFIG]);
	KT_EXPECT_EQ(cd->ad_ident[ATA_ID_MODEL], ident[ATA_ID_MODEL]);
}

/* The order in which the callbacks of the queue test ran. */
struct order {
	struct spinlock	spin;
	struct ata_request *base;	/* request i is base + i */
	int		n;
	int		seen[4];	/* i, or -1 - i if it failed */
};

/* Callback (the channel's thread): note which request ended. */
static void
order_done(struct ata_request *req)
{
	struct order *o = req->ar_caller;
	int who = (int)(req - o->base);

	spin_lock(&o->spin);
	o->seen[o->n++] = req->ar_result == 0 ? who : -1 - who;
	spin_unlock(&o->spin);
	wakeup(o);
}

/* With the channel stalled, three requests queued in order and a
 * fourth at the head run head first, then in their order. */
KTEST(ata_queue_fifo_and_at_head)
{
	static uint8_t bufs[4][ATA_SECTOR_SIZE];
	static const int want[4] = { 3, 0, 1, 2 };
	struct ata_request req[4];
	struct ata_device *dev;
	struct order o;
	uint64_t total = 0;
	int i;

	if ((dev = PAT_DISK(&total)) == NULL)
		return;
	spin_init(&o.spin);
	o.base = req;
	o.n = 0;
	ata_channel_stall(dev->ad_ch, 1);
	for (i = 0; i < 4; i++) {
		ata_disk_request(&req[i], dev, ATA_R_READ, 10 * i, bufs[i], 1);
		req[i].ar_callback = order_done;
		req[i].ar_caller = &o;
	}
	req[3].ar_flags |= ATA_R_AT_HEAD;
	for (i = 0; i < 4; i++)
		ata_queue_request(&req[i]);
	ata_channel_stall(dev->ad_ch, 0);
	spin_lock(&o.spin);
	while (o.n < 4)
		ssleep(&o, &o.spin, 0, "ktorder", 0);
	spin_unlock(&o.spin);
	for (i = 0; i < 4; i++) {
		KT_EXPECT_EQ(want[i], o.seen[i]);
		PAT_CHECK(bufs[i], 10 * i, 1, total, 0);
	}
}

/* Are the IDENTIFY data A and B the same? */
static int
same_ident(const uint16_t *a, const uint16_t *b)
{
	int i;

	for (i = 0; i < ATA_ID_WORDS; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* What one thread of the concurrency test did. */
struct conc {
	struct xgroup	*g;
	struct ata_device *disk, *other;
	uint64_t	total;
	uint32_t	seed;
	int		rounds;
	volatile int	reads, ok, bad, errors;
};

/* Thread: read runs of the pattern disk and IDENTIFY the other channel's
 * device, checking every byte and every answer. */
static void
conc_thread(void *arg)
{
	struct conc *c = arg;
	uint16_t ident[ATA_ID_WORDS];
	struct ata_request req;
	uint8_t *buf, want[ATA_SECTOR_SIZE];
	uint64_t lba;
	uint32_t n, s;
	unsigned i;
	int r;

	buf = kmalloc(16 * ATA_SECTOR_SIZE, 0);
	for (r = 0; buf != NULL && r < c->rounds; r++) {
		n = 1 + ktest_xorshift(&c->seed) % 16;
		lba = ktest_xorshift(&c->seed) % (c->total - n + 1);
		if (ata_disk_rw(c->disk, ATA_R_READ, lba, buf, n) != 0) {
			c->errors++;
			continue;
		}
		c->reads++;
		for (s = 0; s < n; s++) {
			pat_fill(want, lba + s, c->total, 0);
			for (i = 0; i < ATA_SECTOR_SIZE; i++)
				if (buf[s * ATA_SECTOR_SIZE + i] != want[i])
					break;
			if (i < ATA_SECTOR_SIZE)
				c->bad++;
		}
		ata_request_init(&req, c->other);
		req.ar_command = c->other->ad_type == ATA_T_ATAPI ?
		    ATA_ATAPI_IDENTIFY : ATA_IDENTIFY;
		req.ar_flags = ATA_R_READ;
		req.ar_data = ident;
		req.ar_bytecount = sizeof(ident);
		if (ata_do_request(&req) != 0)
			c->errors++;
		else if (!same_ident(ident, c->other->ad_ident))
			c->bad++;
		else
			c->ok++;
	}
	if (buf == NULL)
		c->errors++;
	kfree(buf);
	xgroup_done(c->g);
}

/* A thread on every CPU reads the pattern disk (channel 0) and asks the
 * device of channel 1 for its IDENTIFY data, at the same time. */
KTEST(ata_concurrent_requests_from_every_cpu)
{
	static struct conc c[MAXCPU];

	struct ata_device *disk, *other;
	struct xgroup g;
	uint64_t total = 0;
	int cpu;

	if ((disk = PAT_DISK(&total)) == NULL)
		return;
	other = ata_device_at(1, ATA_MASTER);
	KT_ASSERT(other != NULL && other->ad_type != ATA_T_NONE);
	if (other == NULL || other->ad_type == ATA_T_NONE)
		return;
	xgroup_init(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		kmemset(&c[cpu], 0, sizeof(c[cpu]));
		c[cpu].g = &g;
		c[cpu].disk = disk;
		c[cpu].other = other;
		c[cpu].total = total;
		c[cpu].seed = (uint32_t)(kt->seed * 7919 + cpu + 1);
		c[cpu].rounds = 12;
		xgroup_start(kt, &g, conc_thread, &c[cpu], cpu, 0);
	}
	xgroup_wait(&g);
	for (cpu = 0; cpu < ncpus; cpu++) {
		KT_EXPECT_EQ(0, c[cpu].errors);
		KT_EXPECT_EQ(0, c[cpu].bad);
		KT_EXPECT_EQ(c[cpu].rounds, c[cpu].reads);
		KT_EXPECT_EQ(c[cpu].rounds, c[cpu].ok);
	}
}

/* A bio on the disk's device, waited for: its error. */
static int
disk_bio(struct cdev *cdev, int cmd, uint64_t offset, void *data,
    size_t bytes)
{
	struct bio bio;

	bio_init(&bio, cmd, offset, data, bytes);
	dev_dstrategy(cdev, &bio);
	return biowait(&bio);
}

/* The pattern disk as a device: its size, reads and writes by bios of
 * several requests, bad bios refused, a flush. */
KTEST(ata_disk_device_bios)
{
	struct ata_device *dev;
	struct cdev *cdev;
	uint64_t total = 0, lba;
	uint32_t s, n = ATA_MAX_SECTORS + 20;
	uint8_t *buf;

	if ((dev = PAT_DISK(&total)) == NULL)
		return;
	cdev = dev_lookup(dev->ad_name);
	KT_ASSERT(cdev != NULL && cdev == dev->ad_cdev);
	if (cdev == NULL)
		return;
	KT_EXPECT_EQ(total * ATA_SECTOR_SIZE, cdev->si_size);
	KT_EXPECT_EQ(ATA_SECTOR_SIZE, cdev->si_blksize);
	KT_ASSERT(cdev->si_ops->d_flags & D_DISK);
	buf = kmalloc((size_t)n * ATA_SECTOR_SIZE, 0);
	KT_ASSERT(buf != NULL);
	if (buf == NULL) {
		release_dev(cdev);
		return;
	}
	lba = ktest_random(kt) % (total - n + 1);
	KT_EXPECT_EQ(0, disk_bio(cdev, BIO_READ, lba * ATA_SECTOR_SIZE, buf,
	    (size_t)n * ATA_SECTOR_SIZE));
	PAT_CHECK(buf, lba, n, total, 0);
	for (s = 0; s < n; s++)
		pat_fill(buf + (size_t)s * ATA_SECTOR_SIZE, lba + s, total, 0x81);
	KT_EXPECT_EQ(0, disk_bio(cdev, BIO_WRITE, lba * ATA_SECTOR_SIZE, buf,
	    (size_t)n * ATA_SECTOR_SIZE));
	KT_EXPECT_EQ(0, disk_bio(cdev, BIO_FLUSH, 0, NULL, 0));
	kmemset(buf, 0, (size_t)n * ATA_SECTOR_SIZE);
	KT_EXPECT_EQ(0, ata_disk_rw(dev, ATA_R_READ, lba, buf, n));
	PAT_CHECK(buf, lba, n, total, 0x81);
	for (s = 0; s < n; s++)
		pat_fill(buf + (size_t)s * ATA_SECTOR_SIZE, lba + s, total, 0);
	KT_EXPECT_EQ(0, disk_bio(cdev, BIO_WRITE, lba * ATA_SECTOR_SIZE, buf,
	    (size_t)n * ATA_SECTOR_SIZE));
	KT_EXPECT_EQ(0, disk_bio(cdev, BIO_READ, (total - 1) * ATA_SECTOR_SIZE,
	    buf, ATA_SECTOR_SIZE));
	PAT_CHECK(buf, total - 1, 1, total, 0);
	KT_EXPECT_EQ(-ENXIO, disk_bio(cdev, BIO_READ, total * ATA_SECTOR_SIZE,
	    buf, ATA_SECTOR_SIZE));
	KT_EXPECT_EQ(-ENXIO, disk_bio(cdev, BIO_READ,
	    (total - 1) * ATA_SECTOR_SIZE, buf, 2 * ATA_SECTOR_SIZE));
	KT_EXPECT_EQ(-EINVAL, disk_bio(cdev, BIO_READ, 100, buf,
	    ATA_SECTOR_SIZE));
	KT_EXPECT_EQ(-EINVAL, disk_bio(cdev, BIO_READ, 0, buf, 100));
	kfree(buf);
	release_dev(cdev);
}
