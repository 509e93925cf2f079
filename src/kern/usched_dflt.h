/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The default user-scheduling policy's pure decisions: queues
 * per CPU and level, recent use, slices, the choice of CPU and process
 * (book/30-usched.nw).  No locks and no kernel state: tested on the
 * host.
 */
#ifndef NAIAD_KERN_USCHED_DFLT_H
#define NAIAD_KERN_USCHED_DFLT_H

#include <stdint.h>

#include "arch/i386/param.h"
#include "kern/queue.h"

#define USCHED_NQS		8	/**< levels: 0 is the best */
#define USCHED_ESTCPU_PER_LEVEL	8	/**< ticks of recent use a level */
#define USCHED_ESTCPU_MAX	255	/**< recent use stops growing here */
#define USCHED_DECAY_TICKS	32	/**< recent use halves this often */
#define USCHED_QUANTUM		4	/**< ticks of a slice */

/** A process, as the default policy sees it. */
struct usched_entity {
	TAILQ_ENTRY(usched_entity) ue_link; /**< on its level's list */
	int		ue_estcpu;	/**< recent CPU use, in ticks */
	uint32_t	ue_decayed;	/**< decay period last applied */
	int		ue_level;	/**< 0 .. USCHED_NQS - 1 */
	int		ue_slice;	/**< ticks of its current slice */
	int		ue_cpu;		/**< its queue's CPU, else its last */
	int		ue_queued;	/**< on a queue */
	uint32_t	ue_seq;		/**< when it was queued */
};

/** A list of waiting processes, of one level. */
TAILQ_HEAD(usched_entq, usched_entity);

/** One CPU's queues: a list per level, and what runs there. */
struct usched_cpuq {
	struct usched_entq uq_q[USCHED_NQS]; /**< FIFO per level */
	uint32_t	uq_mask;	/**< bit L: uq_q[L] not empty */
	int		uq_count;	/**< processes queued here */
	int		uq_curlevel;	/**< level of its current, or -1 */
};

/** The default policy's state: every CPU's queues. */
struct usched_queues {
	int		us_ncpus;	/**< CPUs in use */
	uint32_t	us_seq;		/**< the next ue_seq */
	uint32_t	us_decayed;	/**< decay period of the queues */
	struct usched_cpuq us_cpu[MAXCPU]; /**< one per CPU */
};

/** \brief Empty queues for \a ncpus CPUs, none running a process. */
void usched_queues_init(struct usched_queues *uqs, int ncpus);
/** \brief \a e joins the tail of its level on \a cpu's queue. */
void usched_queue_insert(struct usched_queues *uqs, int cpu,
    struct usched_entity *e);
/** \brief \a e, queued, leaves its queue. */
void usched_queue_remove(struct usched_queues *uqs, struct usched_entity *e);
/** \brief The best level queued on \a q, or -1. */
int usched_queue_best(const struct usched_cpuq *q);
/** \brief Decay \a e's recent use to \a now; its level from it. */
void usched_reprioritize(struct usched_entity *e, uint32_t now);
/** \brief A tick at \a now found \a e running. */
void usched_charge_tick(struct usched_entity *e, uint32_t now);
/** \brief At a new decay period, decay every waiting process too. */
void usched_queues_decay(struct usched_queues *uqs, uint32_t now);
/** \brief Does \a e, queued on \a cpu, preempt its current process? */
int usched_preempts(const struct usched_queues *uqs, int cpu,
    const struct usched_entity *e);
/** \brief Must \a e, running on \a cpu, give way now? */
int usched_slice_over(const struct usched_queues *uqs, int cpu,
    const struct usched_entity *e);
/** \brief The CPU whose queue \a e should join. */
int usched_choose_cpu(const struct usched_queues *uqs,
    const struct usched_entity *e);
/** \brief \a cpu's next process, dequeued, or NULL. */
struct usched_entity *usched_choose_next(struct usched_queues *uqs,
    int cpu);
/** \brief Idle \a cpu, nothing queued: may \a e be current there at
 * once?  If so, its fields as if queued and chosen. */
int usched_take_idle(struct usched_queues *uqs, int cpu,
    struct usched_entity *e, uint32_t now);

#endif /* !NAIAD_KERN_USCHED_DFLT_H */
