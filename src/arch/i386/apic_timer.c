/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/lapic.h"
#include "arch/i386/pit.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"
#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/globaldata.h"

#define APIC_TIMER_MEASURE_US	10000	/* calibrate over 10 ms ... */
#define APIC_TIMER_MEASURES	3	/* ... three times; keep the least */

uint32_t apic_timer_base;
uint64_t tsc_frequency;
static unsigned long timer_jitter_seed_value;	/* cmdline_seed() */
/* Start the next interval of this CPU's timer, jittered by its generator. */
static void
apic_timer_arm(struct globaldata *gd)
{
	uint32_t n = timer_jitter_next(&gd->gd_timer_rng, apic_timer_base);

	gd->gd_timer_last = n;
	lapic_write(LAPIC_TIMER_INITIAL, n);
}

/* Every CPU, once, interrupts off: seed its generator, first tick. */
void
apic_timer_start(void)
{
	struct globaldata *gd = mycpu;

	if (apic_timer_base == 0)
		return;
	timer_jitter_seed(&gd->gd_timer_rng, timer_jitter_seed_value,
	    gd->gd_cpuid);
	lapic_write(LAPIC_TIMER_DIVIDE, APIC_TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);	/* one-shot, unmasked */
	apic_timer_arm(gd);
}
static struct tick_hook *tick_hooks;	/* sorted by th_order */

/* Boot CPU, at boot: insert th after the hooks of its order or lower. */
void
tick_hook_register(struct tick_hook *th)
{
	struct tick_hook **pp = &tick_hooks;

	while (*pp != NULL && (*pp)->th_order <= th->th_order)
		pp = &(*pp)->th_next;
	th->th_next = *pp;
	cpu_ccfence();			/* th complete, then published */
	*pp = th;
}

/* VEC_TIMER on any CPU: re-arm, count, EOI, then every hook in order. */
static void
apic_timer_intr(struct trapframe *tf)
{
	struct globaldata *gd = mycpu;
	struct tick_hook *th;

	apic_timer_arm(gd);
	gd->gd_ticks++;
	lapic_eoi();
	for (th = tick_hooks; th != NULL; th = th->th_next)
		th->th_func(gd, tf);
}
/* One measurement: APIC counts, and TSC ticks in *tsc, in pit counts. */
static uint32_t
apic_timer_measure(uint32_t pit, uint64_t *tsc)
{
	uint32_t left;
	uint64_t t0;

	lapic_write(LAPIC_TIMER_INITIAL, 0xFFFFFFFFu);
	pit_start(pit);
	t0 = rdtsc();
	while (!pit_expired())
		cpu_pause();
	left = lapic_read(LAPIC_TIMER_CURRENT);
	*tsc = rdtsc() - t0;
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	return 0xFFFFFFFFu - left;
}
/* Measure the timer (and the TSC) against the PIT; boot CPU, once. */
int
apic_timer_calibrate(void)
{
	uint32_t pit = pit_count_for_us(APIC_TIMER_MEASURE_US), n, best = 0;
	uint64_t tsc, best_tsc = 0;
	int i;

	timer_jitter_seed_value = cmdline_seed();
	lapic_write(LAPIC_TIMER_DIVIDE, APIC_TIMER_DIVIDE_16);
	lapic_write(LAPIC_LVT_TIMER, APIC_LVT_MASKED | VEC_TIMER);
	for (i = 0; i < APIC_TIMER_MEASURES; i++) {
		n = apic_timer_measure(pit, &tsc);
		if (i == 0 || n < best)
			best = n;
		if (i == 0 || tsc < best_tsc)
			best_tsc = tsc;
	}
	tsc_frequency = best_tsc * PIT_HZ / pit;
	apic_timer_base = apic_timer_counts_per_tick(best, pit, HZ);
	if (apic_timer_base == 0 || apic_timer_base > APIC_TIMER_MAX_BASE) {
		apic_timer_base = 0;
		return -EIO;
	}
	trap_set_handler(VEC_TIMER, apic_timer_intr);
	return 0;
}
