/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The console's lock between CPUs, installed in cons_lock before the
 * other CPUs start (book/03-console.nw holds the rest of cons_lock).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/mp.h"
#include "kern/cons_lock.h"
#include "kern/globaldata.h"
#include "kern/sysinit.h"

#define NOCPU	0xFFFFFFFFu

static volatile uint32_t cons_owner = NOCPU;	/* the CPU printing */

/* Interrupts off (cons_lock): wait for the console, or take it over
 * from a CPU that this one stopped in a panic. */
static void
cons_mp_lock(struct cons_hold *hold)
{
	uint32_t me;

	if (ncpus <= 1)
		return;
	me = (uint32_t)mycpu->gd_cpuid;
	if (cons_owner == me)
		return;			/* a fault or NMI inside our message */
	while (!atomic_cmpset_int(&cons_owner, NOCPU, me)) {
		if (mp_panic_owner() == (int)me) {
			cons_owner = me;	/* its holder is stopped */
			break;
		}
		cpu_pause();
	}
	hold->ch_taken = 1;
}

/* The end of a message that took the lock: release it. */
static void
cons_mp_unlock(const struct cons_hold *hold)
{
	(void)hold;
	cpu_ccfence();		/* the message, then the release */
	cons_owner = NOCPU;
}

/* Boot step of the SMP subsystem, before any AP starts. */
static void
cons_mp_boot(void *arg)
{
	(void)arg;
	cons_lock_install(cons_mp_lock, cons_mp_unlock);
}

SYSINIT(cons_mp, SI_BOOT2_SMP, SI_ORDER_FIRST, cons_mp_boot, NULL);
