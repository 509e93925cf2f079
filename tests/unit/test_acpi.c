/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ACPI parser (Chapter "Finding the CPUs") on tables built in a
 * fake physical memory: good tables, and each way a table can be wrong.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "arch/i386/acpi.h"
#include "arch/i386/machine.h"
#include "fake_physmem.h"
/* ENOENT, EINVAL: the host's <errno.h> has kern/errno.h's values for
 * these; including both would redefine ETIMEDOUT (60 in BSD, 110 here). */
#include <errno.h>
#include "suites.h"

#define RSDP_BIOS	0xF5A10u	/* a 16-byte boundary in 0xE0000-0xFFFFF */
#define EBDA		0x9FC00u
#define IOAPIC_PADDR	0xFEC00000u

static struct machine_info mi;

/* Does a note containing text exist? */
static int
has_note(const struct machine_info *m, const char *text)
{
	int i;

	for (i = 0; i < m->nnotes && i < MACHINE_NOTES; i++)
		if (strstr(m->notes[i], text) != NULL)
			return 1;
	return 0;
}

/* A typical two-CPU MADT, as QEMU makes it. */
static uint32_t
typical_madt(void)
{
	struct fake_madt m;

	madt_begin(&m, LAPIC_DEFAULT_PADDR, ACPI_MADT_PCAT_COMPAT);
	madt_cpu(&m, 0, 0, ACPI_MADT_LAPIC_ENABLED);
	madt_cpu(&m, 1, 1, ACPI_MADT_LAPIC_ENABLED);
	madt_ioapic(&m, 0, IOAPIC_PADDR, 0);
	madt_override(&m, 0, 0, 2, 0);
	madt_override(&m, 0, 9, 9, IRQ_POLARITY_HIGH | IRQ_TRIGGER_LEVEL);
	return madt_end(&m);
}

/* RSDT -> tables; RSDP (revision 0) at paddr. */
static void
publish_rsdt(uint32_t rsdp, const uint32_t *tables, int n)
{
	fake_rsdp(rsdp, 0, fake_rsdt(tables, n), 0);
}

/* A fresh memory with the typical MADT alone in an RSDT, its RSDP at
 * rsdp; returns the MADT's address. */
static uint32_t
publish_typical(uint32_t rsdp)
{
	uint32_t madt;

	fake_reset();
	madt = typical_madt();
	publish_rsdt(rsdp, &madt, 1);
	return madt;
}

static void
test_sum(void)
{
	uint8_t b[4] = { 0x10, 0xF0, 0x01, 0xFF };

	CU_ASSERT_EQUAL(acpi_sum(b, 4), 0);
	CU_ASSERT_EQUAL(acpi_sum(b, 3), 1);
	CU_ASSERT_EQUAL(acpi_sum(b, 0), 0);
}

static void
test_typical_machine(void)
{
	char line[128];

	publish_typical(RSDP_BIOS);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_STRING_EQUAL(mi.source, "ACPI");
	CU_ASSERT_EQUAL(mi.root_paddr, RSDP_BIOS);
	CU_ASSERT_STRING_EQUAL(mi.oem, "NAIADX");
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT_EQUAL(mi.cpus[0].apic_id, 0);
	CU_ASSERT_EQUAL(mi.cpus[1].apic_id, 1);
	CU_ASSERT_EQUAL(mi.cpus[1].acpi_id, 1);
	CU_ASSERT_EQUAL(mi.cpus[0].bsp + mi.cpus[1].bsp, 0);
	CU_ASSERT_EQUAL(mi.lapic_paddr, LAPIC_DEFAULT_PADDR);
	CU_ASSERT_EQUAL(mi.has_8259, 1);
	CU_ASSERT_EQUAL(mi.nioapics, 1);
	CU_ASSERT_EQUAL(mi.ioapics[0].paddr, IOAPIC_PADDR);
	CU_ASSERT_EQUAL(mi.noverrides, 2);
	CU_ASSERT_EQUAL(mi.overrides[0].isa_irq, 0);
	CU_ASSERT_EQUAL(mi.overrides[0].gsi, 2);
	CU_ASSERT_EQUAL(mi.overrides[1].flags, 0xD);
	CU_ASSERT_EQUAL(mi.has_fadt, 0);
	CU_ASSERT_EQUAL(mi.nnotes, 0);
	machine_describe(&mi, line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "2 CPUs (APIC IDs 0 1), 1 I/O APIC at "
	    "0xfec00000, from ACPI");
	CU_ASSERT_EQUAL(machine_set_bsp(&mi, 1), 0);
	CU_ASSERT(mi.cpus[1].bsp && !mi.cpus[0].bsp);
	CU_ASSERT_EQUAL(machine_set_bsp(&mi, 7), -ENOENT);
}

