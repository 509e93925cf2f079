/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers for the thread tests: a group of threads that a test starts
 * and then waits for.  LWKT has no "join"; a group counts its live
 * threads, and the last act of each thread is kt_group_exit, which
 * lowers the count, wakes the waiter and exits in one critical section
 * (so the waiter cannot run, see the count at zero and return before the
 * thread is really gone).  Such a group lives on one CPU; an xgroup
 * spreads its threads over the CPUs (the IPI tests and the seed test),
 * and a race starts one on every CPU from a common start line.
 */
#ifndef NAIAD_TESTS_KERN_LWKT_TESTLIB_H
#define NAIAD_TESTS_KERN_LWKT_TESTLIB_H

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"

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

/*
 * A group of threads spread over the CPUs, and a way to wait for all of
 * them.  The count is protected by a token, which is what makes the
 * sleep and the wakeup safe across CPUs, and the waiter tests and sleeps
 * in a critical section, so that no reschedule releases the token in
 * between (Chapter "Light-weight kernel threads", the lost wakeup).
 */
struct xgroup {
	struct lwkt_token tok;
	int	live;
};

static inline void
xgroup_init(struct xgroup *g)
{
	lwkt_token_init(&g->tok, "xgroup");
	g->live = 0;
}

/* Create a thread of the group on the given CPU, named after the test
 * and the CPU.  Returns it, or NULL (and a test failure). */
static inline struct thread *
xgroup_start(struct ktest_ctx *kt, struct xgroup *g, void (*fn)(void *),
    void *arg, int cpu, int tdflags)
{
	struct thread *td;

	lwkt_gettoken(&g->tok);
	crit_enter();
	g->live++;
	crit_exit();
	lwkt_reltoken(&g->tok);
	if (lwkt_create(fn, arg, &td, tdflags, cpu, "%s%d", kt->name,
	    cpu) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "lwkt_create on cpu%d",
		    cpu);
		lwkt_gettoken(&g->tok);
		crit_enter();
		g->live--;
		crit_exit();
		lwkt_reltoken(&g->tok);
		return NULL;
	}
	return td;
}

/* The last call of a thread of the group (it then returns and exits).
 * The critical section keeps the holder from being switched out (at a
 * tick, say) between the load and the store of live: a token holds only
 * while its holder runs. */
static inline void
xgroup_done(struct xgroup *g)
{
	lwkt_gettoken(&g->tok);
	crit_enter();
	if (--g->live == 0)
		wakeup(g);
	crit_exit();
	lwkt_reltoken(&g->tok);
}

/* Block until every thread of the group has called xgroup_done. */
static inline void
xgroup_wait(struct xgroup *g)
{
	lwkt_gettoken(&g->tok);
	crit_enter();
	while (g->live > 0)
		tsleep(g, 0, "xgroup", 0);
	crit_exit();
	lwkt_reltoken(&g->tok);
}

/* Wait until the threads a test made have exited and been freed (by
 * the next thread to run on their CPU): at most a few ticks.  The count
 * may end below "before": a thread of an earlier test, dead but not yet
 * freed when "before" was read, may be freed meanwhile (seen under QEMU
 * with 8 CPUs on a 2-core host).  So the property is "not above". */
static inline int
kt_wait_threads_freed(int before)
{
	int i, spin;

	for (i = 0; i < 1000 && lwkt_threads_allocated() > before; i++) {
		lwkt_yield();
		for (spin = 0; spin < 1000; spin++)
			cpu_pause();
	}
	return lwkt_threads_allocated();
}

/* Is this QEMU?  Its firmware configuration port answers "QEMU".  Tests
 * whose figures hold only under Bochs's clock (instructions: a tick is
 * the same work on every CPU) check less under QEMU, whose virtual CPUs
 * the host may stop for a while. */
static inline int
kt_on_qemu(void)
{
	static const char sig[] = "QEMU";
	int i;

	outw(0x510, 0);
	for (i = 0; i < 4; i++)
		if (inb(0x511) != (uint8_t)sig[i])
			return 0;
	return 1;
}

/*
 * A race: one thread on every CPU, held at a start line until all of
 * them are there, then let go at once, so that they run side by side
 * (the seed test, the console test).  Each racer calls kt_race_start
 * first and xgroup_done(&race->g) last.
 */
struct kt_race {
	volatile uint32_t ready;	/* racers at the start line */
	volatile uint32_t go;		/* start! */
	struct xgroup g;
};

/* Run fn(arg) on every CPU, all at once; return when every one is done. */
static inline void
kt_race_every_cpu(struct ktest_ctx *kt, struct kt_race *race,
    void (*fn)(void *), void *arg)
{
	uint32_t started = 0;
	int cpu;

	race->ready = race->go = 0;
	xgroup_init(&race->g);
	for (cpu = 0; cpu < ncpus; cpu++)
		if (xgroup_start(kt, &race->g, fn, arg, cpu, 0) != NULL)
			started++;
	while (race->ready != started)
		lwkt_yield();
	race->go = 1;
	xgroup_wait(&race->g);
}

/* A racer's first call: wait at the start line for the others. */
static inline void
kt_race_start(struct kt_race *race)
{
	atomic_add_int(&race->ready, 1);
	while (!race->go)
		lwkt_yield();
}

#endif
