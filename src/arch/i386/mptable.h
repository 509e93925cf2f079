/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The Intel MultiProcessor Specification 1.4 tables: the
 * fallback when there is no usable ACPI MADT.
 */
#ifndef NAIAD_ARCH_MPTABLE_H
#define NAIAD_ARCH_MPTABLE_H

#include <stdint.h>

#include "arch/i386/machine.h"

/** The MP floating pointer structure ("_MP_"). */
struct mp_pointer {
	char	signature[4];	/**< "_MP_" */
	uint32_t config_paddr;	/**< the configuration table, or 0 */
	uint8_t	length;		/**< in 16-byte units: 1 */
	uint8_t	spec_rev;	/**< 1 for MP 1.1, 4 for MP 1.4 */
	uint8_t	checksum;	/**< all length * 16 bytes sum to 0 */
	uint8_t	feature1;	/**< 0, or the number of a default configuration */
	uint8_t	feature2;	/**< MP_FEATURE2_IMCR */
	uint8_t	feature3[3];	/**< reserved */
} __attribute__((packed));

/** feature2: the IMCR exists and the machine starts in PIC mode. */
#define MP_FEATURE2_IMCR	0x80

/** The header of the MP configuration table ("PCMP"). */
struct mp_config {
	char	signature[4];	/**< "PCMP" */
	uint16_t length;	/**< bytes of header and base entries */
	uint8_t	spec_rev;	/**< 1 or 4 */
	uint8_t	checksum;	/**< all length bytes sum to 0 */
	char	oem_id[8];	/**< who made the firmware */
	char	product_id[12];	/**< the maker's name for the machine */
	uint32_t oem_table_paddr; /**< an optional OEM table, or 0 */
	uint16_t oem_table_size; /**< its length */
	uint16_t entry_count;	/**< entries after this header */
	uint32_t lapic_paddr;	/**< physical address of the local APICs */
	uint16_t ext_length;	/**< bytes of extended entries after these */
	uint8_t	ext_checksum;	/**< of the extended entries */
	uint8_t	reserved;	/**< zero */
} __attribute__((packed));

/** MP configuration entry types (the first byte of each entry). */
enum mp_entry_type {
	MP_ENTRY_CPU = 0,	/**< a processor, 20 bytes */
	MP_ENTRY_BUS = 1,	/**< a bus, 8 bytes */
	MP_ENTRY_IOAPIC = 2,	/**< an I/O APIC, 8 bytes */
	MP_ENTRY_IOINT = 3,	/**< an I/O interrupt assignment, 8 bytes */
	MP_ENTRY_LINT = 4	/**< a local interrupt assignment, 8 bytes */
};

/** A processor entry. */
struct mp_cpu {
	uint8_t	type;		/**< MP_ENTRY_CPU */
	uint8_t	apic_id;	/**< its local APIC ID */
	uint8_t	apic_version;	/**< its local APIC's version */
	uint8_t	flags;		/**< MP_CPU_ENABLED, MP_CPU_BSP */
	uint32_t signature;	/**< stepping, model, family */
	uint32_t features;	/**< CPUID feature flags */
	uint32_t reserved[2];	/**< zero */
} __attribute__((packed));

/** Processor flag: usable. */
#define MP_CPU_ENABLED		0x01
/** Processor flag: the boot processor. */
#define MP_CPU_BSP		0x02

/** A bus entry. */
struct mp_bus {
	uint8_t	type;		/**< MP_ENTRY_BUS */
	uint8_t	bus_id;		/**< the number interrupt entries use */
	char	bus_type[6];	/**< "ISA   ", "PCI   ", "EISA  "... */
} __attribute__((packed));

/** An I/O APIC entry. */
struct mp_ioapic {
	uint8_t	type;		/**< MP_ENTRY_IOAPIC */
	uint8_t	id;		/**< its I/O APIC ID */
	uint8_t	version;	/**< its version */
	uint8_t	flags;		/**< MP_IOAPIC_ENABLED */
	uint32_t paddr;		/**< physical address of its registers */
} __attribute__((packed));

/** I/O APIC flag: usable. */
#define MP_IOAPIC_ENABLED	0x01

/** An I/O (or local) interrupt assignment entry. */
struct mp_irq {
	uint8_t	type;		/**< MP_ENTRY_IOINT or MP_ENTRY_LINT */
	uint8_t	irq_type;	/**< MP_IRQ_INT (vectored), NMI, SMI, ExtINT */
	uint16_t flags;		/**< IRQ_POLARITY_* | IRQ_TRIGGER_* */
	uint8_t	src_bus;	/**< bus_id of the source bus */
	uint8_t	src_irq;	/**< the IRQ on that bus */
	uint8_t	dst_apic;	/**< destination I/O APIC ID, 0xFF: all */
	uint8_t	dst_pin;	/**< input (INTIN) of that I/O APIC */
} __attribute__((packed));

/** Interrupt type: an ordinary vectored interrupt. */
#define MP_IRQ_INT		0

/**
 * \brief Find a valid MP floating pointer: the EBDA's first KiB, the
 * last KiB of base memory, then 0xF0000-0xFFFFF.
 * \return its physical address, or 0.
 */
uint32_t mp_find_pointer(const struct physmem *mem);

/**
 * \brief Fill \a mi from the MP configuration table at \a paddr.
 * \return 0, or -EINVAL when the table is unusable.
 */
int mp_parse_config(struct machine_info *mi, const struct physmem *mem,
    uint32_t paddr);

/**
 * \brief Read the MP tables into \a mi.
 * \return 0; -ENOENT when there are none; -EINVAL when they are unusable.
 */
int mp_scan(struct machine_info *mi, const struct physmem *mem);

#endif /* !NAIAD_ARCH_MPTABLE_H */
