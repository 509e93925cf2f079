/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Message ports: what every kind of port shares.  The operations check
 * who owns the message and call the port's own function for the rest.
 * It names no CPU and no thread (when an abort must wait for a message
 * that is still travelling, it runs its own CPU's IPI messages), so the
 * host tests compile it with a stand-in for that one call.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "ipi/ipiq.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "lwkt/msgport.h"

/* The queue msg belongs on: priority messages apart. */
static inline struct lwkt_msg_queue *
lwkt_port_queue(struct lwkt_port *port, const struct lwkt_msg *msg)
{
	return (msg->ms_flags & MSGF_PRIORITY) != 0 ? &port->mp_msgq_prio :
	    &port->mp_msgq;
}

/* Queue MSG on PORT; the caller protects the port. */
void
lwkt_port_pushmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	KASSERT((msg->ms_flags & MSGF_QUEUED) == 0,
	    ("lwkt_port_pushmsg: message %p is queued already", msg));
	TAILQ_INSERT_TAIL(lwkt_port_queue(port, msg), msg, ms_node);
	msg->ms_flags |= MSGF_QUEUED;
}

/* Take MSG, queued on PORT, off it; the caller protects the port. */
void
lwkt_port_removemsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	KASSERT((msg->ms_flags & MSGF_QUEUED) != 0,
	    ("lwkt_port_removemsg: message %p is not queued", msg));
	TAILQ_REMOVE(lwkt_port_queue(port, msg), msg, ms_node);
	msg->ms_flags &= ~MSGF_QUEUED;
}

/* The first message of PORT, priority ones first, taken off; or NULL. */
struct lwkt_msg *
lwkt_port_pullmsg(struct lwkt_port *port)
{
	struct lwkt_msg *msg = TAILQ_FIRST(&port->mp_msgq_prio);

	if (msg == NULL && (msg = TAILQ_FIRST(&port->mp_msgq)) == NULL)
		return NULL;
	lwkt_port_removemsg(port, msg);
	return msg;
}
/* lwkt_initmsg, abortable, with the target's abort function FN. */
void
lwkt_initmsg_abortable(struct lwkt_msg *msg, struct lwkt_port *rport,
    int flags, void (*fn)(struct lwkt_msg *msg))
{
	lwkt_initmsg(msg, rport, flags | MSGF_ABORTABLE);
	msg->ms_abortfn = fn;
}
/* Asynchronous send: the reply always arrives at the reply port. */
void
lwkt_sendmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int error;

	lwkt_msg_check_sender(msg, "lwkt_sendmsg");
	msg->ms_flags &= ~(MSGF_DONE | MSGF_REPLY | MSGF_SYNC |
	    MSGF_ABORTED);
	error = lwkt_beginmsg(port, msg);
	if (error != -EASYNC)
		lwkt_replymsg(msg, error);
}
/* Panic unless MSG is with its target (not replied, queued or moving). */
static inline void
lwkt_msg_check_target(const struct lwkt_msg *msg, const char *who)
{
	KASSERT((msg->ms_flags & (MSGF_DONE | MSGF_REPLY | MSGF_QUEUED |
	    MSGF_INTRANSIT)) == 0,
	    ("%s: message %p (flags 0x%x) is not its target's: replied "
	    "twice, or by a thread that does not hold it?", who, msg,
	    msg->ms_flags));
}

/* The target's reply, with ERROR; any CPU. */
void
lwkt_replymsg(struct lwkt_msg *msg, int error)
{
	struct lwkt_port *port = msg->ms_reply_port;

	lwkt_msg_check_target(msg, "lwkt_replymsg");
	msg->ms_error = error;
	port->mp_replyport(port, msg);
}

/* The target passes MSG on to PORT; replied if PORT ran it at once. */
int
lwkt_forwardmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int error;

	lwkt_msg_check_target(msg, "lwkt_forwardmsg");
	error = lwkt_beginmsg(port, msg);
	if (error != -EASYNC)
		lwkt_replymsg(msg, error);
	return error;
}
/* Wait until MSG is back; its error. */
int
lwkt_waitmsg(struct lwkt_msg *msg, int flags)
{
	return msg->ms_reply_port->mp_waitmsg(msg, flags, 0);
}

/* Wait until MSG is back, aborting it after TIMO ticks; its error. */
int
lwkt_waitmsg_timo(struct lwkt_msg *msg, int flags, int timo)
{
	return msg->ms_reply_port->mp_waitmsg(msg, flags, timo);
}

/* PORT's first message, or NULL; no wait. */
struct lwkt_msg *
lwkt_getport(struct lwkt_port *port)
{
	return port->mp_getport(port);
}

/* Wait for a message on PORT; NULL if a PCATCH wait was interrupted. */
struct lwkt_msg *
lwkt_waitport(struct lwkt_port *port, int flags)
{
	return port->mp_waitport(port, flags, 0, NULL);
}

