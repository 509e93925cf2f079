/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * A simulated ATA channel for the host tests of the ATA protocols
 * (tests/unit/test_ata.c): it stands in for src/ata/ata_io.c, so the
 * protocols of src/ata/ata_lowlevel.c (book/39-ata.nw) run against it.
 *
 * It models what the protocols rely on: two devices and a selected one,
 * the task file with the two-deep registers of LBA48 (the last two
 * values written), the status register (reading it clears the pending
 * interrupt, the alternate one does not), the data phases of READ and
 * WRITE SECTORS (and their EXT forms) and of IDENTIFY, block by block
 * with DRQ and an interrupt per block as the standard says, ERR with
 * IDNF beyond the end of the disk, and a device that stays busy.  An
 * ATAPI drive takes the PACKET command and runs TEST UNIT READY, READ
 * CAPACITY, READ(10) of 2048-byte blocks (its disk seen as blocks) and
 * REQUEST SENSE, with a check condition beyond its end.  Every
 * register write is logged.  One channel only: the functions ignore
 * their channel argument.
 */
#ifndef NAIAD_TESTS_UNIT_ATA_FAKE_H
#define NAIAD_TESTS_UNIT_ATA_FAKE_H

#include <stddef.h>
#include <stdint.h>

#define FAKE_SECTORS	64	/* sectors of each simulated disk */
#define FAKE_LOG	128	/* register writes kept */

struct fake_drive {
	int		present;
	int		atapi;		/* an ATAPI device (book/40-atapi.nw) */
	int		busy;		/* stays busy forever */
	uint8_t		disk[FAKE_SECTORS * 512];
	uint16_t	ident[256];
};

struct fake_write {
	int		reg;		/* ATA_* offset, or -1: device control */
	uint8_t		v;
};

struct fake_channel {
	struct fake_drive drv[2];
	int		sel;		/* the selected drive */
	uint8_t		regs[8][2];	/* [reg][0]: last written, [1]: before */
	uint8_t		status, error;
	int		irq;		/* an interrupt is pending */
	int		irqs;		/* interrupts raised */
	/* the data phase */
	int		dir;		/* 0 none, 1 to the host, 2 from it */
	uint8_t		block[2048];
	size_t		blocklen, pos;	/* bytes in the block, moved */
	uint64_t	lba;		/* of the block */
	uint32_t	left;		/* blocks left, this one included */
	int		cmd;
	struct fake_write log[FAKE_LOG];
	int		nlog;
	/* ATAPI (book/40-atapi.nw): the packet, the sense of the last
	 * check condition */
	uint8_t		cdb[12];
	uint8_t		sense_key, asc;
	uint16_t	bytelimit;	/* the host's byte count limit */
};

extern struct fake_channel fake;

/* Start afresh: both drives present disks of FAKE_SECTORS sectors, sector
 * n of drive u filled with (n * 3 + u + i) & 0xFF, no interrupt. */
void ata_fake_reset(void);

/* The n-th write to REG since ata_fake_reset (0: the first), or -1. */
int ata_fake_written(int reg, int n);

#endif
