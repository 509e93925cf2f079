/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The message state machine on the host: src/lwkt/lwkt_msgport.c and
 * src/lwkt/lwkt_thread_port.c compiled with stand-ins for the kernel
 * (tests/unit/host/): two pretend CPUs, IPI messages that wait in a list
 * until the test lets their CPU run them, and a tsleep that plays the
 * rest of the world while the caller "sleeps".  Each test follows a
 * message's flags through send, reply, wait, abort, drop and forward,
 * including the states a real run passes too fast to see (in transit,
 * aborted while travelling), and the ownership assertions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ipi/ipiq.h"
#include "kernel_errno.h"
#include "kern/panic.h"
#include "kern/globaldata.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"
#include "suites.h"

/* panic (tests/unit/test_runq.c) jumps here when set. */
extern jmp_buf *panic_jump;

/* ---- the pretend kernel -------------------------------------------- */

struct globaldata *host_mycpu;
int ncpus = 2;

static struct globaldata cpu[2];
static struct thread client, server, server2, other;

#define NIPI	16
static struct {
	ipifunc1_t	func;
	void		*arg;
} ipiq[2][NIPI];
static int nipi[2];		/* messages waiting for each CPU */

static int scheduled[4];	/* lwkt_schedule calls, per thread */
static int wakeups;		/* wakeup and wakeup_one calls */

/* tsleep's log and script. */
#define NSLEEP	8
static struct {
	int		flags, timo;
} slept[NSLEEP];
static int nslept;
static int sleep_result[NSLEEP];	/* what the n-th tsleep returns */
static void (*sleep_hook)(int n);	/* the world, while asleep */

/* Which of our threads td is, for the counters. */
static int
thread_index(const struct thread *td)
{
	return td == &client ? 0 : td == &server ? 1 : td == &server2 ? 2 : 3;
}

/* Run as thread td on CPU c from now on. */
static void
on(int c, struct thread *td)
{
	host_mycpu = &cpu[c];
	cpu[c].gd_curthread = td;
}

/* Let CPU c run the IPI messages waiting for it, in order, as its
 * current thread, in a critical section; then come back. */
static void
deliver(int c)
{
	struct globaldata *saved = host_mycpu;
	int i;

	host_mycpu = &cpu[c];
	crit_enter();
	for (i = 0; i < nipi[c]; i++)
		ipiq[c][i].func(ipiq[c][i].arg);
	nipi[c] = 0;
	crit_exit();
	host_mycpu = saved;
}

int
lwkt_send_ipiq(struct globaldata *target, ipifunc1_t func, void *arg)
{
	int c = target->gd_cpuid;

	if (target == host_mycpu) {
		crit_enter();
		func(arg);
		crit_exit();
		return 0;
	}
	if (nipi[c] >= NIPI)
		panic("fake IPI FIFO full");
	ipiq[c][nipi[c]].func = func;
	ipiq[c][nipi[c]].arg = arg;
	return ++nipi[c];
}

/* Waiting for a message: its CPU runs everything it has. */
void
lwkt_wait_ipiq(struct globaldata *target, int seq)
{
	(void)seq;
	deliver(target->gd_cpuid);
}

void
lwkt_process_ipiq(void)
{
	deliver(host_mycpu->gd_cpuid);
}

void
lwkt_schedule(struct thread *td)
{
	scheduled[thread_index(td)]++;
}

void
wakeup(const volatile void *ident)
{
	(void)ident;
	wakeups++;
}

void
wakeup_one(const volatile void *ident)
{
	(void)ident;
	wakeups++;
}

/* The caller sleeps: log it, let the world move, return the script. */
int
tsleep(const volatile void *ident, int flags, const char *wmesg, int timo)
{
	int n = nslept;

	(void)ident;
	(void)wmesg;
	/* A port tests and sleeps in one critical section (no lost wakeup). */
	CU_ASSERT(host_critcount > 0);
	if (n >= NSLEEP)
		panic("tsleep called %d times: the wait never ends", n);
	slept[n].flags = flags;
	slept[n].timo = timo;
	nslept++;
	if (sleep_hook != NULL)
		sleep_hook(n);
	return sleep_result[n];
}

