/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The simulated ATA channel of tests/unit/ata_fake.h: src/ata/ata_io.c's
 * functions, on the host.
 */
#include <stdint.h>
#include <string.h>

#include "ata/ata.h"
#include "ata/ata_io.h"
#include "ata/atareg.h"
#include "ata_fake.h"

struct fake_channel fake;

#define ATAPI_BLOCK	2048
#define ATAPI_BLOCKS	(FAKE_SECTORS * 512 / ATAPI_BLOCK)

void
ata_fake_reset(void)
{
	int u, i, n;

	memset(&fake, 0, sizeof(fake));
	for (u = 0; u < 2; u++) {
		fake.drv[u].present = 1;
		for (n = 0; n < FAKE_SECTORS; n++)
			for (i = 0; i < 512; i++)
				fake.drv[u].disk[n * 512 + i] =
				    (uint8_t)(n * 3 + u + i);
		for (i = 0; i < 256; i++)
			fake.drv[u].ident[i] = (uint16_t)(0x1000 * u + i);
	}
	fake.status = ATA_S_DRDY;
}

int
ata_fake_written(int reg, int n)
{
	int i;

	for (i = 0; i < fake.nlog; i++)
		if (fake.log[i].reg == reg && n-- == 0)
			return fake.log[i].v;
	return -1;
}

static struct fake_drive *
cur(void)
{
	return &fake.drv[fake.sel];
}

static void
logw(int reg, uint8_t v)
{
	if (fake.nlog < FAKE_LOG) {
		fake.log[fake.nlog].reg = reg;
		fake.log[fake.nlog].v = v;
		fake.nlog++;
	}
}

/* End the command with an error. */
static void
fail(uint8_t error)
{
	fake.status = ATA_S_DRDY | ATA_S_ERR;
	fake.error = error;
	fake.dir = 0;
	fake.irq = 1;
	fake.irqs++;
}

/* Load the next disk sector into the block (a read). */
static void
load_sector(void)
{
	memcpy(fake.block, cur()->disk + fake.lba * 512, 512);
	fake.blocklen = 512;
	fake.pos = 0;
}

/* ATAPI: a check condition with KEY and ASC. */
static void
check_condition(uint8_t key, uint8_t asc)
{
	fake.sense_key = key;
	fake.asc = asc;
	fake.regs[ATA_COUNT][0] = 0x03;		/* CoD, IO: status phase */
	fake.status = ATA_S_DRDY | ATA_S_ERR;
	fake.error = (uint8_t)(key << 4);
	fake.dir = 0;
	fake.irq = 1;
	fake.irqs++;
}

/* ATAPI: offer LEN bytes of the block to the host. */
static void
atapi_data(size_t len)
{
	fake.blocklen = len;
	fake.pos = 0;
	fake.dir = 1;
	fake.regs[ATA_COUNT][0] = 0x02;		/* IO, data */
	fake.regs[ATA_LBA_MID][0] = (uint8_t)len;
	fake.regs[ATA_LBA_HIGH][0] = (uint8_t)(len >> 8);
	fake.status = ATA_S_DRDY | ATA_S_DRQ;
	fake.irq = 1;
	fake.irqs++;
}

/* ATAPI: the command is over, fine. */
static void
atapi_good(void)
{
	fake.regs[ATA_COUNT][0] = 0x03;
	fake.status = ATA_S_DRDY;
	fake.dir = 0;
	fake.irq = 1;
	fake.irqs++;
}

/* ATAPI: the next block of a READ(10), or the status phase. */
static void
atapi_next(void)
{
	if (fake.left == 0) {
		atapi_good();
		return;
	}
	memcpy(fake.block, cur()->disk + fake.lba * ATAPI_BLOCK, ATAPI_BLOCK);
	atapi_data(ATAPI_BLOCK);
}

