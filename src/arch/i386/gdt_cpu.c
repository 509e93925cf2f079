/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * A GDT per CPU: the boot GDT plus the CPU's own globaldata segment.
 */
#include <stdint.h>

#include "arch/i386/gdt_cpu.h"
#include "arch/i386/param.h"
#include "arch/i386/segments.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/panic.h"

static uint64_t gdt_boot[GDT_NENTRIES];		/* the kernel's, as built */
static uint64_t gdt_cpu[MAXCPU][GDT_NENTRIES];	/* one per CPU */
static int gdt_boot_saved;			/* the boot CPU's, once */

/* Copy the GDT that gdt_init loaded; once, on the boot CPU. */
static void
gdt_save_boot(void)
{
	struct region_descriptor rd;

	__asm__ __volatile__("sgdt %0" : "=m"(rd));
	KASSERT(rd.rd_limit + 1u == sizeof(gdt_boot),
	    ("gdt_cpu: the boot GDT has %u bytes", rd.rd_limit + 1u));
	kmemcpy(gdt_boot, (const void *)(uintptr_t)rd.rd_base,
	    sizeof(gdt_boot));
	gdt_boot_saved = 1;
}
/* Boot CPU: CPU gd's table, before that CPU loads it. */
void
gdt_cpu_init(struct globaldata *gd)
{
	uint64_t *gdt = gdt_cpu[gd->gd_cpuid];

	if (!gdt_boot_saved)
		gdt_save_boot();
	kmemcpy(gdt, gdt_boot, sizeof(gdt_boot));
	gdt[GDT_PERCPU] = gdt_descriptor((uint32_t)(uintptr_t)gd,
	    sizeof(*gd) - 1, SEG_P | SEG_DPL(0) | SEG_S | SEG_DATA_RW, SEG_D);
}

/* Any CPU: the lgdt operand of cpuid's table. */
void
gdt_cpu_region(int cpuid, struct region_descriptor *rd)
{
	rd->rd_limit = sizeof(gdt_cpu[cpuid]) - 1;
	rd->rd_base = (uint32_t)(uintptr_t)gdt_cpu[cpuid];
}
/* The running CPU, which is CPU cpuid: its own GDT, then %fs. */
void
gdt_cpu_load(int cpuid)
{
	struct region_descriptor rd;

	gdt_cpu_region(cpuid, &rd);
	__asm__ __volatile__("lgdt (%0)\n\t"
	    "movw %w1, %%fs"
	    : : "r"(&rd), "r"((uint32_t)GDT_PERCPU_SEL) : "memory");
}
