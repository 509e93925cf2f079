/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Message ports (Chapter "Message ports"): every kind of port, puts
 * across CPUs, synchronous and asynchronous sends, forwarding, dropping,
 * aborts, timeouts and interruptions, and many senders and receivers at
 * once (no lost message, FIFO per sender, no deadlock).  The tests run
 * with whatever number of CPUs is up; with one, the servers share the
 * test's CPU and the console says what was not exercised.  Waits that a
 * bug could make endless have a generous time limit, so that a broken
 * port fails its test instead of hanging it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"
#include "lwkt/token.h"
#include "lwkt_testlib.h"
#include "msgport_testlib.h"

/* A limit for waits that only a bug makes long: 3 s of the CPU's clock. */
#define KT_PATIENCE	300

static void
msgport_note_one_cpu(struct ktest_ctx *kt, const char *what)
{
	if (ncpus == 1)
		kprintf("note: %s: 1 CPU: %s not exercised\n", kt->name, what);
}

/* ---- a put-only port that runs requests at once ---------------------- */

/* putport of the test's put-only port: serve the request now, in the
 * sender's thread, and return its error. */
static int
kt_sync_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct kt_req *r = kt_req_of(msg);

	(void)port;
	r->ran_in = curthread;
	r->ran_cpu = mycpu->gd_cpuid;
	r->out = 2 * r->arg;
	return r->arg < 0 ? -EINVAL : 0;
}

/* ---- the port decides ------------------------------------------------- */

/* The same sender code against a port: a synchronous and an asynchronous
 * round trip; checks what the sender sees, whoever served it. */
static void
sender_round_trips(struct ktest_ctx *kt, struct lwkt_port *target,
    struct lwkt_port *rport, struct thread *server)
{
	struct kt_req r;
	struct lwkt_msg *got;
	int arg, error, err2;

	for (arg = -1; arg <= 3; arg += 4) {
		int want = arg < 0 ? -EINVAL : 0;

		kt_req_init(&r, rport, KT_CMD_DOUBLE, arg, 0);
		error = lwkt_domsg(target, &r.msg, 0);
		KT_EXPECT_EQ(want, error);
		KT_EXPECT_EQ(want, r.msg.ms_error);
		KT_EXPECT_EQ(2 * arg, r.out);
		KT_ASSERT(r.ran_in == server);
		KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY | MSGF_SYNC,
		    r.msg.ms_flags & (MSGF_DONE | MSGF_REPLY | MSGF_SYNC |
		    MSGF_QUEUED | MSGF_INTRANSIT));
		KT_ASSERT(lwkt_getport(rport) == NULL);	/* not queued */

		kt_req_init(&r, rport, KT_CMD_DOUBLE, arg, 0);
		lwkt_sendmsg(target, &r.msg);
		got = lwkt_waitport_timo(rport, 0, KT_PATIENCE, &err2);
		KT_ASSERT(got == &r.msg);
		if (got != &r.msg) {		/* do not leave it behind */
			lwkt_waitmsg(&r.msg, 0);
			continue;
		}
		KT_EXPECT_EQ(want, r.msg.ms_error);
		KT_EXPECT_EQ(2 * arg, r.out);
		KT_ASSERT(r.ran_in == server);
		KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY,
		    r.msg.ms_flags & (MSGF_DONE | MSGF_REPLY | MSGF_SYNC |
		    MSGF_QUEUED | MSGF_INTRANSIT));
	}
}

KTEST(msgport_port_decides_sync_or_async)
{
	struct lwkt_port syncport, rport;
	struct kt_server s;
	struct xgroup g;

	lwkt_initport_putonly(&syncport, kt_sync_putport);
	lwkt_initport_thread(&rport, curthread);
	/* A put-only port runs the request in the sender's thread. */
	sender_round_trips(kt, &syncport, &rport, curthread);
	/* A thread port queues it for its server, here and elsewhere. */
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, 0) == 0) {
		sender_round_trips(kt, &s.port, &rport, s.td);
		kt_server_stop(&s, &rport);
	}
	xgroup_wait(&g);
	if (kt_server_start(kt, &s, &g, kt_other_cpu()) == 0) {
		sender_round_trips(kt, &s.port, &rport, s.td);
		kt_server_stop(&s, &rport);
	}
	xgroup_wait(&g);
	msgport_note_one_cpu(kt, "a server on another CPU");
}

/* ---- the flags of a round trip ---------------------------------------- */

