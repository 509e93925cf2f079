/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Messages between CPUs: one lock-free FIFO per ordered pair of CPUs,
 * an IPI to announce them, passive messages polled by the tick, waits
 * and broadcasts.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/lapic.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"
#include "ipi/ipififo.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/ktr.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "vm/kmalloc.h"

/* Raise VEC_IPIQ on target, unless it has one pending, unread. */
static void
ipiq_kick(struct globaldata *target)
{
	if (atomic_cmpset_int(&target->gd_ipiq_pending, 0, 1) &&
	    lapic_ipi(target->gd_apic_id, apic_icr_fixed(VEC_IPIQ)) != 0)
		panic("lwkt_send_ipiq: the APIC does not send to cpu%d",
		    target->gd_cpuid);
}
/* ip, our FIFO to target, is over half full: drain ours meanwhile. */
static void
ipiq_make_room(struct globaldata *gd, struct globaldata *target,
    struct lwkt_ipiq *ip)
{
	uint32_t eflags = read_eflags();

	++gd->gd_cnt_ipiq_drain;
	ipiq_kick(target);
	if (gd->gd_intr_enabled)
		cpu_enable_intr();
	while (!ipififo_drained(ip)) {
		lwkt_process_ipiq();
		cpu_pause();
	}
	if ((eflags & PSL_I) == 0)
		cpu_disable_intr();
}
/* lwkt_send_ipiq, with or without the interrupt. */
static int
ipiq_send(struct globaldata *target, ipifunc1_t func, void *arg,
    int interrupt)
{
	struct globaldata *gd = mycpu;
	struct lwkt_ipiq *ip;
	uint32_t seq;

	crit_enter_gd(gd);
	if (target == gd) {
		func(arg);
		crit_exit_gd(gd);
		return 0;
	}
	KASSERT(gd->gd_ipiq != NULL,
	    ("lwkt_send_ipiq: cpu%d has no IPI FIFOs", gd->gd_cpuid));
	ip = &gd->gd_ipiq[target->gd_cpuid];
	if (ipififo_must_drain(ip))
		ipiq_make_room(gd, target, ip);
	seq = ipififo_put(ip, func, arg);
	KTR_LOG(KTR_IPI_SEND, target->gd_cpuid, seq, NULL);
	++gd->gd_cnt_ipiq_sent;
	if (interrupt)
		ipiq_kick(target);
	crit_exit_gd(gd);
	return (int)seq;
}
/* func(arg) on TARGET, with an interrupt; may run our own messages. */
int
lwkt_send_ipiq(struct globaldata *target, ipifunc1_t func, void *arg)
{
	return ipiq_send(target, func, arg, 1);
}

/* func(arg) on TARGET, found at its next look (a tick at the latest). */
int
lwkt_send_ipiq_passive(struct globaldata *target, ipifunc1_t func,
    void *arg)
{
	return ipiq_send(target, func, arg, 0);
}
/* Run the messages waiting in ip, the FIFO from CPU from to this one,
 * in order.  The trace records each with the number the sender's put
 * returned (read index + 1), so a picture can pair sending and running. */
static void
ipiq_run_fifo(struct globaldata *gd, struct lwkt_ipiq *ip, int from)
{
	ipifunc1_t func;
	void *arg;
	uint32_t n, seq;

	for (n = ipififo_queued(ip); n > 0; n--) {
		seq = ip->ip_rindex + 1;
		if (!ipififo_get(ip, &func, &arg))
			break;
		KTR_LOG(KTR_IPI_RECV, from, seq, NULL);
		func(arg);
		ipififo_done(ip);
		++gd->gd_cnt_ipiq_run;
	}
}
/* Run what every other CPU queued for this one, in order per sender. */
void
lwkt_process_ipiq(void)
{
	struct globaldata *gd = mycpu, *sgd;
	int cpu;

	crit_enter_gd(gd);
	atomic_swap_int(&gd->gd_ipiq_pending, 0);
	for (cpu = 0; cpu < ncpus; cpu++) {
		sgd = globaldata_find(cpu);
		if (sgd != gd && sgd != NULL && sgd->gd_ipiq != NULL)
			ipiq_run_fifo(gd, &sgd->gd_ipiq[gd->gd_cpuid], cpu);
	}
	crit_exit_gd(gd);
}
/* VEC_IPIQ: messages wait in our FIFOs. */
static void
lwkt_ipiq_intr(struct trapframe *tf)
{
	struct globaldata *gd = mycpu;

	(void)tf;
	lapic_eoi();
	++gd->gd_cnt_ipiq_intr;
	if (gd->gd_curthread->td_critcount > 0)
		atomic_set_int(&gd->gd_reqflags, RQF_IPIQ);
	else
		lwkt_process_ipiq();
}
/* Does any FIFO to gd hold messages? */
static int
ipiq_any_queued(struct globaldata *gd)
{
	struct globaldata *sgd;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++) {
		sgd = globaldata_find(cpu);
		if (sgd != gd && sgd != NULL && sgd->gd_ipiq != NULL &&
		    ipififo_queued(&sgd->gd_ipiq[gd->gd_cpuid]) != 0)
			return 1;
	}
	return 0;
}

