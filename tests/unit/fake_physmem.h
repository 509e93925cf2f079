/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * A fake physical memory for the ACPI and MP table parsers: the first
 * MiB (BIOS data area, EBDA, BIOS ROM area) and a 64 KiB window that
 * stands for the top of RAM, where firmware puts its ACPI tables.
 * Builders write tables into it with correct checksums; tests then break
 * what they want to break.
 */
#ifndef NAIAD_TESTS_UNIT_FAKE_PHYSMEM_H
#define NAIAD_TESTS_UNIT_FAKE_PHYSMEM_H

#include <stdint.h>

#include "arch/i386/machine.h"

#define FAKE_LOW_SIZE	0x100000u	/* physical 0 to 1 MiB */
#define FAKE_HIGH_BASE	0x07FE0000u	/* where QEMU's tables live */
#define FAKE_HIGH_SIZE	0x10000u

/* The physmem to hand to the parsers. */
extern const struct physmem fake_physmem;

/* Empty the whole fake memory. */
void fake_reset(void);
/* A pointer to physical address paddr (which must be in the fake). */
uint8_t *fake_ptr(uint64_t paddr);
/* Reserve len bytes in the high window, 16-byte aligned. */
uint32_t fake_alloc(uint32_t len);
/* Recompute the checksum byte at offset csum of len bytes at paddr. */
void fake_fix_sum(uint32_t paddr, uint32_t len, uint32_t csum);

/* The BIOS data area's EBDA segment (0x40E) and base memory size (0x413). */
void fake_set_ebda(uint32_t paddr);
void fake_set_base_kib(uint16_t kib);

/* An ACPI table: header (with checksum) and body; returns its address. */
uint32_t fake_acpi_table(const char *sig, const void *body, uint32_t len);
/* Recompute an ACPI table's checksum after a test changed it. */
void fake_acpi_fix(uint32_t paddr);
/* An RSDT or XSDT listing the given tables. */
uint32_t fake_rsdt(const uint32_t *tables, int n);
uint32_t fake_xsdt(const uint64_t *tables, int n);
/* An RSDP at paddr: revision 0 (20 bytes) or 2 (36 bytes). */
void fake_rsdp(uint32_t paddr, int revision, uint32_t rsdt, uint64_t xsdt);

/* A MADT, built entry by entry. */
struct fake_madt {
	uint8_t		body[1024];
	uint32_t	len;
};
void madt_begin(struct fake_madt *m, uint32_t lapic_paddr, uint32_t flags);
void madt_cpu(struct fake_madt *m, uint8_t acpi_id, uint8_t apic_id,
    uint32_t flags);
void madt_ioapic(struct fake_madt *m, uint8_t id, uint32_t paddr,
    uint32_t gsi_base);
void madt_override(struct fake_madt *m, uint8_t bus, uint8_t irq,
    uint32_t gsi, uint16_t flags);
void madt_raw(struct fake_madt *m, const void *bytes, uint32_t len);
uint32_t madt_end(const struct fake_madt *m);

/* A FADT of the given length (116 or 148...) pointing to dsdt. */
uint32_t fake_fadt(uint32_t len, uint32_t dsdt, uint64_t x_dsdt,
    uint16_t pm1a, uint16_t pm1b, uint16_t smi_cmd, uint8_t enable);

/* MP tables: a configuration table, built entry by entry. */
struct fake_mp {
	uint8_t		body[1024];
	uint32_t	len;
	uint16_t	count;
};
void mp_begin(struct fake_mp *m);
void mp_cpu(struct fake_mp *m, uint8_t apic_id, uint8_t flags);
void mp_bus(struct fake_mp *m, uint8_t id, const char *type6);
void mp_ioapic(struct fake_mp *m, uint8_t id, uint8_t flags, uint32_t paddr);
void mp_irq(struct fake_mp *m, uint8_t irq_type, uint16_t flags, uint8_t bus,
    uint8_t irq, uint8_t apic, uint8_t pin);
/* Write the configuration table (local APICs at lapic); its address. */
uint32_t mp_end(const struct fake_mp *m, uint32_t lapic);
/* An MP floating pointer at paddr. */
void fake_mp_pointer(uint32_t paddr, uint32_t config, uint8_t feature1,
    uint8_t feature2);

#endif
