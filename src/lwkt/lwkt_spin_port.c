/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Spin ports (a spinlock protects the queue; any thread receives) and
 * serialized ports (a token protects it), and ssleep, the sleep that
 * releases a spinlock without losing a wakeup.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"
#include "lwkt/token.h"

/* tsleep that releases SPIN once queued, and takes it again after. */
int
ssleep(const volatile void *ident, struct spinlock *spin, int flags,
    const char *wmesg, int timo)
{
	int error;

	curthread->td_slp_spin = spin;
	error = tsleep(ident, flags, wmesg, timo);
	spin_lock(spin);
	return error;
}

/* putport: queue under the lock, wake a receiver; -EASYNC. */
static int
spin_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int waiters;

	spin_lock(&port->mpu_spin);
	lwkt_port_pushmsg(port, msg);
	waiters = port->mp_waiters;
	spin_unlock(&port->mpu_spin);
	if (waiters > 0)
		wakeup_one(&port->mp_msgq);
	return -EASYNC;
}

/* getport: the first message, or NULL. */
static struct lwkt_msg *
spin_getport(struct lwkt_port *port)
{
	struct lwkt_msg *msg;

	spin_lock(&port->mpu_spin);
	msg = lwkt_port_pullmsg(port);
	spin_unlock(&port->mpu_spin);
	return msg;
}

/* The ticks left until DEADLINE, or 0 for no limit; -1 when past. */
static int
port_ticks_left(int timo, uint32_t deadline)
{
	int left;

	if (timo <= 0)
		return 0;
	left = (int32_t)(deadline - mycpu->gd_ticks);
	return left > 0 ? left : -1;
}

/* waitport: any thread; sleeps under the lock until a message comes. */
static struct lwkt_msg *
spin_waitport(struct lwkt_port *port, int flags, int timo, int *errorp)
{
	uint32_t deadline = mycpu->gd_ticks + (uint32_t)timo;
	struct lwkt_msg *msg;
	int error = 0, left;

	spin_lock(&port->mpu_spin);
	while ((msg = lwkt_port_pullmsg(port)) == NULL && error == 0) {
		if ((left = port_ticks_left(timo, deadline)) < 0) {
			error = -EWOULDBLOCK;
			break;
		}
		port->mp_waiters++;
		error = ssleep(&port->mp_msgq, &port->mpu_spin, flags,
		    "waitport", left);
		port->mp_waiters--;
	}
	spin_unlock(&port->mpu_spin);
	if (errorp != NULL)
		*errorp = msg != NULL ? 0 : error;
	return msg;
}

/* replyport: mark (and queue) under the lock, then wake the waiters. */
static void
spin_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int sync = (msg->ms_flags & MSGF_SYNC) != 0, waiters;

	spin_lock(&port->mpu_spin);
	msg->ms_flags |= MSGF_REPLY | MSGF_DONE;
	if (!sync)
		lwkt_port_pushmsg(port, msg);
	waiters = port->mp_waiters;
	spin_unlock(&port->mpu_spin);
	wakeup(msg);
	if (!sync && waiters > 0)
		wakeup_one(&port->mp_msgq);
}

/* waitmsg: the sender sleeps until MSG is back; aborts, then waits on. */
static int
spin_waitmsg(struct lwkt_msg *msg, int flags, int timo)
{
	struct lwkt_port *port = msg->ms_reply_port;
	uint32_t deadline = mycpu->gd_ticks + (uint32_t)timo;
	int left;

	spin_lock(&port->mpu_spin);
	while ((msg->ms_flags & MSGF_DONE) == 0) {
		left = port_ticks_left(timo, deadline);
		if (left < 0 || ssleep(msg, &port->mpu_spin, flags,
		    "waitmsg", left) != 0) {
			spin_unlock(&port->mpu_spin);
			lwkt_abortmsg(msg);
			spin_lock(&port->mpu_spin);
			flags = 0;
			timo = 0;
		}
	}
	if ((msg->ms_flags & MSGF_QUEUED) != 0)
		lwkt_port_removemsg(port, msg);
	spin_unlock(&port->mpu_spin);
	return msg->ms_error;
}

/* dropmsg: remove a request still waiting here; 0 or -ENOENT. */
static int
spin_dropmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int error = -ENOENT;

	spin_lock(&port->mpu_spin);
	if ((msg->ms_flags & (MSGF_QUEUED | MSGF_REPLY)) == MSGF_QUEUED &&
	    msg->ms_target_port == port) {
		lwkt_port_removemsg(port, msg);
		error = 0;
	}
	spin_unlock(&port->mpu_spin);
	return error;
}

/* abortport: give back a message still queued; else too late. */
static int
spin_abortport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int result = LWKT_ABORT_LATE;

	spin_lock(&port->mpu_spin);
	if ((msg->ms_flags & MSGF_REPLY) != 0)
		result = LWKT_ABORT_LATE;
	else if (msg->ms_target_port != port)
		result = LWKT_ABORT_RETRY;
	else if ((msg->ms_flags & MSGF_QUEUED) != 0) {
		lwkt_port_removemsg(port, msg);
		msg->ms_flags |= MSGF_ABORTED;
		result = LWKT_ABORT_TAKEN;
	}
	spin_unlock(&port->mpu_spin);
	return result;
}

