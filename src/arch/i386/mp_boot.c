/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/intr.h"
#include "arch/i386/lapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/mp.h"
#include "arch/i386/pit.h"
#include "arch/i386/segments.h"
#include "arch/i386/trap.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/thread.h"
#include "vm/kmalloc.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"
/* the headers other chapters' NMIs need */
#include "kern/watchdog.h"

#define AP_STACK_PAGES	4	/* 16 KiB, like the boot stack */
#define AP_START_WAIT_MS 1000	/* how long an AP may take to answer */

extern const char ap_trampoline[], ap_trampoline_params[];
extern const char ap_trampoline_end[];

_Static_assert(offsetof(struct ap_params, ap_gdt_limit) == AP_PARAM_GDTR,
    "AP_PARAM_GDTR");
_Static_assert(offsetof(struct ap_params, ap_idt_limit) == AP_PARAM_IDTR,
    "AP_PARAM_IDTR");
_Static_assert(offsetof(struct ap_params, ap_cr3) == AP_PARAM_CR3,
    "AP_PARAM_CR3");
_Static_assert(offsetof(struct ap_params, ap_esp) == AP_PARAM_ESP,
    "AP_PARAM_ESP");
_Static_assert(offsetof(struct ap_params, ap_cpuid) == AP_PARAM_CPUID,
    "AP_PARAM_CPUID");
_Static_assert(sizeof(struct ap_params) == AP_PARAM_SIZE, "AP_PARAM_SIZE");

static volatile int mp_ap_ready = -1;	/* the last AP that said "ready" */
static uint64_t gdt_boot[GDT_NENTRIES];		/* the kernel's, as built */
static uint64_t gdt_cpu[MAXCPU][GDT_NENTRIES];	/* one per CPU */

static void
gdt_save_boot(void)
{
	struct region_descriptor rd;

	__asm__ __volatile__("sgdt %0" : "=m"(rd));
	KASSERT(rd.rd_limit + 1u == sizeof(gdt_boot),
	    ("mp: the boot GDT has %u bytes", rd.rd_limit + 1u));
	kmemcpy(gdt_boot, (const void *)(uintptr_t)rd.rd_base,
	    sizeof(gdt_boot));
}
static void
gdt_cpu_init(struct globaldata *gd)
{
	uint64_t *gdt = gdt_cpu[gd->gd_cpuid];

	kmemcpy(gdt, gdt_boot, sizeof(gdt_boot));
	gdt[GDT_PERCPU] = gdt_descriptor((uint32_t)(uintptr_t)gd,
	    sizeof(*gd) - 1, SEG_P | SEG_DPL(0) | SEG_S | SEG_DATA_RW, SEG_D);
}

