/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/cons_lock.h"

static void (*cons_cpu_lock)(struct cons_hold *hold);
static void (*cons_cpu_unlock)(const struct cons_hold *hold);

/* Boot CPU, once, before other CPUs print. */
void
cons_lock_install(void (*lock)(struct cons_hold *hold),
    void (*unlock)(const struct cons_hold *hold))
{
	cons_cpu_lock = lock;
	cons_cpu_unlock = unlock;
}

/* Any context: interrupts off, then the lock between CPUs if any. */
void
cons_lock(struct cons_hold *hold)
{
	hold->ch_eflags = read_eflags();
	hold->ch_taken = 0;
	cpu_disable_intr();
	if (cons_cpu_lock != NULL)
		cons_cpu_lock(hold);
}

/* The reverse of cons_lock: the lock if taken, then the flag. */
void
cons_unlock(const struct cons_hold *hold)
{
	if (hold->ch_taken && cons_cpu_unlock != NULL)
		cons_cpu_unlock(hold);
	if ((hold->ch_eflags & PSL_I) != 0)
		cpu_enable_intr();
}