static struct lwkt_port cport, sport, sport2, putport;
static int put_calls;
static int put_saw_flags;

/* A put-only port's putport: run it now and return -arg. */
static int
run_at_once(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	put_calls++;
	put_saw_flags = msg->ms_flags;
	return -msg->u.ms_result;
}

static int abortfn_calls, abortfn_cpu;

static void
count_abortfn(struct lwkt_msg *msg)
{
	(void)msg;
	abortfn_calls++;
	abortfn_cpu = host_mycpu->gd_cpuid;
}

/* A fresh world: client and server on CPU 0, server2 and other on 1. */
static void
setup(int server_cpu)
{
	memset(cpu, 0, sizeof(cpu));
	cpu[0].gd_cpuid = 0;
	cpu[1].gd_cpuid = 1;
	memset(&client, 0, sizeof(client));
	memset(&server, 0, sizeof(server));
	memset(&server2, 0, sizeof(server2));
	memset(&other, 0, sizeof(other));
	strcpy(client.td_name, "client");
	strcpy(server.td_name, "server");
	strcpy(server2.td_name, "server2");
	strcpy(other.td_name, "other");
	client.td_gd = &cpu[0];
	server.td_gd = &cpu[server_cpu];
	server2.td_gd = &cpu[1];
	other.td_gd = &cpu[1];
	nipi[0] = nipi[1] = 0;
	memset(scheduled, 0, sizeof(scheduled));
	wakeups = 0;
	nslept = 0;
	memset(sleep_result, 0, sizeof(sleep_result));
	sleep_hook = NULL;
	put_calls = 0;
	abortfn_calls = 0;
	abortfn_cpu = -1;
	host_critcount = 0;
	lwkt_initport_thread(&cport, &client);
	lwkt_initport_thread(&sport, &server);
	lwkt_initport_thread(&sport2, &server2);
	lwkt_initport_putonly(&putport, run_at_once);
	on(0, &client);
}

#define STATE	(MSGF_DONE | MSGF_REPLY | MSGF_QUEUED | MSGF_SYNC | \
		 MSGF_INTRANSIT | MSGF_ABORTED)

/* The state bits of msg. */
static int
state(const struct lwkt_msg *msg)
{
	return msg->ms_flags & STATE;
}

/* ---- round trips ------------------------------------------------------ */

static void
test_msgport_local_async_round_trip(void)
{
	struct lwkt_msg m;

	setup(0);
	lwkt_initmsg(&m, &cport, 0);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE);		/* the sender's */
	lwkt_sendmsg(&sport, &m);
	CU_ASSERT_EQUAL(state(&m), MSGF_QUEUED);	/* the target's */
	CU_ASSERT_PTR_EQUAL(m.ms_target_port, &sport);
	CU_ASSERT_EQUAL(scheduled[1], 0);		/* it was not waiting */
	on(0, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	CU_ASSERT_EQUAL(state(&m), 0);			/* in the server's hands */
	CU_ASSERT_PTR_NULL(lwkt_getport(&sport));
	lwkt_replymsg(&m, -5);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_QUEUED);
	CU_ASSERT_EQUAL(m.ms_error, -5);
	on(0, &client);
	CU_ASSERT_EQUAL(lwkt_waitmsg(&m, 0), -5);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY);
	CU_ASSERT_EQUAL(nslept, 0);			/* it was back */
	CU_ASSERT_PTR_NULL(lwkt_getport(&cport));
	CU_ASSERT_EQUAL(host_critcount, 0);
}

static struct lwkt_msg *hook_msg;
static int state_at_arrival;	/* the message's state once replied */

/* While the client sleeps: the server (its CPU from the port) serves
 * the message, replying -3, and the client's CPU gets the reply. */
static void
serve_while_asleep(int n)
{
	int scpu = server.td_gd->gd_cpuid;

	(void)n;
	deliver(scpu);
	on(scpu, &server);
	if (lwkt_getport(&sport) == hook_msg)
		lwkt_replymsg(hook_msg, -3);
	deliver(0);
	state_at_arrival = state(hook_msg);
	on(0, &client);
}