/* At a tick: passive messages waiting?  Run them, or note them. */
void
lwkt_ipiq_poll(void)
{
	struct globaldata *gd = mycpu;

	if (!ipiq_any_queued(gd))
		return;
	++gd->gd_cnt_ipiq_poll;
	if (gd->gd_curthread->td_critcount > 0)
		atomic_set_int(&gd->gd_reqflags, RQF_IPIQ);
	else
		lwkt_process_ipiq();
}
/* The IPI's share of every tick of every CPU: interrupts off. */
static void
ipiq_tick(struct globaldata *gd, struct trapframe *tf)
{
	(void)gd;
	(void)tf;
	lwkt_ipiq_poll();
}

static struct tick_hook ipiq_tick_hook = { ipiq_tick, TICK_ORDER_MIDDLE,
    "ipiq", NULL };
/* Spin until SEQ to TARGET returned, answering our own messages. */
void
lwkt_wait_ipiq(struct globaldata *target, int seq)
{
	struct globaldata *gd = mycpu;
	struct lwkt_ipiq *ip;

	if (target == gd)
		return;
	ip = &gd->gd_ipiq[target->gd_cpuid];
	crit_enter_gd(gd);
	while (!ipififo_completed(ip, (uint32_t)seq)) {
		lwkt_process_ipiq();
		cpu_pause();
	}
	crit_exit_gd(gd);
}
/* The mask of the CPUs running. */
cpumask_t
lwkt_cpumask_running(void)
{
	if (ncpus >= (int)(8 * sizeof(cpumask_t)))
		return ~(cpumask_t)0;
	return CPUMASK(ncpus) - 1;
}

/* func(arg) on every running CPU of MASK, this one last. */
int
lwkt_send_ipiq_mask(cpumask_t mask, ipifunc1_t func, void *arg)
{
	struct globaldata *gd = mycpu;
	int cpu, n = 0;

	mask &= lwkt_cpumask_running();
	for (cpu = 0; cpu < ncpus; cpu++) {
		if ((mask & CPUMASK(cpu)) != 0 && cpu != gd->gd_cpuid) {
			lwkt_send_ipiq(globaldata_find(cpu), func, arg);
			n++;
		}
	}
	if ((mask & CPUMASK(gd->gd_cpuid)) != 0) {
		lwkt_send_ipiq(gd, func, arg);
		n++;
	}
	return n;
}
/* Per-CPU initializer: gd's row of FIFOs, one per possible target. */
static void
lwkt_ipiq_gdinit(struct globaldata *gd)
{
	int cpu;

	gd->gd_ipiq = kmalloc(MAXCPU * sizeof(*gd->gd_ipiq), M_ZERO);
	if (gd->gd_ipiq == NULL)
		panic("lwkt_ipiq_init: no memory for cpu%d's FIFOs",
		    gd->gd_cpuid);
	for (cpu = 0; cpu < MAXCPU; cpu++)
		ipififo_init(&gd->gd_ipiq[cpu], IPIQ_FIRST_INDEX);
}

static struct gdinit lwkt_ipiq_gdinit_hook = { lwkt_ipiq_gdinit, "ipiq",
    NULL };

/*
 * crit_exit's share for RQF_IPIQ: the messages that waited for it.  In a
 * critical section of its own, so that a message arriving meanwhile is
 * noted rather than run by a crit_exit nested inside this one.
 */
static void
ipiq_deferred(void)
{
	struct thread *td = curthread;

	atomic_clear_int(&mycpu->gd_reqflags, RQF_IPIQ);
	++td->td_critcount;
	lwkt_process_ipiq();
	cpu_ccfence();
	--td->td_critcount;
}

/* Boot step: every CPU's FIFOs, the handler, deferred work, the tick. */
static void
lwkt_ipiq_init(void *arg)
{
	(void)arg;
	gdinit_register(&lwkt_ipiq_gdinit_hook);
	trap_set_handler(VEC_IPIQ, lwkt_ipiq_intr);
	splz_register(RQF_IPIQ, ipiq_deferred);
	tick_hook_register(&ipiq_tick_hook);
}

SYSINIT(ipiq, SI_BOOT2_IPI, SI_ORDER_FIRST, lwkt_ipiq_init, NULL);
