/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/pit.h"

/* Counts per tick from one measurement, rounded; pure. */
uint32_t
apic_timer_counts_per_tick(uint32_t elapsed, uint32_t pit_counts,
    uint32_t hz)
{
	uint64_t den = (uint64_t)pit_counts * hz, n;

	if (den == 0)
		return 0;
	n = ((uint64_t)elapsed * PIT_HZ + den / 2) / den;
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}
/* Seed a CPU's generator from (SEED, CPU); never 0.  Pure. */
void
timer_jitter_seed(uint32_t *state, unsigned long seed, int cpu)
{
	uint32_t h = (uint32_t)seed * 0x9E3779B1u +
	    (uint32_t)cpu * 0x85EBCA77u + 1;

	h ^= h >> 16;
	h *= 0x7FEB352Du;
	h ^= h >> 15;
	h *= 0x846CA68Bu;
	h ^= h >> 16;
	*state = h != 0 ? h : 1;
}
/* BASE give or take a quarter, from *STATE; pure. */
uint32_t
timer_jitter_next(uint32_t *state, uint32_t base)
{
	uint32_t x = *state, spread = base / 4;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return base - spread + x % (2 * spread + 1);
}