static void
test_rsdp_in_ebda_first(void)
{
	struct fake_madt m;
	uint32_t one, two;

	fake_reset();
	two = typical_madt();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 0);
	madt_cpu(&m, 0, 5, ACPI_MADT_LAPIC_ENABLED);
	one = madt_end(&m);
	fake_set_ebda(EBDA);
	publish_rsdt(EBDA + 0x30, &one, 1);
	publish_rsdt(0xE0000, &two, 1);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.root_paddr, EBDA + 0x30);
	CU_ASSERT_EQUAL(mi.ncpus, 1);
	CU_ASSERT_EQUAL(mi.cpus[0].apic_id, 5);
	CU_ASSERT_EQUAL(mi.has_8259, 0);
	/* An EBDA pointer outside conventional memory is not believed. */
	fake_set_ebda(0xC0000);
	CU_ASSERT_EQUAL(acpi_find_rsdp(&mi, &fake_physmem), 0xE0000);
	/* Only 16-byte boundaries count. */
	one = publish_typical(0xE0008);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -ENOENT);
	CU_ASSERT_STRING_EQUAL(mi.source, "none");
	CU_ASSERT_EQUAL(mi.ncpus, 0);
}

static void
test_rsdp_bad_checksum_skipped(void)
{
	uint32_t madt;

	madt = publish_typical(0xE0000);
	fake_ptr(0xE0000)[8] ^= 1;
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note(&mi, "RSDP at 0xe0000: bad checksum"));
	publish_rsdt(0xE0100, &madt, 1);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.root_paddr, 0xE0100);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
}

/* A v2 RSDP whose XSDT lists one MADT and whose RSDT lists another. */
static void
two_roots(uint64_t xsdt_entry_override, int use_real_xsdt_address)
{
	struct fake_madt m;
	uint32_t by_rsdt, by_xsdt, rsdt, xsdt;
	uint64_t x;

	fake_reset();
	by_rsdt = typical_madt();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 0);
	madt_cpu(&m, 3, 3, ACPI_MADT_LAPIC_ENABLED);
	madt_cpu(&m, 4, 4, ACPI_MADT_LAPIC_ENABLED);
	madt_cpu(&m, 6, 6, ACPI_MADT_LAPIC_ENABLED);
	by_xsdt = madt_end(&m);
	x = xsdt_entry_override != 0 ? xsdt_entry_override : by_xsdt;
	rsdt = fake_rsdt(&by_rsdt, 1);
	xsdt = fake_xsdt(&x, 1);
	fake_rsdp(0xF0000, 2, rsdt,
	    use_real_xsdt_address ? xsdt : 0x100000000ULL + xsdt);
}

static void
test_xsdt_preferred(void)
{
	two_roots(0, 1);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 3);
	CU_ASSERT_EQUAL(mi.cpus[2].apic_id, 6);
	CU_ASSERT_EQUAL(mi.nnotes, 0);
}

static void
test_xsdt_above_4g_uses_rsdt(void)
{
	two_roots(0, 0);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT_EQUAL(mi.cpus[1].apic_id, 1);
}

static void
test_xsdt_entry_above_4g_skipped(void)
{
	two_roots(0x123456789ULL, 1);
	/* The XSDT's only MADT is out of reach: no MADT at all. */
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -ENOENT);
	CU_ASSERT(has_note(&mi, "above 4 GiB"));
	CU_ASSERT_EQUAL(mi.nnotes, 1);		/* once, not per search */
}

static void
test_rsdp_v2_bad_extended_checksum_uses_rsdt(void)
{
	two_roots(0, 1);
	fake_ptr(0xF0000)[32] ^= 0x40;		/* extended checksum */
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT(has_note(&mi, "using RSDT"));
}

