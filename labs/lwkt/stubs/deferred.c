/* crit_exit's work for the scheduler's bits (a stand-in: resched only). */
void
lwkt_run_deferred(void)
{
	/*
	 * LAB lwkt, part 4: a simplistic version that only honours a
	 * wanted reschedule: interrupt threads and timer ticks that
	 * arrived inside a critical section are never run (IPI messages
	 * are: the IPI chapter registers their work itself).  Write the
	 * real one (book/17-lwkt.nw, "Work deferred by critical sections").
	 */
	struct globaldata *gd = mycpu;

	if ((gd->gd_reqflags & RQF_AST_LWKT_RESCHED) != 0)
		lwkt_switch();
}