/* ATAPI: the packet arrived: run it. */
static void
atapi_packet(void)
{
	uint32_t lba, n;

	switch (fake.cdb[0]) {
	case 0x00:				/* TEST UNIT READY */
		atapi_good();
		return;
	case 0x03:				/* REQUEST SENSE */
		memset(fake.block, 0, 18);
		fake.block[0] = 0x70;
		fake.block[2] = fake.sense_key;
		fake.block[7] = 10;
		fake.block[12] = fake.asc;
		fake.sense_key = fake.asc = 0;
		fake.left = 0;
		atapi_data(fake.cdb[4] < 18 ? fake.cdb[4] : 18);
		return;
	case 0x25:				/* READ CAPACITY */
		n = ATAPI_BLOCKS - 1;
		fake.block[0] = (uint8_t)(n >> 24);
		fake.block[1] = (uint8_t)(n >> 16);
		fake.block[2] = (uint8_t)(n >> 8);
		fake.block[3] = (uint8_t)n;
		fake.block[4] = 0;
		fake.block[5] = 0;
		fake.block[6] = ATAPI_BLOCK >> 8;
		fake.block[7] = 0;
		fake.left = 0;
		atapi_data(8);
		return;
	case 0x28:				/* READ(10) */
		lba = (uint32_t)fake.cdb[2] << 24 | fake.cdb[3] << 16 |
		    fake.cdb[4] << 8 | fake.cdb[5];
		n = (uint32_t)fake.cdb[7] << 8 | fake.cdb[8];
		if (lba + n > ATAPI_BLOCKS) {
			check_condition(0x05, 0x21);
			return;
		}
		fake.lba = lba;
		fake.left = n;
		atapi_next();
		return;
	default:
		check_condition(0x05, 0x20);	/* invalid command */
	}
}

/* The command register was written. */
static void
execute(uint8_t cmd)
{
	int lba48 = cmd == ATA_READ48 || cmd == ATA_WRITE48;
	uint64_t lba;
	uint32_t count;

	fake.cmd = cmd;
	if (!cur()->present)
		return;				/* nobody answers */
	if (cmd == ATA_PACKET && cur()->atapi) {
		fake.bytelimit = (uint16_t)(fake.regs[ATA_LBA_MID][0] |
		    fake.regs[ATA_LBA_HIGH][0] << 8);
		fake.regs[ATA_COUNT][0] = 0x01;	/* CoD: the packet */
		fake.status = ATA_S_DRDY | ATA_S_DRQ;
		fake.blocklen = 12;
		fake.pos = 0;
		fake.dir = 2;
		fake.left = 0;
		return;
	}
	if (cmd == ATA_IDENTIFY || cmd == ATA_ATAPI_IDENTIFY) {
		if ((cmd == ATA_ATAPI_IDENTIFY) != cur()->atapi) {
			fail(ATA_E_ABRT);
			return;
		}
		memcpy(fake.block, cur()->ident, 512);
		fake.blocklen = 512;
		fake.pos = 0;
		fake.left = 1;
		fake.dir = 1;
		fake.status = ATA_S_DRDY | ATA_S_DRQ;
		fake.irq = 1;
		fake.irqs++;
		return;
	}
	if (cmd == ATA_FLUSHCACHE) {
		fake.status = ATA_S_DRDY;
		fake.irq = 1;
		fake.irqs++;
		return;
	}
	if (cur()->atapi) {
		fail(ATA_E_ABRT);
		return;
	}
	if (lba48) {
		lba = (uint64_t)fake.regs[ATA_LBA_HIGH][1] << 40 |
		    (uint64_t)fake.regs[ATA_LBA_MID][1] << 32 |
		    (uint64_t)fake.regs[ATA_LBA_LOW][1] << 24 |
		    (uint64_t)fake.regs[ATA_LBA_HIGH][0] << 16 |
		    (uint64_t)fake.regs[ATA_LBA_MID][0] << 8 |
		    fake.regs[ATA_LBA_LOW][0];
		count = (uint32_t)fake.regs[ATA_COUNT][1] << 8 |
		    fake.regs[ATA_COUNT][0];
		if (count == 0)
			count = 65536;
	} else {
		lba = (uint64_t)(fake.regs[ATA_DEVICE][0] & 0x0F) << 24 |
		    (uint64_t)fake.regs[ATA_LBA_HIGH][0] << 16 |
		    (uint64_t)fake.regs[ATA_LBA_MID][0] << 8 |
		    fake.regs[ATA_LBA_LOW][0];
		count = fake.regs[ATA_COUNT][0];
		if (count == 0)
			count = 256;
	}
	if (!(fake.regs[ATA_DEVICE][0] & ATA_D_LBA) ||
	    lba + count > FAKE_SECTORS) {
		fail(ATA_E_IDNF);
		return;
	}
	fake.lba = lba;
	fake.left = count;
	switch (cmd) {
	case ATA_READ:
	case ATA_READ48:
		load_sector();
		fake.dir = 1;
		fake.status = ATA_S_DRDY | ATA_S_DRQ;
		fake.irq = 1;
		fake.irqs++;
		break;
	case ATA_WRITE:
	case ATA_WRITE48:
		fake.blocklen = 512;
		fake.pos = 0;
		fake.dir = 2;
		fake.status = ATA_S_DRDY | ATA_S_DRQ;	/* no interrupt */
		break;
	default:
		fail(ATA_E_ABRT);
	}
}