static void
test_msgport_waiting_owner_is_woken(void)
{
	struct lwkt_msg m, *got;
	int error = 1;

	setup(0);
	lwkt_initmsg(&m, &cport, 0);
	lwkt_sendmsg(&sport, &m);
	hook_msg = &m;
	sleep_hook = serve_while_asleep;
	got = lwkt_waitport_timo(&cport, 0, 0, &error);
	CU_ASSERT_PTR_EQUAL(got, &m);
	CU_ASSERT_EQUAL(error, 0);
	CU_ASSERT_EQUAL(nslept, 1);
	CU_ASSERT_EQUAL(scheduled[0], 1);	/* the reply woke the client */
	CU_ASSERT_EQUAL(cport.mp_flags & MSGPORTF_WAITING, 0);
	CU_ASSERT_EQUAL(state_at_arrival, MSGF_DONE | MSGF_REPLY |
	    MSGF_QUEUED);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY);
}

static void
test_msgport_remote_put_and_reply(void)
{
	struct lwkt_msg m;

	setup(1);
	lwkt_initmsg(&m, &cport, 0);
	lwkt_sendmsg(&sport, &m);
	CU_ASSERT_EQUAL(state(&m), MSGF_INTRANSIT);	/* on its way */
	CU_ASSERT_EQUAL(nipi[1], 1);
	CU_ASSERT_PTR_NULL(TAILQ_FIRST(&sport.mp_msgq));
	deliver(1);
	CU_ASSERT_EQUAL(state(&m), MSGF_QUEUED);	/* arrived there */
	on(1, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	lwkt_replymsg(&m, 0);
	CU_ASSERT_EQUAL(state(&m), MSGF_REPLY | MSGF_INTRANSIT);
	CU_ASSERT_EQUAL(nipi[0], 1);
	deliver(0);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_QUEUED);
	on(0, &client);
	CU_ASSERT_EQUAL(lwkt_waitmsg(&m, 0), 0);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY);
}

static void
test_msgport_domsg_remote_sync(void)
{
	struct lwkt_msg m;

	setup(1);
	lwkt_initmsg(&m, &cport, 0);
	hook_msg = &m;
	sleep_hook = serve_while_asleep;
	CU_ASSERT_EQUAL(lwkt_domsg(&sport, &m, 0), -3);
	/* A synchronous reply is never queued, even for a moment. */
	CU_ASSERT_EQUAL(state_at_arrival, MSGF_DONE | MSGF_REPLY | MSGF_SYNC);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_SYNC);
	CU_ASSERT_EQUAL(nslept, 1);
	CU_ASSERT_EQUAL(slept[0].flags, 0);
	CU_ASSERT_EQUAL(slept[0].timo, 0);
	CU_ASSERT_PTR_NULL(lwkt_getport(&cport));	/* SYNC: not queued */
}

/* ---- the port decides -------------------------------------------------- */

static void
test_msgport_putonly_runs_at_once(void)
{
	struct lwkt_msg m;

	setup(0);
	lwkt_initmsg(&m, &cport, 0);
	m.u.ms_result = 9;
	CU_ASSERT_EQUAL(lwkt_domsg(&putport, &m, 0), -9);
	CU_ASSERT_EQUAL(put_calls, 1);
	CU_ASSERT_EQUAL(put_saw_flags & STATE, MSGF_SYNC);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_SYNC);
	CU_ASSERT_EQUAL(m.ms_error, -9);
	CU_ASSERT_EQUAL(nslept, 0);
	/* Asynchronous: the port ran it, and the reply is at the reply
	 * port anyway. */
	lwkt_initmsg(&m, &cport, 0);
	m.u.ms_result = 4;
	lwkt_sendmsg(&putport, &m);
	CU_ASSERT_EQUAL(put_saw_flags & STATE, 0);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_QUEUED);
	CU_ASSERT_EQUAL(m.ms_error, -4);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&cport), &m);
}

/* ---- aborts ----------------------------------------------------------------- */

static int serve_reply = -7;

