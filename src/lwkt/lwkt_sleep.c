/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * tsleep and wakeup, with per-CPU hashed sleep queues.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "kern/errno.h"
#include "kern/spinlock.h"

/* Per-CPU initializer: gd's empty sleep queues. */
static void
slp_gdinit(struct globaldata *gd)
{
	int i;

	for (i = 0; i < LWKT_SLPQUE_SIZE; i++)
		TAILQ_INIT(&gd->gd_slpque[i]);
}

static struct gdinit slp_gdinit_hook = { slp_gdinit, "sleep", NULL };

/* Boot step, right after the scheduler's: every CPU's sleep queues. */
static void
slp_init(void *arg)
{
	(void)arg;
	gdinit_register(&slp_gdinit_hook);
}

SYSINIT(sleep, SI_BOOT2_LWKT, SI_ORDER_SECOND, slp_init, NULL);
static volatile cpumask_t slp_cpumask[LWKT_SLPQUE_SIZE];

/* The sleep queue bucket of ident. */
static int
slp_hash(const volatile void *ident)
{
	uintptr_t a = (uintptr_t)ident;

	return (int)((a >> 3) ^ (a >> 9) ^ (a >> 15)) & (LWKT_SLPQUE_SIZE - 1);
}

/* Take td, sleeping on this CPU, off its sleep queue. */
static void
slp_remove(struct globaldata *gd, struct thread *td)
{
	int b = slp_hash(td->td_wchan);

	TAILQ_REMOVE(&gd->gd_slpque[b], td, td_sleepq);
	td->td_flags &= ~TDF_TSLEEPQ;
	td->td_wchan = NULL;
	if (TAILQ_EMPTY(&gd->gd_slpque[b]))
		atomic_clear_int(&slp_cpumask[b], CPUMASK(gd->gd_cpuid));
}
/* Callout, on the sleeper's CPU: its time is up, if it still sleeps. */
static void
tsleep_timeout(void *arg)
{
	struct thread *td = arg;

	if ((td->td_flags & TDF_TSLEEPQ) != 0 && td->td_slp_error == 0) {
		td->td_slp_error = -EWOULDBLOCK;
		lwkt_schedule(td);
	}
}

/* IPI message, on the sleeper's CPU: end an interruptible sleep. */
static void
tsleep_interrupt_here(void *arg)
{
	struct thread *td = arg;

	if ((td->td_flags & TDF_TSLEEPQ) != 0 &&
	    (td->td_slp_flags & PCATCH) != 0 && td->td_slp_error == 0) {
		td->td_slp_error = -EINTR;
		lwkt_schedule(td);
	}
}

/* End td's PCATCH sleep with -EINTR; any CPU. */
void
tsleep_interrupt(struct thread *td)
{
	lwkt_send_ipiq(td->td_gd, tsleep_interrupt_here, td);
}
/* Block until wakeup(IDENT); the caller tests its condition again. */
int
tsleep(const volatile void *ident, int flags, const char *wmesg, int timo)
{
	struct globaldata *gd = mycpu;
	struct thread *td = gd->gd_curthread;
	int b = slp_hash(ident), error = 0;

	KASSERT(timo >= 0, ("tsleep: negative timeout %d", timo));
	KASSERT(td != gd->gd_idlethread, ("tsleep: the idle thread"));
	crit_enter_gd(gd);
	td->td_wchan = ident;
	td->td_wmesg = wmesg;
	td->td_flags |= TDF_TSLEEPQ;
	TAILQ_INSERT_TAIL(&gd->gd_slpque[b], td, td_sleepq);
	atomic_set_int(&slp_cpumask[b], CPUMASK(gd->gd_cpuid));
	KASSERT((flags & ~PCATCH) == 0, ("tsleep: unknown flags 0x%x", flags));
	td->td_slp_error = 0;
	td->td_slp_flags = flags;
	if (timo > 0)
		callout_reset(&td->td_slp_callout, timo, tsleep_timeout, td);
	if (td->td_slp_spin != NULL) {
		struct spinlock *spin = td->td_slp_spin;

		td->td_slp_spin = NULL;
		spin_unlock(spin);
	}
	lwkt_deschedule_self(td);
	lwkt_switch();
	if ((td->td_flags & TDF_TSLEEPQ) != 0)
		slp_remove(gd, td);
	if (timo > 0)
		callout_stop(&td->td_slp_callout);
	error = td->td_slp_error;
	td->td_slp_error = 0;
	td->td_slp_flags = 0;
	crit_exit_gd(gd);
	return error;
}
/* Wake the sleepers on ident of this CPU (the first only if one). */
static int
wakeup_local(const volatile void *ident, int one)
{
	struct globaldata *gd = mycpu;
	struct thread *td, *next;
	int b = slp_hash(ident), woken = 0;

	crit_enter_gd(gd);
	for (td = TAILQ_FIRST(&gd->gd_slpque[b]); td != NULL; td = next) {
		next = TAILQ_NEXT(td, td_sleepq);
		if (td->td_wchan != ident)
			continue;
		slp_remove(gd, td);
		lwkt_schedule(td);
		woken++;
		if (one)
			break;
	}
	crit_exit_gd(gd);
	return woken;
}

/* IPI handler: wakeup on this CPU. */
static void
wakeup_remote(void *ident)
{
	wakeup_local(ident, 0);
}

/* IPI handler: wakeup_one on this CPU. */
static void
wakeup_one_remote(void *ident)
{
	wakeup_local(ident, 1);
}
/* Wake ident on every CPU of its bucket's mask (maybe not this one). */
static void
wakeup_cpus(const volatile void *ident, int one, int skipself)
{
	cpumask_t mask = slp_cpumask[slp_hash(ident)];
	int self = mycpu->gd_cpuid, cpu;

	for (cpu = 0; cpu < ncpus; cpu++) {
		if ((mask & CPUMASK(cpu)) == 0 || (cpu == self && skipself))
			continue;
		if (cpu == self)
			wakeup_local(ident, one);
		else
			lwkt_send_ipiq(globaldata_find(cpu),
			    one ? wakeup_one_remote : wakeup_remote,
			    (void *)(uintptr_t)ident);
	}
}

/* Wake every sleeper on IDENT, on every CPU (others by IPI). */
void
wakeup(const volatile void *ident)
{
	wakeup_cpus(ident, 0, 0);
}

/* Wake the oldest sleeper on IDENT here, else one per CPU with sleepers. */
void
wakeup_one(const volatile void *ident)
{
	if (wakeup_local(ident, 1) == 0)
		wakeup_cpus(ident, 1, 1);
}
