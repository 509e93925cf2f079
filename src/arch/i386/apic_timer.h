/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The local APIC timer: calibrated against the PIT, one-shot,
 * re-armed on every tick, jittered by the seed (seed=N, 1 by default).
 */
#ifndef NAIAD_ARCH_APIC_TIMER_H
#define NAIAD_ARCH_APIC_TIMER_H

#include <stdint.h>

/** Timer interrupts per second on every CPU. */
#define HZ		100
/** The largest count per tick the calibration accepts. */
#define APIC_TIMER_MAX_BASE	0x40000000u

/** Counts per tick, measured by apic_timer_calibrate; 0: no timer. */
extern uint32_t apic_timer_base;
/** Rate of the time-stamp counter in Hz, measured with the timer; 0: unknown. */
extern uint64_t tsc_frequency;

struct globaldata;
struct trapframe;

/** A tick hook: work of every tick of every CPU, interrupts off. */
struct tick_hook {
	/** The work: on CPU gd, interrupted at tf, interrupts off. */
	void		(*th_func)(struct globaldata *gd, struct trapframe *tf);
	int		th_order;	/**< TICK_ORDER_*: smaller first */
	const char	*th_name;	/**< who, for messages */
	struct tick_hook *th_next;	/**< the next hook to run */
};

/** Tick work that does not care when it runs among the others. */
#define TICK_ORDER_MIDDLE	50
/** The last of a tick's work: the one that may switch threads. */
#define TICK_ORDER_LAST		100

/**
 * \brief Run \a th at every tick of every CPU from now on, among the
 * others by its order.  Boot CPU, at boot; never removed.
 */
void tick_hook_register(struct tick_hook *th);

/**
 * \brief Measure the timer against the PIT, and the TSC with it.  Boot
 * CPU, once, interrupts off.  \return 0, or -EIO when the timer did not
 * count.
 */
int apic_timer_calibrate(void);
/** \brief Start the running CPU's timer (nothing if uncalibrated). */
void apic_timer_start(void);

/**
 * \brief APIC counts per tick at \a hz, given that the timer counted
 * \a elapsed while the PIT counted \a pit_counts.  0 for no rate.
 */
uint32_t apic_timer_counts_per_tick(uint32_t elapsed, uint32_t pit_counts,
    uint32_t hz);
/** \brief Seed the jitter generator *\a state from (\a seed, \a cpu). */
void timer_jitter_seed(uint32_t *state, unsigned long seed, int cpu);
/** \brief The next count: \a base give or take a quarter of it. */
uint32_t timer_jitter_next(uint32_t *state, uint32_t base);

#endif /* !NAIAD_ARCH_APIC_TIMER_H */
