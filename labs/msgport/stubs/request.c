/* On the owner's CPU, in a critical section: queue, wake the owner. */
static void
thread_putport_here(struct lwkt_port *port, struct lwkt_msg *msg)
{
	/*
	 * LAB msgport, part 1: a simplistic version.  It puts each request
	 * at the head of its queue instead of the tail, so the owner
	 * receives the newest first, and it schedules the owner whether it
	 * waits on its port or not.  Write the real one
	 * (book/22-msgport.nw, "A request arrives").
	 */
	struct lwkt_msg_queue *q = (msg->ms_flags & MSGF_PRIORITY) != 0 ?
	    &port->mp_msgq_prio : &port->mp_msgq;
	struct lwkt_msg *first = TAILQ_FIRST(q);

	if (first != NULL)
		TAILQ_INSERT_BEFORE(first, msg, ms_node);
	else
		TAILQ_INSERT_TAIL(q, msg, ms_node);
	msg->ms_flags |= MSGF_QUEUED;
	port->mp_flags &= ~MSGPORTF_WAITING;
	lwkt_schedule(port->mpu_td);
}
