/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The MP table parser on tables built in a fake physical memory, and
 * the order of preference between ACPI and MP.
 */
#include <string.h>

#include "check.h"
#include "arch/i386/acpi.h"
#include "arch/i386/machine.h"
#include "arch/i386/mptable.h"
#include "fake_physmem.h"
/* ENOENT, EINVAL: the host's <errno.h> has kern/errno.h's values for
 * these; including both would redefine ETIMEDOUT (60 in BSD, 110 here). */
#include <errno.h>
#include "suites.h"

static struct machine_info mi;

static int
has_note(const char *text)
{
	int i;

	for (i = 0; i < mi.nnotes && i < MACHINE_NOTES; i++)
		if (strstr(mi.notes[i], text) != NULL)
			return 1;
	return 0;
}

/* The MP table SeaBIOS would build for two CPUs, ISA and PCI buses. */
static uint32_t
typical_config(void)
{
	struct fake_mp m;
	int irq;

	mp_begin(&m);
	mp_cpu(&m, 0, MP_CPU_ENABLED | MP_CPU_BSP);
	mp_cpu(&m, 1, MP_CPU_ENABLED);
	mp_bus(&m, 0, "PCI   ");
	mp_bus(&m, 1, "ISA   ");
	mp_ioapic(&m, 2, MP_IOAPIC_ENABLED, 0xFEC00000u);
	for (irq = 0; irq < 16; irq++)
		if (irq != 2)
			mp_irq(&m, MP_IRQ_INT, 0, 1, irq, 2,
			    irq == 0 ? 2 : irq);
	mp_irq(&m, MP_IRQ_INT, IRQ_POLARITY_LOW | IRQ_TRIGGER_LEVEL, 0,
	    1 << 2, 2, 16);			/* a PCI interrupt */
	mp_irq(&m, 3, 0, 1, 0, 2, 0);		/* ExtINT: the 8259s */
	return mp_end(&m, LAPIC_DEFAULT_PADDR);
}

static void
test_typical_mp(void)
{
	char line[128];

	fake_reset();
	fake_mp_pointer(0xF5B00, typical_config(), 0, MP_FEATURE2_IMCR);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_STRING_EQUAL(mi.source, "MP");
	CU_ASSERT_EQUAL(mi.root_paddr, 0xF5B00);
	CU_ASSERT_STRING_EQUAL(mi.oem, "NAIADMP");
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT(mi.cpus[0].bsp && !mi.cpus[1].bsp);
	CU_ASSERT_EQUAL(mi.cpus[1].apic_id, 1);
	CU_ASSERT_EQUAL(mi.cpus[1].acpi_id, 0xFF);
	CU_ASSERT_EQUAL(mi.lapic_paddr, LAPIC_DEFAULT_PADDR);
	CU_ASSERT_EQUAL(mi.nioapics, 1);
	CU_ASSERT_EQUAL(mi.ioapics[0].id, 2);
	CU_ASSERT_EQUAL(mi.ioapics[0].gsi_base, 0);
	CU_ASSERT_EQUAL(mi.imcr, 1);
	CU_ASSERT_EQUAL(mi.has_8259, 1);
	/* Only IRQ 0 is not wired straight through; PCI is not ISA. */
	CU_ASSERT_EQUAL_FATAL(mi.noverrides, 1);
	CU_ASSERT_EQUAL(mi.overrides[0].isa_irq, 0);
	CU_ASSERT_EQUAL(mi.overrides[0].gsi, 2);
	CU_ASSERT_EQUAL(mi.nnotes, 0);
	machine_describe(&mi, line, sizeof(line));
	CU_ASSERT_STRING_EQUAL(line, "2 CPUs (APIC IDs 0 1), 1 I/O APIC at "
	    "0xfec00000, from MP");
}

