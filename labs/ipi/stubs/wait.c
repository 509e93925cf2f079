/* Wait until SEQ to TARGET returned (a stand-in: it does not). */
void
lwkt_wait_ipiq(struct globaldata *target, int seq)
{
	/*
	 * LAB ipi, part 4: a stand-in that waits for nothing: it returns
	 * at once, whether the message has run or not.  Write the real one
	 * (book/16-ipi.nw, "Waiting for a message").
	 */
	(void)target;
	(void)seq;
}
