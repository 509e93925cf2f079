/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "kern/globaldata.h"
#include "kern/kstring.h"

struct globaldata globaldata0;
int ncpus = 1;

static struct globaldata *globaldata_array[MAXCPU];

void
globaldata_init(struct globaldata *gd, int cpuid)
{
	kmemset(gd, 0, sizeof(*gd));
	gd->gd_self = gd;
	gd->gd_cpuid = cpuid;
	globaldata_array[cpuid] = gd;
}

struct globaldata *
globaldata_find(int cpuid)
{
	if (cpuid < 0 || cpuid >= MAXCPU)
		return NULL;
	return globaldata_array[cpuid];
}
