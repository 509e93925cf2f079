/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The work critical sections defer: splz calls the functions that the
 * chapters registered for the bits of gd_reqflags.
 */
#include <stdint.h>

#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/thread2.h"

#define SPLZ_MAX	8	/* kinds of deferred work */

static struct {
	uint32_t	mask;		/* the bits of gd_reqflags */
	void		(*func)(void);	/* the work they stand for */
} splz_table[SPLZ_MAX];
static volatile int splz_count;

/* One CPU at a time (in practice, boot steps on the boot CPU). */
void
splz_register(uint32_t mask, void (*func)(void))
{
	KASSERT(splz_count < SPLZ_MAX, ("splz_register: more than %d",
	    SPLZ_MAX));
	splz_table[splz_count].mask = mask;
	splz_table[splz_count].func = func;
	cpu_ccfence();			/* the entry, then the count */
	splz_count++;
}

/* crit_exit at depth 0 with a request pending: this CPU, any thread. */
void
splz(void)
{
	struct globaldata *gd = mycpu;
	int i, n = splz_count;

	for (i = 0; i < n; i++)
		if ((gd->gd_reqflags & splz_table[i].mask) != 0)
			splz_table[i].func();
}
