/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the LWKT chapter: a thread switch (two threads of
 * one priority yielding to each other), a critical section, and the
 * life of a thread (create, run, exit, be freed).
 */
#include <stdint.h>

#include "kern/globaldata.h"
#include "kern/kbench.h"
#include "kern/thread.h"
#include "kern/thread2.h"

static volatile int partner_stop, partner_done;

/* Yield until told to stop: the other half of every switch measured. */
static void
yield_partner(void *arg)
{
	(void)arg;
	while (!partner_stop)
		lwkt_yield();
	partner_done = 1;
}

/* One op: switch to the partner and back, two switches. */
static void
yield_op(void *arg)
{
	(void)arg;
	lwkt_yield();
}

KBENCH(lwkt_switch_pair)
{
	struct thread *td;
	uint64_t switches = mycpu->gd_cnt_switch;

	partner_stop = partner_done = 0;
	if (lwkt_create(yield_partner, NULL, &td, TDF_NOSTART, -1,
	    "partner") != 0)
		return;
	lwkt_setpri(td, curthread->td_pri);
	lwkt_schedule(td);
	kbench_measure(kb, "ticks_per_two_switches", yield_op, NULL, 1000);
	partner_stop = 1;
	while (!partner_done)
		lwkt_yield();
	lwkt_yield();			/* let it exit and be freed */
	kbench_report(kb, "switches_counted",
	    mycpu->gd_cnt_switch - switches);
}

static void
crit_op(void *arg)
{
	(void)arg;
	crit_enter();
	crit_exit();
}

KBENCH(lwkt_crit_pair)
{
	kbench_measure(kb, "ticks_per_op", crit_op, NULL, 1000);
}

static void
exit_now(void *arg)
{
	(void)arg;
}

/* One op: a more important thread is created, runs, exits, is freed. */
static void
thread_life_op(void *arg)
{
	struct thread *td;

	(void)arg;
	if (lwkt_create(exit_now, NULL, &td, TDF_NOSTART, -1, "brief") != 0)
		return;
	lwkt_setpri(td, curthread->td_pri + 1);
	lwkt_schedule(td);		/* runs and exits before this returns */
}

KBENCH(lwkt_thread_life)
{
	kbench_measure(kb, "ticks_per_op", thread_life_op, NULL, 200);
}
