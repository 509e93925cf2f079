/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * cpusync: run a function on a set of CPUs and hold them until the
 * initiator releases them.  One rendezvous at a time.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/thread2.h"

/* The one rendezvous in progress: owned by the CPU that set cs_busy. */
struct lwkt_cpusync {
	volatile uint32_t cs_busy;	/* 1 while a rendezvous is on */
	struct globaldata *volatile cs_initiator; /* its CPU */
	cpumask_t	cs_mask;	/* the CPUs to hold, it excepted */
	uint32_t	cs_count;	/* how many they are */
	ipifunc1_t	cs_func;	/* what each runs on arrival */
	void		*cs_arg;	/* ... with this argument */
	volatile uint32_t cs_arrived;	/* CPUs that ran it and hold */
	volatile uint32_t cs_released;	/* 1: the held CPUs may go */
	volatile uint32_t cs_left;	/* CPUs that went */
};

static struct lwkt_cpusync cpusync;
/* IPI message: run the rendezvous function, then hold this CPU. */
static void
cpusync_remote(void *arg)
{
	struct lwkt_cpusync *cs = arg;

	cs->cs_func(cs->cs_arg);
	atomic_add_int(&cs->cs_arrived, 1);
	while (cs->cs_released == 0)
		cpu_pause();
	atomic_add_int(&cs->cs_left, 1);
}
/* Take cs_busy for gd; answer our messages while another CPU has it. */
static void
cpusync_acquire(struct globaldata *gd)
{
	KASSERT(cpusync.cs_initiator != gd,
	    ("lwkt_cpusync: cpu%d is already in its own rendezvous",
	    gd->gd_cpuid));
	while (!atomic_cmpset_int(&cpusync.cs_busy, 0, 1)) {
		lwkt_process_ipiq();
		cpu_pause();
	}
	cpusync.cs_initiator = gd;
}

/* Every CPU of MASK runs func and is held; returns in a critical section. */
void
lwkt_cpusync_start(cpumask_t mask, ipifunc1_t func, void *arg)
{
	struct globaldata *gd = mycpu;
	int cpu;

	crit_enter_gd(gd);
	cpusync_acquire(gd);
	mask &= lwkt_cpumask_running();
	cpusync.cs_mask = mask & ~CPUMASK(gd->gd_cpuid);
	cpusync.cs_count = 0;
	cpusync.cs_func = func;
	cpusync.cs_arg = arg;
	cpusync.cs_arrived = 0;
	cpusync.cs_released = 0;
	cpusync.cs_left = 0;
	for (cpu = 0; cpu < ncpus; cpu++) {
		if ((cpusync.cs_mask & CPUMASK(cpu)) == 0)
			continue;
		cpusync.cs_count++;
		lwkt_send_ipiq(globaldata_find(cpu), cpusync_remote, &cpusync);
	}
	while (cpusync.cs_arrived != cpusync.cs_count) {
		lwkt_process_ipiq();
		cpu_pause();
	}
	if ((mask & CPUMASK(gd->gd_cpuid)) != 0)
		func(arg);
}
/* Release the held CPUs and wait until each has left. */
void
lwkt_cpusync_finish(void)
{
	struct globaldata *gd = mycpu;

	KASSERT(cpusync.cs_initiator == gd,
	    ("lwkt_cpusync_finish: cpu%d started no rendezvous",
	    gd->gd_cpuid));
	cpusync.cs_released = 1;
	while (cpusync.cs_left != cpusync.cs_count)
		cpu_pause();
	cpusync.cs_initiator = NULL;
	cpu_ccfence();
	cpusync.cs_busy = 0;
	crit_exit_gd(gd);
}

/* A whole rendezvous: start, then finish. */
void
lwkt_cpusync(cpumask_t mask, ipifunc1_t func, void *arg)
{
	lwkt_cpusync_start(mask, func, arg);
	lwkt_cpusync_finish();
}