KTEST(msgport_thread_port_flags)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g;
	struct kt_req r;
	struct lwkt_msg *got;
	int error;

	lwkt_initport_thread(&rport, curthread);
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 5, 0);
	KT_EXPECT_EQ(MSGF_DONE, r.msg.ms_flags);	/* the sender's */
	xgroup_init(&g);
	/* A server of our priority on our CPU runs only when we block. */
	if (kt_server_start(kt, &s, &g, 0) != 0)
		return;
	crit_enter();
	lwkt_sendmsg(&s.port, &r.msg);
	KT_EXPECT_EQ(MSGF_QUEUED, r.msg.ms_flags);	/* with the target */
	KT_ASSERT(r.msg.ms_target_port == &s.port);
	crit_exit();
	got = lwkt_waitport_timo(&rport, 0, KT_PATIENCE, &error);
	KT_ASSERT(got == &r.msg);
	KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY, r.msg.ms_flags);
	KT_EXPECT_EQ(10, r.out);

	/* lwkt_waitmsg on an asynchronous message takes it off the queue. */
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 6, 0);
	lwkt_sendmsg(&s.port, &r.msg);
	KT_EXPECT_EQ(0, lwkt_waitmsg_timo(&r.msg, 0, KT_PATIENCE));
	KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY, r.msg.ms_flags);
	KT_ASSERT(lwkt_getport(&rport) == NULL);

	/* Synchronous: done, replied, never queued at the reply port. */
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 7, 0);
	KT_EXPECT_EQ(0, lwkt_domsg(&s.port, &r.msg, 0));
	KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY | MSGF_SYNC, r.msg.ms_flags);
	KT_ASSERT(lwkt_getport(&rport) == NULL);
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

/* ---- across CPUs -------------------------------------------------------- */

KTEST(msgport_remote_put_travels_by_ipi)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g;
	struct kt_req r;
	struct lwkt_msg *got;
	uint64_t sent;
	int error, cpu = kt_other_cpu();

	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, cpu) != 0)
		return;
	/* Wait until the server sleeps in lwkt_waitport. */
	while ((s.td->td_flags & TDF_TSLEEPQ) == 0)
		lwkt_yield();
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 21, 0);
	crit_enter();
	sent = mycpu->gd_cnt_ipiq_sent;
	lwkt_sendmsg(&s.port, &r.msg);
	/* A remote put is an IPI message; a local one is not. */
	KT_EXPECT_EQ(cpu != 0 ? 1 : 0, mycpu->gd_cnt_ipiq_sent - sent);
	crit_exit();
	got = lwkt_waitport_timo(&rport, 0, KT_PATIENCE, &error);
	KT_ASSERT(got == &r.msg);
	KT_EXPECT_EQ(cpu, r.ran_cpu);
	KT_ASSERT(r.ran_in == s.td);
	KT_EXPECT_EQ(42, r.out);
	/* And the reply came back by one too: the server's CPU sent it. */
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
	msgport_note_one_cpu(kt, "a put to another CPU");
}

/* A thread that holds its CPU in a critical section until released:
 * IPI messages to that CPU wait meanwhile. */
struct cpu_hold {
	volatile int	held, release;
	struct xgroup	*g;
};

static void
hold_cpu_thread(void *arg)
{
	struct cpu_hold *h = arg;

	crit_enter();
	h->held = 1;
	while (!h->release)
		cpu_pause();
	crit_exit();
	xgroup_done(h->g);
}

#define MSG_STATE	(MSGF_DONE | MSGF_REPLY | MSGF_QUEUED | MSGF_SYNC | \
			 MSGF_INTRANSIT)

/* While the owner's CPU cannot look, a message to it is in transit, and
 * so is a reply while the sender's CPU cannot look. */
KTEST(msgport_remote_message_in_transit)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct cpu_hold h = { 0, 0, NULL };
	struct xgroup g;
	struct kt_req r;
	uint32_t start;

	if (ncpus == 1) {
		msgport_note_one_cpu(kt, "a message in transit");
		return;
	}
	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, 1) != 0)
		return;
	h.g = &g;
	xgroup_start(kt, &g, hold_cpu_thread, &h, 1, 0);
	while (!h.held)
		lwkt_yield();
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 2, 0);
	lwkt_sendmsg(&s.port, &r.msg);
	KT_EXPECT_EQ(MSGF_INTRANSIT, r.msg.ms_flags & MSG_STATE);
	/* Now hold our own CPU and let CPU 1 go: it queues, serves and
	 * replies; the reply must wait for us. */
	crit_enter();
	h.release = 1;
	start = mycpu->gd_ticks;
	while ((r.msg.ms_flags & MSGF_REPLY) == 0 &&
	    mycpu->gd_ticks - start < 100)
		cpu_pause();
	KT_EXPECT_EQ(MSGF_REPLY | MSGF_INTRANSIT, r.msg.ms_flags & MSG_STATE);
	crit_exit();
	KT_ASSERT(lwkt_waitport_timo(&rport, 0, KT_PATIENCE, NULL) ==
	    &r.msg);
	KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY, r.msg.ms_flags & MSG_STATE);
	KT_EXPECT_EQ(4, r.out);
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

