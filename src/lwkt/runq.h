/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief A CPU's run queues: one FIFO per priority and a mask of the
 * non-empty ones.
 */
#ifndef NAIAD_LWKT_RUNQ_H
#define NAIAD_LWKT_RUNQ_H

#include <stdint.h>

#include "kern/panic.h"
#include "kern/queue.h"
#include "kern/thread.h"

#define LWKT_NQUEUES	32	/**< one queue per priority 0..31 */

/** A list of threads. */
TAILQ_HEAD(lwkt_threadq, thread);

/** The run queues of one CPU. */
struct lwkt_runq {
	struct lwkt_threadq rq_queue[LWKT_NQUEUES]; /**< by priority */
	uint32_t	rq_mask;	/**< bit p set: rq_queue[p] not empty */
};

/** \brief Make every queue empty. */
void lwkt_runq_init(struct lwkt_runq *rq);
/** \brief Append \a td to the queue of its priority; sets TDF_RUNQ. */
void lwkt_runq_insert(struct lwkt_runq *rq, struct thread *td);
/** \brief Take \a td off its queue; clears TDF_RUNQ. */
void lwkt_runq_remove(struct lwkt_runq *rq, struct thread *td);

/** \brief The highest priority with a runnable thread, or -1: one bsr. */
static inline int
lwkt_runq_highest(const struct lwkt_runq *rq)
{
	if (rq->rq_mask == 0)
		return -1;
	return 31 - __builtin_clz(rq->rq_mask);
}

/** \brief The first thread of the highest non-empty queue, or NULL. */
static inline struct thread *
lwkt_runq_first(const struct lwkt_runq *rq)
{
	int pri = lwkt_runq_highest(rq);

	return pri < 0 ? NULL : TAILQ_FIRST(&rq->rq_queue[pri]);
}
/** \brief The thread after \a td in the order of choice, or NULL. */
static inline struct thread *
lwkt_runq_next(const struct lwkt_runq *rq, struct thread *td)
{
	uint32_t below;

	if (TAILQ_NEXT(td, td_threadq) != NULL)
		return TAILQ_NEXT(td, td_threadq);
	below = rq->rq_mask & ((1u << td->td_pri) - 1);
	if (below == 0)
		return NULL;
	return TAILQ_FIRST(&rq->rq_queue[31 - __builtin_clz(below)]);
}

/** \brief Move \a td to the tail of its queue: round robin. */
static inline void
lwkt_runq_rotate(struct lwkt_runq *rq, struct thread *td)
{
	struct lwkt_threadq *q = &rq->rq_queue[td->td_pri];

	/* (queued: the caller, lwkt_switch, has just tested TDF_RUNQ) */
	if (TAILQ_NEXT(td, td_threadq) == NULL)
		return;			/* alone, or the last already */
	TAILQ_REMOVE(q, td, td_threadq);
	TAILQ_INSERT_TAIL(q, td, td_threadq);
}

#endif /* !NAIAD_LWKT_RUNQ_H */
