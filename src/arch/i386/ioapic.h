/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The I/O APICs: where ISA IRQs arrive, and routing them to a
 * vector on a CPU.  Entries are masked until someone unmasks them.
 */
#ifndef NAIAD_ARCH_IOAPIC_H
#define NAIAD_ARCH_IOAPIC_H

#include <stdint.h>

struct machine_info;

/** The number of ISA IRQs. */
#define ISA_NIRQ	16

/** Where an ISA IRQ arrives, and what its signal looks like. */
struct isa_route {
	uint32_t	gsi;		/**< the global system interrupt */
	uint8_t		active_low;	/**< 1: active low; 0: active high */
	uint8_t		level;		/**< 1: level-triggered; 0: edge */
};

/**
 * \brief Where ISA \a irq arrives according to \a mi and its overrides.
 * \return 0 with *\a r filled; -ENOENT when the IRQ has no input of its
 * own (another IRQ took its GSI); -EINVAL when \a irq is not 0..15.
 */
int isa_irq_route(const struct machine_info *mi, int irq,
    struct isa_route *r);

/**
 * \brief Map every I/O APIC of the machine description, mask all their
 * inputs, and route each ISA IRQ, masked, to VEC_ISA_BASE + irq on the
 * boot CPU.  Boot CPU, once.
 */
void ioapic_init(void);

/**
 * \brief Route ISA \a irq to \a vector on CPU \a cpu, masked.
 * \return 0; -EINVAL for a bad irq, vector or cpu; -ENOENT when the IRQ
 * has no I/O APIC input.
 */
int ioapic_route(int irq, int vector, int cpu);

/** \brief Mask ISA \a irq.  \return 0, or as ioapic_route. */
int ioapic_mask(int irq);
/** \brief Unmask ISA \a irq.  \return 0, or as ioapic_route. */
int ioapic_unmask(int irq);
/** \brief Read ISA \a irq's redirection entry.  \return as ioapic_mask. */
int ioapic_read_route(int irq, uint64_t *rte);
/** \brief The number of I/O APIC inputs mapped (all I/O APICs). */
int ioapic_npins(void);

#endif /* !NAIAD_ARCH_IOAPIC_H */