/* ---- many senders, one server ----------------------------------------- */

#define NSEND_PER_CPU	2
#define NMSG		40
#define NOUT		4		/* messages in flight per sender */

struct fifo_server {
	struct lwkt_port port;
	volatile int	ready;
	volatile int	received;
	int		last[MAXCPU * NSEND_PER_CPU];	/* last seq per sender */
	volatile int	out_of_order;
	struct xgroup	*g;
};

/* Serve numbered requests; check FIFO per sender; quit on KT_CMD_QUIT. */
static void
fifo_server_thread(void *arg)
{
	struct fifo_server *fs = arg;
	struct lwkt_msg *msg;
	struct kt_req *r;

	lwkt_initport_thread(&fs->port, curthread);
	cpu_ccfence();
	fs->ready = 1;
	for (;;) {
		msg = lwkt_waitport(&fs->port, 0);
		if (msg == NULL)
			continue;
		r = kt_req_of(msg);
		if (msg->ms_cmd == KT_CMD_QUIT) {
			lwkt_replymsg(msg, 0);
			break;
		}
		if (r->seq != fs->last[r->sender] + 1)
			fs->out_of_order++;
		fs->last[r->sender] = r->seq;
		fs->received++;
		r->out = r->arg + 1;
		lwkt_replymsg(msg, 0);
	}
	xgroup_done(fs->g);
}

struct fifo_sender {
	struct fifo_server *fs;
	struct xgroup	*g;
	int		id;
	uint32_t	rng;
	int		kind;		/* 0 thread, 1 spin, 2 serialized */
	volatile int	replies;
	volatile int	bad;		/* wrong order, value or timeout */
	struct lwkt_token tok;
};

/* Send NMSG numbered requests, up to NOUT at a time, some synchronous;
 * replies must come back in order, each once. */
static void
fifo_sender_thread(void *arg)
{
	struct fifo_sender *fs = arg;
	struct lwkt_port rport;
	struct kt_req req[NOUT];
	struct lwkt_msg *got;
	int next = 1, expect = 1, inflight = 0, slot = 0, error, i;

	if (fs->kind == 0)
		lwkt_initport_thread(&rport, curthread);
	else if (fs->kind == 1)
		lwkt_initport_spin(&rport);
	else {
		lwkt_token_init(&fs->tok, "ktsender");
		lwkt_initport_serialize(&rport, &fs->tok);
	}
	while (expect <= NMSG) {
		if (next <= NMSG && inflight < NOUT &&
		    (ktest_xorshift(&fs->rng) & 3) != 0) {
			struct kt_req *r = &req[(slot + inflight) % NOUT];

			kt_req_init(r, &rport, KT_CMD_DOUBLE, next * 3, 0);
			r->sender = fs->id;
			r->seq = next++;
			if (inflight == 0 && (ktest_xorshift(&fs->rng) & 1)) {
				/* a synchronous one, now and then */
				if (lwkt_domsg(&fs->fs->port, &r->msg, 0) != 0 ||
				    r->out != r->seq * 3 + 1)
					fs->bad++;
				fs->replies++;
				expect++;
				continue;
			}
			lwkt_sendmsg(&fs->fs->port, &r->msg);
			inflight++;
			continue;
		}
		if (inflight == 0) {
			lwkt_yield();
			continue;
		}
		got = lwkt_waitport_timo(&rport, 0, KT_PATIENCE, &error);
		if (got == NULL) {
			fs->bad++;		/* lost: give up this sender */
			break;
		}
		if (got != &req[slot].msg || kt_req_of(got)->seq != expect ||
		    kt_req_of(got)->out != expect * 3 + 1)
			fs->bad++;
		fs->replies++;
		expect++;
		slot = (slot + 1) % NOUT;
		inflight--;
	}
	for (i = 0; i < inflight; i++)		/* after a loss: drain */
		lwkt_waitmsg(&req[(slot + i) % NOUT].msg, 0);
	xgroup_done(fs->g);
}