static void
test_xsdt_bad_checksum_falls_back_to_rsdt(void)
{
	uint8_t *rsdp;
	uint32_t xsdt;

	two_roots(0, 1);
	rsdp = fake_ptr(0xF0000);
	xsdt = rsdp[24] | rsdp[25] << 8 | rsdp[26] << 16 | rsdp[27] << 24;
	fake_ptr(xsdt)[36] ^= 1;
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT(has_note(&mi, "XSDT"));
}

static void
test_madt_bad_checksum(void)
{
	uint32_t madt;

	madt = publish_typical(0xE0000);
	fake_ptr(madt)[40] ^= 0x80;		/* the flags, unsummed */
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note(&mi, "APIC at 0x7fe"));
	CU_ASSERT(has_note(&mi, "bad checksum"));
	CU_ASSERT_EQUAL(mi.ncpus, 0);
	CU_ASSERT_STRING_EQUAL(mi.source, "none");
}

static void
test_madt_second_copy_used(void)
{
	uint32_t tables[2];

	fake_reset();
	tables[0] = typical_madt();
	tables[1] = typical_madt();
	fake_ptr(tables[0])[44] ^= 1;
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT_EQUAL(mi.nnotes, 1);
}

static void
test_table_length_checked(void)
{
	uint32_t madt;
	uint8_t *p;

	/* Length shorter than a header. */
	madt = publish_typical(0xE0000);
	p = fake_ptr(madt);
	p[4] = 20;
	fake_acpi_fix(madt);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note(&mi, "bad length"));
	/* Length running out of (fake) memory. */
	p[4] = 0x00;
	p[5] = 0x00;
	p[6] = 0x02;				/* 128 KiB */
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note(&mi, "bad length"));
	/* Absurd length. */
	p[7] = 0x40;
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	/* Header present but shorter than the MADT's fixed part. */
	fake_reset();
	madt = fake_acpi_table("APIC", "\0\0\xE0\xFE", 4);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note(&mi, "too short"));
}

/* Scan a MADT holding one good CPU followed by the raw entry given. */
static int
scan_cpu_and_entry(const void *entry, uint32_t len)
{
	struct fake_madt m;
	uint32_t madt;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 0, 1);
	madt_raw(&m, entry, len);
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	return machine_scan(&mi, &fake_physmem);
}

static void
test_madt_entry_past_end(void)
{
	uint8_t bad[] = { 0, 8, 0, 1, 1, 0 };	/* says 8, has 6 */

	CU_ASSERT_EQUAL(scan_cpu_and_entry(bad, sizeof(bad)), -EINVAL);
	CU_ASSERT(has_note(&mi, "runs past the end"));
	CU_ASSERT_EQUAL(mi.ncpus, 0);
}

static void
test_madt_entry_length_zero_or_short(void)
{
	uint8_t zero[] = { 7, 0, 0, 0 };
	uint8_t short_cpu[] = { 0, 4, 0, 1 };

	CU_ASSERT_EQUAL(scan_cpu_and_entry(zero, sizeof(zero)), -EINVAL);
	CU_ASSERT(has_note(&mi, "runs past the end"));

	CU_ASSERT_EQUAL(scan_cpu_and_entry(short_cpu, sizeof(short_cpu)), -EINVAL);
	CU_ASSERT(has_note(&mi, "type 0 too short"));
}

static void
test_madt_unknown_types_skipped(void)
{
	struct fake_madt m;
	uint8_t nmi[6] = { 4, 6, 0xFF, 5, 0, 1 };
	uint8_t x2apic[16] = { 9, 16, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 8 };
	uint8_t future[3] = { 0x7F, 3, 0xAA };
	uint8_t longer_cpu[10] = { 0, 10, 2, 2, 1, 0, 0, 0, 0xEE, 0xEE };
	uint32_t madt;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_raw(&m, nmi, sizeof(nmi));
	madt_cpu(&m, 0, 0, 1);
	madt_raw(&m, x2apic, sizeof(x2apic));
	madt_raw(&m, future, sizeof(future));
	madt_raw(&m, longer_cpu, sizeof(longer_cpu));
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT_EQUAL(mi.cpus[1].apic_id, 2);
	CU_ASSERT_EQUAL(mi.nnotes, 0);
}

