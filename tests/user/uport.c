/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/uport: ports for processes (book/33-uport.nw).  One process's
 * own port (ids, bodies, the bounds, bad buffers that lose nothing,
 * a look and a timeout, bad numbers); a server and clients that check
 * every body both ways (replies one byte longer than their requests,
 * short ones in the server's spare message, long ones in a message of
 * their own; the client clears its buffer right after the send: the
 * server must see the copy); the owner's rules; a close that wakes a
 * waiting client with EPIPE; the ports and messages of a process that
 * exits; port_call and port_reply_wait, one system call a side.
 */
#include "ut.h"

#define EPERM		1
#define ENOENT		2
#define EBADF		9
#define EDEADLK		11
#define EFAULT		14
#define EINVAL		22
#define EPIPE		32
#define EAGAIN		35
#define EMSGSIZE	40
#define ETIMEDOUT	60

/* The kernel's limits and result (book/33-uport.nw). */
#define UPORT_BODYMAX	1024
#define UPORT_QMAX	16
#define PORT_MSGID(r)	((r) >> 12)
#define PORT_MSGLEN(r)	((r) & 0xfff)
#define FOREVER		(-1)

/* Wait for PID: its status, or -1. */
static int
reap(int pid)
{
	int status = -1;

	if (wait4(pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

/* Milliseconds since boot. */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep MS milliseconds. */
static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, 0);
}

/* Do N bytes at A equal those at B? */
static int
same(const char *a, const char *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* A send and a wait on one's own port; the bounds; bad buffers. */
static void
own_port(void)
{
	static char big[UPORT_BODYMAX + 1], in[UPORT_BODYMAX];
	static const int bad[] = { -1, 0, 0x7fffffff, (int)0x80000000 };
	char buf[64];
	int p, id, r, i;
	long t0;

	p = port_create();
	UT_CHECK(p > 0);
	id = port_send(p, "hello", 5);
	UT_CHECK(id > 0);
	UT_ERR(EMSGSIZE, port_wait(p, buf, 4, 0));	/* one byte short */
	UT_ERR(EFAULT, port_wait(p, (void *)0, 5, 0));
	UT_ERR(EFAULT, port_wait(p, (void *)0x40000000, 5, 0)); /* unmapped */
	UT_ERR(EFAULT, port_wait(p, buf, 0x7fffffff, 0));
	UT_ERR(EINVAL, port_wait(p, buf, 0x80000000u, 0));
	r = port_wait(p, buf, sizeof(buf), 0);		/* still there */
	UT_EQ(id, PORT_MSGID(r));
	UT_EQ(5, PORT_MSGLEN(r));
	UT_CHECK(same(buf, "hello", 5));
	UT_ERR(ENOENT, port_reply(p, id + 1000, "x", 1));
	UT_ERR(EFAULT, port_reply(p, id, (void *)0, 1));
	UT_ERR(EMSGSIZE, port_reply(p, id, big, sizeof(big)));
	UT_EQ(0, port_reply(p, id, "x", 1));
	UT_ERR(ENOENT, port_reply(p, id, "x", 1));	/* only once */
	/* Bad bodies queue nothing. */
	UT_ERR(EFAULT, port_send(p, (void *)0, 1));
	UT_ERR(EFAULT, port_send(p, (void *)0xc0000000, 4));
	UT_ERR(EMSGSIZE, port_send(p, buf, 0x7fffffff));	/* too long first */
	UT_ERR(EMSGSIZE, port_send(p, big, sizeof(big)));
	UT_ERR(EAGAIN, port_wait(p, buf, sizeof(buf), 0));
	/* The largest body, every byte. */
	for (i = 0; i < UPORT_BODYMAX; i++)
		big[i] = (char)(i * 7 + 3);
	id = port_send(p, big, UPORT_BODYMAX);
	UT_CHECK(id > 0);
	r = port_wait(p, in, sizeof(in), FOREVER);
	UT_EQ(id, PORT_MSGID(r));
	UT_EQ(UPORT_BODYMAX, PORT_MSGLEN(r));
	UT_CHECK(same(in, big, UPORT_BODYMAX));
	UT_EQ(0, port_send(p, "", 0) > 0 ? 0 : -1);	/* an empty body */
	r = port_wait(p, buf, 0, 0);
	UT_EQ(0, PORT_MSGLEN(r));
	UT_CHECK(r > 0);
	/* A wait that times out: not before its time. */
	t0 = now_ms();
	UT_ERR(ETIMEDOUT, port_wait(p, buf, sizeof(buf), 100));
	UT_CHECK(now_ms() - t0 >= 90);
	UT_EQ(0, port_close(p));
	UT_ERR(EBADF, port_send(p, "x", 1));		/* a closed number */
	UT_ERR(EBADF, port_wait(p, buf, 1, 0));
	UT_ERR(EBADF, port_reply(p, id, "x", 1));
	UT_ERR(EBADF, port_close(p));
	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
		UT_ERR(EBADF, port_send(bad[i], "x", 1));
		UT_ERR(EBADF, port_wait(bad[i], buf, 1, 0));
		UT_ERR(EBADF, port_reply(bad[i], 1, "x", 1));
		UT_ERR(EBADF, port_close(bad[i]));
	}
	/* The bound: messages count until their reply is collected. */
	p = port_create();
	for (i = 0; i < UPORT_QMAX; i++)
		UT_CHECK(port_send(p, "q", 1) > 0);
	UT_ERR(EAGAIN, port_send(p, "q", 1));
	r = port_wait(p, buf, sizeof(buf), 0);
	UT_CHECK(r > 0);
	UT_ERR(EAGAIN, port_send(p, "q", 1));		/* received: still held */
	UT_EQ(0, port_reply(p, PORT_MSGID(r), "a", 1));
	UT_ERR(EAGAIN, port_send(p, "q", 1));		/* replied: still held */
	UT_EQ(0, port_close(p));			/* ... and all thrown away */
}

#define CLIENTS		4
#define ROUNDS		100

/* Request K of client ID, of length LEN, into B. */
static void
request(char *b, int id, int k, int len)
{
	int i;

	b[0] = (char)id;
	b[1] = (char)k;
	for (i = 2; i < len; i++)
		b[i] = (char)(id * 31 + k * 7 + i);
}

/* A client: ROUNDS requests to port P, each reply checked; exits 0. */
static void
client(int p, int id)
{
	static char req[UPORT_BODYMAX], rep[UPORT_BODYMAX], want[UPORT_BODYMAX];
	int k, i, len, mid, r;

	for (k = 0; k < ROUNDS; k++) {
		len = 2 + (k * 37 + id * 11) % (UPORT_BODYMAX - 3);
		request(req, id, k, len);
		if ((mid = port_send(p, req, (unsigned)len)) <= 0)
			exit(10);
		for (i = 0; i < len; i++)	/* the server has a copy */
			req[i] = 0;
		r = port_wait(p, rep, sizeof(rep), FOREVER);
		if (r < 0 || PORT_MSGID(r) != mid || PORT_MSGLEN(r) != len + 1)
			exit(11);
		request(want, id, k, len);
		for (i = 0; i < len; i++)
			if (rep[i] != (char)~want[i])
				exit(12);
		if (rep[len] != (char)(0x40 + id))
			exit(13);
	}
	exit(0);
}

/* A server (us) and CLIENTS clients, every body checked both ways. */
static void
server_and_clients(void)
{
	static char buf[UPORT_BODYMAX], want[UPORT_BODYMAX];
	int p, pid[CLIENTS], i, n, r, id, k, bad = 0;

	p = port_create();
	UT_CHECK(p > 0);
	for (i = 0; i < CLIENTS; i++) {
		if ((pid[i] = fork()) == 0)
			client(p, i);
		UT_CHECK(pid[i] > 0);
	}
	for (n = 0; n < CLIENTS * ROUNDS; n++) {
		r = port_wait(p, buf, sizeof(buf), FOREVER);
		if (r < 0) {
			UT_CHECK(r >= 0);
			break;
		}
		id = buf[0];
		k = buf[1];
		request(want, id, k, PORT_MSGLEN(r));
		if (id < 0 || id >= CLIENTS ||
		    !same(buf, want, PORT_MSGLEN(r)))
			bad++;
		/* The reply: the request inverted, one byte longer (longer
		 * than the request's room when that is over 64 bytes). */
		for (i = 0; i < PORT_MSGLEN(r); i++)
			buf[i] = (char)~buf[i];
		buf[PORT_MSGLEN(r)] = (char)(0x40 + id);
		UT_EQ(0, port_reply(p, PORT_MSGID(r), buf,
		    (unsigned)PORT_MSGLEN(r) + 1));
	}
	UT_EQ(0, bad);
	for (i = 0; i < CLIENTS; i++)
		UT_EQ(0, reap(pid[i]));
	UT_ERR(EAGAIN, port_wait(p, buf, sizeof(buf), 0));
	UT_EQ(0, port_close(p));
}

/* Only the owner replies and closes; a wait for nothing is ENOENT. */
static void
owner_rules(void)
{
	int p = port_create(), pid;

	pid = fork();
	if (pid == 0) {
		char b[8];
		int e = 0;

		if (port_reply(p, 1, "x", 1) != -1 || errno != EPERM)
			e |= 1;
		if (port_close(p) != -1 || errno != EPERM)
			e |= 2;
		if (port_wait(p, b, sizeof(b), FOREVER) != -1 ||
		    errno != ENOENT)
			e |= 4;
		exit(e);
	}
	UT_EQ(0, reap(pid));
	UT_EQ(0, port_close(p));
}

/* Closing wakes a client that waits for its reply: EPIPE. */
static void
close_wakes_waiter(void)
{
	int p = port_create(), pid, fds[2];
	char c;

	UT_EQ(0, pipe(fds));
	pid = fork();
	if (pid == 0) {
		char b[8];
		int r;

		if (port_send(p, "q", 1) <= 0)
			exit(1);
		write(fds[1], "s", 1);
		r = port_wait(p, b, sizeof(b), FOREVER);
		exit(r == -1 && errno == EPIPE ? 0 : 2);
	}
	UT_EQ(1, read(fds[0], &c, 1));
	sleep_ms(100);			/* let it fall asleep */
	UT_EQ(0, port_close(p));
	UT_EQ(0, reap(pid));
	close(fds[0]);
	close(fds[1]);
}

/* A process that exits: its ports close, its messages go. */
static void
exits(void)
{
	char b[8];
	int fds[2], pid, q, p, r, i;

	/* A server that exits without closing. */
	UT_EQ(0, pipe(fds));
	pid = fork();
	if (pid == 0) {
		q = port_create();
		write(fds[1], &q, sizeof(q));
		r = port_wait(q, b, sizeof(b), FOREVER);
		exit(r > 0 ? 0 : 1);	/* no reply, no close */
	}
	UT_EQ((int)sizeof(q), read(fds[0], &q, sizeof(q)));
	UT_CHECK(port_send(q, "m", 1) > 0);
	r = port_wait(q, b, sizeof(b), FOREVER);
	UT_CHECK(r == -1 && (errno == EPIPE || errno == EBADF));
	UT_EQ(0, reap(pid));
	UT_ERR(EBADF, port_send(q, "m", 1));
	close(fds[0]);
	close(fds[1]);
	/* A client that exits: its request not yet received is dropped;
	 * one received is answered into nothing; the bound is free. */
	p = port_create();
	pid = fork();
	if (pid == 0) {
		port_send(p, "z", 1);
		exit(0);
	}
	UT_EQ(0, reap(pid));
	UT_ERR(EAGAIN, port_wait(p, b, sizeof(b), 0));
	pid = fork();
	if (pid == 0) {
		port_send(p, "y", 1);
		port_wait(p, b, sizeof(b), FOREVER);	/* killed while here */
		exit(0);
	}
	r = port_wait(p, b, sizeof(b), FOREVER);
	UT_CHECK(r > 0);
	UT_EQ(0, kill(pid, 9));
	UT_CHECK(reap(pid) != -1);
	UT_EQ(0, port_reply(p, PORT_MSGID(r), "a", 1));
	for (i = 0; i < UPORT_QMAX; i++)		/* nothing held */
		UT_CHECK(port_send(p, "q", 1) > 0);
	UT_EQ(0, port_close(p));
}

/* Serve port P for calls(): each request answered, by port_reply_wait,
 * with its bytes inverted and then its id (4 bytes), until the request
 * "q", answered "q"; 0, or what failed. */
static int
call_server(int p)
{
	static char req[UPORT_BODYMAX], ans[UPORT_BODYMAX + 4];
	int r = 0, n = 0, i, id;

	for (;;) {
		r = port_reply_wait(p, PORT_MSGID(r), ans, (unsigned)n, req,
		    sizeof(req));
		if (r < 0)
			return 1;
		id = PORT_MSGID(r);
		n = PORT_MSGLEN(r);
		if (n == 1 && req[0] == 'q')
			return port_reply(p, id, "q", 1) == 0 ? 0 : 2;
		for (i = 0; i < n; i++)
			ans[i] = (char)~req[i];
		for (i = 0; i < 4; i++)
			ans[n + i] = (char)(id >> (8 * i));
		n += 4;
	}
}

/* Is REP (of length PORT_MSGLEN(R)) call_server's answer to the LEN
 * bytes of REQ, of the id that R names? */
static int
answers(const char *rep, int r, const char *req, int len)
{
	int i, id = 0;

	if (r <= 0 || PORT_MSGLEN(r) != len + 4)
		return 0;
	for (i = 0; i < len; i++)
		if (rep[i] != (char)~req[i])
			return 0;
	for (i = 0; i < 4; i++)
		id |= (rep[len + i] & 0xff) << (8 * i);
	return id == PORT_MSGID(r);
}

/* The client of calls(), a child: calls to P, checked; exits with
 * ut_status(). */
static void
call_client(int p)
{
	static char req[256], rep[UPORT_BODYMAX];
	int r, id, k, len, i;

	for (k = 0; k < 50; k++) {	/* bodies of many lengths */
		len = 1 + (k * 37) % (int)sizeof(req);
		for (i = 0; i < len; i++)
			req[i] = (char)(k * 13 + i + 1);
		r = port_call(p, req, (unsigned)len, rep, sizeof(rep));
		UT_CHECK(answers(rep, r, req, len));
	}
	/* The reply to that very call, not to an earlier message. */
	id = port_send(p, "a1", 2);
	r = port_call(p, "b2", 2, rep, sizeof(rep));
	UT_CHECK(answers(rep, r, "b2", 2) && PORT_MSGID(r) != id);
	r = port_wait(p, rep, sizeof(rep), FOREVER);
	UT_CHECK(answers(rep, r, "a1", 2) && PORT_MSGID(r) == id);
	/* A reply that does not fit, or cannot be copied, stays. */
	UT_ERR(EMSGSIZE, port_call(p, "c3", 2, rep, 5));
	r = port_wait(p, rep, sizeof(rep), FOREVER);
	UT_CHECK(answers(rep, r, "c3", 2));
	UT_ERR(EFAULT, port_call(p, "d4", 2, (void *)0x40000000, 16));
	r = port_wait(p, rep, sizeof(rep), FOREVER);
	UT_CHECK(answers(rep, r, "d4", 2));
	r = port_call(p, "q", 1, rep, sizeof(rep));
	UT_EQ(1, PORT_MSGLEN(r));
	exit(ut_status());
}

/* port_call and port_reply_wait: errors first, on one's own port; then
 * a client (a child) and a server (us) that make one call a side. */
static void
calls(void)
{
	static char big[UPORT_BODYMAX + 1];
	char buf[64];
	int p, pid, r, id, id2;

	p = port_create();
	UT_ERR(EDEADLK, port_call(p, "x", 1, buf, sizeof(buf)));
	UT_ERR(EFAULT, port_call(p, "x", 1, (void *)0, 4));
	UT_ERR(EINVAL, port_call(p, "x", 1, buf, 0x80000000u));
	UT_ERR(EMSGSIZE, port_call(p, big, sizeof(big), buf, sizeof(buf)));
	UT_ERR(EFAULT, port_call(p, (void *)0, 1, buf, sizeof(buf)));
	UT_ERR(EBADF, port_call(-1, "x", 1, buf, sizeof(buf)));
	UT_ERR(EAGAIN, port_wait(p, buf, sizeof(buf), 0));	/* none sent */
	id = port_send(p, "m", 1);
	UT_ERR(ENOENT, port_reply_wait(p, id, "a", 1, buf, sizeof(buf)));
	UT_ERR(EFAULT, port_reply_wait(p, 0, 0, 0, (void *)0, 4));
	r = port_reply_wait(p, 0, 0, 0, buf, sizeof(buf));	/* no reply */
	UT_EQ(id, PORT_MSGID(r));
	UT_EQ(1, PORT_MSGLEN(r));
	UT_ERR(EFAULT, port_reply_wait(p, id, "a", 1, (void *)0, 4));
	UT_ERR(EFAULT, port_reply_wait(p, id, (void *)0, 1, buf, 4));
	UT_ERR(EMSGSIZE, port_reply_wait(p, id, big, sizeof(big), buf, 4));
	id2 = port_send(p, "hello", 5);
	/* A reply made stands, whatever the wait then says. */
	UT_ERR(EMSGSIZE, port_reply_wait(p, id, "a", 1, buf, 4));
	UT_ERR(ENOENT, port_reply(p, id, "a", 1));
	r = port_wait(p, buf, sizeof(buf), 0);
	UT_EQ(id2, PORT_MSGID(r));
	UT_EQ(0, port_close(p));

	p = port_create();
	if ((pid = fork()) == 0)
		call_client(p);
	UT_CHECK(pid > 0);
	UT_EQ(0, call_server(p));
	UT_EQ(0, reap(pid));
	UT_EQ(0, port_close(p));

	/* Not the owner's: EPERM; a call whose port closes: EPIPE. */
	p = port_create();
	if ((pid = fork()) == 0) {
		if (port_reply_wait(p, 0, 0, 0, buf, sizeof(buf)) != -1 ||
		    errno != EPERM)
			exit(1);
		r = port_call(p, "x", 1, buf, sizeof(buf));
		exit(r == -1 && errno == EPIPE ? 0 : 2);
	}
	r = port_wait(p, buf, sizeof(buf), FOREVER);
	UT_CHECK(r > 0);
	sleep_ms(50);			/* let it fall asleep */
	UT_EQ(0, port_close(p));
	UT_EQ(0, reap(pid));
}

int
main(void)
{
	ut_name = "uport";
	own_port();
	owner_rules();
	server_and_clients();
	close_wakes_waiter();
	exits();
	calls();
	return ut_status();
}
