/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The per-CPU data: struct globaldata, mycpu and curthread.
 */
#ifndef NAIAD_KERN_GLOBALDATA_H
#define NAIAD_KERN_GLOBALDATA_H

#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/machine.h"
#include "kern/queue.h"
#include "lwkt/runq.h"

#define RQF_IPIQ		0x0001	/**< IPI messages wait in our queues */
#define RQF_INTPEND		0x0002	/**< gd_intpendq is not empty */
#define RQF_TIMER		0x0004	/**< a timer tick was deferred */
#define RQF_AST_LWKT_RESCHED	0x0008	/**< a better thread is runnable */
/** The requests crit_exit acts on. */
#define RQF_DEFERRED_MASK	(RQF_IPIQ | RQF_INTPEND | RQF_TIMER | \
				 RQF_AST_LWKT_RESCHED)

#define LWKT_SLPQUE_SIZE 64	/**< buckets of each CPU's sleep queues */

/** A set of CPUs: bit n stands for CPU n (MAXCPU, of machine.h, <= 32). */
typedef uint32_t cpumask_t;
/** The mask of CPU \a cpu alone. */
#define CPUMASK(cpu)	((cpumask_t)1 << (cpu))

/** Everything that belongs to one CPU. */
struct globaldata {
	struct globaldata *gd_self;	/**< this structure; first field */
	volatile uint32_t gd_ticks;	/**< timer interrupts taken */
	uint32_t	gd_timer_rng;	/**< xorshift state of the jitter */
	uint32_t	gd_timer_last;	/**< the count the timer last got */
	uint8_t		gd_apic_id;	/**< its local APIC's ID */
	volatile int	gd_starts;	/**< times it entered its start code */
	volatile int	gd_call_state;	/**< mailbox: MP_CALL_* */
	void		(*gd_call_fn)(void *); /**< mailbox: what to run */
	void		*gd_call_arg;	/**< mailbox: its argument */
	struct ktr_entry *gd_ktr_buf;	/**< this CPU's trace ring, or NULL */
	uint64_t	gd_ktr_next;	/**< events recorded since the clear */
	struct lwkt_ipiq *gd_ipiq;	/**< FIFOs from this CPU, by target */
	volatile uint32_t gd_ipiq_pending; /**< an IPI is on its way here */
	uint64_t	gd_cnt_ipiq_sent; /**< messages this CPU queued */
	uint64_t	gd_cnt_ipiq_run; /**< messages this CPU ran */
	uint64_t	gd_cnt_ipiq_intr; /**< IPI interrupts it took */
	uint64_t	gd_cnt_ipiq_drain; /**< sends that found a FIFO full */
	uint64_t	gd_cnt_ipiq_poll; /**< ticks that found messages */
	int		gd_cpuid;	/**< 0 .. ncpus - 1 */
	struct thread	*gd_curthread;	/**< the thread running on this CPU */
	struct thread	*gd_idlethread;	/**< runs when nothing else can */
	volatile uint32_t gd_reqflags;	/**< RQF_*: deferred work */
	struct lwkt_runq gd_runq;	/**< the runnable threads */
	struct lwkt_threadq gd_tdallq;	/**< every thread of this CPU */
	struct lwkt_threadq gd_intpendq; /**< interrupt threads to schedule */
	int		gd_intr_enabled; /**< this CPU takes interrupts */
	uint64_t	gd_cnt_switch;	/**< thread switches, for make bench */
	uint64_t	gd_cnt_preempt;	/**< preemptions */
	uint64_t	gd_cnt_preempt_miss; /**< preemptions refused */
	struct lwkt_threadq gd_slpque[LWKT_SLPQUE_SIZE]; /**< sleepers */
};

/** CPU 0's globaldata (the boot CPU). */
extern struct globaldata globaldata0;
/** CPU 0's first thread: the boot context (see lwkt_init). */
extern struct thread thread0;
/** The number of CPUs running; the SMP chapter raises it. */
extern int ncpus;

/** \brief The globaldata of CPU \a cpuid, or NULL. */
struct globaldata *globaldata_find(int cpuid);
/** \brief Prepare \a gd for CPU \a cpuid and make it findable. */
void globaldata_init(struct globaldata *gd, int cpuid);

/** \brief This CPU's globaldata: one load through %fs. */
static inline struct globaldata *
_get_mycpu(void)
{
	struct globaldata *gd;

	__asm__ __volatile__("movl %%fs:0, %0" : "=r"(gd));
	return gd;
}

/** The globaldata of the CPU executing this code. */
#define mycpu		(_get_mycpu())

/** The thread running on this CPU. */
#define curthread	(mycpu->gd_curthread)

/** \brief Ask this CPU to reschedule at the next crit_exit. */
static inline void
need_lwkt_resched(void)
{
	atomic_set_int(&mycpu->gd_reqflags, RQF_AST_LWKT_RESCHED);
}

#endif /* !NAIAD_KERN_GLOBALDATA_H */
