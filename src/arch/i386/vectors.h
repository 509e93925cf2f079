/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Which interrupt vector is used for what: the layout of the IDT
 * above the CPU exceptions.
 */
#ifndef NAIAD_ARCH_VECTORS_H
#define NAIAD_ARCH_VECTORS_H

/** The 8259 PICs' IRQ 0 after remapping; IRQ n is VEC_PIC_BASE + n. */
#define VEC_PIC_BASE		0x20
/** The master PIC's spurious IRQ 7. */
#define VEC_PIC_SPURIOUS_MASTER	(VEC_PIC_BASE + 7)
/** The slave PIC's spurious IRQ 15. */
#define VEC_PIC_SPURIOUS_SLAVE	(VEC_PIC_BASE + 15)
/** ISA IRQ n through the I/O APIC arrives on VEC_ISA_BASE + n. */
#define VEC_ISA_BASE		0x30
/** First vector free for devices (and for tests). */
#define VEC_DEVICE_FIRST	0x40
/** Last vector free for devices (and for tests). */
#define VEC_DEVICE_LAST		0xDF
/** The local APIC timer of every CPU. */
#define VEC_TIMER		0xE0
/** IPI: messages wait in this CPU's IPI queues (IPI chapter). */
#define VEC_IPIQ		0xF0
/** The local APIC reports an error. */
#define VEC_APIC_ERROR		0xFE
/** The local APIC's spurious interrupt; low four bits must be ones. */
#define VEC_APIC_SPURIOUS	0xFF

#endif /* !NAIAD_ARCH_VECTORS_H */