/* While the client sleeps the second time: the server replies. */
static void
reply_on_second_sleep(int n)
{
	if (n != 1)
		return;
	on(1, &server);
	lwkt_replymsg(hook_msg, serve_reply);
	deliver(0);
	on(0, &client);
}

static void
test_msgport_timeout_aborts_then_waits(void)
{
	struct lwkt_msg m;

	setup(1);
	lwkt_initmsg_abortable(&m, &cport, 0, count_abortfn);
	lwkt_sendmsg(&sport, &m);
	deliver(1);
	on(1, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);	/* server holds it */
	on(0, &client);
	hook_msg = &m;
	sleep_hook = reply_on_second_sleep;
	sleep_result[0] = -EWOULDBLOCK;
	CU_ASSERT_EQUAL(lwkt_waitmsg_timo(&m, PCATCH, 5), serve_reply);
	CU_ASSERT_EQUAL(nslept, 2);
	CU_ASSERT_EQUAL(slept[0].flags, PCATCH);
	CU_ASSERT_EQUAL(slept[0].timo, 5);
	CU_ASSERT_EQUAL(slept[1].flags, 0);		/* then waits on */
	CU_ASSERT_EQUAL(slept[1].timo, 0);
	CU_ASSERT_EQUAL(abortfn_calls, 1);
	CU_ASSERT_EQUAL(abortfn_cpu, 1);		/* on the target's CPU */
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_ABORTED);
}

static void
test_msgport_interrupted_wait_takes_queued_back(void)
{
	struct lwkt_msg m;

	setup(1);
	lwkt_initmsg_abortable(&m, &cport, 0, count_abortfn);
	hook_msg = &m;
	sleep_result[0] = -EINTR;
	/* The put is still travelling when the wait is interrupted; the
	 * abort runs CPU 1's messages (the put arrives), then takes it. */
	CU_ASSERT_EQUAL(lwkt_domsg(&sport, &m, PCATCH), -EINTR);
	CU_ASSERT_EQUAL(nslept, 1);
	CU_ASSERT_EQUAL(abortfn_calls, 0);		/* never begun */
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_SYNC |
	    MSGF_ABORTED);
	CU_ASSERT_PTR_NULL(TAILQ_FIRST(&sport.mp_msgq));
	CU_ASSERT_PTR_NULL(lwkt_getport(&cport));
}

static void
test_msgport_abort_while_in_transit(void)
{
	struct lwkt_msg m;

	setup(0);
	/* Another CPU puts the client's message to a port of CPU 0. */
	lwkt_initmsg_abortable(&m, &cport, 0, count_abortfn);
	on(1, &other);
	lwkt_sendmsg(&sport, &m);
	CU_ASSERT_EQUAL(state(&m), MSGF_INTRANSIT);
	CU_ASSERT_EQUAL(nipi[0], 1);
	on(0, &client);
	CU_ASSERT_EQUAL(lwkt_abortmsg(&m), 1);		/* asked again, took it */
	CU_ASSERT_EQUAL(nipi[0], 0);			/* the put arrived */
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_QUEUED |
	    MSGF_ABORTED);
	CU_ASSERT_EQUAL(m.ms_error, -EINTR);
	CU_ASSERT_PTR_NULL(TAILQ_FIRST(&sport.mp_msgq));
	CU_ASSERT_EQUAL(lwkt_waitmsg(&m, 0), -EINTR);
}

static void
test_msgport_abort_when_not_possible(void)
{
	struct lwkt_msg m, plain;

	setup(0);
	/* Not abortable: nothing happens, it stays queued. */
	lwkt_initmsg(&plain, &cport, 0);
	lwkt_sendmsg(&sport, &plain);
	CU_ASSERT_EQUAL(lwkt_abortmsg(&plain), 0);
	CU_ASSERT_EQUAL(state(&plain), MSGF_QUEUED);
	/* Replied: too late, unchanged. */
	lwkt_initmsg_abortable(&m, &cport, 0, count_abortfn);
	lwkt_sendmsg(&sport, &m);
	on(0, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &plain);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	lwkt_replymsg(&m, 0);
	on(0, &client);
	CU_ASSERT_EQUAL(lwkt_abortmsg(&m), 0);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_QUEUED);
	CU_ASSERT_EQUAL(abortfn_calls, 0);
	/* The reply travelling back is "replied": too late as well. */
	setup(1);
	lwkt_initmsg_abortable(&m, &cport, 0, count_abortfn);
	lwkt_sendmsg(&sport, &m);
	deliver(1);
	on(1, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	lwkt_replymsg(&m, 0);
	CU_ASSERT_EQUAL(state(&m), MSGF_REPLY | MSGF_INTRANSIT);
	on(0, &client);
	CU_ASSERT_EQUAL(lwkt_abortmsg(&m), 0);
	CU_ASSERT_EQUAL(abortfn_calls, 0);
	deliver(0);
	CU_ASSERT_EQUAL(lwkt_waitmsg(&m, 0), 0);
	CU_ASSERT_EQUAL(nslept, 0);
}

