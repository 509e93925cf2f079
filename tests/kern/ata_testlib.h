/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers of the ATA tests (book/39-ata.nw and after): the pattern of
 * the test disk that tools/mkpattern writes, and finding that disk.
 *
 * Sector n of a pattern disk of T sectors: "NAIADPAT", n and T (64-bit
 * little-endian), then byte i (24 <= i < 512) = (i ^ (29 n) ^ (n >> 8))
 * & 0xFF.  The same function as tools/mkpattern's disk_sector().
 */
#ifndef NAIAD_TESTS_KERN_ATA_TESTLIB_H
#define NAIAD_TESTS_KERN_ATA_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "kern/ktest.h"
#include "vm/kmalloc.h"

#define PAT_HEAD	24		/* magic, lba, total */
static const char pat_magic[8] = { 'N', 'A', 'I', 'A', 'D', 'P', 'A', 'T' };

/* Byte I of sector LBA of the pattern (I >= PAT_HEAD). */
static inline uint8_t
pat_byte(uint64_t lba, unsigned i)
{
	return (uint8_t)((i ^ (29 * lba) ^ (lba >> 8)) & 0xFF);
}

/* Write sector LBA of a pattern disk of TOTAL sectors into BUF, with
 * every fill byte xored with X (0: the disk's own contents). */
static inline void
pat_fill(uint8_t *buf, uint64_t lba, uint64_t total, uint8_t x)
{
	unsigned i;

	for (i = 0; i < 8; i++)
		buf[i] = (uint8_t)pat_magic[i];
	for (i = 0; i < 8; i++) {
		buf[8 + i] = (uint8_t)(lba >> (8 * i));
		buf[16 + i] = (uint8_t)(total >> (8 * i));
	}
	for (i = PAT_HEAD; i < ATA_SECTOR_SIZE; i++)
		buf[i] = pat_byte(lba, i) ^ x;
}

/* The 64-bit little-endian number at P. */
static inline uint64_t
pat_u64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Check N sectors at BUF against sectors LBA.. of the pattern (fill
 * xored with X); report the first wrong byte through KT.  1 if all
 * are right. */
static inline int
pat_check(struct ktest_ctx *kt, const char *file, int line,
    const uint8_t *buf, uint64_t lba, uint32_t n, uint64_t total, uint8_t x)
{
	uint8_t want[ATA_SECTOR_SIZE];
	uint32_t s;
	unsigned i;

	for (s = 0; s < n; s++) {
		pat_fill(want, lba + s, total, x);
		for (i = 0; i < ATA_SECTOR_SIZE; i++)
			if (buf[(size_t)s * ATA_SECTOR_SIZE + i] != want[i]) {
				ktest_fail(kt, file, line, "sector %llu (the "
				    "%u-th read), byte %u: 0x%02x, expected "
				    "0x%02x", (unsigned long long)(lba + s),
				    s, i, buf[(size_t)s * ATA_SECTOR_SIZE + i],
				    want[i]);
				return 0;
			}
	}
	return 1;
}

#define PAT_CHECK(buf, lba, n, total, x) \
	pat_check(kt, __FILE__, __LINE__, (buf), (lba), (n), (total), (x))

/* The pattern disk (its first sector says so) and its size, or NULL. */
static inline struct ata_device *
pat_disk(uint64_t *total)
{
	uint8_t buf[ATA_SECTOR_SIZE];
	struct ata_device *dev;
	int c, u, i;

	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev == NULL || dev->ad_type != ATA_T_DISK ||
			    ata_disk_rw(dev, ATA_R_READ, 0, buf, 1) != 0)
				continue;
			for (i = 0; i < 8 && buf[i] == (uint8_t)pat_magic[i];
			    i++)
				;
			if (i == 8 && pat_u64(buf + 8) == 0) {
				*total = pat_u64(buf + 16);
				return dev;
			}
		}
	return NULL;
}

/* The pattern disk, or fail the test (and return NULL). */
#define PAT_DISK(totalp) ({						\
	struct ata_device *pd_ = pat_disk(totalp);			\
	if (pd_ == NULL)						\
		ktest_fail(kt, __FILE__, __LINE__, "no pattern disk "	\
		    "(build/disks/ata0-slave.img, attached as ata0 "	\
		    "slave by grading/naiadgrade/disks.py)");		\
	pd_;								\
})

#endif /* !NAIAD_TESTS_KERN_ATA_TESTLIB_H */
