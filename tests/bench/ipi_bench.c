/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the IPI chapter: a message one way (send, then wait
 * for it to return), a round trip (the message sends one back), a remote
 * lwkt_schedule until the thread runs, and an uncontended token.  All
 * are measured on CPU 0 with CPU 1 as the other side; with one CPU the
 * cross-CPU figures are not measured, and a line says so.
 */
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"

/* CPU 1, or NULL (and a line saying what is not measured). */
static struct globaldata *
ipi_bench_partner(struct kbench_ctx *kb)
{
	if (ncpus < 2) {
		kprintf("note: %s: 1 CPU: nothing to measure across CPUs\n",
		    kb->name);
		return NULL;
	}
	return globaldata_find(1);
}

static void
ipi_bench_null(void *arg)
{
	(void)arg;
}

/* One op: send a null function and wait until it has returned. */
static void
oneway_op(void *arg)
{
	struct globaldata *gd = arg;

	lwkt_wait_ipiq(gd, lwkt_send_ipiq(gd, ipi_bench_null, NULL));
}

KBENCH(ipi_oneway)
{
	struct globaldata *gd = ipi_bench_partner(kb);

	/* A message to oneself is a call: the floor of the others. */
	kbench_measure(kb, "self_ticks_per_op", oneway_op, mycpu, 1000);
	if (gd != NULL)
		kbench_measure(kb, "ticks_per_op", oneway_op, gd, 1000);
}

static volatile int roundtrip_back;
static struct globaldata *roundtrip_home;

static void
roundtrip_arrive_home(void *arg)
{
	(void)arg;
	roundtrip_back = 1;
}

static void
roundtrip_there(void *arg)
{
	(void)arg;
	lwkt_send_ipiq(roundtrip_home, roundtrip_arrive_home, NULL);
}

/* One op: A sends to B, whose message sends back to A; A waits for it
 * to run, out of any critical section (its IPI handler runs it). */
static void
roundtrip_op(void *arg)
{
	roundtrip_back = 0;
	lwkt_send_ipiq(arg, roundtrip_there, NULL);
	while (!roundtrip_back)
		cpu_pause();
}

KBENCH(ipi_roundtrip)
{
	struct globaldata *gd = ipi_bench_partner(kb);

	if (gd == NULL)
		return;
	roundtrip_home = mycpu;
	kbench_measure(kb, "ticks_per_op", roundtrip_op, gd, 1000);
}

/*
 * A thread on CPU 1 that blocks, and says so, over and over.  It says
 * so inside the critical section that ends with its switch, so a
 * schedule sent after the signal can only be run once it has blocked.
 */
static volatile int sched_blocked, sched_stop;
static struct thread *sched_td;

static void
sched_partner(void *arg)
{
	(void)arg;
	for (;;) {
		crit_enter();
		lwkt_deschedule_self(curthread);
		sched_blocked = 1;
		lwkt_switch();
		crit_exit();
		if (sched_stop)
			break;
	}
	sched_blocked = 1;
}

/* One op: schedule the thread of CPU 1 and wait until it has run. */
static void
remote_schedule_op(void *arg)
{
	(void)arg;
	sched_blocked = 0;
	lwkt_schedule(sched_td);
	while (!sched_blocked)
		cpu_pause();
}

KBENCH(lwkt_remote_schedule)
{
	struct globaldata *gd = ipi_bench_partner(kb);

	if (gd == NULL)
		return;
	sched_blocked = sched_stop = 0;
	if (lwkt_create(sched_partner, NULL, &sched_td, 0, gd->gd_cpuid,
	    "schedpartner") != 0)
		return;
	while (!sched_blocked)
		cpu_pause();
	kbench_measure(kb, "ticks_per_op", remote_schedule_op, NULL, 1000);
	sched_stop = 1;
	remote_schedule_op(NULL);	/* it wakes, sees stop, exits */
}

static struct lwkt_token bench_token = LWKT_TOKEN_INITIALIZER(bench_token);

static void
token_op(void *arg)
{
	(void)arg;
	lwkt_gettoken(&bench_token);
	lwkt_reltoken(&bench_token);
}

KBENCH(lwkt_token_uncontended)
{
	kbench_measure(kb, "ticks_per_op", token_op, NULL, 1000);
}
