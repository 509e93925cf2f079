/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/mp.h"
#include "kern/cons_lock.h"
#include "kern/globaldata.h"

#define NOCPU	0xFFFFFFFFu

static volatile uint32_t cons_owner = NOCPU;	/* the CPU printing */

void
cons_lock(struct cons_hold *hold)
{
	uint32_t me;

	hold->ch_eflags = read_eflags();
	hold->ch_taken = 0;
	cpu_disable_intr();
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

void
cons_unlock(const struct cons_hold *hold)
{
	if (hold->ch_taken) {
		cpu_ccfence();		/* the message, then the release */
		cons_owner = NOCPU;
	}
	if ((hold->ch_eflags & PSL_I) != 0)
		cpu_enable_intr();
}