static void
test_pointer_places(void)
{
	uint32_t cfg;

	/* The EBDA's first KiB. */
	fake_reset();
	cfg = typical_config();
	fake_set_ebda(0x9F800);
	fake_set_base_kib(638);
	fake_mp_pointer(0x9F800 + 0x3F0, cfg, 0, 0);
	CU_ASSERT_EQUAL(mp_find_pointer(&fake_physmem), 0x9F800 + 0x3F0);
	/* The last KiB of base memory, when the EBDA has none. */
	fake_reset();
	cfg = typical_config();
	fake_set_base_kib(639);
	fake_mp_pointer(639 * 1024 - 1024 + 0x100, cfg, 0, 0);
	CU_ASSERT_EQUAL(mp_find_pointer(&fake_physmem),
	    639 * 1024 - 1024 + 0x100);
	/* The BIOS ROM; an earlier one with a bad checksum is passed over. */
	fake_reset();
	cfg = typical_config();
	fake_mp_pointer(0xF0010, cfg, 0, 0);
	fake_ptr(0xF0010)[4] ^= 1;
	fake_mp_pointer(0xFFFF0, cfg, 0, 0);
	CU_ASSERT_EQUAL(mp_find_pointer(&fake_physmem), 0xFFFF0);
	/* Not on a 16-byte boundary, or in 0xE0000-0xEFFFF: not found. */
	fake_reset();
	cfg = typical_config();
	fake_mp_pointer(0xF0008, cfg, 0, 0);
	fake_mp_pointer(0xE0000, cfg, 0, 0);
	CU_ASSERT_EQUAL(mp_find_pointer(&fake_physmem), 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -ENOENT);
}

static void
test_config_bad_checksum(void)
{
	uint32_t cfg;

	fake_reset();
	cfg = typical_config();
	fake_ptr(cfg)[50] ^= 1;
	fake_mp_pointer(0xF0000, cfg, 0, 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note("PCMP at"));
	CU_ASSERT_EQUAL(mi.ncpus, 0);
	CU_ASSERT_STRING_EQUAL(mi.source, "none");
	/* A pointer to nowhere. */
	fake_reset();
	fake_mp_pointer(0xF0000, 0x40000000u, 0, 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
}

static void
test_unknown_entry_type(void)
{
	struct fake_mp m;
	uint32_t cfg;

	fake_reset();
	mp_begin(&m);
	mp_cpu(&m, 0, MP_CPU_ENABLED | MP_CPU_BSP);
	mp_ioapic(&m, 7, MP_IOAPIC_ENABLED, 0xFEC00000u);
	m.body[20] = 9;				/* the I/O APIC's type */
	cfg = mp_end(&m, LAPIC_DEFAULT_PADDR);
	fake_mp_pointer(0xF0000, cfg, 0, 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note("PCMP: entry 1 is corrupt"));
}

static void
test_entry_count_beyond_length(void)
{
	struct fake_mp m;
	uint32_t cfg;

	fake_reset();
	mp_begin(&m);
	mp_cpu(&m, 0, MP_CPU_ENABLED | MP_CPU_BSP);
	mp_bus(&m, 0, "ISA   ");
	m.count = 3;				/* one more than there are */
	cfg = mp_end(&m, LAPIC_DEFAULT_PADDR);
	fake_mp_pointer(0xF0000, cfg, 0, 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note("entry 2"));
	/* A processor entry cut short by the table's end. */
	fake_reset();
	mp_begin(&m);
	mp_bus(&m, 0, "ISA   ");
	mp_cpu(&m, 0, MP_CPU_ENABLED | MP_CPU_BSP);
	m.len -= 8;
	cfg = mp_end(&m, LAPIC_DEFAULT_PADDR);
	fake_mp_pointer(0xF0000, cfg, 0, 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note("entry 1"));
}

static void
test_disabled_and_too_many(void)
{
	struct fake_mp m;
	uint32_t cfg;
	int i;

	fake_reset();
	mp_begin(&m);
	mp_cpu(&m, 0, MP_CPU_BSP);		/* disabled */
	for (i = 1; i <= MAXCPU + 2; i++)
		mp_cpu(&m, (uint8_t)i, MP_CPU_ENABLED);
	mp_ioapic(&m, 20, 0, 0xFEC00000u);	/* disabled */
	mp_ioapic(&m, 21, MP_IOAPIC_ENABLED, 0xFEC01000u);
	mp_ioapic(&m, 22, MP_IOAPIC_ENABLED, 0xFEC02000u);
	mp_bus(&m, 5, "ISA   ");
	mp_irq(&m, MP_IRQ_INT, 0, 5, 3, 22, 3);	/* second I/O APIC: GSI 27 */
	mp_irq(&m, MP_IRQ_INT, 0, 5, 4, 99, 4);	/* unknown I/O APIC */
	cfg = mp_end(&m, 0xFEE00000u);
	fake_mp_pointer(0xF0000, cfg, 0, 0);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, MAXCPU);
	CU_ASSERT_EQUAL(mi.cpus_ignored, 2);
	CU_ASSERT_EQUAL(mi.cpus_disabled, 1);
	CU_ASSERT_EQUAL(mi.cpus[0].apic_id, 1);
	CU_ASSERT_EQUAL(mi.nioapics, 2);
	CU_ASSERT_EQUAL(mi.ioapics[1].gsi_base, 24);
	CU_ASSERT_EQUAL_FATAL(mi.noverrides, 1);
	CU_ASSERT_EQUAL(mi.overrides[0].isa_irq, 3);
	CU_ASSERT_EQUAL(mi.overrides[0].gsi, 27);
	CU_ASSERT(has_note("unknown I/O APIC 99"));
}

