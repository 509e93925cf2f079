/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The ACPI tables Naiad reads (RSDP, RSDT/XSDT, MADT, FADT, the
 * DSDT's _S5) and the functions that check and parse them.
 */
#ifndef NAIAD_ARCH_ACPI_H
#define NAIAD_ARCH_ACPI_H

#include <stdint.h>

#include "arch/i386/machine.h"

/** The Root System Description Pointer, where the ACPI tables begin. */
struct acpi_rsdp {
	char	signature[8];	/**< "RSD PTR " */
	uint8_t	checksum;	/**< the first 20 bytes sum to 0 */
	char	oem_id[6];	/**< who made the firmware */
	uint8_t	revision;	/**< 0: ACPI 1.0; 2: ACPI 2.0 and later */
	uint32_t rsdt_paddr;	/**< physical address of the RSDT */
	uint32_t length;	/**< revision 2: bytes in this structure */
	uint64_t xsdt_paddr;	/**< revision 2: physical address of the XSDT */
	uint8_t	ext_checksum;	/**< revision 2: all length bytes sum to 0 */
	uint8_t	reserved[3];	/**< zero */
} __attribute__((packed));

/** Bytes of an ACPI 1.0 RSDP, covered by its checksum. */
#define ACPI_RSDP_V1_LEN	20
/** Bytes of an ACPI 2.0 RSDP. */
#define ACPI_RSDP_V2_LEN	36

/** The 36-byte header every ACPI table starts with. */
struct acpi_header {
	char	signature[4];	/**< "APIC", "FACP", "DSDT", ... */
	uint32_t length;	/**< bytes in the whole table, header included */
	uint8_t	revision;	/**< of this table's layout */
	uint8_t	checksum;	/**< all length bytes sum to 0 */
	char	oem_id[6];	/**< who made the table */
	char	oem_table_id[8]; /**< the maker's name for it */
	uint32_t oem_revision;	/**< the maker's version of it */
	uint32_t creator_id;	/**< the tool that made it */
	uint32_t creator_revision; /**< the tool's version */
} __attribute__((packed));

/** Longer tables are taken for corrupt; real ones are a few KiB. */
#define ACPI_TABLE_MAX		(1024 * 1024)

/** The MADT (signature "APIC"): the interrupt controllers. */
struct acpi_madt {
	struct acpi_header hdr;	/**< signature "APIC" */
	uint32_t lapic_paddr;	/**< physical address of the local APICs */
	uint32_t flags;		/**< ACPI_MADT_PCAT_COMPAT */
} __attribute__((packed));

/** MADT flag: the PC/AT's dual 8259 PICs are present too. */
#define ACPI_MADT_PCAT_COMPAT	0x1

/** The prefix of every MADT entry. */
struct acpi_madt_entry {
	uint8_t	type;		/**< ACPI_MADT_LAPIC, ... */
	uint8_t	length;		/**< bytes in the entry, prefix included */
} __attribute__((packed));

/** MADT entry types that Naiad reads; others are skipped. */
enum acpi_madt_type {
	ACPI_MADT_LAPIC = 0,		/**< a CPU's local APIC */
	ACPI_MADT_IOAPIC = 1,		/**< an I/O APIC */
	ACPI_MADT_OVERRIDE = 2,		/**< an interrupt source override */
	ACPI_MADT_LAPIC_ADDR = 5	/**< 64-bit local APIC address */
};

/** MADT type 0: one CPU. */
struct acpi_madt_lapic {
	struct acpi_madt_entry e; /**< type 0, length 8 */
	uint8_t	acpi_id;	/**< ACPI processor ID */
	uint8_t	apic_id;	/**< its local APIC ID */
	uint32_t flags;		/**< ACPI_MADT_LAPIC_ENABLED */
} __attribute__((packed));

/** Local APIC flag: this CPU can be used. */
#define ACPI_MADT_LAPIC_ENABLED	0x1

/** MADT type 1: one I/O APIC. */
struct acpi_madt_ioapic {
	struct acpi_madt_entry e; /**< type 1, length 12 */
	uint8_t	id;		/**< its I/O APIC ID */
	uint8_t	reserved;	/**< zero */
	uint32_t paddr;		/**< physical address of its registers */
	uint32_t gsi_base;	/**< the first GSI it serves */
} __attribute__((packed));

/** MADT type 2: an ISA interrupt wired differently. */
struct acpi_madt_override {
	struct acpi_madt_entry e; /**< type 2, length 10 */
	uint8_t	bus;		/**< 0: ISA, the only value defined */
	uint8_t	source;		/**< the ISA IRQ */
	uint32_t gsi;		/**< the GSI it arrives on */
	uint16_t flags;		/**< IRQ_POLARITY_* | IRQ_TRIGGER_* */
} __attribute__((packed));

/** MADT type 5: the local APIC address, in 64 bits. */
struct acpi_madt_lapic_addr {
	struct acpi_madt_entry e; /**< type 5, length 12 */
	uint16_t reserved;	/**< zero */
	uint64_t paddr;		/**< replaces the MADT's lapic_paddr */
} __attribute__((packed));

/** The FADT (signature "FACP"), as far as power-off needs it. */
struct acpi_fadt {
	struct acpi_header hdr;	/**< signature "FACP" */
	uint32_t firmware_ctrl;	/**< physical address of the FACS */
	uint32_t dsdt;		/**< physical address of the DSDT */
	uint8_t	reserved1;	/**< used by ACPI 1.0 only */
	uint8_t	pm_profile;	/**< desktop, laptop, server... */
	uint16_t sci_int;	/**< the interrupt ACPI events arrive on */
	uint32_t smi_cmd;	/**< I/O port of the SMI command */
	uint8_t	acpi_enable;	/**< write to smi_cmd to enter ACPI mode */
	uint8_t	acpi_disable;	/**< write to smi_cmd to leave it */
	uint8_t	s4bios_req;	/**< write to smi_cmd for S4BIOS */
	uint8_t	pstate_cnt;	/**< write to smi_cmd for P-state control */
	uint32_t pm1a_evt_blk;	/**< I/O port of the PM1a event block */
	uint32_t pm1b_evt_blk;	/**< ... of the PM1b event block */
	uint32_t pm1a_cnt_blk;	/**< I/O port of the PM1a control block */
	uint32_t pm1b_cnt_blk;	/**< ... of the PM1b control block, or 0 */
	uint8_t	unused[140 - 72]; /**< timers, GPEs, flags, reset register */
	uint64_t x_dsdt;	/**< ACPI 2.0: 64-bit address of the DSDT */
} __attribute__((packed));

/** Bytes of an ACPI 1.0 FADT: the fields before x_dsdt are all there. */
#define ACPI_FADT_V1_LEN	116
/** A FADT at least this long has x_dsdt. */
#define ACPI_FADT_X_DSDT_END	148

/** PM1 control: SCI_EN, set when the machine is in ACPI mode. */
#define ACPI_PM1_SCI_EN		0x0001
/** PM1 control: where the 3-bit sleep type goes. */
#define ACPI_PM1_SLP_TYP_SHIFT	10
/** PM1 control: writing it enters the sleep state SLP_TYP names. */
#define ACPI_PM1_SLP_EN		0x2000

/** \brief The sum of \a n bytes at \a p modulo 256: 0 for a valid table. */
uint8_t acpi_sum(const void *p, uint32_t n);

/**
 * \brief Find a valid RSDP: the EBDA's first KiB, then the BIOS area.
 * \return its physical address, or 0 (problems are noted in \a mi).
 */
uint32_t acpi_find_rsdp(struct machine_info *mi, const struct physmem *mem);

/**
 * \brief Map the table at \a paddr and check its signature \a sig,
 * length and checksum.
 * \return the table, or NULL when a check failed (noted in \a mi).
 */
const struct acpi_header *acpi_map_table(struct machine_info *mi,
    const struct physmem *mem, uint64_t paddr, const char *sig);

/**
 * \brief Fill the CPUs, I/O APICs and overrides of \a mi from a checked
 * MADT.  \return 0, or -EINVAL when the MADT is unusable.
 */
int acpi_parse_madt(struct machine_info *mi, const struct acpi_header *h);

/**
 * \brief Fill the power-off facts of \a mi from a checked FADT and the
 * DSDT it points to.  \return 0, or -EINVAL when the FADT is unusable.
 */
int acpi_parse_fadt(struct machine_info *mi, const struct physmem *mem,
    const struct acpi_header *h);

/**
 * \brief Find "Name(_S5_, Package(){a, b, ...})" in \a len bytes of AML.
 * \return 0 with the sleep types in \a slp_typa and \a slp_typb, or
 * -ENOENT when no package of the simple form is there.
 */
int acpi_find_s5(const uint8_t *aml, uint32_t len, uint8_t *slp_typa,
    uint8_t *slp_typb);

/**
 * \brief Read the ACPI tables into \a mi: the FADT if any, then the MADT.
 * \return 0 when a usable MADT was read; -ENOENT when there is no RSDP or
 * no MADT; -EINVAL when what was found is unusable.
 */
int acpi_scan(struct machine_info *mi, const struct physmem *mem);
#endif /* !NAIAD_ARCH_ACPI_H */
