/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * One CPU's data (book/10-globaldata.nw): how a CPU finds its
 * globaldata, and the deferred work of critical sections.  Expected
 * values are the structures the test looks at and the counts it makes
 * itself.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/segments.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"

KTEST(globaldata_cpu_finds_itself)
{
	struct globaldata *gd = mycpu;
	uint16_t fs;

	__asm__ __volatile__("movw %%fs, %0" : "=r"(fs));
	KT_EXPECT_EQ(GDT_PERCPU_SEL, fs);
	KT_ASSERT(gd->gd_self == gd);
	KT_ASSERT(globaldata_find(gd->gd_cpuid) == gd);
	KT_ASSERT(globaldata_find(0) == &globaldata0);
	KT_ASSERT(globaldata_find(MAXCPU) == NULL);
	KT_ASSERT(globaldata_find(-1) == NULL);
	KT_ASSERT(curthread == gd->gd_curthread);
	KT_ASSERT(curthread->td_gd == gd);
	KT_ASSERT(ncpus >= 1 && ncpus <= MAXCPU);
}

/* A bit of gd_reqflags that no chapter uses, for this test alone. */
#define RQF_TEST	0x80000000u

static volatile int deferred_runs;	/* the handler's calls */
static volatile int deferred_depth;	/* critcount when it ran */

/* The test's deferred work: count, note the depth, clear the bit. */
static void
deferred_test_work(void)
{
	atomic_clear_int(&mycpu->gd_reqflags, RQF_TEST);
	deferred_depth = curthread->td_critcount;
	deferred_runs++;
}

KTEST(crit_exit_runs_deferred_work_at_depth_zero)
{
	static int registered;
	struct globaldata *gd = mycpu;

	if (!registered) {		/* a run of the monitor may repeat */
		splz_register(RQF_TEST, deferred_test_work);
		registered = 1;
	}
	deferred_runs = 0;
	crit_enter();
	crit_enter();
	atomic_set_int(&gd->gd_reqflags, RQF_TEST);
	crit_exit();
	KT_EXPECT_EQ(0, deferred_runs);		/* depth 1: not yet */
	KT_ASSERT((gd->gd_reqflags & RQF_TEST) != 0);
	crit_exit();
	KT_EXPECT_EQ(1, deferred_runs);		/* depth 0: once */
	KT_EXPECT_EQ(0, deferred_depth);
	KT_EXPECT_EQ(0, gd->gd_reqflags & RQF_TEST);
	crit_enter();
	crit_exit();
	KT_EXPECT_EQ(1, deferred_runs);	/* nothing pending: no call */
}