static void
gdt_cpu_region(int cpuid, struct region_descriptor *rd)
{
	rd->rd_limit = sizeof(gdt_cpu[cpuid]) - 1;
	rd->rd_base = (uint32_t)(uintptr_t)gdt_cpu[cpuid];
}
void
mp_init_bsp(void)
{
	struct globaldata *gd = &globaldata0;
	struct region_descriptor rd;
	uint32_t regs[4];

	gdt_save_boot();
	cpu_cpuid(1, regs);
	gd->gd_apic_id = (uint8_t)(regs[1] >> 24);	/* initial APIC ID */
	gd->gd_starts = 1;
	gdt_cpu_init(gd);
	gdt_cpu_region(0, &rd);
	__asm__ __volatile__("lgdt (%0)\n\t"
	    "movw %w1, %%fs"
	    : : "r"(&rd), "r"((uint32_t)GDT_PERCPU_SEL) : "memory");
}
static struct globaldata *
mp_prepare_ap(int cpuid, uint8_t apic_id)
{
	struct ap_params *p = (struct ap_params *)(uintptr_t)
	    (AP_TRAMPOLINE_PADDR + (ap_trampoline_params - ap_trampoline));
	struct globaldata *gd = kmalloc(sizeof(*gd), M_ZERO);
	struct thread *td = kmalloc(sizeof(*td), M_ZERO);
	vm_paddr_t stack = vm_page_alloc_contig(AP_STACK_PAGES);
	struct region_descriptor rd;

	if (gd == NULL || td == NULL || stack == 0) {
		kfree(gd);
		kfree(td);
		if (stack != 0)
			vm_page_free_contig(stack, AP_STACK_PAGES);
		return NULL;
	}
	globaldata_init(gd, cpuid);
	gd->gd_apic_id = apic_id;
	lwkt_init_ap(gd, td, (char *)(uintptr_t)stack,
	    AP_STACK_PAGES * PAGE_SIZE);
	gdt_cpu_init(gd);
	gdt_cpu_region(cpuid, &rd);
	p->ap_gdt_limit = rd.rd_limit;
	p->ap_gdt_base = rd.rd_base;
	__asm__ __volatile__("sidt %0" : "=m"(rd));
	p->ap_idt_limit = rd.rd_limit;
	p->ap_idt_base = rd.rd_base;
	p->ap_cr3 = pmap_kernel_pd();
	p->ap_esp = stack + AP_STACK_PAGES * PAGE_SIZE;
	p->ap_cpuid = (uint32_t)cpuid;
	return gd;
}
static int
mp_wake(uint8_t apic_id)
{
	uint32_t sipi;
	int error, i;

	if (apic_icr_startup(AP_TRAMPOLINE_PADDR, &sipi) != 0)
		return -EINVAL;
	lapic_esr();
	error = lapic_ipi(apic_id, apic_icr_init());
	if (error == 0)
		error = lapic_ipi_wait();
	pit_delay_us(10000);
	for (i = 0; i < 2 && error == 0; i++) {
		error = lapic_ipi(apic_id, sipi);
		if (error == 0)
			error = lapic_ipi_wait();
		pit_delay_us(200);
	}
	return error;
}
static int
mp_start_ap(uint8_t apic_id)
{
	int cpuid = ncpus, ms, error;

	if (mp_prepare_ap(cpuid, apic_id) == NULL) {
		kprintf("mp: no memory to start APIC ID %u\n", apic_id);
		return -ENOMEM;
	}
	__asm__ __volatile__("" : : : "memory");	/* parameters first */
	error = mp_wake(apic_id);
	for (ms = 0; error == 0 && mp_ap_ready != cpuid; ms++) {
		if (ms == AP_START_WAIT_MS)
			error = -ETIMEDOUT;
		else
			pit_delay_us(1000);
	}
	if (error != 0) {
		kprintf("mp: cpu %d (APIC ID %u) did not start (error %d)\n",
		    cpuid, apic_id, error);
		lapic_ipi(apic_id, apic_icr_init());
		return error;
	}
	ncpus++;
	return 0;
}
void
ap_main(int cpuid)
{
	struct globaldata *gd = mycpu;

	__sync_fetch_and_add(&gd->gd_starts, 1);
	KASSERT(gd->gd_cpuid == cpuid, ("ap_main: cpu %d has the "
	    "globaldata of cpu %d", cpuid, gd->gd_cpuid));
	lapic_init();
	if (lapic_id() != gd->gd_apic_id)
		kprintf("mp: cpu %d has APIC ID %u, the tables said %u\n",
		    cpuid, lapic_id(), gd->gd_apic_id);
	apic_timer_start();
	kprintf("cpu %d (APIC ID %u) started\n", cpuid, lapic_id());
	__asm__ __volatile__("" : : : "memory");
	mp_ap_ready = cpuid;
	intr_enable();
	lwkt_idle();
}
static volatile int mp_panic_cpu = -1;	/* the CPU that panics first */

static void
mp_nmi(struct trapframe *tf)
{
	if (mp_panic_cpu < 0) {
		/* other chapters' NMIs: each returns if the NMI is not its own */
		watchdog_nmi(tf);
		trap_unhandled(tf);
	}
	for (;;)
		cpu_halt();
}

void
mp_stop_others(void)
{
	int me;

	if (ncpus <= 1)
		return;
	me = mycpu->gd_cpuid;
	if (!__sync_bool_compare_and_swap(&mp_panic_cpu, -1, me)) {
		if (mp_panic_cpu != me)
			for (;;)
				cpu_halt();
		return;			/* a recursive panic of ours */
	}
	lapic_ipi(0, APIC_ICR_NMI | APIC_ICR_ASSERT | APIC_ICR_ALL_BUT_SELF);
}

int
mp_panic_owner(void)
{
	return mp_panic_cpu;
}
void
mp_start_aps(void)
{
	int i;

	if (machine.ncpus <= 1)
		return;
	kmemcpy((void *)AP_TRAMPOLINE_PADDR, ap_trampoline,
	    (size_t)(ap_trampoline_end - ap_trampoline));
	trap_set_handler(TRAP_NMI, mp_nmi);
	for (i = 0; i < machine.ncpus; i++)
		if (!machine.cpus[i].bsp)
			mp_start_ap(machine.cpus[i].apic_id);
	kprintf("mp: %d of %d CPUs running\n", ncpus, machine.ncpus);
}
static int
mp_cpu_running(uint8_t apic_id)
{
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++)
		if (globaldata_find(cpu)->gd_apic_id == apic_id)
			return 1;
	return 0;
}

void
mp_print_cpus(void)
{
	struct globaldata *gd;
	int cpu, i;

	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		kprintf("cpu %d: APIC ID %u, started %d time(s), %u ticks\n",
		    cpu, gd->gd_apic_id, gd->gd_starts, gd->gd_ticks);
	}
	for (i = 0; i < machine.ncpus; i++)
		if (!mp_cpu_running(machine.cpus[i].apic_id))
			kprintf("APIC ID %u: not running\n",
			    machine.cpus[i].apic_id);
}
