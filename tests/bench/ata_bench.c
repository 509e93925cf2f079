/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmark of the ATA chapters (book/39-ata.nw, book/41-atadma.nw):
 * 4 KiB reads and writes of the test disk at ata0 slave, sequential and
 * at random places, by PIO and by DMA, one request at a time, waited
 * for.  For each it reports NAME_per_kib, the time-stamp ticks per KiB
 * from the first request to the last (under Bochs: instructions, the
 * idle loop's halts included, so emulated time, in which Bochs' disk
 * and DMA models take their time); NAME_drv_per_kib, the ticks the
 * channel's thread worked per KiB (under Bochs: the instructions of the
 * driver itself, exact: taskfile, data moved by PIO, completion); and
 * NAME_kib_s, KiB per second of the kernel's clock (under QEMU, the
 * host's time).  The writes change the run's copy only.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "ata/ata.h"
#include "kern/globaldata.h"
#include "kern/kbench.h"
#include "kern/kvcprintf.h"
#include "kern/ktest.h"
#include "vm/kmalloc.h"

#define BLK_SECTORS	8			/* 4 KiB */
#define BLK_BYTES	(BLK_SECTORS * ATA_SECTOR_SIZE)
#define NBLK		512			/* 2 MiB per figure */

/* The disk with the most sectors among ATA disks other than ad0 (the
 * boot disk): the test disk. */
static struct ata_device *
bench_disk(void)
{
	struct ata_device *dev, *best = NULL;
	int c, u;

	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev == NULL || dev->ad_type != ATA_T_DISK ||
			    (c == 0 && u == ATA_MASTER))
				continue;
			if (best == NULL || dev->ad_sectors > best->ad_sectors)
				best = dev;
		}
	return best;
}

/* Run one figure: NBLK 4 KiB transfers (FLAGS), sequential or random;
 * report ticks per KiB and KiB per second under NAME. */
static void
ata_bench_run(struct kbench_ctx *kb, struct ata_device *dev, uint8_t *buf,
    const char *name, int flags, int random)
{
	uint64_t t0, t1, blocks = dev->ad_sectors / BLK_SECTORS, lba, busy;
	uint32_t seed = 12345, tk0, tk1, i;
	char metric[48];
	int error = 0;

	tk0 = mycpu->gd_ticks;
	busy = dev->ad_ch->ch_busy;
	t0 = rdtsc();
	for (i = 0; i < NBLK && error == 0; i++) {
		lba = random ? (ktest_xorshift(&seed) % blocks) * BLK_SECTORS :
		    (i % blocks) * BLK_SECTORS;
		error = ata_disk_rw(dev, flags, lba, buf, BLK_SECTORS);
	}
	t1 = rdtsc();
	tk1 = mycpu->gd_ticks;
	busy = dev->ad_ch->ch_busy - busy;
	if (error != 0) {
		ksnprintf(metric, sizeof(metric), "%s_error", name);
		kbench_report(kb, metric, (uint64_t)-error);
		return;
	}
	ksnprintf(metric, sizeof(metric), "%s_per_kib", name);
	kbench_report(kb, metric, (t1 - t0) / (NBLK * BLK_BYTES / 1024));
	ksnprintf(metric, sizeof(metric), "%s_drv_per_kib", name);
	kbench_report(kb, metric, busy / (NBLK * BLK_BYTES / 1024));
	ksnprintf(metric, sizeof(metric), "%s_kib_s", name);
	kbench_report(kb, metric, tk1 == tk0 ? 0 :
	    (uint64_t)NBLK * BLK_BYTES / 1024 * HZ / (tk1 - tk0));
}

KBENCH(ata_disk_4k)
{
	static const struct {
		const char *name;
		int flags, random;
	} runs[] = {
		{ "pio_seq_read", ATA_R_READ, 0 },
		{ "dma_seq_read", ATA_R_READ | ATA_R_DMA, 0 },
		{ "pio_rnd_read", ATA_R_READ, 1 },
		{ "dma_rnd_read", ATA_R_READ | ATA_R_DMA, 1 },
		{ "pio_seq_write", ATA_R_WRITE, 0 },
		{ "dma_seq_write", ATA_R_WRITE | ATA_R_DMA, 0 },
		{ "pio_rnd_write", ATA_R_WRITE, 1 },
		{ "dma_rnd_write", ATA_R_WRITE | ATA_R_DMA, 1 },
	};
	struct ata_device *dev = bench_disk();
	uint8_t *buf;
	unsigned i;

	if (dev == NULL || (buf = kmalloc(BLK_BYTES, M_ZERO)) == NULL) {
		kbench_report(kb, "no_test_disk", 1);
		return;
	}
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		if ((runs[i].flags & ATA_R_DMA) && !ata_dma_usable(dev))
			continue;
		ata_bench_run(kb, dev, buf, runs[i].name, runs[i].flags,
		    runs[i].random);
	}
	kfree(buf);
}