static void
test_madt_disabled_and_too_many_cpus(void)
{
	struct fake_madt m;
	uint32_t madt;
	int i;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 0, 0);			/* disabled */
	for (i = 1; i <= MAXCPU + 4; i++)
		madt_cpu(&m, i, 2 * i, ACPI_MADT_LAPIC_ENABLED);
	madt_cpu(&m, 99, 99, 2);		/* online capable only */
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, MAXCPU);
	CU_ASSERT_EQUAL(mi.cpus_ignored, 4);
	CU_ASSERT_EQUAL(mi.cpus_disabled, 2);
	for (i = 0; i < MAXCPU; i++)
		CU_ASSERT_EQUAL(mi.cpus[i].apic_id, 2 * (i + 1));
}

static void
test_madt_duplicate_apic_id(void)
{
	struct fake_madt m;
	uint32_t madt;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 0, 1);
	madt_cpu(&m, 1, 0, 1);
	madt_cpu(&m, 2, 1, 1);
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT(has_note(&mi, "APIC ID 0 listed twice"));
}

static void
test_madt_no_usable_cpu(void)
{
	struct fake_madt m;
	uint32_t madt;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 0, 0);
	madt_ioapic(&m, 0, IOAPIC_PADDR, 0);
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note(&mi, "no usable CPU"));
	CU_ASSERT_EQUAL(mi.nioapics, 0);	/* forgotten with the CPUs */
}

static void
test_madt_lapic_address_override(void)
{
	uint8_t addr[12] = { 5, 12, 0, 0, 0x00, 0x00, 0xD0, 0xFE };
	uint8_t high[12] = { 5, 12, 0, 0, 0, 0, 0, 0, 1 };

	CU_ASSERT_EQUAL_FATAL(scan_cpu_and_entry(addr, sizeof(addr)), 0);
	CU_ASSERT_EQUAL(mi.lapic_paddr, 0xFED00000u);

	CU_ASSERT_EQUAL_FATAL(scan_cpu_and_entry(high, sizeof(high)), 0);
	CU_ASSERT_EQUAL(mi.lapic_paddr, LAPIC_DEFAULT_PADDR);
	CU_ASSERT(has_note(&mi, "above 4 GiB"));
}

static void
test_madt_ioapics_and_overrides_limits(void)
{
	struct fake_madt m;
	uint32_t madt;
	int i;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 0, 1);
	for (i = 0; i < MAXIOAPIC + 1; i++)
		madt_ioapic(&m, i, IOAPIC_PADDR + 0x1000 * i, 24 * i);
	madt_override(&m, 1, 3, 3, 0);		/* bus 1: not ISA */
	madt_override(&m, 0, 16, 20, 0);	/* not an ISA IRQ */
	madt_override(&m, 0, 4, 20, 0);
	madt_override(&m, 0, 4, 21, 0);		/* twice */
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.nioapics, MAXIOAPIC);
	CU_ASSERT_EQUAL(mi.ioapics[MAXIOAPIC - 1].gsi_base,
	    24 * (MAXIOAPIC - 1));
	CU_ASSERT_EQUAL(mi.noverrides, 1);
	CU_ASSERT_EQUAL(mi.overrides[0].gsi, 20);
	CU_ASSERT_EQUAL(mi.nnotes, 4);
	CU_ASSERT(has_note(&mi, "MAXIOAPIC"));
	CU_ASSERT(has_note(&mi, "IRQ 4 overridden twice"));
}

static void
test_notes_overflow_counted(void)
{
	struct fake_madt m;
	uint32_t madt;
	int i;

	fake_reset();
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 0, 1);
	for (i = 0; i < MACHINE_NOTES + 3; i++)
		madt_cpu(&m, 0, 0, 1);
	madt = madt_end(&m);
	publish_rsdt(0xE0000, &madt, 1);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.nnotes, MACHINE_NOTES + 3);
}

/* AML bytes: Name(_S5_, Package(n){...}) with the given elements. */
static uint32_t
dsdt_with(const uint8_t *aml, uint32_t len)
{
	return fake_acpi_table("DSDT", aml, len);
}

