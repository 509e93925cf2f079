/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The interrupt controllers (Chapter "apic") on the emulator's real
 * hardware: the 8259s, the boot CPU's local APIC, the I/O APIC routes
 * and the timer.  Expected values come from the machine description,
 * from CPUID and the APIC base MSR, from the vector layout and from the
 * Intel manuals' bit positions; times are measured with the PIT and
 * checked only for sanity (a test must not depend on the host's speed).
 */
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/apicreg.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/ioapic.h"
#include "arch/i386/lapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/pic.h"
#include "arch/i386/pit.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"
#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"

#define TEST_VECTOR	0xD0	/* a free vector (class 13, below the timer) */
#define WAIT_POLLS	1000000	/* polls before giving up on an interrupt */

/* The machine description's boot CPU, or NULL. */
static const struct machine_cpu *
bsp_entry(void)
{
	int i;

	for (i = 0; i < machine.ncpus; i++)
		if (machine.cpus[i].bsp)
			return &machine.cpus[i];
	return NULL;
}

/* Is a handler installed on vector v?  Read, never swapped out: the
 * IDT is shared, and another CPU's tick must not find the vector empty. */
static int
has_handler(int v)
{
	return trap_get_handler(v) != NULL;
}

KTEST(lapic_id_is_the_boot_cpu)
{
	const struct machine_cpu *bsp = bsp_entry();
	uint32_t regs[4];

	cpu_cpuid(1, regs);
	KT_EXPECT_EQ(regs[1] >> 24, lapic_id());	/* initial APIC ID */
	KT_EXPECT_EQ(mycpu->gd_apic_id, lapic_id());
	KT_EXPECT_EQ(0, mycpu->gd_cpuid);
	KT_ASSERT((rdmsr(IA32_APIC_BASE) & APIC_BASE_BSP) != 0);
	KT_ASSERT((rdmsr(IA32_APIC_BASE) & APIC_BASE_ENABLE) != 0);
	KT_ASSERT(bsp != NULL);
	if (bsp != NULL)
		KT_EXPECT_EQ(bsp->apic_id, lapic_id());
}

KTEST(lapic_is_on_with_spurious_and_error_vectors)
{
	uint32_t svr = lapic_read(LAPIC_SVR);
	uint32_t err = lapic_read(LAPIC_LVT_ERROR);

	KT_ASSERT((svr & APIC_SVR_ENABLE) != 0);
	KT_EXPECT_EQ(VEC_APIC_SPURIOUS, svr & 0xFF);
	KT_EXPECT_EQ(VEC_APIC_ERROR, err & 0xFF);
	KT_EXPECT_EQ(0, err & APIC_LVT_MASKED);
	KT_ASSERT((lapic_read(LAPIC_LVT_LINT0) & APIC_LVT_MASKED) != 0);
	KT_EXPECT_EQ(0, lapic_read(LAPIC_TPR) & 0xFF);
	KT_ASSERT(has_handler(VEC_APIC_SPURIOUS));
	KT_ASSERT(has_handler(VEC_APIC_ERROR));
	KT_ASSERT(has_handler(VEC_PIC_SPURIOUS_MASTER));
	KT_ASSERT(has_handler(VEC_PIC_SPURIOUS_SLAVE));
	KT_ASSERT(has_handler(VEC_TIMER));
	KT_ASSERT((read_eflags() & PSL_I) != 0);	/* interrupts are on */
}

/* ---- an IPI to ourselves ---------------------------------------------- */

static volatile int self_ipis, self_ipi_cpu, self_ipi_vector;

static void
self_ipi_handler(struct trapframe *tf)
{
	self_ipis++;
	self_ipi_cpu = mycpu->gd_cpuid;
	self_ipi_vector = (int)tf->tf_trapno;
	lapic_eoi();
}

static int
wait_for(volatile int *counter, int want)
{
	int i;

	for (i = 0; i < WAIT_POLLS && *counter < want; i++)
		cpu_pause();
	return *counter;
}

KTEST(lapic_ipi_to_self_arrives)
{
	trap_handler_fn *old = trap_set_handler(TEST_VECTOR,
	    self_ipi_handler);

	self_ipis = 0;
	self_ipi_cpu = self_ipi_vector = -1;
	KT_EXPECT_EQ(0, lapic_ipi_self(TEST_VECTOR));
	KT_EXPECT_EQ(1, wait_for(&self_ipis, 1));
	KT_EXPECT_EQ(mycpu->gd_cpuid, self_ipi_cpu);
	KT_EXPECT_EQ(TEST_VECTOR, self_ipi_vector);
	/* The EOI worked: the same vector is accepted again. */
	KT_EXPECT_EQ(0, lapic_ipi_self(TEST_VECTOR));
	KT_EXPECT_EQ(2, wait_for(&self_ipis, 2));
	/* With interrupts off it waits, and arrives at sti. */
	cpu_disable_intr();
	KT_EXPECT_EQ(0, lapic_ipi_self(TEST_VECTOR));
	wait_for(&self_ipis, 3);
	KT_EXPECT_EQ(2, self_ipis);
	cpu_enable_intr();
	KT_EXPECT_EQ(3, wait_for(&self_ipis, 3));
	trap_set_handler(TEST_VECTOR, old);
}

/*
 * Neither QEMU nor Bochs raises the error interrupt for an illegal
 * vector or register, so the handler is driven by sending its vector to
 * ourselves: it must count the interrupt and end it (a second one is
 * accepted), reading an error status of 0.
 */
KTEST(lapic_error_vector_handler_counts_and_ends)
{
	uint32_t before = lapic_error_count;
	int i, n;

	for (n = 1; n <= 2; n++) {
		KT_EXPECT_EQ(0, lapic_ipi_self(VEC_APIC_ERROR));
		for (i = 0; i < WAIT_POLLS && lapic_error_count < before + n;
		    i++)
			cpu_pause();
		KT_EXPECT_EQ(before + n, lapic_error_count);
	}
	KT_EXPECT_EQ(0, lapic_last_esr);
}

/* ---- the 8259s and the I/O APIC --------------------------------------- */

KTEST(pic_is_fully_masked)
{
	KT_EXPECT_EQ(0xFFFF, pic_masks());
	kprintf("pic_is_fully_masked: %u spurious IRQs so far\n",
	    pic_spurious_count);
}

/* What the overrides say about ISA irq, worked out independently. */
static int
expected_route(int irq, uint32_t *gsi, int *low, int *level)
{
	int i;

	*gsi = (uint32_t)irq;
	*low = *level = 0;
	for (i = 0; i < machine.noverrides; i++)
		if (machine.overrides[i].isa_irq == irq) {
			*gsi = machine.overrides[i].gsi;
			*low = (machine.overrides[i].flags & 3) == 3;
			*level = ((machine.overrides[i].flags >> 2) & 3) == 3;
			return 1;
		}
	for (i = 0; i < machine.noverrides; i++)
		if (machine.overrides[i].gsi == (uint32_t)irq)
			return 0;
	return 1;
}

KTEST(ioapic_routes_follow_the_machine_description)
{
	uint64_t rte;
	uint32_t gsi;
	int irq, low, level, routed = 0;

	KT_ASSERT(machine.nioapics >= 1);
	KT_ASSERT(ioapic_npins() >= ISA_NIRQ);
	for (irq = 0; irq < ISA_NIRQ; irq++) {
		if (!expected_route(irq, &gsi, &low, &level)) {
			KT_EXPECT_EQ(-ENOENT, ioapic_read_route(irq, &rte));
			continue;
		}
		KT_EXPECT_EQ(0, ioapic_read_route(irq, &rte));
		KT_EXPECT_EQ(VEC_ISA_BASE + irq, rte & IOAPIC_RTE_VECTOR);
		/* the boot's destination and mask, unless a driver took the
		 * IRQ (its handler installed, the IRQ unmasked: the ATA
		 * channels' 14 and 15, book/39-ata.nw) */
		if (trap_get_handler(VEC_ISA_BASE + irq) == NULL ||
		    (rte & IOAPIC_RTE_MASKED) != 0) {
			KT_EXPECT_EQ(globaldata0.gd_apic_id,
			    ioapic_rte_dest(rte));
			KT_ASSERT((rte & IOAPIC_RTE_MASKED) != 0);
		}
		KT_EXPECT_EQ(low, (rte & IOAPIC_RTE_ACTIVE_LOW) != 0);
		KT_EXPECT_EQ(level, (rte & IOAPIC_RTE_LEVEL) != 0);
		KT_EXPECT_EQ(0, rte & 0xF00);	/* fixed, physical */
		routed++;
	}
	KT_ASSERT(routed >= ISA_NIRQ - 1);
}

KTEST(ioapic_route_masks_and_unmasks_com1)
{
	const int irq = 4;
	uint64_t rte;

	KT_EXPECT_EQ(0, ioapic_route(irq, TEST_VECTOR, 0));
	KT_EXPECT_EQ(0, ioapic_read_route(irq, &rte));
	KT_EXPECT_EQ(TEST_VECTOR, rte & IOAPIC_RTE_VECTOR);
	KT_ASSERT((rte & IOAPIC_RTE_MASKED) != 0);
	/* The UART's own interrupts are off: unmasking raises nothing. */
	KT_EXPECT_EQ(0, ioapic_unmask(irq));
	KT_EXPECT_EQ(0, ioapic_read_route(irq, &rte));
	KT_EXPECT_EQ(0, rte & IOAPIC_RTE_MASKED);
	KT_EXPECT_EQ(TEST_VECTOR, rte & IOAPIC_RTE_VECTOR);
	KT_EXPECT_EQ(0, ioapic_mask(irq));
	KT_EXPECT_EQ(0, ioapic_read_route(irq, &rte));
	KT_ASSERT((rte & IOAPIC_RTE_MASKED) != 0);
	KT_EXPECT_EQ(0, ioapic_route(irq, VEC_ISA_BASE + irq, 0));
	/* Bad arguments are refused. */
	KT_EXPECT_EQ(-EINVAL, ioapic_route(16, TEST_VECTOR, 0));
	KT_EXPECT_EQ(-EINVAL, ioapic_route(-1, TEST_VECTOR, 0));
	KT_EXPECT_EQ(-EINVAL, ioapic_route(irq, 3, 0));
	KT_EXPECT_EQ(-EINVAL, ioapic_route(irq, 256, 0));
	KT_EXPECT_EQ(-EINVAL, ioapic_route(irq, TEST_VECTOR, ncpus));
	KT_EXPECT_EQ(-EINVAL, ioapic_mask(16));
}

/* ---- the timer ----------------------------------------------------- */

KTEST(apic_timer_calibration_is_plausible)
{
	uint32_t lvt = lapic_read(LAPIC_LVT_TIMER);

	KT_ASSERT(apic_timer_base > 0);
	KT_ASSERT(apic_timer_base <= APIC_TIMER_MAX_BASE);
	KT_EXPECT_EQ(VEC_TIMER, lvt & 0xFF);
	KT_EXPECT_EQ(0, lvt & APIC_LVT_MASKED);
	KT_EXPECT_EQ(0, lvt & (3u << 17));		/* one-shot */
	KT_EXPECT_EQ(APIC_TIMER_DIVIDE_16, lapic_read(LAPIC_TIMER_DIVIDE) & 0xB);
	kprintf("apic_timer_calibration_is_plausible: %u counts per tick\n",
	    apic_timer_base);
}

#define WAIT_MS		200

/* Wait WAIT_MS by the PIT, a millisecond at a time, noting the counts
 * the timer was armed with meanwhile.  Returns the ticks taken. */
static uint32_t
ticks_across_wait(uint32_t *lo, uint32_t *hi, int *distinct)
{
	struct globaldata *gd = mycpu;
	uint32_t t0 = gd->gd_ticks, last, first = gd->gd_timer_last;
	int ms;

	*lo = *hi = first;
	*distinct = 0;
	for (ms = 0; ms < WAIT_MS; ms++) {
		pit_delay_us(1000);
		last = gd->gd_timer_last;
		if (last < *lo)
			*lo = last;
		if (last > *hi)
			*hi = last;
		*distinct += last != first;
	}
	return gd->gd_ticks - t0;
}

KTEST(apic_timer_ticks_on_this_cpu)
{
	uint32_t lo, hi, ticks;
	int distinct;

	ticks = ticks_across_wait(&lo, &hi, &distinct);
	/* Expected WAIT_MS * HZ / 1000 = 20; sanity bounds only. */
	KT_ASSERT(ticks >= 1);
	KT_ASSERT(ticks <= 10 * WAIT_MS * HZ / 1000);
	kprintf("apic_timer_ticks_on_this_cpu: %u ticks in %d ms\n", ticks,
	    WAIT_MS);
}

KTEST(apic_timer_jitter_stays_within_a_quarter)
{
	uint32_t lo, hi, base = apic_timer_base;
	int distinct;

	ticks_across_wait(&lo, &hi, &distinct);
	KT_ASSERT(lo >= base - base / 4);
	KT_ASSERT(hi <= base + base / 4);
	KT_ASSERT(distinct > 0);	/* always a seed: 1 by default */
}

/*
 * The timer draws its intervals from the seed the command line gives,
 * or 1 without seed= (book/04-cmdline.nw, cmdline_seed): the count this
 * CPU armed last is the (ticks + 1)-th draw of a generator seeded with
 * (cmdline_seed(), cpu), recomputed here from scratch.  A timer that
 * ignored the seed, or jittered only when seed= is given, fails.
 */
KTEST(apic_timer_follows_the_seed)
{
	struct globaldata *gd;
	uint32_t eflags, ticks, last, state, n = 0, i;

	eflags = read_eflags();
	cpu_disable_intr();
	gd = mycpu;
	ticks = gd->gd_ticks;
	last = gd->gd_timer_last;
	if (eflags & PSL_I)
		cpu_enable_intr();
	timer_jitter_seed(&state, cmdline_seed(), gd->gd_cpuid);
	for (i = 0; i <= ticks; i++)
		n = timer_jitter_next(&state, apic_timer_base);
	KT_EXPECT_EQ(n, last);
	kprintf("apic_timer_follows_the_seed: seed %lu, tick %u armed %u\n",
	    cmdline_seed(), ticks, last);
}
