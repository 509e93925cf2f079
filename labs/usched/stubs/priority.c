/*
 * LAB usched, part 1: a stand-in that keeps the kernel running but
 * gives every process the same level, whatever it did: recent use is
 * never counted, never decays, and nobody ever preempts.  A process
 * that wakes from a sleep then waits for the end of the slice of the
 * program that computes on its CPU.  Write the real priority
 * (book/30-usched.nw, "Priority: recent use, and what it earns").
 */
/* E's level: all processes are alike. */
void
usched_reprioritize(struct usched_entity *e, uint32_t now)
{
	(void)now;
	e->ue_level = 0;
}

/* A tick found E running: not counted. */
void
usched_charge_tick(struct usched_entity *e, uint32_t now)
{
	usched_reprioritize(e, now);
}

/* A new decay period: nothing decays. */
void
usched_queues_decay(struct usched_queues *uqs, uint32_t now)
{
	(void)uqs;
	(void)now;
}

/* Does E deserve the place of CPU's current process?  Never. */
int
usched_preempts(const struct usched_queues *uqs, int cpu,
    const struct usched_entity *e)
{
	(void)uqs;
	(void)cpu;
	(void)e;
	return 0;
}
