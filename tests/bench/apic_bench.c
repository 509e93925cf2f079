/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the interrupt chapters (Chapters "apic" and "smp"):
 * what the timer's calibration found, the cost of an IPI to oneself
 * (sending it, taking the interrupt, the EOI), and of a mailbox call to
 * another CPU.  Figures in TSC ticks, as every benchmark (book/09-bench.nw).
 */
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/lapic.h"
#include "arch/i386/mp.h"
#include "arch/i386/trap.h"
#include "kern/globaldata.h"
#include "kern/kbench.h"

#define BENCH_VECTOR	0xD1	/* a free vector */

KBENCH(apic_timer_calibration)
{
	kbench_report(kb, "counts_per_tick", apic_timer_base);
	kbench_report(kb, "hz", HZ);
}

static volatile uint32_t ipi_seen;
static volatile uint64_t ipi_arrived_tsc;

static void
bench_ipi_handler(struct trapframe *tf)
{
	(void)tf;
	ipi_arrived_tsc = rdtsc();
	ipi_seen++;
	lapic_eoi();
}

/* One IPI to ourselves, waited for. */
static void
ipi_self_roundtrip(void *arg)
{
	uint32_t want = ipi_seen + 1;

	(void)arg;
	lapic_ipi_self(BENCH_VECTOR);
	while (ipi_seen != want)
		cpu_pause();
}

KBENCH(lapic_ipi_self_latency)
{
	trap_handler_fn *old = trap_set_handler(BENCH_VECTOR,
	    bench_ipi_handler);
	uint64_t best = UINT64_MAX, t0;
	int i;

	kbench_measure(kb, "ticks_per_roundtrip", ipi_self_roundtrip, 0, 200);
	/* From the ICR write to the handler's first instruction or so. */
	for (i = 0; i < 200; i++) {
		uint32_t want = ipi_seen + 1;

		t0 = rdtsc();
		lapic_ipi_self(BENCH_VECTOR);
		while (ipi_seen != want)
			cpu_pause();
		if (ipi_arrived_tsc - t0 < best)
			best = ipi_arrived_tsc - t0;
	}
	kbench_report(kb, "ticks_to_handler", best);
	trap_set_handler(BENCH_VECTOR, old);
}

static void
nothing(void *arg)
{
	(void)arg;
}

static void
mailbox_call(void *arg)
{
	mp_call_on(*(int *)arg, nothing, 0);
}

KBENCH(mp_call_on_roundtrip)
{
	int cpu = ncpus > 1 ? 1 : 0;

	kbench_measure(kb, "ticks_per_call", mailbox_call, &cpu, 4);
}
