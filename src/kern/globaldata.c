/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "kern/globaldata.h"
#include "kern/thread.h"

struct thread thread0 = {
	.td_flags = TDF_RUNNING,
	.td_gd = &globaldata0,
	.td_pri = TDPRI_KERN_DAEMON,
	.td_name = "thread0",
};

struct globaldata globaldata0 = {
	.gd_self = &globaldata0,
	.gd_curthread = &thread0,
};
int ncpus = 1;

/* Written once per CPU at start-up, read by anyone. */
static struct globaldata *globaldata_array[MAXCPU];

void
globaldata_init(struct globaldata *gd, int cpuid)
{
	gd->gd_self = gd;
	gd->gd_cpuid = cpuid;
	lwkt_runq_init(&gd->gd_runq);
	TAILQ_INIT(&gd->gd_tdallq);
	TAILQ_INIT(&gd->gd_intpendq);
	{
		int i;

		for (i = 0; i < LWKT_SLPQUE_SIZE; i++)
			TAILQ_INIT(&gd->gd_slpque[i]);
	}
	globaldata_array[cpuid] = gd;
}

struct globaldata *
globaldata_find(int cpuid)
{
	if (cpuid < 0 || cpuid >= MAXCPU)
		return NULL;
	return globaldata_array[cpuid];
}
