/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The machine description on the emulator's real firmware tables,
 * checked against sources that do not come from those tables: the
 * CPU's own APIC ID and APIC base register, QEMU's fw_cfg device, and
 * the other kind of table.
 */
#include <stdint.h>

#include "arch/i386/acpi.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/machine.h"
#include "arch/i386/mptable.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "vm/pmap.h"

#define IA32_APIC_BASE		0x1B
#define FW_CFG_SELECTOR		0x510	/* QEMU's firmware configuration */
#define FW_CFG_DATA		0x511
#define FW_CFG_SIGNATURE	0x0000
#define FW_CFG_NB_CPUS		0x0005

static struct machine_info probed, by_acpi, by_mp;

static uint8_t
my_apic_id(void)
{
	uint32_t regs[4];

	cpu_cpuid(1, regs);
	return (uint8_t)(regs[1] >> 24);
}

/* How many CPUs QEMU was started with, or -1 when this is not QEMU. */
static int
qemu_cpu_count(void)
{
	static const char sig[] = "QEMU";
	int i;

	outw(FW_CFG_SELECTOR, FW_CFG_SIGNATURE);
	for (i = 0; i < 4; i++)
		if (inb(FW_CFG_DATA) != (uint8_t)sig[i])
			return -1;
	outw(FW_CFG_SELECTOR, FW_CFG_NB_CPUS);
	i = inb(FW_CFG_DATA);
	return i | inb(FW_CFG_DATA) << 8;
}

KTEST(machine_probe_finds_tables)
{
	KT_EXPECT_EQ(0, machine_probe(&probed));
	KT_ASSERT(probed.ncpus >= 1);
	KT_EXPECT_EQ(0, probed.nnotes);
	kprintf("machine_probe_finds_tables: %d CPUs from %s, %d notes\n",
	    probed.ncpus, probed.source, probed.nnotes);
}

KTEST(machine_bsp_is_this_cpu)
{
	int i, nbsp = 0;

	machine_probe(&probed);
	for (i = 0; i < probed.ncpus; i++) {
		if (!probed.cpus[i].bsp)
			continue;
		nbsp++;
		KT_EXPECT_EQ(my_apic_id(), probed.cpus[i].apic_id);
	}
	KT_EXPECT_EQ(1, nbsp);
	/* The kernel's own copy, made at boot, agrees. */
	KT_EXPECT_EQ(probed.ncpus, machine.ncpus);
}

KTEST(machine_apic_ids_distinct)
{
	int i, j;

	machine_probe(&probed);
	for (i = 0; i < probed.ncpus; i++)
		for (j = i + 1; j < probed.ncpus; j++)
			KT_ASSERT(probed.cpus[i].apic_id !=
			    probed.cpus[j].apic_id);
}

KTEST(machine_lapic_matches_msr)
{
	uint64_t base = rdmsr(IA32_APIC_BASE);

	machine_probe(&probed);
	KT_EXPECT_EQ((uint32_t)(base & 0xFFFFF000u), probed.lapic_paddr);
	KT_EXPECT_EQ(LAPIC_DEFAULT_PADDR, probed.lapic_paddr);
}

KTEST(machine_has_ioapic)
{
	int i, j;

	machine_probe(&probed);
	KT_ASSERT(probed.nioapics >= 1);
	for (i = 0; i < probed.nioapics; i++) {
		KT_ASSERT(probed.ioapics[i].paddr != 0);
		KT_EXPECT_EQ(0, probed.ioapics[i].paddr & 0x3FF);
		for (j = i + 1; j < probed.nioapics; j++)
			KT_ASSERT(probed.ioapics[i].gsi_base !=
			    probed.ioapics[j].gsi_base);
	}
}

KTEST(machine_cpu_count_matches_qemu)
{
	int n = qemu_cpu_count();

	machine_probe(&probed);
	if (n < 0) {
		kprintf("machine_cpu_count_matches_qemu: no fw_cfg, "
		    "not QEMU: nothing to compare with\n");
		return;
	}
	KT_EXPECT_EQ(n, probed.ncpus + probed.cpus_ignored);
	KT_EXPECT_EQ(n > MAXCPU ? MAXCPU : n, probed.ncpus);
}

/* The GSI ISA IRQ 0 arrives on, by the description's overrides. */
static uint32_t
irq0_gsi(const struct machine_info *mi)
{
	int i;

	for (i = 0; i < mi->noverrides; i++)
		if (mi->overrides[i].isa_irq == 0)
			return mi->overrides[i].gsi;
	return 0;
}

static int
has_apic_id(const struct machine_info *mi, uint8_t id)
{
	int i;

	for (i = 0; i < mi->ncpus; i++)
		if (mi->cpus[i].apic_id == id)
			return 1;
	return 0;
}

