void
lwkt_run_deferred(void)
{
	/*
	 * LAB lwkt, part 4: a simplistic version that only honours a
	 * wanted reschedule: IPIs, interrupt threads and timer ticks that
	 * arrived inside a critical section are never run.  Write the real
	 * one (Chapter 30, "Leaving a critical section").
	 */
	struct globaldata *gd = mycpu;

	if ((gd->gd_reqflags & RQF_AST_LWKT_RESCHED) != 0)
		lwkt_switch();
}
