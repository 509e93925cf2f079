/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Callouts: each CPU's list of timed calls, its softclock thread, and
 * the tick that wakes it.  Only a CPU touches its own list.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "ipi/ipiq.h"
#include "kern/callout.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"

/* An idle callout. */
void
callout_init(struct callout *c)
{
	kmemset(c, 0, sizeof(*c));
}

/* Arm C on this CPU for TICKS ticks from now (at least 1); any thread. */
void
callout_reset(struct callout *c, int ticks, void (*func)(void *),
    void *arg)
{
	struct globaldata *gd = mycpu;

	crit_enter_gd(gd);
	KASSERT(c->c_gd == NULL || c->c_gd == gd,
	    ("callout_reset: callout %p is armed on cpu%d, not on cpu%d",
	    c, c->c_gd->gd_cpuid, gd->gd_cpuid));
	if (c->c_gd != NULL)
		callout_list_remove(&gd->gd_callouts, c);
	c->c_time = gd->gd_ticks + (uint32_t)(ticks < 1 ? 1 : ticks);
	c->c_func = func;
	c->c_arg = arg;
	c->c_gd = gd;
	callout_list_insert(&gd->gd_callouts, c);
	crit_exit_gd(gd);
}

/* Disarm C, on its CPU; 1 if it was armed, 0 if idle. */
int
callout_stop(struct callout *c)
{
	struct globaldata *gd = mycpu;
	int armed;

	crit_enter_gd(gd);
	KASSERT(c->c_gd == NULL || c->c_gd == gd,
	    ("callout_stop: callout %p is armed on cpu%d, not on cpu%d",
	    c, c->c_gd->gd_cpuid, gd->gd_cpuid));
	armed = c->c_gd != NULL;
	if (armed) {
		callout_list_remove(&gd->gd_callouts, c);
		c->c_gd = NULL;
	}
	crit_exit_gd(gd);
	return armed;
}
/* Callouts this CPU has run. */
uint64_t
callout_count_run(void)
{
	return mycpu->gd_cnt_callouts;
}
/* Tick hook: schedule the softclock thread if a callout is due. */
static void
callout_tick(struct globaldata *gd, struct trapframe *tf)
{
	(void)tf;
	if (gd->gd_softclock == NULL || TAILQ_EMPTY(&gd->gd_callouts))
		return;
	if (gd->gd_curthread->td_critcount == 0 &&
	    callout_list_due(&gd->gd_callouts, gd->gd_ticks) == NULL)
		return;
	lwkt_schedule_interrupt(gd->gd_softclock);
}

static struct tick_hook callout_tick_hook = { callout_tick,
    TICK_ORDER_MIDDLE, "callout", NULL };
/* One per CPU: call the due callouts, in a critical section; then block. */
static void
softclock_thread(void *arg)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	struct callout *c;

	(void)arg;
	lwkt_setpri_self(TDPRI_SOFT_TIMER);
	crit_enter_gd(gd);
	for (;;) {
		while ((c = callout_list_due(&gd->gd_callouts,
		    gd->gd_ticks)) != NULL) {
			callout_list_remove(&gd->gd_callouts, c);
			c->c_gd = NULL;
			++gd->gd_cnt_callouts;
			c->c_func(c->c_arg);
		}
		lwkt_deschedule_self(td);
		lwkt_switch();
	}
}
/* Per-CPU initializer: an empty list. */
static void
callout_gdinit(struct globaldata *gd)
{
	TAILQ_INIT(&gd->gd_callouts);
}

static struct gdinit callout_gdinit_hook = { callout_gdinit, "callout",
    NULL };

/* IPI message, on each CPU: create this CPU's softclock thread. */
static void
callout_start_cpu(void *arg)
{
	struct globaldata *gd = mycpu;

	(void)arg;
	if (lwkt_create(softclock_thread, NULL, &gd->gd_softclock,
	    TDF_INTTHREAD, -1, "softclock%d", gd->gd_cpuid) != 0)
		panic("callout: no memory for cpu%d's softclock",
		    gd->gd_cpuid);
}

/* Boot step: every CPU's list and softclock thread, then the tick. */
static void
callout_boot(void *arg)
{
	struct globaldata *gd;
	int cpu;

	(void)arg;
	gdinit_register(&callout_gdinit_hook);
	for (cpu = 0; cpu < ncpus; cpu++) {
		gd = globaldata_find(cpu);
		lwkt_wait_ipiq(gd, lwkt_send_ipiq(gd, callout_start_cpu,
		    NULL));
	}
	tick_hook_register(&callout_tick_hook);
}

SYSINIT(callout, SI_SUB_CALLOUT, SI_ORDER_FIRST, callout_boot, NULL);
