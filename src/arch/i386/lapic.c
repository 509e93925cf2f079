/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/lapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/panic.h"
#include "vm/pmap.h"

volatile uint32_t *lapic_regs;

volatile uint32_t lapic_spurious_count;
volatile uint32_t lapic_error_count;
volatile uint32_t lapic_last_esr;

/* The spurious vector: count it; no EOI (nothing is in service). */
static void
lapic_spurious(struct trapframe *tf)
{
	(void)tf;
	__sync_fetch_and_add(&lapic_spurious_count, 1);
}

/* The error status register, written first as the manual asks. */
uint32_t
lapic_esr(void)
{
	lapic_write(LAPIC_ESR, 0);	/* latch the errors seen so far */
	return lapic_read(LAPIC_ESR);
}

/* The APIC error vector: count, report the status, EOI. */
static void
lapic_error(struct trapframe *tf)
{
	uint32_t esr = lapic_esr();

	(void)tf;
	lapic_last_esr = esr;
	__sync_fetch_and_add(&lapic_error_count, 1);
	kprintf("lapic: error status 0x%x on APIC ID %u\n", esr, lapic_id());
	lapic_eoi();
}
/* Map the local APIC's page where the MSR says it is; boot CPU, once. */
static void
lapic_map(uint32_t msr_paddr)
{
	uint32_t paddr = machine.lapic_paddr ? machine.lapic_paddr : msr_paddr;

	KASSERT(mycpu->gd_cpuid == 0, ("lapic: cpu%d before the boot CPU",
	    mycpu->gd_cpuid));
	lapic_regs = pmap_mapdev(paddr, PAGE_SIZE);
	if (lapic_regs == NULL)
		panic("lapic: cannot map the local APIC at 0x%x", paddr);
	trap_set_handler(VEC_APIC_SPURIOUS, lapic_spurious);
	trap_set_handler(VEC_APIC_ERROR, lapic_error);
}
/* This CPU's local APIC: mapped once, enabled, LVT set; every CPU, once. */
void
lapic_init(void)
{
	uint64_t base = rdmsr(IA32_APIC_BASE);
	int bsp = (base & APIC_BASE_BSP) != 0;
	int nlvt;

	if ((base & APIC_BASE_ENABLE) == 0)
		wrmsr(IA32_APIC_BASE, base | APIC_BASE_ENABLE);
	if (lapic_regs == NULL)
		lapic_map((uint32_t)base & APIC_BASE_ADDR);
	nlvt = APIC_VERSION_NLVT(lapic_read(LAPIC_VERSION));
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, APIC_SVR_ENABLE | VEC_APIC_SPURIOUS);
	lapic_write(LAPIC_LVT_LINT0, APIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, bsp ? APIC_LVT_DM_NMI : APIC_LVT_MASKED);
	lapic_write(LAPIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	if (nlvt >= 5)
		lapic_write(LAPIC_LVT_THERMAL, APIC_LVT_MASKED);
	if (nlvt >= 4)
		lapic_write(LAPIC_LVT_PERF, APIC_LVT_MASKED);
	lapic_write(LAPIC_ESR, 0);
	lapic_write(LAPIC_LVT_ERROR, VEC_APIC_ERROR);
	lapic_write(LAPIC_ESR, 0);
	lapic_eoi();
}
#define LAPIC_IPI_SPINS	1000000	/* polls of the delivery status */

/* Wait until the last IPI left this CPU; -ETIMEDOUT if it never does. */
int
lapic_ipi_wait(void)
{
	int i;

	for (i = 0; i < LAPIC_IPI_SPINS; i++) {
		if ((lapic_read(LAPIC_ICR_LO) & APIC_ICR_BUSY) == 0)
			return 0;
		cpu_pause();
	}
	return -ETIMEDOUT;
}
/* Send ICR to APIC_ID, interrupts off for the two writes; 0 or an error. */
int
lapic_ipi(uint8_t apic_id, uint32_t icr)
{
	uint32_t eflags = read_eflags();
	int error;

	cpu_disable_intr();
	error = lapic_ipi_wait();
	if (error == 0) {
		lapic_write(LAPIC_ICR_HI, apic_icr_dest(apic_id));
		lapic_write(LAPIC_ICR_LO, icr);
	}
	if (eflags & PSL_I)
		cpu_enable_intr();
	return error;
}

/* A fixed IPI on VECTOR to this CPU. */
int
lapic_ipi_self(uint8_t vector)
{
	return lapic_ipi(0, apic_icr_fixed(vector) | APIC_ICR_SELF);
}