KTEST(msgport_many_senders_fifo_no_loss)
{
	static struct fifo_sender snd[MAXCPU * NSEND_PER_CPU];
	static struct fifo_server fs;
	struct xgroup gs, gsrv;
	struct lwkt_port rport;
	int cpu, k, n = 0, total = 0;

	xgroup_init(&gs);
	xgroup_init(&gsrv);
	kmemset(&fs, 0, sizeof(fs));
	fs.g = &gsrv;
	if (xgroup_start(kt, &gsrv, fifo_server_thread, &fs, ncpus - 1, 0) ==
	    NULL)
		return;
	while (!fs.ready)
		lwkt_yield();
	for (cpu = 0; cpu < ncpus; cpu++)
		for (k = 0; k < NSEND_PER_CPU; k++, n++) {
			snd[n] = (struct fifo_sender){ &fs, &gs, n,
			    ktest_random(kt) | 1, n % 3, 0, 0,
			    LWKT_TOKEN_INITIALIZER(ktsender) };
			if (xgroup_start(kt, &gs, fifo_sender_thread, &snd[n],
			    cpu, 0) != NULL)
				total += NMSG;
		}
	xgroup_wait(&gs);
	lwkt_initport_thread(&rport, curthread);
	{
		struct kt_req q;

		kt_req_init(&q, &rport, KT_CMD_QUIT, 0, 0);
		lwkt_domsg(&fs.port, &q.msg, 0);
	}
	xgroup_wait(&gsrv);
	KT_EXPECT_EQ(total, fs.received);
	KT_EXPECT_EQ(0, fs.out_of_order);
	for (k = 0; k < n; k++) {
		KT_EXPECT_EQ(NMSG, snd[k].replies);
		KT_EXPECT_EQ(0, snd[k].bad);
		KT_EXPECT_EQ(NMSG, fs.last[k]);
	}
}

/* ---- many receivers: spin and serialized ports -------------------------- */

#define NRECV_MSG	64

struct pool {
	struct lwkt_port port;		/* the shared port */
	struct lwkt_token tok;		/* serialized: its token */
	volatile uint32_t seen[NRECV_MSG]; /* receptions of each message */
	volatile uint32_t wrong;
	struct xgroup	*g;
};

/* A receiver of the pool: any CPU; quits on KT_CMD_QUIT. */
static void
pool_receiver(void *arg)
{
	struct pool *p = arg;
	struct lwkt_msg *msg;
	struct kt_req *r;
	int error;

	for (;;) {
		msg = lwkt_waitport_timo(&p->port, 0, KT_PATIENCE, &error);
		if (msg == NULL) {
			atomic_add_int(&p->wrong, 1);	/* lost a quit? */
			break;
		}
		r = kt_req_of(msg);
		if (msg->ms_cmd == KT_CMD_QUIT) {
			lwkt_replymsg(msg, 0);
			break;
		}
		if (r->arg >= 0 && r->arg < NRECV_MSG)
			atomic_add_int(&p->seen[r->arg], 1);
		else
			atomic_add_int(&p->wrong, 1);
		r->ran_cpu = mycpu->gd_cpuid;
		lwkt_replymsg(msg, 0);
	}
	xgroup_done(p->g);
}

/* Senders on every CPU put NRECV_MSG messages to a pool port that a
 * receiver on every CPU serves: each is received exactly once. */
static void
pool_run(struct ktest_ctx *kt, struct pool *p)
{
	static struct kt_req req[NRECV_MSG];
	struct lwkt_port rport;
	struct xgroup g;
	int i, cpu, replies = 0, error;
	struct lwkt_msg *got;

	xgroup_init(&g);
	p->g = &g;
	p->wrong = 0;
	for (i = 0; i < NRECV_MSG; i++)
		p->seen[i] = 0;
	for (cpu = 0; cpu < ncpus; cpu++)
		xgroup_start(kt, &g, pool_receiver, p, cpu, 0);
	lwkt_initport_thread(&rport, curthread);
	for (i = 0; i < NRECV_MSG; i++) {
		kt_req_init(&req[i], &rport, KT_CMD_DOUBLE, i,
		    (i % 5) == 0 ? MSGF_PRIORITY : 0);
		lwkt_sendmsg(&p->port, &req[i].msg);
	}
	for (i = 0; i < NRECV_MSG; i++) {
		got = lwkt_waitport_timo(&rport, 0, KT_PATIENCE, &error);
		if (got == NULL)
			break;
		replies++;
	}
	for (cpu = 0; cpu < ncpus; cpu++) {
		struct kt_req q;

		kt_req_init(&q, &rport, KT_CMD_QUIT, 0, 0);
		lwkt_domsg(&p->port, &q.msg, 0);
	}
	xgroup_wait(&g);
	KT_EXPECT_EQ(NRECV_MSG, replies);
	KT_EXPECT_EQ(0, p->wrong);
	for (i = 0; i < NRECV_MSG; i++)
		KT_EXPECT_EQ(1, p->seen[i]);
}

/* Rounds of a pool test: races on the shared queue need many tries. */
#define POOL_ROUNDS	100

KTEST(msgport_spin_port_many_receivers)
{
	static struct pool p;
	int round;

	for (round = 0; round < POOL_ROUNDS && kt->failures == 0; round++) {
		lwkt_initport_spin(&p.port);
		pool_run(kt, &p);
	}
	msgport_note_one_cpu(kt, "receivers on several CPUs");
}

