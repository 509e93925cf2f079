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
#include "arch/i386/gdt_cpu.h"
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
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "vm/kmalloc.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"

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
/* Boot CPU: everything CPU cpuid needs before its first instruction. */
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
	td->td_gd = gd;
	td->td_kstack = (char *)(uintptr_t)stack;
	td->td_kstack_size = AP_STACK_PAGES * PAGE_SIZE;
	ksnprintf(td->td_name, sizeof(td->td_name), "ap%d", cpuid);
	gd->gd_curthread = td;
	gd->gd_apic_id = apic_id;
	globaldata_init(gd, cpuid);
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
/* INIT, then two STARTUPs with the waits; 0 or an error.  Boot CPU. */
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
/* Prepare, wake and wait for one AP (a second at most); boot CPU. */
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
/* What an AP runs after its start-up: halt, and serve interrupts. */
static void
mp_ap_halt(void)
{
	for (;;)
		cpu_halt();
}

static void (*mp_ap_idle)(void) = mp_ap_halt;	/* written at boot */

/* Boot CPU, at boot, before the APs start. */
void
mp_set_ap_idle(void (*idle)(void))
{
	mp_ap_idle = idle;
}

/* The AP's C entry, on its own stack and %fs, interrupts off. */
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
	mp_ap_idle();
	panic("ap_main: cpu %d left its idle loop", cpuid);
}
#define MP_NMI_MAX	4	/* chapters that may send NMIs */

static volatile int mp_panic_cpu = -1;	/* the CPU that panics first */
static trap_handler_fn *mp_nmi_fn[MP_NMI_MAX];	/* written at boot */
static int mp_nmi_count;

/* Boot CPU, at boot: fn sees every NMI nobody's panic sent. */
void
mp_nmi_register(trap_handler_fn *fn)
{
	KASSERT(mp_nmi_count < MP_NMI_MAX, ("mp_nmi_register: too many"));
	mp_nmi_fn[mp_nmi_count++] = fn;
}

/* TRAP_NMI, any CPU: a panic's stop, another chapter's, or a fault. */
static void
mp_nmi(struct trapframe *tf)
{
	int i;

	if (mp_panic_cpu < 0) {
		for (i = 0; i < mp_nmi_count; i++)
			mp_nmi_fn[i](tf);
		trap_unhandled(tf);
	}
	for (;;)
		cpu_halt();
}

/* panic's first step, interrupts off: NMI every other CPU, once. */
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

/* Any CPU: for the console's lock, which yields to a panic. */
int
mp_panic_owner(void)
{
	return mp_panic_cpu;
}
/* The SMP boot step: the mailbox, the panic's stop, every AP. */
static void
mp_start_aps(void *arg)
{
	int i;

	(void)arg;
	globaldata0.gd_starts = 1;
	tick_hook_register(&mp_call_tick_hook);
	if (machine.ncpus <= 1)
		return;
	panic_set_stop_others(mp_stop_others);
	kmemcpy((void *)AP_TRAMPOLINE_PADDR, ap_trampoline,
	    (size_t)(ap_trampoline_end - ap_trampoline));
	trap_set_handler(TRAP_NMI, mp_nmi);
	for (i = 0; i < machine.ncpus; i++)
		if (!machine.cpus[i].bsp)
			mp_start_ap(machine.cpus[i].apic_id);
	kprintf("mp: %d of %d CPUs running\n", ncpus, machine.ncpus);
}

SYSINIT(smp, SI_BOOT2_SMP, SI_ORDER_SECOND, mp_start_aps, NULL);
/* Is a CPU with this APIC ID among those running? */
static int
mp_cpu_running(uint8_t apic_id)
{
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++)
		if (globaldata_find(cpu)->gd_apic_id == apic_id)
			return 1;
	return 0;
}

/* Any thread: one line per CPU; reads other CPUs' counters unlocked. */
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

/* The monitor's cpus command: the description, then the CPUs. */
static int
mp_cpus_command(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	machine_print(&machine);
	mp_print_cpus();
	return 0;
}

MONITOR_COMMAND(cpus, "cpus", "cpus",
    "show the CPUs and interrupt controllers", mp_cpus_command);
