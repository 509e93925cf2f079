/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Thread ports: one owner receives, and the queue is touched only on
 * the owner's CPU, in a critical section; puts and replies from other
 * CPUs travel there in IPI messages.
 */
#include <stddef.h>
#include <stdint.h>

#include "ipi/ipiq.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"

/* The CPU whose critical sections protect PORT's queue. */
static inline struct globaldata *
thread_port_gd(const struct lwkt_port *port)
{
	return port->mpu_td->td_gd;
}

/* Owner's CPU, critical section: wake the owner if it waits here. */
static inline void
thread_port_wakeup(struct lwkt_port *port)
{
	if ((port->mp_flags & MSGPORTF_WAITING) != 0) {
		port->mp_flags &= ~MSGPORTF_WAITING;
		lwkt_schedule(port->mpu_td);
	}
}
/* On the owner's CPU, in a critical section: queue, wake the owner. */
static void
thread_putport_here(struct lwkt_port *port, struct lwkt_msg *msg)
{
	lwkt_port_pushmsg(port, msg);
	thread_port_wakeup(port);
}
/* On the owner's CPU, in a critical section: the reply is back. */
static void
thread_replyport_here(struct lwkt_port *port, struct lwkt_msg *msg)
{
	msg->ms_flags |= MSGF_REPLY | MSGF_DONE;
	if ((msg->ms_flags & MSGF_SYNC) == 0)
		lwkt_port_pushmsg(port, msg);
	thread_port_wakeup(port);
}
/* IPI message on the owner's CPU: a request from another CPU. */
static void
thread_putport_remote(void *arg)
{
	struct lwkt_msg *msg = arg;

	msg->ms_flags &= ~MSGF_INTRANSIT;
	thread_putport_here(msg->ms_target_port, msg);
}

/* putport: queue here, or carry it to the owner's CPU; -EASYNC. */
static int
thread_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct globaldata *gd = mycpu;

	if (thread_port_gd(port) == gd) {
		crit_enter_gd(gd);
		thread_putport_here(port, msg);
		crit_exit_gd(gd);
	} else {
		msg->ms_flags |= MSGF_INTRANSIT;
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

	msg->ms_flags &= ~MSGF_INTRANSIT;
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
		msg->ms_flags |= MSGF_REPLY | MSGF_INTRANSIT;
		lwkt_send_ipiq(thread_port_gd(port), thread_replyport_remote,
		    msg);
	}
}
/* Owner, critical section: sleep until woken, the deadline, or PCATCH. */
static int
thread_port_sleep(struct lwkt_port *port, int flags, int timo,
    uint32_t deadline, const char *wmesg)
{
	int left = 0, error;

	if (timo > 0) {
		left = (int32_t)(deadline - mycpu->gd_ticks);
		if (left <= 0)
			return -EWOULDBLOCK;
	}
	port->mp_flags |= MSGPORTF_WAITING;
	error = tsleep(port, flags, wmesg, left);
	port->mp_flags &= ~MSGPORTF_WAITING;
	return error;
}

/* Panic unless the current thread owns PORT. */
static inline void
thread_port_check_owner(const struct lwkt_port *port, const char *who)
{
	KASSERT(port->mpu_td == curthread,
	    ("%s: %s uses the port of %s; only its owner may", who,
	    curthread->td_name, port->mpu_td->td_name));
}

/* waitmsg: until MSG is back; a timeout or PCATCH aborts, then waits on. */
static int
thread_waitmsg(struct lwkt_msg *msg, int flags, int timo)
{
	struct lwkt_port *port = msg->ms_reply_port;
	uint32_t deadline = mycpu->gd_ticks + (uint32_t)timo;

	thread_port_check_owner(port, "lwkt_waitmsg");
	crit_enter();
	while ((msg->ms_flags & MSGF_DONE) == 0) {
		if (thread_port_sleep(port, flags, timo, deadline,
		    "waitmsg") != 0) {
			lwkt_abortmsg(msg);
			flags = 0;		/* now wait, whatever comes */
			timo = 0;
		}
	}
	if ((msg->ms_flags & MSGF_QUEUED) != 0)
		lwkt_port_removemsg(port, msg);
	crit_exit();
	return msg->ms_error;
}