uint8_t
ata_in(struct ata_channel *ch, int reg)
{
	(void)ch;
	if (reg == ATA_STATUS) {
		fake.irq = 0;
		if (!cur()->present)
			return 0;
		return cur()->busy ? ATA_S_BSY : fake.status;
	}
	if (reg == ATA_ERROR)
		return fake.error;
	return fake.regs[reg][0];
}

void
ata_out(struct ata_channel *ch, int reg, uint8_t v)
{
	(void)ch;
	logw(reg, v);
	if (reg == ATA_COMMAND) {
		execute(v);
		return;
	}
	fake.regs[reg][1] = fake.regs[reg][0];
	fake.regs[reg][0] = v;
	if (reg == ATA_DEVICE)
		fake.sel = (v & ATA_D_DEV) ? 1 : 0;
}

uint8_t
ata_ctl_in(struct ata_channel *ch)
{
	(void)ch;
	if (!cur()->present)
		return 0;
	return cur()->busy ? ATA_S_BSY : fake.status;
}

void
ata_ctl_out(struct ata_channel *ch, uint8_t v)
{
	(void)ch;
	logw(-1, v);
}

void
ata_data_in(struct ata_channel *ch, void *buf, size_t words)
{
	uint8_t *p = buf;
	size_t i;

	(void)ch;
	for (i = 0; i < 2 * words; i++) {
		if (fake.dir != 1 || fake.pos >= fake.blocklen) {
			p[i] = 0xEE;		/* nothing to read: garbage */
			continue;
		}
		p[i] = fake.block[fake.pos++];
		if (fake.pos < fake.blocklen)
			continue;
		/* the block is done */
		if (cur()->atapi) {
			if (fake.left > 0) {
				fake.left--;
				fake.lba++;
			}
			atapi_next();
			continue;
		}
		if (--fake.left == 0) {
			fake.dir = 0;
			fake.status = ATA_S_DRDY;
		} else {
			fake.lba++;
			load_sector();
			fake.status = ATA_S_DRDY | ATA_S_DRQ;
			fake.irq = 1;
			fake.irqs++;
		}
	}
}

void
ata_data_out(struct ata_channel *ch, const void *buf, size_t words)
{
	const uint8_t *p = buf;
	size_t i;

	(void)ch;
	for (i = 0; i < 2 * words; i++) {
		if (fake.dir != 2 || fake.pos >= fake.blocklen)
			continue;		/* nobody takes it */
		fake.block[fake.pos++] = p[i];
		if (fake.pos < fake.blocklen)
			continue;
		if (cur()->atapi) {		/* the packet is in */
			memcpy(fake.cdb, fake.block, 12);
			fake.dir = 0;
			atapi_packet();
			continue;
		}
		memcpy(cur()->disk + fake.lba * 512, fake.block, 512);
		fake.pos = 0;
		fake.irq = 1;
		fake.irqs++;
		if (--fake.left == 0) {
			fake.dir = 0;
			fake.status = ATA_S_DRDY;
		} else {
			fake.lba++;
			fake.status = ATA_S_DRDY | ATA_S_DRQ;
		}
	}
}
