/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The 8254 PIT's counter 2: a clock of known rate, polled, for
 * measuring the APIC timer and for short waits.  Boot CPU only.
 */
#ifndef NAIAD_ARCH_PIT_H
#define NAIAD_ARCH_PIT_H

#include <stdint.h>

/** The PIT's input clock in Hz, the same on every PC. */
#define PIT_HZ		1193182u
/** The most a single PIT wait can count (about 55 ms). */
#define PIT_MAX_COUNT	0xFFFFu

/** \brief PIT counts in \a us microseconds, rounded to the nearest. */
static inline uint32_t
pit_count_for_us(uint32_t us)
{
	return (uint32_t)(((uint64_t)us * PIT_HZ + 500000) / 1000000);
}

/** \brief Load \a count (1..PIT_MAX_COUNT) into counter 2 and start it. */
void pit_start(uint32_t count);
/** \brief Has the count of the last pit_start run out? */
int pit_expired(void);
/** \brief Wait \a count PIT counts (at most PIT_MAX_COUNT), polling. */
void pit_wait(uint32_t count);
/** \brief Wait at least \a us microseconds, polling the PIT. */
void pit_delay_us(uint32_t us);

#endif /* !NAIAD_ARCH_PIT_H */