/* waitport: the first message, or NULL when the wait ended. */
static struct lwkt_msg *
thread_waitport(struct lwkt_port *port, int flags, int timo, int *errorp)
{
	uint32_t deadline = mycpu->gd_ticks + (uint32_t)timo;
	struct lwkt_msg *msg;
	int error = 0;

	thread_port_check_owner(port, "lwkt_waitport");
	crit_enter();
	while ((msg = lwkt_port_pullmsg(port)) == NULL && error == 0)
		error = thread_port_sleep(port, flags, timo, deadline,
		    "waitport");
	crit_exit();
	if (errorp != NULL)
		*errorp = msg != NULL ? 0 : error;
	return msg;
}
/* getport: the owner takes the first message, or NULL. */
static struct lwkt_msg *
thread_getport(struct lwkt_port *port)
{
	struct lwkt_msg *msg;

	thread_port_check_owner(port, "lwkt_getport");
	crit_enter();
	msg = lwkt_port_pullmsg(port);
	crit_exit();
	return msg;
}

/* dropmsg: the owner removes a request still waiting here. */
static int
thread_dropmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int error = -ENOENT;

	thread_port_check_owner(port, "lwkt_dropmsg");
	crit_enter();
	if ((msg->ms_flags & (MSGF_QUEUED | MSGF_REPLY)) == MSGF_QUEUED &&
	    msg->ms_target_port == port) {
		lwkt_port_removemsg(port, msg);
		error = 0;
	}
	crit_exit();
	return error;
}
/* On the owner's CPU, in a critical section: LWKT_ABORT_*. */
static int
thread_abort_here(struct lwkt_port *port, struct lwkt_msg *msg)
{
	if ((msg->ms_flags & MSGF_REPLY) != 0)
		return LWKT_ABORT_LATE;
	if (msg->ms_target_port != port ||
	    (msg->ms_flags & MSGF_INTRANSIT) != 0)
		return LWKT_ABORT_RETRY;
	msg->ms_flags |= MSGF_ABORTED;
	if ((msg->ms_flags & MSGF_QUEUED) != 0) {
		lwkt_port_removemsg(port, msg);
		return LWKT_ABORT_TAKEN;
	}
	if (msg->ms_abortfn != NULL)
		msg->ms_abortfn(msg);
	return LWKT_ABORT_LATE;
}

/* An abort asked of another CPU, and its answer. */
struct thread_abort {
	struct lwkt_port *port;
	struct lwkt_msg *msg;
	int		result;
};

/* IPI message on the owner's CPU: decide an abort. */
static void
thread_abort_remote(void *arg)
{
	struct thread_abort *ta = arg;

	ta->result = thread_abort_here(ta->port, ta->msg);
}

/* abortport: decide on the owner's CPU, here or by IPI and wait. */
static int
thread_abortport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct globaldata *gd = mycpu, *tgd = thread_port_gd(port);
	struct thread_abort ta = { port, msg, LWKT_ABORT_RETRY };

	if (tgd == gd) {
		crit_enter_gd(gd);
		ta.result = thread_abort_here(port, msg);
		crit_exit_gd(gd);
	} else {
		lwkt_wait_ipiq(tgd, lwkt_send_ipiq(tgd, thread_abort_remote,
		    &ta));
	}
	return ta.result;
}
/* A thread port owned by TD. */
void
lwkt_initport_thread(struct lwkt_port *port, struct thread *td)
{
	lwkt_initport_panic(port);
	port->mpu_td = td;
	port->mp_getport = thread_getport;
	port->mp_putport = thread_putport;
	port->mp_waitmsg = thread_waitmsg;
	port->mp_waitport = thread_waitport;
	port->mp_replyport = thread_replyport;
	port->mp_dropmsg = thread_dropmsg;
	port->mp_abortport = thread_abortport;
}
