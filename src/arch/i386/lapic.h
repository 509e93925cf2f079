/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The local APIC of the running CPU: enabling it, end of
 * interrupt, its ID, errors, and sending IPIs.
 */
#ifndef NAIAD_ARCH_LAPIC_H
#define NAIAD_ARCH_LAPIC_H

#include <stdint.h>

#include "arch/i386/apicreg.h"

/** The local APIC's registers; set by the boot CPU in lapic_init. */
extern volatile uint32_t *lapic_regs;

/** \brief Read the local APIC register at byte offset \a reg. */
static inline uint32_t
lapic_read(uint32_t reg)
{
	return lapic_regs[reg / 4];
}

/** \brief Write \a value to the local APIC register at offset \a reg. */
static inline void
lapic_write(uint32_t reg, uint32_t value)
{
	lapic_regs[reg / 4] = value;
}

/** \brief End of interrupt: the handler of a vector is done with it. */
static inline void
lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

/** \brief The APIC ID of the running CPU. */
static inline uint8_t
lapic_id(void)
{
	return (uint8_t)(lapic_read(LAPIC_ID) >> 24);
}

/**
 * \brief Enable and program the running CPU's local APIC: every source
 * masked except errors; the boot CPU maps it first.  Once per CPU.
 */
void lapic_init(void);

/** \brief Read (and clear) the error status of the running CPU's APIC. */
uint32_t lapic_esr(void);

/** \brief Wait until the last IPI has left.  \return 0 or -ETIMEDOUT. */
int lapic_ipi_wait(void);

/**
 * \brief Send the command \a icr (ICR low half) to local APIC \a apic_id,
 * with interrupts off meanwhile.  \return 0, or -ETIMEDOUT when the
 * previous IPI never left.
 */
int lapic_ipi(uint8_t apic_id, uint32_t icr);

/** \brief Interrupt the running CPU on \a vector.  \return as lapic_ipi. */
int lapic_ipi_self(uint8_t vector);

/** Spurious interrupts of all local APICs since boot. */
extern volatile uint32_t lapic_spurious_count;
/** Error interrupts of all local APICs since boot. */
extern volatile uint32_t lapic_error_count;
/** The error status read by the last error interrupt. */
extern volatile uint32_t lapic_last_esr;

#endif /* !NAIAD_ARCH_LAPIC_H */
