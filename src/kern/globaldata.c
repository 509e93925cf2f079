/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The per-CPU data: CPU 0's, the table of all, the per-CPU setup.
 */
#include <stddef.h>

#include "arch/i386/gdt_cpu.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"

struct thread thread0 = {
	.td_gd = &globaldata0,
	.td_name = "thread0",
};

struct globaldata globaldata0 = {
	.gd_self = &globaldata0,
	.gd_curthread = &thread0,
};

int ncpus = 1;

static struct globaldata *globaldata_array[MAXCPU];
static struct gdinit *gdinit_first, **gdinit_last = &gdinit_first;

/* Boot CPU: gd becomes CPU cpuid; then every initializer runs on it. */
void
globaldata_init(struct globaldata *gd, int cpuid)
{
	struct gdinit *gi;

	KASSERT(cpuid >= 0 && cpuid < MAXCPU,
	    ("globaldata_init: cpu %d", cpuid));
	gd->gd_self = gd;
	gd->gd_cpuid = cpuid;
	globaldata_array[cpuid] = gd;
	for (gi = gdinit_first; gi != NULL; gi = gi->gi_next)
		gi->gi_func(gd);
}

/* Any CPU, any context. */
struct globaldata *
globaldata_find(int cpuid)
{
	if (cpuid < 0 || cpuid >= MAXCPU)
		return NULL;
	return globaldata_array[cpuid];
}

/* Boot CPU, at boot: remember gi, and run it on the CPUs set up. */
void
gdinit_register(struct gdinit *gi)
{
	int cpu;

	gi->gi_next = NULL;
	*gdinit_last = gi;
	gdinit_last = &gi->gi_next;
	for (cpu = 0; cpu < MAXCPU; cpu++)
		if (globaldata_array[cpu] != NULL)
			gi->gi_func(globaldata_array[cpu]);
}

/* The boot stack of entry.S, which thread0 runs on. */
extern char boot_stack[], boot_stack_top[];

/* Boot step: CPU 0's %fs, thread0's stack, CPU 0 in the table. */
static void
globaldata_boot(void *arg)
{
	struct globaldata *gd = &globaldata0;

	(void)arg;
	gdt_cpu_init(gd);
	gdt_cpu_load(0);
	thread0.td_kstack = boot_stack;
	thread0.td_kstack_size = (size_t)(boot_stack_top - boot_stack);
	globaldata_init(gd, 0);
}

SYSINIT(globaldata, SI_BOOT2_CPU, SI_ORDER_FIRST, globaldata_boot, NULL);
