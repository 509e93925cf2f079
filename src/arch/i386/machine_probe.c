/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The kernel's side of the machine description: reaching physical
 * memory, the global description, and printing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/machine.h"
#include "kern/kprintf.h"
#include "kern/poweroff.h"
#include "kern/sysinit.h"
#include "vm/pmap.h"
#include "vm/vm_param.h"

/* Physical memory the kernel can read (directly, or the direct map). */
const void *
acpi_map(uint64_t paddr, uint32_t len)
{
	vm_paddr_t top = pmap_direct_top();

	if (paddr == 0 || len == 0 || paddr + len > 0x100000000ULL)
		return NULL;
	if (top == 0)		/* paging is off: physical is virtual */
		return (const void *)(uintptr_t)paddr;
	if (paddr < PAGE_SIZE || paddr + len > top)
		return NULL;	/* page 0, or beyond the direct map */
	return (const void *)(uintptr_t)paddr;
}

/* acpi_map in the shape of struct physmem. */
static const void *
kernel_map(void *arg, uint64_t paddr, uint32_t len)
{
	(void)arg;
	return acpi_map(paddr, len);
}

const struct physmem kernel_physmem = { kernel_map, NULL };

struct machine_info machine;

/* Any thread: scan the tables this kernel can reach, mark the BSP. */
int
machine_probe(struct machine_info *mi)
{
	uint32_t regs[4];
	uint8_t me;
	int error;

	error = machine_scan(mi, &kernel_physmem);
	cpu_cpuid(1, regs);
	me = (uint8_t)(regs[1] >> 24);
	if (error == 0 && machine_set_bsp(mi, me) != 0)
		machine_note(mi, "boot CPU (APIC ID %u) is not listed", me);
	return error;
}

/* The boot step: fill machine, say what it holds, install the door. */
static void
machine_init(void *arg)
{
	char line[160];
	int error, i;

	(void)arg;
	error = machine_probe(&machine);
	machine_describe(&machine, line, sizeof(line));
	kprintf("machine: %s\n", line);
	for (i = 0; i < machine.nnotes && i < MACHINE_NOTES; i++)
		kprintf("machine: note: %s\n", machine.notes[i]);
	if (machine.nnotes > MACHINE_NOTES)
		kprintf("machine: %d more notes\n",
		    machine.nnotes - MACHINE_NOTES);
	if (error != 0)
		kprintf("machine: error %d: only the boot CPU is known\n",
		    error);
	if (machine.has_fadt && machine.has_s5 && machine.pm1a_cnt_port != 0)
		poweroff_set_firmware_door(acpi_poweroff);
}

SYSINIT(machine, SI_BOOT2_MACHINE, SI_ORDER_FIRST, machine_init, NULL);

/* Polarity and trigger as words (a static buffer: the monitor's thread). */
static const char *
irq_flags_name(uint16_t flags)
{
	static const char *pol[] = { "bus polarity", "high", "?", "low" };
	static const char *trig[] = { "bus trigger", "edge", "?", "level" };
	static char buf[32];

	ksnprintf(buf, sizeof(buf), "%s, %s", pol[flags & 3],
	    trig[(flags >> 2) & 3]);
	return buf;
}

/* Everything in MI on the console, for the cpus command. */
void
machine_print(const struct machine_info *mi)
{
	int i;

	kprintf("source: %s, root table at 0x%x, OEM \"%s\"\n", mi->source,
	    mi->root_paddr, mi->oem);
	kprintf("local APICs at 0x%x; 8259 PICs %s%s\n", mi->lapic_paddr,
	    mi->has_8259 ? "present" : "absent",
	    mi->imcr ? "; IMCR present" : "");
	for (i = 0; i < mi->ncpus; i++)
		kprintf("CPU %d: APIC ID %u, ACPI ID %u%s\n", i,
		    mi->cpus[i].apic_id, mi->cpus[i].acpi_id,
		    mi->cpus[i].bsp ? ", boot CPU" : "");
	if (mi->cpus_disabled + mi->cpus_ignored > 0)
		kprintf("(%d CPUs disabled by firmware, %d beyond MAXCPU)\n",
		    mi->cpus_disabled, mi->cpus_ignored);
	for (i = 0; i < mi->nioapics; i++)
		kprintf("I/O APIC %d: ID %u at 0x%x, GSIs from %u\n", i,
		    mi->ioapics[i].id, mi->ioapics[i].paddr,
		    mi->ioapics[i].gsi_base);
	for (i = 0; i < mi->noverrides; i++)
		kprintf("IRQ %u -> GSI %u (%s)\n", mi->overrides[i].isa_irq,
		    mi->overrides[i].gsi,
		    irq_flags_name(mi->overrides[i].flags));
	if (mi->has_fadt)
		kprintf("power-off: PM1a_CNT 0x%x, PM1b_CNT 0x%x, SMI_CMD 0x%x "
		    "(enable 0x%x), S5 %s %u/%u\n", mi->pm1a_cnt_port,
		    mi->pm1b_cnt_port, mi->smi_cmd, mi->acpi_enable,
		    mi->has_s5 ? "SLP_TYP" : "unknown", mi->s5_slp_typa,
		    mi->s5_slp_typb);
	else
		kprintf("power-off: no FADT\n");
	for (i = 0; i < mi->nnotes && i < MACHINE_NOTES; i++)
		kprintf("note: %s\n", mi->notes[i]);
}
