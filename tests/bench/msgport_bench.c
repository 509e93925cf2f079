/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the message port chapter: a lwkt_domsg round trip
 * to a put-only port that runs the message at once (what a system
 * call's message costs), to a thread port served by a thread of the
 * same CPU (two thread switches), and to a thread port of CPU 1 (two
 * IPI messages); and an asynchronous round trip (lwkt_sendmsg, then
 * lwkt_waitport for the reply) to the same-CPU server.  With one CPU the
 * cross-CPU figure is not measured, and a line says so.
 */
#include <stdint.h>

#include "kern/globaldata.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"

#define BENCH_CMD_QUIT	(MSG_CMD_DEVICE | 0xFFFF)

/* putport of the put-only port: the request is done at once. */
static int
bench_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	msg->u.ms_result = 1;
	return 0;
}

/* What one op needs: the port to send to, a message, the reply port. */
struct bench_rt {
	struct lwkt_port *target;
	struct lwkt_port rport;
	struct lwkt_msg	msg;
};

/* One op: a synchronous round trip. */
static void
domsg_op(void *arg)
{
	struct bench_rt *rt = arg;

	lwkt_domsg(rt->target, &rt->msg, 0);
}

/* One op: an asynchronous round trip, the reply collected at the port. */
static void
sendmsg_op(void *arg)
{
	struct bench_rt *rt = arg;

	lwkt_sendmsg(rt->target, &rt->msg);
	lwkt_waitport(&rt->rport, 0);
}

KBENCH(msgport_domsg_putonly)
{
	static struct lwkt_port port;
	static struct bench_rt rt;

	lwkt_initport_putonly(&port, bench_putport);
	lwkt_initport_thread(&rt.rport, curthread);
	lwkt_initmsg(&rt.msg, &rt.rport, 0);
	rt.target = &port;
	kbench_measure(kb, "ticks_per_roundtrip", domsg_op, &rt, 1000);
}

/* A server: replies to every message until BENCH_CMD_QUIT. */
struct bench_server {
	struct lwkt_port port;
	volatile int	ready, done;
};

static void
bench_server_thread(void *arg)
{
	struct bench_server *s = arg;
	struct lwkt_msg *msg;

	lwkt_initport_thread(&s->port, curthread);
	s->ready = 1;
	for (;;) {
		msg = lwkt_waitport(&s->port, 0);
		if (msg->ms_cmd == BENCH_CMD_QUIT) {
			s->done = 1;
			lwkt_replymsg(msg, 0);
			break;
		}
		lwkt_replymsg(msg, 0);
	}
}

/* Start a server on CPU cpu, of the caller's priority; 0 or -1. */
static int
bench_server_start(struct bench_server *s, int cpu)
{
	s->ready = s->done = 0;
	if (lwkt_create(bench_server_thread, s, NULL, 0, cpu, "benchsrv") !=
	    0)
		return -1;
	while (!s->ready)
		lwkt_yield();
	return 0;
}

/* Tell the server to end, and wait until it is gone from its port. */
static void
bench_server_stop(struct bench_server *s, struct bench_rt *rt)
{
	struct lwkt_msg quit;

	lwkt_initmsg(&quit, &rt->rport, 0);
	quit.ms_cmd = BENCH_CMD_QUIT;
	lwkt_domsg(&s->port, &quit, 0);
	lwkt_yield();			/* let it exit and be freed */
}

KBENCH(msgport_domsg_thread_local)
{
	static struct bench_server s;
	static struct bench_rt rt;

	if (bench_server_start(&s, mycpu->gd_cpuid) != 0)
		return;
	lwkt_initport_thread(&rt.rport, curthread);
	lwkt_initmsg(&rt.msg, &rt.rport, 0);
	rt.target = &s.port;
	kbench_measure(kb, "ticks_per_roundtrip", domsg_op, &rt, 1000);
	kbench_measure(kb, "ticks_per_async_roundtrip", sendmsg_op, &rt,
	    1000);
	bench_server_stop(&s, &rt);
}

KBENCH(msgport_domsg_thread_remote)
{
	static struct bench_server s;
	static struct bench_rt rt;

	if (ncpus < 2) {
		kprintf("note: %s: 1 CPU: nothing to measure across CPUs\n",
		    kb->name);
		return;
	}
	if (bench_server_start(&s, 1) != 0)
		return;
	lwkt_initport_thread(&rt.rport, curthread);
	lwkt_initmsg(&rt.msg, &rt.rport, 0);
	rt.target = &s.port;
	kbench_measure(kb, "ticks_per_roundtrip", domsg_op, &rt, 1000);
	bench_server_stop(&s, &rt);
}
