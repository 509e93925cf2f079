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

#include "kern/queue.h"

#define LWKT_NQUEUES	32	/**< one queue per priority 0..31 */

struct thread;
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
/** \brief The highest priority with a runnable thread, or -1. */
int lwkt_runq_highest(const struct lwkt_runq *rq);
/** \brief The first thread of the highest non-empty queue, or NULL. */
struct thread *lwkt_runq_first(const struct lwkt_runq *rq);
/** \brief The thread after \a td in the order of choice, or NULL. */
struct thread *lwkt_runq_next(const struct lwkt_runq *rq,
    struct thread *td);
/** \brief Move \a td to the tail of its queue. */
void lwkt_runq_rotate(struct lwkt_runq *rq, struct thread *td);

#endif /* !NAIAD_LWKT_RUNQ_H */
