/* IPI message on the new CPU: adopt a migrating thread. */
static void
lwkt_setcpu_remote(void *arg)
{
	(void)arg;
}

void
lwkt_setcpu_self(struct globaldata *rgd)
{
	/*
	 * LAB ipi, part 5: a stand-in that never moves: the thread stays
	 * on the CPU it is on.  Write the real one, both halves (Chapter
	 * 40, "Migration").
	 */
	(void)rgd;
	(void)lwkt_setcpu_remote;
}
