/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/portio.h"
#include "ata/ata.h"
#include "ata/ata_io.h"
#include "ata/atareg.h"

/* Read command-block register REG of CH. */
uint8_t
ata_in(struct ata_channel *ch, int reg)
{
	return inb(ch->ch_cmd + reg);
}

/* Write command-block register REG of CH. */
void
ata_out(struct ata_channel *ch, int reg, uint8_t v)
{
	outb(ch->ch_cmd + reg, v);
}

/* The alternate status: the status without acknowledging the IRQ. */
uint8_t
ata_ctl_in(struct ata_channel *ch)
{
	return inb(ch->ch_ctl);
}

/* Write the device control register (nIEN, SRST). */
void
ata_ctl_out(struct ata_channel *ch, uint8_t v)
{
	outb(ch->ch_ctl, v);
}

/* Read WORDS 16-bit words of data into BUF. */
void
ata_data_in(struct ata_channel *ch, void *buf, size_t words)
{
	insw(ch->ch_cmd + ATA_DATA, buf, words);
}

/* Write WORDS 16-bit words of data from BUF. */
void
ata_data_out(struct ata_channel *ch, const void *buf, size_t words)
{
	outsw(ch->ch_cmd + ATA_DATA, buf, words);
}
