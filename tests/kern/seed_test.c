/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * A seed is an interleaving (Chapter "Interrupts", the jittered clock).
 * One thread per CPU races for the slots of a shared array: each takes
 * the next free slot with an atomic increment and writes its CPU's
 * number there.  Who gets which slot depends only on how far each CPU
 * has got, and that depends on where the timer interrupts landed, which
 * seed=N decides.  Each thread takes a fixed share of the slots.  The
 * test checks what must hold whatever the order (every slot taken
 * exactly once, every CPU's number in as many slots as its thread
 * took) and prints a fingerprint of the order: under Bochs the same
 * seed must print the same fingerprint, and different seeds different
 * ones (tests/seeds/run checks both).
 *
 * Nothing here reads the seed: the threads' work is the same under
 * every seed, so any difference between the orders comes from the
 * kernel's clock.
 */
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "lwkt_testlib.h"

/* 4000 slots and a little work between takes: under Bochs with 2 CPUs
 * the race lasts well over ten ticks of each CPU (under 0.2 s of
 * emulated time), each tick a chance for the jitter to shift the CPUs
 * against each other. */
#define SEED_SLOTS	4000
#define SEED_WORK	100		/* pauses between two takes */
#define SEED_EMPTY	0xFFFFFFFFu	/* a slot nobody wrote */

/* Every CPU's share is at least one slot. */
_Static_assert(SEED_SLOTS >= MAXCPU, "fewer slots than CPUs");

struct seed_race {
	volatile uint32_t next;		/* the next slot to hand out */
	volatile uint32_t slot[SEED_SLOTS]; /* the CPU that took it */
	uint32_t quota[MAXCPU];		/* slots each CPU's thread takes */
	volatile uint32_t overrun;	/* takes past the end */
	volatile uint32_t collisions;	/* writes to a slot already written */
	struct kt_race race;		/* one racer per CPU */
};

/* Take the next slot: the old value of the counter, which is raised by
 * one in the same atomic step (a fetch-and-add made of compare-and-set:
 * if another CPU took a slot between the read and the set, try again). */
static uint32_t
seed_take(volatile uint32_t *next)
{
	uint32_t n;

	do
		n = *next;
	while (!atomic_cmpset_int(next, n, n + 1));
	return n;
}

/* One racer: wait for the start, then take its quota of slots. */
static void
seed_racer(void *arg)
{
	struct seed_race *r = arg;
	uint32_t me = (uint32_t)mycpu->gd_cpuid, n, i;
	int k;

	kt_race_start(&r->race);
	for (i = 0; i < r->quota[me]; i++) {
		n = seed_take(&r->next);
		if (n >= SEED_SLOTS)
			atomic_add_int(&r->overrun, 1);
		else if (!atomic_cmpset_int(&r->slot[n], SEED_EMPTY, me))
			atomic_add_int(&r->collisions, 1);
		for (k = 0; k < SEED_WORK; k++)
			cpu_pause();
	}
	xgroup_done(&r->race.g);
}

/* FNV-1a, 32 bits, over one more byte. */
static uint32_t
seed_fnv1a(uint32_t h, uint8_t byte)
{
	return (h ^ byte) * 16777619u;
}

KTEST(seed_interleaving_fingerprint)
{
	static struct seed_race r;
	uint32_t count[MAXCPU], hash = 2166136261u, runs = 0, bad = 0, id;
	int cpu, i, before = lwkt_threads_allocated();

	if (ncpus == 1) {
		kprintf("note: %s: 1 CPU: no race to fingerprint\n", kt->name);
		return;
	}
	r.next = 0;
	for (i = 0; i < SEED_SLOTS; i++)
		r.slot[i] = SEED_EMPTY;
	for (cpu = 0; cpu < MAXCPU; cpu++) {
		r.quota[cpu] = cpu >= ncpus ? 0 : SEED_SLOTS / ncpus +
		    (cpu < SEED_SLOTS % ncpus ? 1 : 0);
		count[cpu] = 0;
	}
	r.overrun = r.collisions = 0;
	kt_race_every_cpu(kt, &r.race, seed_racer, &r);

	/* What must hold whatever the order. */
	KT_EXPECT_EQ(SEED_SLOTS, r.next);
	KT_EXPECT_EQ(0, r.overrun);
	KT_EXPECT_EQ(0, r.collisions);
	for (i = 0; i < SEED_SLOTS; i++) {
		id = r.slot[i];
		if (id >= (uint32_t)ncpus) {
			/* Say where the first one is; the count is below. */
			if (bad++ == 0)
				ktest_fail(kt, __FILE__, __LINE__,
				    "slot %d holds %d (-1: never written)", i,
				    (int)id);
			continue;
		}
		count[id]++;
		hash = seed_fnv1a(hash, (uint8_t)id);
		if (i == 0 || id != r.slot[i - 1])
			runs++;
	}
	KT_EXPECT_EQ(0, bad);
	/* Each CPU's thread took its share, at least one slot: the array
	 * must hold exactly that many of its number (a lost increment or a
	 * slot written twice leaves some CPU short). */
	for (cpu = 0; cpu < ncpus; cpu++)
		if (count[cpu] != r.quota[cpu])
			ktest_fail(kt, __FILE__, __LINE__, "cpu%d took %u "
			    "slots, %u hold its number", cpu, r.quota[cpu],
			    count[cpu]);
	KT_ASSERT(kt_wait_threads_freed(before) <= before);

	/* The order itself: a hash of the CPU numbers, slot by slot, and
	 * the number of runs (stretches of slots taken by one CPU). */
	kprintf("note: %s: interleaving fingerprint=%08x runs=%u\n",
	    kt->name, hash, runs);
}
