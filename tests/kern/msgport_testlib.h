/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers for the message port tests (Chapter "Message ports"): a
 * request that carries a number and records where it was served, and a
 * server thread that owns a thread port on a chosen CPU and serves
 * requests until it is told to quit.
 */
#ifndef NAIAD_TESTS_KERN_MSGPORT_TESTLIB_H
#define NAIAD_TESTS_KERN_MSGPORT_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"
#include "lwkt_testlib.h"

/* The commands of the test servers. */
#define KT_CMD_DOUBLE	(MSG_CMD_DEVICE | 1)	/* out = 2 * arg, error 0 */
#define KT_CMD_SLOW	(MSG_CMD_DEVICE | 2)	/* wait for an abort */
#define KT_CMD_BLOCK	(MSG_CMD_DEVICE | 3)	/* wait until released */
#define KT_CMD_FORWARD	(MSG_CMD_DEVICE | 4)	/* pass it on, as a DOUBLE */
#define KT_CMD_QUIT	(MSG_CMD_DEVICE | 0xFFFF) /* the server ends */

/* A request: a message first, then its arguments and what the server
 * saw. */
struct kt_req {
	struct lwkt_msg	msg;
	int		arg;
	int		out;
	int		sender;		/* who sent it, for FIFO checks */
	int		seq;		/* its number for that sender */
	struct thread	*volatile ran_in; /* the thread that served it */
	int		ran_cpu;
	volatile int	abortfn_calls;	/* times ms_abortfn ran */
	int		abortfn_cpu;	/* where it ran */
	volatile int	slow_result;	/* KT_CMD_SLOW: -EBUSY if aborted */
};

/* The request a message is the first member of. */
static inline struct kt_req *
kt_req_of(struct lwkt_msg *msg)
{
	return (struct kt_req *)msg;
}

/* A server thread and what it saw. */
struct kt_server {
	struct lwkt_port port;
	struct thread	*volatile td;
	volatile int	ready;
	volatile int	served;		/* requests served (quit excluded) */
	volatile int	blocked;	/* in KT_CMD_BLOCK or _SLOW now */
	volatile int	release;	/* ends a KT_CMD_BLOCK */
	struct lwkt_port *forward_to;	/* KT_CMD_FORWARD goes there */
	int		slow_ticks;	/* KT_CMD_SLOW's natural end */
	struct xgroup	*g;
};

/* The abort function of the tests' slow requests: on the server's CPU,
 * in a critical section; note it and wake the server. */
static inline void
kt_req_abortfn(struct lwkt_msg *msg)
{
	struct kt_req *r = kt_req_of(msg);

	r->abortfn_calls++;
	r->abortfn_cpu = mycpu->gd_cpuid;
	wakeup(r);
}

/* Serve one request; 1 if the server must quit. */
static inline int
kt_server_serve(struct kt_server *s, struct lwkt_msg *msg)
{
	struct kt_req *r = kt_req_of(msg);
	uint32_t start;
	int error = 0;

	r->ran_in = curthread;
	r->ran_cpu = mycpu->gd_cpuid;
	switch (msg->ms_cmd) {
	case KT_CMD_QUIT:
		lwkt_replymsg(msg, 0);
		return 1;
	case KT_CMD_DOUBLE:
		r->out = 2 * r->arg;
		error = (r->arg < 0) ? -EINVAL : 0;
		break;
	case KT_CMD_SLOW:
		/* Until its sender aborts it (then -EBUSY), or slow_ticks. */
		s->blocked = 1;
		start = mycpu->gd_ticks;
		crit_enter();
		while (!lwkt_msg_aborted(msg) &&
		    (int32_t)(mycpu->gd_ticks - start) < s->slow_ticks)
			tsleep(r, 0, "ktslow", 1);
		crit_exit();
		r->slow_result = lwkt_msg_aborted(msg) ? -EBUSY : 0;
		error = r->slow_result;
		s->blocked = 0;
		break;
	case KT_CMD_BLOCK:
		s->blocked = 1;
		while (!s->release)
			tsleep(&s->release, 0, "ktblock", 1);
		s->blocked = 0;
		break;
	case KT_CMD_FORWARD:
		s->served++;
		msg->ms_cmd = KT_CMD_DOUBLE;
		lwkt_forwardmsg(s->forward_to, msg);
		return 0;
	}
	s->served++;
	lwkt_replymsg(msg, error);
	return 0;
}

/* The server thread: own a thread port, serve until KT_CMD_QUIT. */
static inline void
kt_server_thread(void *arg)
{
	struct kt_server *s = arg;
	struct lwkt_msg *msg;

	lwkt_initport_thread(&s->port, curthread);
	s->td = curthread;
	cpu_ccfence();
	s->ready = 1;
	for (;;) {
		msg = lwkt_waitport(&s->port, 0);
		if (msg != NULL && kt_server_serve(s, msg))
			break;
	}
	xgroup_done(s->g);
}

/* Start a server on CPU cpu (of the group g); wait until its port is
 * ready.  Returns 0, or -1 (and a test failure). */
static inline int
kt_server_start(struct ktest_ctx *kt, struct kt_server *s, struct xgroup *g,
    int cpu)
{
	s->ready = s->served = s->blocked = s->release = 0;
	s->td = NULL;
	s->forward_to = NULL;
	s->slow_ticks = 50;
	s->g = g;
	if (xgroup_start(kt, g, kt_server_thread, s, cpu, 0) == NULL)
		return -1;
	while (!s->ready)
		lwkt_yield();
	return 0;
}

/* Prepare a request to the tests' servers. */
static inline void
kt_req_init(struct kt_req *r, struct lwkt_port *rport, uint32_t cmd,
    int arg, int flags)
{
	lwkt_initmsg(&r->msg, rport, flags);
	r->msg.ms_cmd = cmd;
	r->arg = arg;
	r->out = 0;
	r->sender = r->seq = 0;
	r->ran_in = NULL;
	r->ran_cpu = -1;
	r->abortfn_calls = 0;
	r->abortfn_cpu = -1;
	r->slow_result = 1;
}

/* Stop a server: a synchronous KT_CMD_QUIT, replied to rport. */
static inline void
kt_server_stop(struct kt_server *s, struct lwkt_port *rport)
{
	struct kt_req q;

	kt_req_init(&q, rport, KT_CMD_QUIT, 0, 0);
	lwkt_domsg(&s->port, &q.msg, 0);
}

/* The CPU a test puts its server on: another one if there is. */
static inline int
kt_other_cpu(void)
{
	return ncpus > 1 ? 1 : 0;
}

#endif
