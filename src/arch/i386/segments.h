/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The global descriptor table: segments and their selectors, and
 * the descriptor formats the GDT and the IDT share.
 */
#ifndef NAIAD_ARCH_SEGMENTS_H
#define NAIAD_ARCH_SEGMENTS_H

#define GDT_NULL	0	/**< slot 0: never used by the CPU */
#define GDT_KCODE	1	/**< kernel code, flat, ring 0 */
#define GDT_KDATA	2	/**< kernel data and stack, flat, ring 0 */
#define GDT_UCODE	3	/**< user code: filled by the user chapter */
#define GDT_UDATA	4	/**< user data: filled by the user chapter */
#define GDT_TSS		5	/**< task state segment: the user chapter */
#define GDT_PERCPU	6	/**< globaldata: book/10-globaldata.nw */
#define GDT_NENTRIES	7	/**< slots in the GDT */

/** The selector of GDT slot \a slot, requesting privilege \a rpl. */
#define GDT_SEL(slot, rpl)	(((slot) << 3) | (rpl))
/** Selector of the kernel code segment (0x08). */
#define GDT_KCODE_SEL		GDT_SEL(GDT_KCODE, 0)
/** Selector of the kernel data segment (0x10). */
#define GDT_KDATA_SEL		GDT_SEL(GDT_KDATA, 0)
/** Selector of the per-CPU data segment, loaded in %fs (0x30). */
#define GDT_PERCPU_SEL		GDT_SEL(GDT_PERCPU, 0)

#ifndef __ASSEMBLER__
#include <stdint.h>

#define SEG_P		0x80	/**< access: the segment is present */
#define SEG_DPL(n)	((n) << 5) /**< access: descriptor privilege level */
#define SEG_S		0x10	/**< access: a code or data segment */
#define SEG_CODE_XR	0x0a	/**< access type: code, execute and read */
#define SEG_DATA_RW	0x02	/**< access type: data, read and write */
#define SEG_G		0x8	/**< flags: the limit counts 4 KiB pages */
#define SEG_D		0x4	/**< flags: a 32-bit segment */

/** The operand of lgdt and lidt: where a descriptor table is. */
struct region_descriptor {
	uint16_t	rd_limit;	/**< size of the table in bytes, - 1 */
	uint32_t	rd_base;	/**< linear address of the table */
} __attribute__((packed));

/** One entry of the IDT: where the handler of a vector is. */
struct gate_descriptor {
	uint16_t	gd_offset_lo;	/**< handler address, bits 15..0 */
	uint16_t	gd_selector;	/**< code segment to run it in */
	uint8_t		gd_zero;	/**< unused, must be 0 */
	uint8_t		gd_type;	/**< P, DPL, 0, gate type */
	uint16_t	gd_offset_hi;	/**< handler address, bits 31..16 */
} __attribute__((packed));

/** Gate type: a 32-bit interrupt gate (clears IF on entry). */
#define GATE_INTR32	0x0e

/** \brief Build the kernel's GDT, load it and reload every segment
 * register with the kernel's flat segments. */
void gdt_init(void);

/** \brief Encode one segment descriptor. */
uint64_t gdt_descriptor(uint32_t base, uint32_t limit, uint8_t access,
    uint8_t flags);
#endif /* !__ASSEMBLER__ */
#endif /* !NAIAD_ARCH_SEGMENTS_H */
