/*
 * LAB usched, part 3: a stand-in that keeps the kernel running but puts
 * every process on CPU 0's queue, and lets each CPU take only from its
 * own queue: the other CPUs never run a program.  Write the real
 * choices (book/30-usched.nw, "Where a process runs").
 */
/* The CPU whose queue E should join: always CPU 0. */
int
usched_choose_cpu(const struct usched_queues *uqs,
    const struct usched_entity *e)
{
	(void)uqs;
	(void)e;
	return 0;
}

/* CPU's next process: the first of its own best level, if any. */
struct usched_entity *
usched_choose_next(struct usched_queues *uqs, int cpu)
{
	struct usched_entity *e;
	int best = usched_queue_best(&uqs->us_cpu[cpu]);

	if (best < 0)
		return NULL;
	e = TAILQ_FIRST(&uqs->us_cpu[cpu].uq_q[best]);
	usched_queue_remove(uqs, e);
	return e;
}
