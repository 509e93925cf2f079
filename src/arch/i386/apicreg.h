/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Registers of the local APIC and the I/O APIC, their bits, and
 * the pure functions that encode interrupt commands and redirection
 * entries (unit-tested on the host).
 */
#ifndef NAIAD_ARCH_APICREG_H
#define NAIAD_ARCH_APICREG_H

#include <stdint.h>

#define LAPIC_ID		0x020	/**< bits 31..24: the APIC ID */
#define LAPIC_VERSION		0x030	/**< version; number of LVT entries */
#define LAPIC_TPR		0x080	/**< task priority */
#define LAPIC_EOI		0x0B0	/**< end of interrupt: write 0 */
#define LAPIC_SVR		0x0F0	/**< spurious vector, software enable */
#define LAPIC_ESR		0x280	/**< error status */
#define LAPIC_ICR_LO		0x300	/**< interrupt command: what, how */
#define LAPIC_ICR_HI		0x310	/**< interrupt command: to whom */
#define LAPIC_LVT_TIMER		0x320	/**< LVT: the timer */
#define LAPIC_LVT_THERMAL	0x330	/**< LVT: the thermal sensor */
#define LAPIC_LVT_PERF		0x340	/**< LVT: performance counters */
#define LAPIC_LVT_LINT0		0x350	/**< LVT: the LINT0 pin */
#define LAPIC_LVT_LINT1		0x360	/**< LVT: the LINT1 pin */
#define LAPIC_LVT_ERROR		0x370	/**< LVT: APIC errors */
#define LAPIC_TIMER_INITIAL	0x380	/**< timer: the count to start from */
#define LAPIC_TIMER_CURRENT	0x390	/**< timer: the count left */
#define LAPIC_TIMER_DIVIDE	0x3E0	/**< timer: the clock divider */
#define APIC_SVR_ENABLE		0x00000100u /**< SVR: the APIC is on */
#define APIC_LVT_MASKED		0x00010000u /**< LVT: the source is masked */
#define APIC_LVT_DM_NMI		0x00000400u /**< LVT: deliver as an NMI */
#define APIC_LVT_TIMER_PERIODIC	0x00020000u /**< LVT timer: reload itself */
#define APIC_TIMER_DIVIDE_16	0x3u	/**< divide register: bus clock / 16 */
/** The number of LVT entries, from the version register. */
#define APIC_VERSION_NLVT(v)	((((v) >> 16) & 0xFF) + 1)

#define IA32_APIC_BASE		0x1B	/**< MSR: where the local APIC is */
#define APIC_BASE_BSP		0x100u	/**< MSR bit: this is the boot CPU */
#define APIC_BASE_ENABLE	0x800u	/**< MSR bit: the APIC is enabled */
#define APIC_BASE_ADDR		0xFFFFF000u /**< MSR: the address (low 4 GiB) */
#define APIC_ICR_FIXED		0x00000000u /**< kind: a vector */
#define APIC_ICR_NMI		0x00000400u /**< kind: non-maskable */
#define APIC_ICR_INIT		0x00000500u /**< kind: reset the target */
#define APIC_ICR_STARTUP	0x00000600u /**< kind: start the target */
#define APIC_ICR_BUSY		0x00001000u /**< delivery status: sending */
#define APIC_ICR_ASSERT		0x00004000u /**< level: asserted */
#define APIC_ICR_LEVEL		0x00008000u /**< trigger: level, not edge */
#define APIC_ICR_SELF		0x00040000u /**< shorthand: to myself */
#define APIC_ICR_ALL_BUT_SELF	0x000C0000u /**< shorthand: to the others */
/** \brief ICR high half naming the local APIC \a apic_id. */
static inline uint32_t
apic_icr_dest(uint8_t apic_id)
{
	return (uint32_t)apic_id << 24;
}

/** \brief ICR low half: a fixed interrupt on \a vector. */
static inline uint32_t
apic_icr_fixed(uint8_t vector)
{
	return APIC_ICR_FIXED | APIC_ICR_ASSERT | vector;
}

/** \brief ICR low half: INIT, asserted, level-triggered. */
static inline uint32_t
apic_icr_init(void)
{
	return APIC_ICR_INIT | APIC_ICR_ASSERT | APIC_ICR_LEVEL;
}

/**
 * \brief ICR low half: STARTUP at physical \a paddr, into *\a icr.
 * \return 0, or -1 when \a paddr cannot be a start address.
 */
static inline int
apic_icr_startup(uint32_t paddr, uint32_t *icr)
{
	uint32_t page = paddr / 4096;

	if (paddr % 4096 != 0 || paddr >= 0x100000 ||
	    (page >= 0xA0 && page <= 0xBF))
		return -1;
	*icr = APIC_ICR_STARTUP | APIC_ICR_ASSERT | page;
	return 0;
}
#define IOAPIC_SELECT		0x00	/**< byte offset: register select */
#define IOAPIC_WINDOW		0x10	/**< byte offset: register window */
#define IOAPIC_REG_ID		0x00	/**< register: the I/O APIC ID */
#define IOAPIC_REG_VERSION	0x01	/**< register: version, inputs - 1 */
/** Register: the low half of input \a pin's redirection entry. */
#define IOAPIC_REG_RTE(pin)	(0x10 + 2 * (pin))
/** The number of inputs, from the version register. */
#define IOAPIC_VERSION_NPINS(v)	((((v) >> 16) & 0xFF) + 1)

#define IOAPIC_RTE_VECTOR	0x000000FFu /**< the vector delivered */
#define IOAPIC_RTE_ACTIVE_LOW	0x00002000u /**< polarity: active low */
#define IOAPIC_RTE_REMOTE_IRR	0x00004000u /**< level: in service */
#define IOAPIC_RTE_LEVEL	0x00008000u /**< trigger: level */
#define IOAPIC_RTE_MASKED	0x00010000u /**< the input is masked */
#define IOAPIC_RTE_DEST_SHIFT	56	/**< the destination APIC ID's bit */
/**
 * \brief The redirection entry that delivers \a vector, as a fixed
 * interrupt, to the local APIC \a dest, for an input that is active low
 * or high (\a active_low), level- or edge-triggered (\a level), masked
 * or not (\a masked).
 */
static inline uint64_t
ioapic_rte(uint8_t vector, uint8_t dest, int active_low, int level,
    int masked)
{
	uint64_t rte = vector;

	if (active_low)
		rte |= IOAPIC_RTE_ACTIVE_LOW;
	if (level)
		rte |= IOAPIC_RTE_LEVEL;
	if (masked)
		rte |= IOAPIC_RTE_MASKED;
	return rte | (uint64_t)dest << IOAPIC_RTE_DEST_SHIFT;
}

/** \brief The destination APIC ID of redirection entry \a rte. */
static inline uint8_t
ioapic_rte_dest(uint64_t rte)
{
	return (uint8_t)(rte >> IOAPIC_RTE_DEST_SHIFT);
}

#endif /* !NAIAD_ARCH_APICREG_H */