static const uint8_t qemu_s5[] = {
	0x10, 0x05, 0x5C, 0x00,			/* some scope before */
	0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00,
	0x14, 0x08, '_', 'P', 'T', 'S', 0x01, 0x70,
};

static void
test_fadt_and_s5(void)
{
	uint32_t tables[2];

	fake_reset();
	tables[0] = fake_fadt(116, dsdt_with(qemu_s5, sizeof(qemu_s5)), 0,
	    0x604, 0, 0xB2, 0xF1);
	tables[1] = typical_madt();
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.has_fadt, 1);
	CU_ASSERT_EQUAL(mi.pm1a_cnt_port, 0x604);
	CU_ASSERT_EQUAL(mi.pm1b_cnt_port, 0);
	CU_ASSERT_EQUAL(mi.smi_cmd, 0xB2);
	CU_ASSERT_EQUAL(mi.acpi_enable, 0xF1);
	CU_ASSERT_EQUAL(mi.has_s5, 1);
	CU_ASSERT_EQUAL(mi.s5_slp_typa, 0);
	CU_ASSERT_EQUAL(mi.s5_slp_typb, 0);
	CU_ASSERT_EQUAL(mi.nnotes, 0);
}

static void
test_fadt_x_dsdt_preferred(void)
{
	static const uint8_t five[] = {
		0x08, 0x5C, '_', 'S', '5', '_', 0x12, 0x06, 0x02,
		0x0A, 0x05, 0x0A, 0x06,
	};
	static const uint8_t other[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x03, 0x01, 0x01,
	};
	uint32_t tables[2], d_old, d_new;

	fake_reset();
	d_old = dsdt_with(other, sizeof(other));
	d_new = dsdt_with(five, sizeof(five));
	tables[0] = fake_fadt(148, d_old, d_new, 0x1004, 0x1008, 0, 0);
	tables[1] = typical_madt();
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.pm1b_cnt_port, 0x1008);
	CU_ASSERT_EQUAL(mi.has_s5, 1);
	CU_ASSERT_EQUAL(mi.s5_slp_typa, 5);
	CU_ASSERT_EQUAL(mi.s5_slp_typb, 6);
	/* An ACPI 1.0 FADT has no x_dsdt: the old DSDT it is. */
	fake_reset();
	d_old = dsdt_with(other, sizeof(other));
	tables[0] = fake_fadt(116, d_old, 0, 0x1004, 0, 0, 0);
	tables[1] = typical_madt();
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.s5_slp_typa, 1);
	CU_ASSERT_EQUAL(mi.s5_slp_typb, 0);	/* one-element package */
}

static void
test_fadt_problems(void)
{
	uint32_t tables[2], dsdt;

	/* Too short: no power-off facts, CPUs still fine. */
	fake_reset();
	tables[0] = fake_fadt(100, 0, 0, 0x604, 0, 0, 0);
	tables[1] = typical_madt();
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.has_fadt, 0);
	CU_ASSERT(has_note(&mi, "FACP"));
	/* A DSDT with a bad checksum: ports, but no S5. */
	fake_reset();
	dsdt = dsdt_with(qemu_s5, sizeof(qemu_s5));
	fake_ptr(dsdt)[40] ^= 1;
	tables[0] = fake_fadt(116, dsdt, 0, 0x604, 0, 0xB2, 0xF1);
	tables[1] = typical_madt();
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.has_fadt, 1);
	CU_ASSERT_EQUAL(mi.has_s5, 0);
	CU_ASSERT(has_note(&mi, "DSDT at"));
	/* A DSDT without _S5_. */
	fake_reset();
	tables[0] = fake_fadt(116, dsdt_with(qemu_s5, 4), 0, 0x604, 0, 0, 0);
	tables[1] = typical_madt();
	publish_rsdt(0xE0000, tables, 2);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.has_s5, 0);
	CU_ASSERT(has_note(&mi, "_S5"));
}

static int
s5(const uint8_t *aml, uint32_t len, int *a, int *b)
{
	uint8_t x = 0xEE, y = 0xEE;
	int error = acpi_find_s5(aml, len, &x, &y);

	*a = x;
	*b = y;
	return error;
}