/* ---- forward, drop, priority -------------------------------------------- */

static void
test_msgport_forward(void)
{
	struct lwkt_msg m;

	setup(0);
	lwkt_initmsg(&m, &cport, 0);
	lwkt_sendmsg(&sport, &m);
	on(0, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	CU_ASSERT_EQUAL(lwkt_forwardmsg(&sport2, &m), -EASYNC);
	CU_ASSERT_EQUAL(state(&m), MSGF_INTRANSIT);	/* to CPU 1 */
	CU_ASSERT_PTR_EQUAL(m.ms_target_port, &sport2);
	deliver(1);
	on(1, &server2);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport2), &m);
	lwkt_replymsg(&m, -2);
	deliver(0);
	on(0, &client);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&cport), &m);	/* original port */
	CU_ASSERT_EQUAL(m.ms_error, -2);
	/* Forwarded to a port that runs it at once: replied there. */
	lwkt_initmsg(&m, &cport, 0);
	m.u.ms_result = 6;
	lwkt_sendmsg(&sport, &m);
	on(0, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	CU_ASSERT_EQUAL(lwkt_forwardmsg(&putport, &m), -6);
	CU_ASSERT_EQUAL(state(&m), MSGF_DONE | MSGF_REPLY | MSGF_QUEUED);
}

static void
test_msgport_drop(void)
{
	struct lwkt_msg m, keep;

	setup(0);
	lwkt_initmsg(&m, &cport, MSGF_DROPABLE);
	lwkt_initmsg(&keep, &cport, MSGF_DROPABLE);
	lwkt_sendmsg(&sport, &m);
	lwkt_sendmsg(&sport, &keep);
	on(0, &server);
	CU_ASSERT_EQUAL(lwkt_dropmsg(&m), 0);
	CU_ASSERT_EQUAL(state(&m), 0);		/* the dropper's, unreplied */
	CU_ASSERT_EQUAL(lwkt_dropmsg(&m), -ENOENT);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &keep);
	CU_ASSERT_PTR_NULL(lwkt_getport(&sport));
	lwkt_replymsg(&keep, 0);
	/* Replied, it is no request of this port's any more. */
	CU_ASSERT_EQUAL(lwkt_dropmsg(&keep), -ENOENT);
	on(0, &client);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&cport), &keep);
	CU_ASSERT_PTR_NULL(lwkt_getport(&cport));	/* no reply to m */
}

static void
test_msgport_priority_then_fifo(void)
{
	struct lwkt_msg m[10];
	int i, k, order[10], n = 0;

	setup(0);
	for (i = 0; i < 10; i++) {
		lwkt_initmsg(&m[i], &cport, (i % 3) == 1 ? MSGF_PRIORITY : 0);
		lwkt_sendmsg(&sport, &m[i]);
	}
	for (k = 1; k >= 0; k--)
		for (i = 0; i < 10; i++)
			if (((i % 3) == 1) == k)
				order[n++] = i;
	on(0, &server);
	for (i = 0; i < 10; i++)
		CHECK_MSG(lwkt_getport(&sport) == &m[order[i]], __LINE__,
		    "message %d should be number %d", i, order[i]);
	CU_ASSERT_PTR_NULL(lwkt_getport(&sport));
}

/* ---- waits with a deadline ------------------------------------------------- */