KTEST(msgport_serialized_port_many_receivers)
{
	static struct pool p;
	int round;

	for (round = 0; round < POOL_ROUNDS && kt->failures == 0; round++) {
		lwkt_token_init(&p.tok, "ktpool");
		lwkt_initport_serialize(&p.port, &p.tok);
		pool_run(kt, &p);
	}
	msgport_note_one_cpu(kt, "receivers on several CPUs");
}

/* ---- priority ---------------------------------------------------------- */

static int kt_null_replies;

/* replyport of a counting reply-only port. */
static void
kt_count_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	kt_null_replies++;
	msg->ms_flags |= MSGF_DONE | MSGF_REPLY;
}

KTEST(msgport_priority_messages_first)
{
	struct lwkt_port mine, rport;
	struct kt_req r[8];
	struct lwkt_msg *got;
	int prio[8], order[8], n = 0, i, pass;

	lwkt_initport_thread(&mine, curthread);
	lwkt_initport_replyonly(&rport, kt_count_replyport);
	kt_null_replies = 0;
	for (i = 0; i < 8; i++) {
		prio[i] = (ktest_random(kt) & 1) != 0;
		kt_req_init(&r[i], &rport, KT_CMD_DOUBLE, i,
		    prio[i] ? MSGF_PRIORITY : 0);
		lwkt_sendmsg(&mine, &r[i].msg);		/* to ourselves */
	}
	for (pass = 1; pass >= 0; pass--)		/* expected order */
		for (i = 0; i < 8; i++)
			if (prio[i] == pass)
				order[n++] = i;
	for (i = 0; i < 8; i++) {
		got = lwkt_getport(&mine);
		KT_ASSERT(got != NULL);
		if (got == NULL)
			break;
		KT_EXPECT_EQ(order[i], kt_req_of(got)->arg);
		lwkt_replymsg(got, 0);
	}
	KT_ASSERT(lwkt_getport(&mine) == NULL);
	KT_EXPECT_EQ(8, kt_null_replies);
}

/* ---- forward and drop ---------------------------------------------------- */

KTEST(msgport_forward_replies_to_the_sender)
{
	struct lwkt_port rport, syncport;
	struct kt_server a, b;
	struct xgroup g;
	struct kt_req r;

	lwkt_initport_thread(&rport, curthread);
	lwkt_initport_putonly(&syncport, kt_sync_putport);
	xgroup_init(&g);
	if (kt_server_start(kt, &a, &g, kt_other_cpu()) != 0 ||
	    kt_server_start(kt, &b, &g, ncpus - 1 > 1 ? 2 : 0) != 0)
		return;
	a.forward_to = &b.port;
	kt_req_init(&r, &rport, KT_CMD_FORWARD, 5, 0);
	KT_EXPECT_EQ(0, lwkt_domsg(&a.port, &r.msg, 0));
	KT_ASSERT(r.msg.ms_target_port == &b.port);
	KT_ASSERT(r.ran_in == b.td);		/* b served it */
	KT_EXPECT_EQ(10, r.out);
	KT_EXPECT_EQ(1, a.served);
	KT_EXPECT_EQ(1, b.served);
	/* Forwarded to the put-only port, it runs at once in a's thread,
	 * and lwkt_forwardmsg replies it itself. */
	a.forward_to = &syncport;
	kt_req_init(&r, &rport, KT_CMD_FORWARD, 8, 0);
	KT_EXPECT_EQ(0, lwkt_domsg(&a.port, &r.msg, 0));
	KT_ASSERT(r.msg.ms_target_port == &syncport);
	KT_EXPECT_EQ(16, r.out);
	KT_ASSERT(r.ran_in == a.td);
	a.forward_to = &b.port;
	/* Asynchronous, the reply is queued at the original reply port. */
	kt_req_init(&r, &rport, KT_CMD_FORWARD, 9, 0);
	lwkt_sendmsg(&a.port, &r.msg);
	KT_ASSERT(lwkt_waitport_timo(&rport, 0, KT_PATIENCE, NULL) ==
	    &r.msg);
	KT_EXPECT_EQ(18, r.out);
	kt_server_stop(&a, &rport);
	kt_server_stop(&b, &rport);
	xgroup_wait(&g);
}

