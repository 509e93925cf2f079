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
#include "ata/ata_dma.h"
#include "vm/pmap.h"

/* Read bus-master register REG of CH. */
uint8_t
ata_bm_in(struct ata_channel *ch, int reg)
{
	return inb(ch->ch_bmio + reg);
}

/* Write bus-master register REG of CH. */
void
ata_bm_out(struct ata_channel *ch, int reg, uint8_t v)
{
	outb(ch->ch_bmio + reg, v);
}

/* Write the 32-bit bus-master register REG of CH. */
void
ata_bm_outl(struct ata_channel *ch, int reg, uint32_t v)
{
	outl(ch->ch_bmio + reg, v);
}

/* The physical address of kernel address VA (0: not mapped). */
uint32_t
ata_dma_vtophys(const void *va)
{
	return pmap_kextract((vm_offset_t)(uintptr_t)va);
}