/* Wait at most TIMO ticks for a message on PORT. */
struct lwkt_msg *
lwkt_waitport_timo(struct lwkt_port *port, int flags, int timo,
    int *errorp)
{
	return port->mp_waitport(port, flags, timo, errorp);
}

/* Remove the DROPABLE MSG, unreplied, from its port; 0 or -ENOENT. */
int
lwkt_dropmsg(struct lwkt_msg *msg)
{
	struct lwkt_port *port = msg->ms_target_port;

	KASSERT((msg->ms_flags & MSGF_DROPABLE) != 0,
	    ("lwkt_dropmsg: message %p is not DROPABLE", msg));
	return port == NULL ? -ENOENT : port->mp_dropmsg(port, msg);
}
/* The sender asks the target port to end MSG early; 1 if given back. */
int
lwkt_abortmsg(struct lwkt_msg *msg)
{
	struct lwkt_port *port;

	if ((msg->ms_flags & MSGF_ABORTABLE) == 0)
		return 0;
	for (;;) {
		if ((msg->ms_flags & (MSGF_DONE | MSGF_REPLY)) != 0)
			return 0;
		port = msg->ms_target_port;
		switch (port->mp_abortport(port, msg)) {
		case LWKT_ABORT_TAKEN:
			lwkt_replymsg(msg, -EINTR);
			return 1;
		case LWKT_ABORT_LATE:
			return 0;
		default:
			lwkt_process_ipiq();
			cpu_pause();
		}
	}
}
/* A port of this kind does not do that: a programming error. */
static void
lwkt_port_refuse(struct lwkt_port *port, const char *op)
{
	panic("%s: port %p does not support it", op, port);
}

/* getport of a port that receives nothing. */
static struct lwkt_msg *
lwkt_panic_getport(struct lwkt_port *port)
{
	lwkt_port_refuse(port, "lwkt_getport");
	return NULL;
}

/* putport of a port that takes no requests. */
static int
lwkt_panic_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)msg;
	lwkt_port_refuse(port, "lwkt_sendmsg/lwkt_domsg");
	return -EINVAL;
}

/* waitmsg of a port nobody waits on. */
static int
lwkt_panic_waitmsg(struct lwkt_msg *msg, int flags, int timo)
{
	(void)flags;
	(void)timo;
	lwkt_port_refuse(msg->ms_reply_port, "lwkt_waitmsg");
	return -EINVAL;
}

/* waitport of a port that receives nothing. */
static struct lwkt_msg *
lwkt_panic_waitport(struct lwkt_port *port, int flags, int timo,
    int *errorp)
{
	(void)flags;
	(void)timo;
	(void)errorp;
	lwkt_port_refuse(port, "lwkt_waitport");
	return NULL;
}

/* replyport of a port that is never a reply port. */
static void
lwkt_panic_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)msg;
	lwkt_port_refuse(port, "lwkt_replymsg");
}

/* dropmsg of a port that keeps no queue: nothing is there. */
static int
lwkt_none_dropmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	(void)msg;
	return -ENOENT;
}

/* abortport of a port that keeps no queue: too late. */
static int
lwkt_late_abortport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	(void)msg;
	return LWKT_ABORT_LATE;
}

/* replyport of the null reply-only port: the message is simply back. */
static void
lwkt_null_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	msg->ms_flags |= MSGF_DONE | MSGF_REPLY;
}
/* Every operation panics, but dropping and aborting. */
void
lwkt_initport_panic(struct lwkt_port *port)
{
	kmemset(port, 0, sizeof(*port));
	TAILQ_INIT(&port->mp_msgq);
	TAILQ_INIT(&port->mp_msgq_prio);
	port->mp_getport = lwkt_panic_getport;
	port->mp_putport = lwkt_panic_putport;
	port->mp_waitmsg = lwkt_panic_waitmsg;
	port->mp_waitport = lwkt_panic_waitport;
	port->mp_replyport = lwkt_panic_replyport;
	port->mp_dropmsg = lwkt_none_dropmsg;
	port->mp_abortport = lwkt_late_abortport;
}

/* A port that only takes requests, which PUTFN runs or passes on. */
void
lwkt_initport_putonly(struct lwkt_port *port,
    int (*putfn)(struct lwkt_port *port, struct lwkt_msg *msg))
{
	lwkt_initport_panic(port);
	port->mp_putport = putfn;
}

/* A port that only takes replies, each given to REPLYFN. */
void
lwkt_initport_replyonly(struct lwkt_port *port,
    void (*replyfn)(struct lwkt_port *port, struct lwkt_msg *msg))
{
	lwkt_initport_panic(port);
	port->mp_replyport = replyfn;
}

/* A reply-only port whose replies only mark the message back. */
void
lwkt_initport_replyonly_null(struct lwkt_port *port)
{
	lwkt_initport_replyonly(port, lwkt_null_replyport);
}
