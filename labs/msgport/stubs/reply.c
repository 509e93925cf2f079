/* On the owner's CPU, in a critical section: the reply is back. */
static void
thread_replyport_here(struct lwkt_port *port, struct lwkt_msg *msg)
{
	/*
	 * LAB msgport, part 2: a simplistic version.  It marks every reply
	 * back and wakes the owner, but never queues one: a sender that
	 * collects its asynchronous replies with lwkt_waitport never sees
	 * them.  Write the real one (book/22-msgport.nw, "A reply
	 * arrives").
	 */
	msg->ms_flags |= MSGF_REPLY | MSGF_DONE;
	port->mp_flags &= ~MSGPORTF_WAITING;
	lwkt_schedule(port->mpu_td);
}