static void
test_no_usable_cpu(void)
{
	struct fake_mp m;
	uint32_t cfg;

	fake_reset();
	mp_begin(&m);
	mp_cpu(&m, 0, 0);
	cfg = mp_end(&m, LAPIC_DEFAULT_PADDR);
	fake_mp_pointer(0xF0000, cfg, 0, 0);
	CU_ASSERT_EQUAL(machine_scan(&mi, &fake_physmem), -EINVAL);
	CU_ASSERT(has_note("no usable CPU"));
}

static void
test_default_configuration(void)
{
	fake_reset();
	fake_mp_pointer(0xF0000, 0, 5, 0);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT(mi.cpus[0].bsp && mi.cpus[1].apic_id == 1);
	CU_ASSERT_EQUAL(mi.nioapics, 1);
	CU_ASSERT_EQUAL(mi.ioapics[0].id, 2);
	CU_ASSERT_EQUAL(mi.ioapics[0].paddr, 0xFEC00000u);
}

static void
test_acpi_preferred_over_mp(void)
{
	struct fake_madt m;
	uint32_t madt;

	fake_reset();
	fake_mp_pointer(0xF0000, typical_config(), 0, 0);
	madt_begin(&m, LAPIC_DEFAULT_PADDR, 1);
	madt_cpu(&m, 0, 4, ACPI_MADT_LAPIC_ENABLED);
	madt = madt_end(&m);
	fake_rsdp(0xF0100, 0, fake_rsdt(&madt, 1), 0);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_STRING_EQUAL(mi.source, "ACPI");
	CU_ASSERT_EQUAL(mi.ncpus, 1);
	CU_ASSERT_EQUAL(mi.cpus[0].apic_id, 4);
	CU_ASSERT_EQUAL(mi.imcr, 0);
}

static void
test_broken_madt_falls_back_keeping_fadt(void)
{
	struct fake_madt m;
	uint32_t tables[2];

	fake_reset();
	fake_mp_pointer(0xF0000, typical_config(), 0, 0);
	madt_begin(&m, 0xFEE00000u, 1);
	madt_cpu(&m, 0, 4, ACPI_MADT_LAPIC_ENABLED);
	madt_ioapic(&m, 9, 0xFEC00000u, 0);
	tables[0] = fake_fadt(116, 0, 0, 0x604, 0, 0xB2, 0xF1);
	tables[1] = madt_end(&m);
	fake_ptr(tables[1] + 36)[0] ^= 1;	/* the MADT's checksum fails */
	fake_rsdp(0xF0100, 0, fake_rsdt(tables, 2), 0);
	CU_ASSERT_EQUAL_FATAL(machine_scan(&mi, &fake_physmem), 0);
	CU_ASSERT_STRING_EQUAL(mi.source, "MP");
	CU_ASSERT_EQUAL(mi.root_paddr, 0xF0000);
	CU_ASSERT_EQUAL(mi.ncpus, 2);
	CU_ASSERT_EQUAL(mi.ioapics[0].id, 2);
	CU_ASSERT_EQUAL(mi.has_fadt, 1);
	CU_ASSERT_EQUAL(mi.pm1a_cnt_port, 0x604);
	CU_ASSERT(has_note("APIC at"));
}

int
add_mptable_suite(void)
{
	static const struct unit_test tests[] = {
		{ "mptable_typical", test_typical_mp },
		{ "mptable_pointer_places", test_pointer_places },
		{ "mptable_config_bad_checksum", test_config_bad_checksum },
		{ "mptable_unknown_entry_type", test_unknown_entry_type },
		{ "mptable_entry_count_beyond_length",
		    test_entry_count_beyond_length },
		{ "mptable_disabled_and_too_many", test_disabled_and_too_many },
		{ "mptable_no_usable_cpu", test_no_usable_cpu },
		{ "mptable_default_configuration", test_default_configuration },
		{ "machine_acpi_preferred_over_mp", test_acpi_preferred_over_mp },
		{ "machine_broken_madt_falls_back_keeping_fadt",
		    test_broken_madt_falls_back_keeping_fadt },
		{ NULL, NULL }
	};

	return add_suite("mptable", tests);
}
