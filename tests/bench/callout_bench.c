/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmark of the callout chapter: arming and stopping a callout,
 * on a CPU with no other callout armed and with a hundred armed before
 * it (arming walks the list: the figure grows with it).  The times are
 * far in the future, so that nothing fires while it measures.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/callout.h"
#include "kern/kbench.h"

#define OTHERS		100
#define FAR		2000000		/* ticks: about 5 hours */

/* The callouts' function: never runs (they are stopped long before). */
static void
callout_bench_fn(void *arg)
{
	(void)arg;
}

/* One op: arm a callout, then stop it. */
static void
reset_stop_op(void *arg)
{
	struct callout *c = arg;

	callout_reset(c, FAR, callout_bench_fn, NULL);
	callout_stop(c);
}

KBENCH(callout_reset_stop)
{
	static struct callout c, others[OTHERS];
	int i;

	callout_init(&c);
	kbench_measure(kb, "ticks_per_op_alone", reset_stop_op, &c, 1000);
	/* Others due sooner: the new one goes to the end of the walk. */
	for (i = 0; i < OTHERS; i++) {
		callout_init(&others[i]);
		callout_reset(&others[i], FAR / 2, callout_bench_fn, NULL);
	}
	kbench_measure(kb, "ticks_per_op_behind_100", reset_stop_op, &c,
	    1000);
	for (i = 0; i < OTHERS; i++)
		callout_stop(&others[i]);
}