/*
 * How many packages (sockets) the CPUs of mi are in.  CPUID leaf 1
 * gives the number of APIC IDs a package spans (EBX bits 23-16, when
 * EDX bit 28, HTT, is set); a package's CPUs share the high bits.
 */
static int
count_packages(const struct machine_info *mi)
{
	uint32_t regs[4], span = 1;
	int i, j, n = 0, shift = 0;

	cpu_cpuid(1, regs);
	if (regs[3] & (1u << 28))
		span = (regs[1] >> 16) & 0xFF;
	while ((1u << shift) < span)
		shift++;
	for (i = 0; i < mi->ncpus; i++) {
		for (j = 0; j < i; j++)
			if (mi->cpus[j].apic_id >> shift ==
			    mi->cpus[i].apic_id >> shift)
				break;
		n += j == i;
	}
	return n;
}

KTEST(acpi_and_mp_tables_agree)
{
	int a, m, i;

	machine_clear(&by_acpi);
	machine_clear(&by_mp);
	a = acpi_scan(&by_acpi, &kernel_physmem);
	m = mp_scan(&by_mp, &kernel_physmem);
	kprintf("acpi_and_mp_tables_agree: ACPI %d (%d CPUs), MP %d "
	    "(%d CPUs)\n", a, by_acpi.ncpus, m, by_mp.ncpus);
	KT_ASSERT(a == 0 || m == 0);
	if (a != 0 || m != 0)
		return;
	/*
	 * Every CPU of the MP table is one of ACPI's.  The MP table lists
	 * them all, or (SeaBIOS, to please old systems) only the first of
	 * each package.
	 */
	for (i = 0; i < by_mp.ncpus; i++)
		KT_ASSERT(has_apic_id(&by_acpi, by_mp.cpus[i].apic_id));
	if (by_mp.ncpus != by_acpi.ncpus)
		KT_EXPECT_EQ(count_packages(&by_acpi), by_mp.ncpus);
	KT_EXPECT_EQ(by_acpi.lapic_paddr, by_mp.lapic_paddr);
	KT_EXPECT_EQ(by_acpi.nioapics, by_mp.nioapics);
	for (i = 0; i < by_acpi.nioapics && i < by_mp.nioapics; i++) {
		KT_EXPECT_EQ(by_acpi.ioapics[i].id, by_mp.ioapics[i].id);
		KT_EXPECT_EQ(by_acpi.ioapics[i].paddr,
		    by_mp.ioapics[i].paddr);
	}
	KT_EXPECT_EQ(irq0_gsi(&by_acpi), irq0_gsi(&by_mp));
}

KTEST(mptable_bsp_flag_is_this_cpu)
{
	int i, nbsp = 0;

	machine_clear(&by_mp);
	if (mp_scan(&by_mp, &kernel_physmem) != 0) {
		kprintf("mptable_bsp_flag_is_this_cpu: no MP table\n");
		return;
	}
	for (i = 0; i < by_mp.ncpus; i++) {
		if (!by_mp.cpus[i].bsp)
			continue;
		nbsp++;
		KT_EXPECT_EQ(my_apic_id(), by_mp.cpus[i].apic_id);
	}
	KT_EXPECT_EQ(1, nbsp);
}

KTEST(acpi_fadt_poweroff_facts)
{
	machine_probe(&probed);
	if (kstrcmp(probed.source, "ACPI") != 0) {
		kprintf("acpi_fadt_poweroff_facts: no ACPI tables\n");
		return;
	}
	KT_ASSERT(probed.has_fadt);
	KT_ASSERT(probed.pm1a_cnt_port != 0);
	KT_ASSERT(probed.has_s5);
	KT_ASSERT(probed.s5_slp_typa <= 7 && probed.s5_slp_typb <= 7);
	/* The SCI_EN bit can be read: the port answers like a PM1 block. */
	kprintf("acpi_fadt_poweroff_facts: PM1a_CNT 0x%x reads 0x%x\n",
	    probed.pm1a_cnt_port, inw(probed.pm1a_cnt_port));
}

KTEST(acpi_map_refuses_what_it_cannot_reach)
{
	KT_ASSERT(acpi_map(0, 16) == 0);
	KT_ASSERT(acpi_map(0xFFFFFFF0u, 32) == 0);
	KT_ASSERT(acpi_map(0x100000000ULL, 1) == 0);
	KT_ASSERT(acpi_map(0xF0000, 16) == (const void *)0xF0000);
	if (pmap_direct_top() != 0) {		/* paging is on */
		KT_ASSERT(acpi_map(0x40E, 2) == 0);	/* page 0 */
		KT_ASSERT(acpi_map(pmap_direct_top() - 8, 16) == 0);
	}
}