KTEST(msgport_dropmsg_removes_unreplied)
{
	struct lwkt_port mine, rport, spin;
	struct kt_req r, keep;

	lwkt_initport_thread(&mine, curthread);
	lwkt_initport_replyonly(&rport, kt_count_replyport);
	kt_null_replies = 0;
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 1, MSGF_DROPABLE);
	kt_req_init(&keep, &rport, KT_CMD_DOUBLE, 2, MSGF_DROPABLE);
	lwkt_sendmsg(&mine, &r.msg);
	lwkt_sendmsg(&mine, &keep.msg);
	KT_EXPECT_EQ(0, lwkt_dropmsg(&r.msg));
	KT_EXPECT_EQ(0, r.msg.ms_flags & (MSGF_QUEUED | MSGF_DONE |
	    MSGF_REPLY));
	KT_EXPECT_EQ(-ENOENT, lwkt_dropmsg(&r.msg));	/* not there now */
	KT_ASSERT(lwkt_getport(&mine) == &keep.msg);	/* only the other */
	KT_EXPECT_EQ(-ENOENT, lwkt_dropmsg(&keep.msg)); /* received */
	KT_ASSERT(lwkt_getport(&mine) == NULL);
	lwkt_replymsg(&keep.msg, 0);
	KT_EXPECT_EQ(1, kt_null_replies);		/* no reply to r */
	/* The same on a spin port. */
	lwkt_initport_spin(&spin);
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 1, MSGF_DROPABLE);
	lwkt_sendmsg(&spin, &r.msg);
	KT_EXPECT_EQ(0, lwkt_dropmsg(&r.msg));
	KT_ASSERT(lwkt_getport(&spin) == NULL);
	KT_EXPECT_EQ(1, kt_null_replies);
}

/* ---- aborts ---------------------------------------------------------------- */

/* Put a KT_CMD_BLOCK to s and wait until s is in it; returns the
 * blocking request, which the caller collects after releasing s. */
static void
server_block(struct kt_server *s, struct kt_req *blk, struct lwkt_port *rport)
{
	kt_req_init(blk, rport, KT_CMD_BLOCK, 0, 0);
	s->release = 0;
	lwkt_sendmsg(&s->port, &blk->msg);
	while (!s->blocked)
		lwkt_yield();
}

/* An abortable request queued behind a blocked server comes back at
 * once, replied -EINTR, and the server never sees it. */
static void
abort_queued(struct ktest_ctx *kt, int cpu)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g;
	struct kt_req blk, r;
	int served;

	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, cpu) != 0)
		return;
	server_block(&s, &blk, &rport);
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 4, 0);
	lwkt_initmsg_abortable(&r.msg, &rport, 0, kt_req_abortfn);
	r.msg.ms_cmd = KT_CMD_DOUBLE;
	lwkt_sendmsg(&s.port, &r.msg);
	served = s.served;
	KT_EXPECT_EQ(1, lwkt_abortmsg(&r.msg));
	KT_EXPECT_EQ(-EINTR, lwkt_waitmsg_timo(&r.msg, 0, KT_PATIENCE));
	KT_ASSERT((r.msg.ms_flags & (MSGF_DONE | MSGF_ABORTED)) ==
	    (MSGF_DONE | MSGF_ABORTED));
	KT_EXPECT_EQ(0, r.abortfn_calls);	/* it was never begun */
	KT_ASSERT(r.ran_in == NULL);
	/* A replied message cannot be aborted any more. */
	KT_EXPECT_EQ(0, lwkt_abortmsg(&r.msg));
	s.release = 1;
	KT_EXPECT_EQ(0, lwkt_waitmsg_timo(&blk.msg, 0, KT_PATIENCE));
	KT_EXPECT_EQ(served + 1, s.served);	/* the block only */
	/* A message that is not abortable stays queued and is served. */
	server_block(&s, &blk, &rport);
	kt_req_init(&r, &rport, KT_CMD_DOUBLE, 4, 0);
	lwkt_sendmsg(&s.port, &r.msg);
	KT_EXPECT_EQ(0, lwkt_abortmsg(&r.msg));
	s.release = 1;
	KT_EXPECT_EQ(0, lwkt_waitmsg_timo(&blk.msg, 0, KT_PATIENCE));
	KT_EXPECT_EQ(0, lwkt_waitmsg_timo(&r.msg, 0, KT_PATIENCE));
	KT_EXPECT_EQ(8, r.out);
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

KTEST(msgport_abort_queued_gives_it_back)
{
	abort_queued(kt, 0);
	abort_queued(kt, kt_other_cpu());
	msgport_note_one_cpu(kt, "an abort across CPUs");
}

/* An abortable request the server already holds: the abort calls the
 * request's abort function on the server's CPU and the sender gets the
 * server's reply. */
static void
abort_received(struct ktest_ctx *kt, int cpu)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g;
	struct kt_req r;

	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, cpu) != 0)
		return;
	s.slow_ticks = 2 * KT_PATIENCE;	/* the abort should end it first */
	kt_req_init(&r, &rport, KT_CMD_SLOW, 0, 0);
	lwkt_initmsg_abortable(&r.msg, &rport, 0, kt_req_abortfn);
	r.msg.ms_cmd = KT_CMD_SLOW;
	lwkt_sendmsg(&s.port, &r.msg);
	while (!s.blocked)
		lwkt_yield();
	KT_EXPECT_EQ(0, lwkt_abortmsg(&r.msg));
	KT_EXPECT_EQ(-EBUSY, lwkt_waitmsg_timo(&r.msg, 0, KT_PATIENCE));
	KT_EXPECT_EQ(1, r.abortfn_calls);
	KT_EXPECT_EQ(cpu, r.abortfn_cpu);
	KT_EXPECT_EQ(-EBUSY, r.slow_result);
	KT_ASSERT((r.msg.ms_flags & MSGF_ABORTED) != 0);
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

