/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/apicreg.h"
#include "arch/i386/atomic.h"
#include "arch/i386/lapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/trap.h"
#include "arch/i386/mp.h"
#include "kern/cmdline.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/watchdog.h"
#include "kern/watchdog_rules.h"

#define NOCPU	0xFFFFFFFFu

static int wd_limit_ticks;			/* 0: off */
static int wd_test_limit_ticks;			/* 0: off */
static struct wd_watch wd_cpu[MAXCPU];		/* each CPU's own */
static struct wd_test wd_test;			/* CPU 0's */
static volatile uint32_t wd_nmi_target = NOCPU;	/* who got our NMI */

/* The value of key in seconds, as ticks; at most an hour. */
static int
wd_ticks_of(const char *key, unsigned long dflt)
{
	unsigned long s = cmdline_get_ulong(key, dflt);

	return (int)(s > 3600 ? 3600 : s) * HZ;
}

/* Any CPU, any context. */
int
watchdog_seconds(void)
{
	return wd_limit_ticks / HZ;
}

/* Rule 3, on CPU 0: a test that has run too long.  Stop the others
 * first, so that the list of threads holds still while it is printed. */
static void
wd_check_test(struct globaldata *gd, struct trapframe *tf)
{
	const char *name;
	unsigned gen;

	name = ktest_running(&gen);
	if (wd_test_step(&wd_test, name != NULL, gen, gd->gd_ticks) <
	    (uint32_t)wd_test_limit_ticks)
		return;
	mp_stop_others();
	kprintf("watchdog: test %s has run for %d s; the threads:\n", name,
	    wd_test_limit_ticks / HZ);
	lwkt_print_threads();
	panic_at(tf->tf_eip, tf->tf_ebp, "watchdog: test %s did not finish "
	    "in %d s: is a thread waiting for a wakeup that never comes?",
	    name, wd_test_limit_ticks / HZ);
}

/* The watchdog's share of every tick of every CPU: interrupts off. */
static void
watchdog_tick(struct globaldata *gd, struct trapframe *tf)
{
	struct wd_watch *w = &wd_cpu[gd->gd_cpuid];
	struct thread *td = gd->gd_curthread;
	struct globaldata *next;

	if (gd->gd_cpuid == 0 && wd_test_limit_ticks != 0)
		wd_check_test(gd, tf);
	if (wd_limit_ticks == 0)
		return;
	if (wd_crit_step(w, td, td->td_critcount > 0 &&
	    td != gd->gd_idlethread, gd->gd_cnt_switch) >=
	    (uint32_t)wd_limit_ticks)
		panic_at(tf->tf_eip, tf->tf_ebp, "watchdog: cpu%d: thread %s "
		    "has been in a critical section for %d s without a "
		    "switch: waiting for something that cannot happen?",
		    gd->gd_cpuid, td->td_name, watchdog_seconds());
	if (ncpus < 2)
		return;
	next = globaldata_find((gd->gd_cpuid + 1) % ncpus);
	if (wd_silent_step(w, next->gd_ticks) == (uint32_t)wd_limit_ticks &&
	    atomic_cmpset_int(&wd_nmi_target, NOCPU,
	    (uint32_t)next->gd_cpuid))
		lapic_ipi(next->gd_apic_id, APIC_ICR_NMI | APIC_ICR_ASSERT);
}

/* Every NMI that no panic sent: panic if it is the watchdog's. */
static void
watchdog_nmi(struct trapframe *tf)
{
	struct globaldata *gd = mycpu;

	if (wd_nmi_target != (uint32_t)gd->gd_cpuid)
		return;
	panic_at(tf->tf_eip, tf->tf_ebp, "watchdog: cpu%d has taken no "
	    "timer interrupt for %d s: spinning with interrupts off?",
	    gd->gd_cpuid, watchdog_seconds());
}

static struct tick_hook watchdog_tick_hook = { watchdog_tick,
    TICK_ORDER_MIDDLE, "watchdog", NULL };

/* The boot step: the limits from the command line, then the hooks. */
static void
watchdog_init(void *arg)
{
	(void)arg;
	wd_limit_ticks = wd_ticks_of("watchdog", WATCHDOG_DEFAULT_SECONDS);
	wd_test_limit_ticks = wd_ticks_of("ktest_timeout",
	    WATCHDOG_DEFAULT_TEST_SECONDS);
	mp_nmi_register(watchdog_nmi);
	tick_hook_register(&watchdog_tick_hook);
}

SYSINIT(watchdog, SI_SUB_WATCHDOG, SI_ORDER_FIRST, watchdog_init, NULL);
