/* IPI message on the owner's CPU: a request from another CPU. */
static void
thread_putport_remote(void *arg)
{
	struct lwkt_msg *msg = arg;

	thread_putport_here(msg->ms_target_port, msg);
}

/* putport: queue here, or carry it to the owner's CPU; -EASYNC. */
static int
thread_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	/*
	 * LAB msgport, part 3: a simplistic version.  It carries requests
	 * and replies to the owner's CPU, but never says that a message is
	 * on its way (MSGF_INTRANSIT), nor that a reply on its way back is
	 * replied: until it arrives, the message looks like one its target
	 * is still serving, and an abort or a reader of its flags is
	 * misled.  Write the real one, all four functions
	 * (book/22-msgport.nw, "Across CPUs").
	 */
	struct globaldata *gd = mycpu;

	if (thread_port_gd(port) == gd) {
		crit_enter_gd(gd);
		thread_putport_here(port, msg);
		crit_exit_gd(gd);
	} else {
		lwkt_send_ipiq(thread_port_gd(port), thread_putport_remote,
		    msg);
	}
	return -EASYNC;
}

/* IPI message on the owner's CPU: a reply from another CPU. */
static void
thread_replyport_remote(void *arg)
{
	struct lwkt_msg *msg = arg;

	thread_replyport_here(msg->ms_reply_port, msg);
}

/* replyport: the reply arrives here, or travels to the owner's CPU. */
static void
thread_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct globaldata *gd = mycpu;

	if (thread_port_gd(port) == gd) {
		crit_enter_gd(gd);
		thread_replyport_here(port, msg);
		crit_exit_gd(gd);
	} else {
		lwkt_send_ipiq(thread_port_gd(port), thread_replyport_remote,
		    msg);
	}
}