KTEST(msgport_abort_received_calls_abortfn)
{
	abort_received(kt, 0);
	abort_received(kt, kt_other_cpu());
	msgport_note_one_cpu(kt, "an abort across CPUs");
}

/* ---- waits that end early ---------------------------------------------- */

/* A timed wait for a request the server holds: at the timeout the
 * request is aborted, and the wait returns only with the server's reply. */
static void
timeout_received(struct ktest_ctx *kt, int cpu, int sync)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g;
	struct kt_req r;
	uint32_t start;
	int error, timo = 2 + (int)(ktest_random(kt) % 3);

	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, cpu) != 0)
		return;
	s.slow_ticks = KT_PATIENCE;		/* ends by itself, late */
	lwkt_initmsg_abortable(&r.msg, &rport, 0, kt_req_abortfn);
	r.msg.ms_cmd = KT_CMD_SLOW;
	r.slow_result = 1;
	r.abortfn_calls = 0;
	start = mycpu->gd_ticks;
	if (sync) {
		error = lwkt_domsg_timo(&s.port, &r.msg, 0, timo);
	} else {
		lwkt_sendmsg(&s.port, &r.msg);
		error = lwkt_waitmsg_timo(&r.msg, 0, timo);
	}
	KT_EXPECT_EQ(-EBUSY, error);		/* the server's: aborted */
	KT_EXPECT_EQ(-EBUSY, r.slow_result);	/* replied before return */
	KT_EXPECT_EQ(1, r.abortfn_calls);
	KT_ASSERT((r.msg.ms_flags & MSGF_DONE) != 0);
	KT_ASSERT(mycpu->gd_ticks - start >= (uint32_t)timo);
	KT_ASSERT(mycpu->gd_ticks - start < KT_PATIENCE);
	if (r.slow_result == 1)			/* broken: let it finish */
		lwkt_waitmsg(&r.msg, 0);
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

/* A timed wait for a request still queued: it comes back -EINTR. */
static void
timeout_queued(struct ktest_ctx *kt, int cpu)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g;
	struct kt_req blk, r;

	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, cpu) != 0)
		return;
	server_block(&s, &blk, &rport);
	lwkt_initmsg_abortable(&r.msg, &rport, 0, kt_req_abortfn);
	r.msg.ms_cmd = KT_CMD_DOUBLE;
	r.ran_in = NULL;
	KT_EXPECT_EQ(-EINTR, lwkt_domsg_timo(&s.port, &r.msg, 0, 2));
	KT_ASSERT(r.ran_in == NULL);
	s.release = 1;
	KT_EXPECT_EQ(0, lwkt_waitmsg_timo(&blk.msg, 0, KT_PATIENCE));
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

KTEST(msgport_waitmsg_timeout_aborts_and_waits)
{
	int cpu;

	for (cpu = 0; cpu <= kt_other_cpu(); cpu++) {
		timeout_received(kt, cpu, 0);
		timeout_received(kt, cpu, 1);
		timeout_queued(kt, cpu);
	}
	msgport_note_one_cpu(kt, "a timed wait across CPUs");
}

struct pcatch_client {
	struct lwkt_port rport;
	struct kt_server *s;
	struct kt_req	r;
	int		flags;
	struct thread	*volatile td;
	volatile int	error;
	volatile int	returned;
	volatile int	slow_result_at_return;
	struct xgroup	*g;
};

/* A client that sends a slow request with lwkt_domsg and its flags. */
static void
pcatch_client_thread(void *arg)
{
	struct pcatch_client *c = arg;

	lwkt_initport_thread(&c->rport, curthread);
	lwkt_initmsg_abortable(&c->r.msg, &c->rport, 0, kt_req_abortfn);
	c->r.msg.ms_cmd = KT_CMD_SLOW;
	c->r.slow_result = 1;
	c->r.abortfn_calls = 0;
	c->td = curthread;
	c->error = lwkt_domsg(&c->s->port, &c->r.msg, c->flags);
	c->slow_result_at_return = c->r.slow_result;
	c->returned = 1;
	/* A broken wait may return while the server still holds the
	 * message: wait for it, so that its reply finds our port alive. */
	if ((c->r.msg.ms_flags & MSGF_DONE) == 0)
		lwkt_waitmsg(&c->r.msg, 0);
	xgroup_done(c->g);
}