/* While asleep, time passes beyond the deadline, and the sleep ends
 * early (returns 0): the next test of the deadline ends the wait. */
static void
pass_time(int n)
{
	(void)n;
	cpu[0].gd_ticks += 10;
}

static void
test_msgport_waitport_deadline(void)
{
	int error = 1;

	setup(0);
	sleep_result[0] = -EWOULDBLOCK;
	CU_ASSERT_PTR_NULL(lwkt_waitport_timo(&cport, 0, 3, &error));
	CU_ASSERT_EQUAL(error, -EWOULDBLOCK);
	CU_ASSERT_EQUAL(cport.mp_flags & MSGPORTF_WAITING, 0);
	setup(0);
	sleep_hook = pass_time;
	CU_ASSERT_PTR_NULL(lwkt_waitport_timo(&cport, PCATCH, 4, &error));
	CU_ASSERT_EQUAL(error, -EWOULDBLOCK);
	CU_ASSERT_EQUAL(nslept, 1);
	CU_ASSERT_EQUAL(slept[0].timo, 4);
	CU_ASSERT_EQUAL(slept[0].flags, PCATCH);
}

/* ---- ownership -------------------------------------------------------------- */

static void
test_msgport_ownership_asserted(void)
{
	struct lwkt_msg m;
	jmp_buf jb;

	setup(0);
	panic_jump = &jb;
	lwkt_initmsg(&m, &cport, 0);
	lwkt_sendmsg(&sport, &m);
	if (setjmp(jb) == 0) {
		lwkt_sendmsg(&sport, &m);		/* not back yet */
		CU_FAIL("sending a queued message did not panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_getport(&sport);			/* client is not owner */
		CU_FAIL("receiving from another thread's port did not panic");
	}
	host_critcount = 0;
	on(0, &server);
	CU_ASSERT_PTR_EQUAL(lwkt_getport(&sport), &m);
	lwkt_replymsg(&m, 0);
	if (setjmp(jb) == 0) {
		lwkt_replymsg(&m, 0);			/* twice */
		CU_FAIL("replying twice did not panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_waitmsg(&m, 0);			/* not the sender */
		CU_FAIL("waiting at another thread's port did not panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_dropmsg(&m);			/* not DROPABLE */
		CU_FAIL("dropping a message that is not DROPABLE did not "
		    "panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_initmsg(&m, &cport, MSGF_DONE);	/* a port's flag */
		CU_FAIL("lwkt_initmsg with a port's flag did not panic");
	}
	if (setjmp(jb) == 0) {
		lwkt_getport(&putport);			/* put-only */
		CU_FAIL("receiving from a put-only port did not panic");
	}
	panic_jump = NULL;
	host_critcount = 0;
}

static const struct unit_test msgport_tests[] = {
	{ "msgport_local_async_round_trip",
	    test_msgport_local_async_round_trip },
	{ "msgport_waiting_owner_is_woken",
	    test_msgport_waiting_owner_is_woken },
	{ "msgport_remote_put_and_reply", test_msgport_remote_put_and_reply },
	{ "msgport_domsg_remote_sync", test_msgport_domsg_remote_sync },
	{ "msgport_putonly_runs_at_once", test_msgport_putonly_runs_at_once },
	{ "msgport_timeout_aborts_then_waits",
	    test_msgport_timeout_aborts_then_waits },
	{ "msgport_interrupted_wait_takes_queued_back",
	    test_msgport_interrupted_wait_takes_queued_back },
	{ "msgport_abort_while_in_transit",
	    test_msgport_abort_while_in_transit },
	{ "msgport_abort_when_not_possible",
	    test_msgport_abort_when_not_possible },
	{ "msgport_forward", test_msgport_forward },
	{ "msgport_drop", test_msgport_drop },
	{ "msgport_priority_then_fifo", test_msgport_priority_then_fifo },
	{ "msgport_waitport_deadline", test_msgport_waitport_deadline },
	{ "msgport_ownership_asserted", test_msgport_ownership_asserted },
	{ NULL, NULL }
};

int
add_msgport_suite(void)
{
	return add_suite("msgport", msgport_tests);
}
