/* Panic unless the current thread owns PORT. */
static inline void
thread_port_check_owner(const struct lwkt_port *port, const char *who)
{
	KASSERT(port->mpu_td == curthread,
	    ("%s: %s uses the port of %s; only its owner may", who,
	    curthread->td_name, port->mpu_td->td_name));
}

/* waitmsg: until MSG is back (a stand-in: see below). */
static int
thread_waitmsg(struct lwkt_msg *msg, int flags, int timo)
{
	/*
	 * LAB msgport, part 4: a simplistic version.  It sleeps with the
	 * caller's flags and time limit, and when the sleep ends without
	 * the reply it simply returns the sleep's error: the message is
	 * neither aborted nor waited for, though its target still owns it.
	 * Its waitport below restarts the whole time limit after every
	 * early return.  Write the real ones (book/22-msgport.nw,
	 * "Waiting").
	 */
	struct lwkt_port *port = msg->ms_reply_port;
	int error = 0;

	thread_port_check_owner(port, "lwkt_waitmsg");
	crit_enter();
	while ((msg->ms_flags & MSGF_DONE) == 0 && error == 0) {
		port->mp_flags |= MSGPORTF_WAITING;
		error = tsleep(port, flags, "waitmsg", timo);
		port->mp_flags &= ~MSGPORTF_WAITING;
	}
	if ((msg->ms_flags & MSGF_QUEUED) != 0)
		lwkt_port_removemsg(port, msg);
	crit_exit();
	return (msg->ms_flags & MSGF_DONE) != 0 ? msg->ms_error : error;
}

/* waitport: the first message, or NULL when the wait ended. */
static struct lwkt_msg *
thread_waitport(struct lwkt_port *port, int flags, int timo, int *errorp)
{
	struct lwkt_msg *msg;
	int error = 0;

	thread_port_check_owner(port, "lwkt_waitport");
	crit_enter();
	while ((msg = lwkt_port_pullmsg(port)) == NULL && error == 0) {
		port->mp_flags |= MSGPORTF_WAITING;
		error = tsleep(port, flags, "waitport", timo);
		port->mp_flags &= ~MSGPORTF_WAITING;
	}
	crit_exit();
	if (errorp != NULL)
		*errorp = msg != NULL ? 0 : error;
	return msg;
}
