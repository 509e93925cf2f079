/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Every CPU (Chapter "smp"): each CPU of the machine description runs,
 * started exactly once; each finds its own globaldata through %fs and
 * has the APIC ID the tables gave; every CPU's clock ticks; and the
 * mailbox runs a function on the CPU asked for.  The tests pass with any
 * number of CPUs, one included; expected values come from the machine
 * description and from the CPU's own registers.
 */
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/lapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/mp.h"
#include "arch/i386/pit.h"
#include "arch/i386/segments.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"

KTEST(smp_every_listed_cpu_started_once)
{
	struct globaldata *gd;
	int i, cpu, found;

	KT_EXPECT_EQ(machine.ncpus, ncpus);
	for (i = 0; i < machine.ncpus; i++) {
		found = 0;
		for (cpu = 0; cpu < ncpus; cpu++) {
			gd = globaldata_find(cpu);
			if (gd->gd_apic_id != machine.cpus[i].apic_id)
				continue;
			found++;
			KT_EXPECT_EQ(1, gd->gd_starts);
			KT_EXPECT_EQ(machine.cpus[i].bsp, cpu == 0);
		}
		KT_EXPECT_EQ(1, found);
	}
	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		KT_ASSERT(gd != NULL);
		if (gd == NULL)
			continue;
		KT_ASSERT(gd->gd_self == gd);
		KT_EXPECT_EQ(cpu, gd->gd_cpuid);
	}
	KT_ASSERT(globaldata_find(0) == &globaldata0);
	KT_ASSERT(globaldata_find(-1) == NULL);
	KT_ASSERT(globaldata_find(MAXCPU) == NULL);
}

/* What a CPU says about itself, asked through the mailbox. */
struct whoami {
	struct globaldata *gd;		/* mycpu */
	int		cpuid;		/* mycpu->gd_cpuid */
	uint8_t		apic_id;	/* its local APIC's ID register */
	uint32_t	fs;		/* %fs */
	uint32_t	eflags;		/* interrupts are off in a tick */
	int		ran;		/* times the function ran */
};

static void
whoami(void *arg)
{
	struct whoami *w = arg;
	uint32_t fs;

	__asm__ __volatile__("movl %%fs, %0" : "=r"(fs));
	w->gd = mycpu;
	w->cpuid = mycpu->gd_cpuid;
	w->apic_id = lapic_id();
	w->fs = fs & 0xFFFF;
	w->eflags = read_eflags();
	w->ran++;
}

KTEST(smp_each_cpu_knows_itself)
{
	struct whoami w;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++) {
		w.gd = NULL;
		w.cpuid = -1;
		w.apic_id = 0xFF;
		w.fs = 0;
		w.ran = 0;
		KT_EXPECT_EQ(0, mp_call_on(cpu, whoami, &w));
		KT_EXPECT_EQ(1, w.ran);
		KT_EXPECT_EQ(cpu, w.cpuid);
		KT_ASSERT(w.gd == globaldata_find(cpu));
		KT_EXPECT_EQ(globaldata_find(cpu)->gd_apic_id, w.apic_id);
		KT_EXPECT_EQ(GDT_PERCPU_SEL, w.fs);
		if (cpu != 0)		/* it ran in the target's tick */
			KT_EXPECT_EQ(0, w.eflags & PSL_I);
	}
}

/* Add the CPU's number, plus one, to a counter, non-atomically: the
 * mailbox runs one call at a time, so nothing is lost. */
static void
add_cpuid(void *arg)
{
	volatile int *sum = arg;

	*sum += mycpu->gd_cpuid + 1;
}

KTEST(smp_call_runs_once_on_the_asked_cpu)
{
	volatile int sum = 0;
	int cpu, round, want = 0;

	for (round = 0; round < 3; round++)
		for (cpu = ncpus - 1; cpu >= 0; cpu--) {
			KT_EXPECT_EQ(0, mp_call_on(cpu, add_cpuid, (void *)&sum));
			want += cpu + 1;
			KT_EXPECT_EQ(want, sum);  /* visible when it returns */
		}
	KT_EXPECT_EQ(-EINVAL, mp_call_on(ncpus, add_cpuid, (void *)&sum));
	KT_EXPECT_EQ(-EINVAL, mp_call_on(-1, add_cpuid, (void *)&sum));
	KT_EXPECT_EQ(-EINVAL, mp_call_on(0, NULL, NULL));
	KT_EXPECT_EQ(want, sum);
}

#define WAIT_MS		200

KTEST(smp_timers_tick_on_every_cpu)
{
	uint32_t before[MAXCPU], d;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++)
		before[cpu] = globaldata_find(cpu)->gd_ticks;
	pit_delay_us(WAIT_MS * 1000);
	kprintf("smp_timers_tick_on_every_cpu: ticks in %d ms:", WAIT_MS);
	for (cpu = 0; cpu < ncpus; cpu++) {
		d = globaldata_find(cpu)->gd_ticks - before[cpu];
		kprintf(" cpu%d %u", cpu, d);
		/* Expected WAIT_MS * HZ / 1000 = 20; sanity bounds only. */
		KT_ASSERT(d >= 1);
		KT_ASSERT(d <= 10 * WAIT_MS * HZ / 1000);
	}
	kprintf("\n");
}

/* The jitter generators are per CPU: two CPUs draw different sequences
 * from the one seed (their last armed counts differ at some point). */
KTEST(smp_jitter_differs_between_cpus)
{
	uint32_t seen[MAXCPU];
	int cpu, ms, differs = 0;

	if (ncpus < 2)
		return;
	for (ms = 0; ms < WAIT_MS && !differs; ms++) {
		for (cpu = 0; cpu < ncpus; cpu++)
			seen[cpu] = globaldata_find(cpu)->gd_timer_last;
		for (cpu = 1; cpu < ncpus; cpu++)
			differs |= seen[cpu] != seen[0];
		pit_delay_us(1000);
	}
	KT_ASSERT(differs);
}