/* A spin port: any thread of any CPU may receive. */
void
lwkt_initport_spin(struct lwkt_port *port)
{
	lwkt_initport_panic(port);
	spin_init(&port->mpu_spin);
	port->mp_getport = spin_getport;
	port->mp_putport = spin_putport;
	port->mp_waitmsg = spin_waitmsg;
	port->mp_waitport = spin_waitport;
	port->mp_replyport = spin_replyport;
	port->mp_dropmsg = spin_dropmsg;
	port->mp_abortport = spin_abortport;
}

/* putport: queue under the token, wake a receiver; -EASYNC. */
static int
serial_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	lwkt_gettoken(port->mpu_token);
	crit_enter();
	lwkt_port_pushmsg(port, msg);
	if (port->mp_waiters > 0)
		wakeup_one(&port->mp_msgq);
	crit_exit();
	lwkt_reltoken(port->mpu_token);
	return -EASYNC;
}

/* getport: the first message, or NULL. */
static struct lwkt_msg *
serial_getport(struct lwkt_port *port)
{
	struct lwkt_msg *msg;

	lwkt_gettoken(port->mpu_token);
	crit_enter();
	msg = lwkt_port_pullmsg(port);
	crit_exit();
	lwkt_reltoken(port->mpu_token);
	return msg;
}

/* waitport: test and sleep under the token, in a critical section. */
static struct lwkt_msg *
serial_waitport(struct lwkt_port *port, int flags, int timo, int *errorp)
{
	uint32_t deadline = mycpu->gd_ticks + (uint32_t)timo;
	struct lwkt_msg *msg;
	int error = 0, left;

	lwkt_gettoken(port->mpu_token);
	crit_enter();
	while ((msg = lwkt_port_pullmsg(port)) == NULL && error == 0) {
		if ((left = port_ticks_left(timo, deadline)) < 0) {
			error = -EWOULDBLOCK;
			break;
		}
		port->mp_waiters++;
		error = tsleep(&port->mp_msgq, flags, "waitport", left);
		port->mp_waiters--;
	}
	crit_exit();
	lwkt_reltoken(port->mpu_token);
	if (errorp != NULL)
		*errorp = msg != NULL ? 0 : error;
	return msg;
}

/* waitmsg: the sender sleeps under the token until MSG is back. */
static int
serial_waitmsg(struct lwkt_msg *msg, int flags, int timo)
{
	struct lwkt_port *port = msg->ms_reply_port;
	uint32_t deadline = mycpu->gd_ticks + (uint32_t)timo;
	int left;

	lwkt_gettoken(port->mpu_token);
	crit_enter();
	while ((msg->ms_flags & MSGF_DONE) == 0) {
		left = port_ticks_left(timo, deadline);
		if (left < 0 || tsleep(msg, flags, "waitmsg", left) != 0) {
			lwkt_abortmsg(msg);
			flags = 0;
			timo = 0;
		}
	}
	if ((msg->ms_flags & MSGF_QUEUED) != 0)
		lwkt_port_removemsg(port, msg);
	crit_exit();
	lwkt_reltoken(port->mpu_token);
	return msg->ms_error;
}

/* replyport: mark (and queue) and wake, all under the token. */
static void
serial_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	lwkt_gettoken(port->mpu_token);
	crit_enter();
	msg->ms_flags |= MSGF_REPLY | MSGF_DONE;
	if ((msg->ms_flags & MSGF_SYNC) == 0) {
		lwkt_port_pushmsg(port, msg);
		if (port->mp_waiters > 0)
			wakeup_one(&port->mp_msgq);
	}
	wakeup(msg);
	crit_exit();
	lwkt_reltoken(port->mpu_token);
}

/* dropmsg: remove a request still waiting here; 0 or -ENOENT. */
static int
serial_dropmsg(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int error = -ENOENT;

	lwkt_gettoken(port->mpu_token);
	crit_enter();
	if ((msg->ms_flags & (MSGF_QUEUED | MSGF_REPLY)) == MSGF_QUEUED &&
	    msg->ms_target_port == port) {
		lwkt_port_removemsg(port, msg);
		error = 0;
	}
	crit_exit();
	lwkt_reltoken(port->mpu_token);
	return error;
}

/* abortport: give back a message still queued; else too late. */
static int
serial_abortport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	int result = LWKT_ABORT_LATE;

	lwkt_gettoken(port->mpu_token);
	crit_enter();
	if ((msg->ms_flags & MSGF_REPLY) != 0)
		result = LWKT_ABORT_LATE;
	else if (msg->ms_target_port != port)
		result = LWKT_ABORT_RETRY;
	else if ((msg->ms_flags & MSGF_QUEUED) != 0) {
		lwkt_port_removemsg(port, msg);
		msg->ms_flags |= MSGF_ABORTED;
		result = LWKT_ABORT_TAKEN;
	}
	crit_exit();
	lwkt_reltoken(port->mpu_token);
	return result;
}

/* A serialized port whose queue TOK protects. */
void
lwkt_initport_serialize(struct lwkt_port *port, struct lwkt_token *tok)
{
	lwkt_initport_panic(port);
	port->mpu_token = tok;
	port->mp_getport = serial_getport;
	port->mp_putport = serial_putport;
	port->mp_waitmsg = serial_waitmsg;
	port->mp_waitport = serial_waitport;
	port->mp_replyport = serial_replyport;
	port->mp_dropmsg = serial_dropmsg;
	port->mp_abortport = serial_abortport;
}
