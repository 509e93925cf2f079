/* abortport: decide an abort (a stand-in: always too late). */
static int
thread_abortport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	/*
	 * LAB msgport, part 5: a stand-in that never aborts anything: it
	 * says "too late" for every message, so a message still waiting on
	 * the queue is served anyway and the message's abort function never
	 * runs.  Write the real one, deciding on the owner's CPU
	 * (book/22-msgport.nw, "Aborting").
	 */
	(void)port;
	(void)msg;
	return LWKT_ABORT_LATE;
}
