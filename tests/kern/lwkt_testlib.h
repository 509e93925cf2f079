/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers for the thread tests: a group of threads that a test starts
 * and then waits for.  LWKT has no "join"; a group counts its live
 * threads, and the last act of each thread is kt_group_exit, which
 * lowers the count, wakes the waiter and exits in one critical section
 * (so the waiter cannot run, see the count at zero and return before the
 * thread is really gone).
 */
#ifndef NAIAD_TESTS_KERN_LWKT_TESTLIB_H
#define NAIAD_TESTS_KERN_LWKT_TESTLIB_H

#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"

struct kt_group {
	int	live;		/* threads started and not yet exited */
};

/*
 * Create a thread of the group with priority pri, not yet runnable
 * (the caller schedules it, or delivers an interrupt to it).  Returns
 * the thread, or NULL (and a test failure) if it could not be created.
 */
static inline struct thread *
kt_group_create(struct ktest_ctx *kt, struct kt_group *g,
    void (*fn)(void *), void *arg, int pri, int tdflags, const char *name)
{
	struct thread *td;

	if (lwkt_create(fn, arg, &td, tdflags | TDF_NOSTART, -1, "%s",
	    name) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "lwkt_create %s failed",
		    name);
		return NULL;
	}
	lwkt_setpri(td, pri);
	g->live++;
	return td;
}

/* The last call of a thread of a group. */
static inline void __attribute__((noreturn))
kt_group_exit(struct kt_group *g)
{
	crit_enter();
	g->live--;
	wakeup(g);
	lwkt_exit();
}

/* Block until every thread of the group has exited. */
static inline void
kt_group_wait(struct kt_group *g)
{
	crit_enter();
	while (g->live > 0)
		tsleep(g, 0, "ktjoin", 0);
	crit_exit();
}

#endif
