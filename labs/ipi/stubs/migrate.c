/* IPI message on the new CPU: adopt a migrating thread. */
static void
lwkt_setcpu_remote(void *arg)
{
	(void)arg;
}

/* Move the current thread to CPU RGD (a stand-in: it stays). */
void
lwkt_setcpu_self(struct globaldata *rgd)
{
	/*
	 * LAB ipi, part 5: a stand-in that never moves: the thread stays
	 * on the CPU it is on.  Write the real one, both halves
	 * (book/19-sleep.nw, "Migration").
	 */
	(void)rgd;
	(void)lwkt_setcpu_remote;
}
