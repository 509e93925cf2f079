/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The run queues: pure data structure, compiled into the kernel and into
 * the host unit tests.  The caller owns the queues (in the kernel: it is
 * the owning CPU, in a critical section).
 */
#include "kern/panic.h"
#include "kern/thread.h"
#include "lwkt/runq.h"

/* Every queue empty; pure, host-tested. */
void
lwkt_runq_init(struct lwkt_runq *rq)
{
	int i;

	for (i = 0; i < LWKT_NQUEUES; i++)
		TAILQ_INIT(&rq->rq_queue[i]);
	rq->rq_mask = 0;
}

/* Append TD to its priority's queue; the owner, in a critical section. */
void
lwkt_runq_insert(struct lwkt_runq *rq, struct thread *td)
{
	KASSERT((td->td_flags & TDF_RUNQ) == 0,
	    ("lwkt_runq_insert: %s already queued", td->td_name));
	KASSERT(td->td_pri >= 0 && td->td_pri < LWKT_NQUEUES,
	    ("lwkt_runq_insert: %s has priority %d", td->td_name, td->td_pri));
	TAILQ_INSERT_TAIL(&rq->rq_queue[td->td_pri], td, td_threadq);
	rq->rq_mask |= 1u << td->td_pri;
	td->td_flags |= TDF_RUNQ;
}

/* Take TD off its queue; clears the bit when the queue empties. */
void
lwkt_runq_remove(struct lwkt_runq *rq, struct thread *td)
{
	KASSERT((td->td_flags & TDF_RUNQ) != 0,
	    ("lwkt_runq_remove: %s not queued", td->td_name));
	TAILQ_REMOVE(&rq->rq_queue[td->td_pri], td, td_threadq);
	if (TAILQ_EMPTY(&rq->rq_queue[td->td_pri]))
		rq->rq_mask &= ~(1u << td->td_pri);
	td->td_flags &= ~TDF_RUNQ;
}
