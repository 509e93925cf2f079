/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The local APIC timer: calibrated against the PIT, one-shot,
 * re-armed on every tick, optionally jittered by seed=N.
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

/**
 * \brief Measure the timer against the PIT and read seed= from the
 * command line.  Boot CPU, once, interrupts off.
 * \return 0, or -EIO when the timer did not count.
 */
int apic_timer_calibrate(void);
/** \brief Start the running CPU's timer (nothing if uncalibrated). */
void apic_timer_start(void);
/** \brief Is the timer jittered (was seed= given)? */
int apic_timer_jittered(void);

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
