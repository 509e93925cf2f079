/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/segments.h"

static uint64_t gdt[GDT_NENTRIES];

/* Encode one segment descriptor; pure (the tests check the bits). */
uint64_t
gdt_descriptor(uint32_t base, uint32_t limit, uint8_t access,
    uint8_t flags)
{
	uint64_t d;

	d = limit & 0xffffULL;				/* limit 15..0 */
	d |= (uint64_t)(base & 0xffffff) << 16;		/* base 23..0 */
	d |= (uint64_t)access << 40;
	d |= (uint64_t)((limit >> 16) & 0xf) << 48;	/* limit 19..16 */
	d |= (uint64_t)(flags & 0xf) << 52;
	d |= (uint64_t)(base >> 24) << 56;		/* base 31..24 */
	return d;
}

/* lgdt, then reload every segment register with the new table's. */
static void
gdt_load(const struct region_descriptor *rd)
{
	__asm__ __volatile__(
	    "lgdt (%0)\n\t"
	    "movw %w1, %%ds\n\t"
	    "movw %w1, %%es\n\t"
	    "movw %w1, %%fs\n\t"
	    "movw %w1, %%gs\n\t"
	    "movw %w1, %%ss\n\t"
	    "ljmp %2, $1f\n"
	    "1:"
	    : : "r"(rd), "r"((uint32_t)GDT_KDATA_SEL), "i"(GDT_KCODE_SEL)
	    : "memory");
}

/* Build and load the kernel's GDT; the traps' boot step, once. */
void
gdt_init(void)
{
	struct region_descriptor rd;

	gdt[GDT_KCODE] = gdt_descriptor(0, 0xfffff,
	    SEG_P | SEG_DPL(0) | SEG_S | SEG_CODE_XR, SEG_G | SEG_D);
	gdt[GDT_KDATA] = gdt_descriptor(0, 0xfffff,
	    SEG_P | SEG_DPL(0) | SEG_S | SEG_DATA_RW, SEG_G | SEG_D);
	rd.rd_limit = sizeof(gdt) - 1;
	rd.rd_base = (uint32_t)(uintptr_t)gdt;
	gdt_load(&rd);
}
