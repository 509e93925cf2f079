/* Append TD to a run queue (a stand-in: always queue 0). */
void
lwkt_runq_insert(struct lwkt_runq *rq, struct thread *td)
{
	/*
	 * LAB lwkt, part 1: a simplistic version that keeps the kernel
	 * running.  It ignores priorities: every thread goes into queue 0,
	 * so the most urgent thread waits behind all the others.  Write
	 * the real one (book/17-lwkt.nw, "The run queue"): one FIFO per
	 * priority, the mask bit of the priority set, the thread marked
	 * queued, and the invariants asserted.
	 */
	TAILQ_INSERT_TAIL(&rq->rq_queue[0], td, td_threadq);
	rq->rq_mask |= 1u;
	td->td_flags |= TDF_RUNQ;
}

/* Take TD off its run queue (a stand-in: queue 0). */
void
lwkt_runq_remove(struct lwkt_runq *rq, struct thread *td)
{
	/* LAB lwkt, part 1: the matching removal; write the real one. */
	TAILQ_REMOVE(&rq->rq_queue[0], td, td_threadq);
	if (TAILQ_EMPTY(&rq->rq_queue[0]))
		rq->rq_mask &= ~1u;
	td->td_flags &= ~TDF_RUNQ;
}