KTEST(msgport_domsg_interrupted_aborts_and_waits)
{
	struct lwkt_port rport;
	struct kt_server s;
	struct xgroup g, gc;
	struct pcatch_client c;
	int pass;

	lwkt_initport_thread(&rport, curthread);
	xgroup_init(&g);
	if (kt_server_start(kt, &s, &g, ncpus - 1) != 0)
		return;
	for (pass = 0; pass < 2; pass++) {
		xgroup_init(&gc);
		kmemset(&c, 0, sizeof(c));
		c.s = &s;
		c.g = &gc;
		c.flags = pass == 0 ? PCATCH : 0;
		s.slow_ticks = pass == 0 ? KT_PATIENCE : 20;
		xgroup_start(kt, &gc, pcatch_client_thread, &c, 0, 0);
		while (!s.blocked || c.td == NULL ||
		    (c.td->td_flags & TDF_TSLEEPQ) == 0)
			lwkt_yield();
		tsleep_interrupt(c.td);
		xgroup_wait(&gc);
		if (pass == 0) {	/* interrupted, aborted, waited for */
			KT_EXPECT_EQ(-EBUSY, c.error);
			KT_EXPECT_EQ(1, c.r.abortfn_calls);
		} else {		/* not interruptible: the server's end */
			KT_EXPECT_EQ(0, c.error);
			KT_EXPECT_EQ(0, c.r.abortfn_calls);
		}
		KT_EXPECT_EQ(c.error, c.slow_result_at_return);
	}
	kt_server_stop(&s, &rport);
	xgroup_wait(&g);
}

struct interrupter {
	struct thread	*victim;
	struct xgroup	*g;
};

/* Interrupt the victim once it sleeps. */
static void
interrupter_thread(void *arg)
{
	struct interrupter *in = arg;

	while ((in->victim->td_flags & TDF_TSLEEPQ) == 0)
		lwkt_yield();
	tsleep_interrupt(in->victim);
	xgroup_done(in->g);
}

/* An empty port: a timed wait ends -EWOULDBLOCK, an interrupted one
 * -EINTR, with no message. */
static void
waitport_empty(struct ktest_ctx *kt, struct lwkt_port *p)
{
	struct interrupter in;
	struct xgroup g;
	uint32_t start = mycpu->gd_ticks;
	int error = 1;

	KT_ASSERT(lwkt_waitport_timo(p, 0, 3, &error) == NULL);
	KT_EXPECT_EQ(-EWOULDBLOCK, error);
	KT_ASSERT(mycpu->gd_ticks - start >= 3);
	xgroup_init(&g);
	in.victim = curthread;
	in.g = &g;
	xgroup_start(kt, &g, interrupter_thread, &in, kt_other_cpu(), 0);
	error = 1;
	KT_ASSERT(lwkt_waitport_timo(p, PCATCH, KT_PATIENCE, &error) ==
	    NULL);
	KT_EXPECT_EQ(-EINTR, error);
	xgroup_wait(&g);
}

KTEST(msgport_waitport_timeout)
{
	struct lwkt_port p;
	struct lwkt_token tok;

	lwkt_initport_thread(&p, curthread);
	waitport_empty(kt, &p);
	lwkt_initport_spin(&p);
	waitport_empty(kt, &p);
	lwkt_token_init(&tok, "ktwait");
	lwkt_initport_serialize(&p, &tok);
	waitport_empty(kt, &p);
}

/* ---- reply-only ports ---------------------------------------------------- */

static struct lwkt_msg *kt_replied_msg;
static struct lwkt_port *kt_replied_port;

/* replyport of a callback reply-only port: record what arrived. */
static void
kt_record_replyport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	kt_replied_port = port;
	kt_replied_msg = msg;
	msg->ms_flags |= MSGF_DONE | MSGF_REPLY;
}

KTEST(msgport_reply_only_ports)
{
	struct lwkt_port syncport, cb, null;
	struct kt_req r;

	lwkt_initport_putonly(&syncport, kt_sync_putport);
	lwkt_initport_replyonly(&cb, kt_record_replyport);
	lwkt_initport_replyonly_null(&null);
	kt_replied_msg = NULL;
	kt_req_init(&r, &cb, KT_CMD_DOUBLE, -3, 0);
	lwkt_sendmsg(&syncport, &r.msg);	/* ran at once, replied */
	KT_ASSERT(kt_replied_msg == &r.msg && kt_replied_port == &cb);
	KT_EXPECT_EQ(-EINVAL, r.msg.ms_error);
	kt_req_init(&r, &null, KT_CMD_DOUBLE, 3, 0);
	lwkt_sendmsg(&syncport, &r.msg);
	KT_EXPECT_EQ(MSGF_DONE | MSGF_REPLY,
	    r.msg.ms_flags & (MSGF_DONE | MSGF_REPLY | MSGF_QUEUED));
	KT_EXPECT_EQ(6, r.out);
}

