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

#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/param.h"
#include "kern/queue.h"
#include "lwkt/runq.h"
#define LWKT_SLPQUE_SIZE 64	/**< buckets of each CPU's sleep queues */
#include "kern/callout.h"
#include "arch/i386/tss.h"

/* the RQF_* bits of the chapters that defer work, each its own */
#define RQF_IPIQ		0x0001	/**< IPI messages wait in our queues */
#define RQF_INTPEND		0x0002	/**< gd_intpendq is not empty */
#define RQF_TIMER		0x0004	/**< a timer tick was deferred */
#define RQF_AST_LWKT_RESCHED	0x0008	/**< a better thread is runnable */
/** The requests the scheduler's deferred work acts on. */
#define RQF_DEFERRED_MASK	(RQF_IPIQ | RQF_INTPEND | RQF_TIMER | \
				 RQF_AST_LWKT_RESCHED)

/** A set of CPUs: bit n stands for CPU n (MAXCPU <= 32). */
typedef uint32_t cpumask_t;
/** The mask of CPU \a cpu alone. */
#define CPUMASK(cpu)	((cpumask_t)1 << (cpu))

struct thread;

/** Everything that belongs to one CPU. */
struct globaldata {
	struct globaldata *gd_self;	/**< this structure; first field */
	int		gd_cpuid;	/**< 0 .. ncpus - 1 */
	struct thread	*gd_curthread;	/**< the thread running on this CPU */
	volatile uint32_t gd_reqflags;	/**< RQF_*: deferred work */
	/* the fields of later chapters follow */
	uint8_t		gd_apic_id;	/**< its local APIC's ID */
	int		gd_intr_enabled; /**< this CPU takes interrupts */
	volatile uint32_t gd_ticks;	/**< timer interrupts taken */
	uint32_t	gd_timer_rng;	/**< xorshift state of the jitter */
	uint32_t	gd_timer_last;	/**< the count the timer last got */
	volatile int	gd_starts;	/**< times it entered its start code */
	volatile int	gd_call_state;	/**< mailbox: MP_CALL_* */
	void		(*gd_call_fn)(void *); /**< mailbox: what to run */
	void		*gd_call_arg;	/**< mailbox: its argument */
	struct ktr_entry *gd_ktr_buf;	/**< this CPU's trace ring, or NULL */
	uint64_t	gd_ktr_next;	/**< events recorded since the clear */
	volatile unsigned gd_ktr_busy;	/**< 1 while in ktr_log */
	struct lwkt_ipiq *gd_ipiq;	/**< FIFOs from this CPU, by target */
	volatile uint32_t gd_ipiq_pending; /**< an IPI is on its way here */
	uint64_t	gd_cnt_ipiq_sent; /**< messages this CPU queued */
	uint64_t	gd_cnt_ipiq_run; /**< messages this CPU ran */
	uint64_t	gd_cnt_ipiq_intr; /**< IPI interrupts it took */
	uint64_t	gd_cnt_ipiq_drain; /**< sends that found a FIFO full */
	uint64_t	gd_cnt_ipiq_poll; /**< ticks that found messages */
	struct thread	*gd_idlethread;	/**< runs when nothing else can */
	struct lwkt_runq gd_runq;	/**< the runnable threads */
	struct lwkt_threadq gd_tdallq;	/**< every thread of this CPU */
	struct lwkt_threadq gd_intpendq; /**< interrupt threads to schedule */
	uint64_t	gd_cnt_switch;	/**< thread switches, for make bench */
	uint64_t	gd_cnt_preempt;	/**< preemptions */
	uint64_t	gd_cnt_preempt_miss; /**< preemptions refused */
	struct lwkt_threadq gd_slpque[LWKT_SLPQUE_SIZE]; /**< sleepers */
	struct callout_list gd_callouts; /**< armed here, soonest first */
	struct thread	*gd_softclock;	/**< calls the due callouts */
	uint64_t	gd_cnt_callouts; /**< callouts run here */
	uint32_t	gd_cr3;		/**< the page directory loaded here */
	struct i386tss	gd_tss;		/**< this CPU's task state segment */
	struct proc	*gd_uschedcp;	/**< current user process, or NULL */
	volatile int	gd_usched_resched; /**< it must give way: why, or 0 */
	cpumask_t	gd_usched_kick;	/**< CPUs to interrupt after unlock */
	volatile uint32_t gd_usched_busy; /**< ticks that found it running */
	uint32_t	gd_usched_selects; /**< processes made current here */
	uint32_t	gd_usched_idle_takes; /**< ... of them, by take_idle */
};

/** CPU 0's globaldata (the boot CPU). */
extern struct globaldata globaldata0;
/** The number of CPUs running; the SMP chapter raises it. */
extern int ncpus;

/** A chapter's setup of its fields of every CPU's globaldata. */
struct gdinit {
	void		(*gi_func)(struct globaldata *gd); /**< sets up gd */
	const char	*gi_name;	/**< who, for messages */
	struct gdinit	*gi_next;	/**< the next, in registration order */
};

/** \brief The globaldata of CPU \a cpuid, or NULL. */
struct globaldata *globaldata_find(int cpuid);
/**
 * \brief Prepare \a gd (zeroed, gd_curthread maybe set) for CPU
 * \a cpuid, make it findable and run every per-CPU initializer on it.
 * Boot CPU, before CPU \a cpuid runs.
 */
void globaldata_init(struct globaldata *gd, int cpuid);
/**
 * \brief Run \a gi on every CPU set up so far, and on every CPU set up
 * from now on.  Boot CPU, at boot (a boot step).
 */
void gdinit_register(struct gdinit *gi);
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

/** \brief The running thread: mycpu->gd_curthread in one load. */
static inline struct thread *
_get_curthread(void)
{
	struct thread *td;

	__asm__ __volatile__("movl %%fs:%c1, %0" : "=r"(td)
	    : "i"(offsetof(struct globaldata, gd_curthread)));
	return td;
}

/** The thread running on this CPU. */
#define curthread	(_get_curthread())

/** \brief mycpu->gd_reqflags in one load (crit_exit_quick). */
static inline uint32_t
_get_reqflags(void)
{
	uint32_t flags;

	__asm__ __volatile__("movl %%fs:%c1, %0" : "=r"(flags)
	    : "i"(offsetof(struct globaldata, gd_reqflags)));
	return flags;
}

#endif /* !NAIAD_KERN_GLOBALDATA_H */