static void
test_s5_encodings(void)
{
	static const uint8_t one_byte[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x07, 0x04, 0x01, 0x0A, 0x07,
		0x00, 0x00,
	};
	static const uint8_t two_byte_pkglen[] = {	/* length 0x45 */
		0x08, '_', 'S', '5', '_', 0x12, 0x45, 0x04, 0x02, 0x0A, 0x03,
		0x0A, 0x04,
	};
	static const uint8_t method[] = {	/* Method(_S5_): not a Name */
		0x14, 0x0A, '_', 'S', '5', '_', 0x00, 0xA4, 0x12, 0x04, 0x01,
		0x00,
	};
	static const uint8_t dword[] = {	/* DWordConst: not ours */
		0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x02, 0x0C, 1, 0, 0, 0,
		0x00,
	};
	static const uint8_t too_big[] = {	/* SLP_TYP is 3 bits */
		0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0A, 0x09, 0x00,
	};
	static const uint8_t pkg_past_end[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x3F, 0x02, 0x00, 0x00,
	};
	static const uint8_t empty_pkg[] = {
		0x08, '_', 'S', '5', '_', 0x12, 0x02, 0x00,
	};
	uint8_t buf[4200];
	int a, b;

	CU_ASSERT_EQUAL(s5(one_byte, sizeof(one_byte), &a, &b), 0);
	CU_ASSERT(a == 1 && b == 7);
	CU_ASSERT_EQUAL(s5(two_byte_pkglen, sizeof(two_byte_pkglen), &a, &b),
	    -ENOENT);			/* 45 04: length 0x45, past the end */
	/* A two-byte PkgLength, the package really that long. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\x08_S5_\x12\x41\x04\x02\x0A\x03\x0A\x04", 13);
	CU_ASSERT_EQUAL(s5(buf, 6 + 0x41, &a, &b), 0);
	CU_ASSERT(a == 3 && b == 4);
	CU_ASSERT_EQUAL(s5(buf, 6 + 0x40, &a, &b), -ENOENT);
	CU_ASSERT_EQUAL(s5(method, sizeof(method), &a, &b), -ENOENT);
	CU_ASSERT_EQUAL(s5(dword, sizeof(dword), &a, &b), -ENOENT);
	CU_ASSERT_EQUAL(s5(too_big, sizeof(too_big), &a, &b), -ENOENT);
	CU_ASSERT_EQUAL(s5(pkg_past_end, sizeof(pkg_past_end), &a, &b),
	    -ENOENT);
	CU_ASSERT_EQUAL(s5(empty_pkg, sizeof(empty_pkg), &a, &b), -ENOENT);
	/* Every truncation of a good one fails cleanly. */
	for (a = 0; a < (int)sizeof(one_byte); a++) {
		int x, y;

		CHECK_MSG(s5(one_byte, a, &x, &y) == -ENOENT, __LINE__,
		    "truncated to %d bytes", a);
	}
	/* A first candidate that is not a package; a good one after it. */
	memset(buf, 0, sizeof(buf));
	memcpy(buf, "\x08_S5_\x0A\x05 \x08\\_S5_\x12\x05\x02\x01\x01", 20);
	CU_ASSERT_EQUAL(s5(buf, 20, &a, &b), 0);
	CU_ASSERT(a == 1 && b == 1);
}

static void
test_no_tables_at_all(void)
{
	char line[64];

	fake_reset();
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -ENOENT);
	CU_ASSERT_STRING_EQUAL(mi.source, "none");
	CU_ASSERT_EQUAL(mi.nnotes, 0);
	machine_describe(&mi, line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "no usable ACPI or MP tables");
}

static void
test_rsdt_without_madt(void)
{
	uint32_t fadt;

	fake_reset();
	fadt = fake_fadt(116, 0, 0, 0x604, 0, 0, 0);
	publish_rsdt(0xE0000, &fadt, 1);
	machine_clear(&mi);
	CU_ASSERT_EQUAL(acpi_scan(&mi, &fake_physmem), -ENOENT);
	CU_ASSERT_EQUAL(mi.has_fadt, 1);
}

static void
test_describe_cuts_cleanly(void)
{
	char big[256], small[16];
	int n, i;

	machine_clear(&mi);
	mi.source = "MP";
	for (i = 0; i < 3; i++)
		machine_add_cpu(&mi, (uint8_t)(i * 10), 0xFF, i == 0);
	mi.cpus_ignored = 5;
	machine_add_ioapic(&mi, 4, 0xFEC00000u, 0);
	machine_add_ioapic(&mi, 5, 0xFEC01000u, 24);
	n = machine_describe(&mi, big, sizeof(big));
	CU_ASSERT_STRING_EQUAL(big, "3 CPUs (APIC IDs 0 10 20), 2 I/O APICs "
	    "at 0xfec00000 0xfec01000, 5 more CPUs ignored, from MP");
	CU_ASSERT_EQUAL(n, (int)strlen(big));
	CU_ASSERT_EQUAL(machine_describe(&mi, small, sizeof(small)), n);
	CU_ASSERT_EQUAL(strlen(small), sizeof(small) - 1);
	CU_ASSERT_EQUAL(strncmp(small, big, sizeof(small) - 1), 0);
	machine_clear(&mi);
	machine_add_cpu(&mi, 0, 0, 1);
	machine_describe(&mi, big, sizeof(big));
	CU_ASSERT_STRING_EQUAL(big, "1 CPU (APIC ID 0), 0 I/O APICs, "
	    "from none");
}

int
add_acpi_suite(void)
{
	static const struct unit_test tests[] = {
		{ "acpi_sum", test_sum },
		{ "acpi_typical_machine", test_typical_machine },
		{ "acpi_rsdp_in_ebda_first", test_rsdp_in_ebda_first },
		{ "acpi_rsdp_bad_checksum_skipped",
		    test_rsdp_bad_checksum_skipped },
		{ "acpi_xsdt_preferred", test_xsdt_preferred },
		{ "acpi_xsdt_above_4g_uses_rsdt",
		    test_xsdt_above_4g_uses_rsdt },
		{ "acpi_xsdt_entry_above_4g_skipped",
		    test_xsdt_entry_above_4g_skipped },
		{ "acpi_rsdp_v2_bad_extended_checksum_uses_rsdt",
		    test_rsdp_v2_bad_extended_checksum_uses_rsdt },
		{ "acpi_xsdt_bad_checksum_falls_back_to_rsdt",
		    test_xsdt_bad_checksum_falls_back_to_rsdt },
		{ "acpi_madt_bad_checksum", test_madt_bad_checksum },
		{ "acpi_madt_second_copy_used", test_madt_second_copy_used },
		{ "acpi_table_length_checked", test_table_length_checked },
		{ "acpi_madt_entry_past_end", test_madt_entry_past_end },
		{ "acpi_madt_entry_length_zero_or_short",
		    test_madt_entry_length_zero_or_short },
		{ "acpi_madt_unknown_types_skipped",
		    test_madt_unknown_types_skipped },
		{ "acpi_madt_disabled_and_too_many_cpus",
		    test_madt_disabled_and_too_many_cpus },
		{ "acpi_madt_duplicate_apic_id", test_madt_duplicate_apic_id },
		{ "acpi_madt_no_usable_cpu", test_madt_no_usable_cpu },
		{ "acpi_madt_lapic_address_override",
		    test_madt_lapic_address_override },
		{ "acpi_madt_ioapics_and_overrides_limits",
		    test_madt_ioapics_and_overrides_limits },
		{ "acpi_notes_overflow_counted", test_notes_overflow_counted },
		{ "acpi_fadt_and_s5", test_fadt_and_s5 },
		{ "acpi_fadt_x_dsdt_preferred", test_fadt_x_dsdt_preferred },
		{ "acpi_fadt_problems", test_fadt_problems },
		{ "acpi_s5_encodings", test_s5_encodings },
		{ "acpi_no_tables_at_all", test_no_tables_at_all },
		{ "acpi_rsdt_without_madt", test_rsdt_without_madt },
		{ "machine_describe_cuts_cleanly", test_describe_cuts_cleanly },
		{ NULL, NULL }
	};

	return add_suite("acpi", tests);
}
