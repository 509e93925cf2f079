/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/uportbench MODE N: N round trips between this process and a
 * child: MODE "port", a 4-byte message that the child sends to a port
 * we serve (we receive and reply, it collects: port_send, then
 * port_wait), "call", the same with one system call a side (the
 * child's port_call, our port_reply_wait), "slow", requests that we
 * answer only after computing for a while (for
 * tests/kern/uport_user_test.c: the child waits for a reply while we
 * compute, spins in vain, and sleeps), or "pipe", a byte through one
 * pipe and back through another.  tests/bench/uport_bench.c times it
 * with N and with 0 round trips (book/33-uport.nw).  Exits 0 when every
 * round trip came back right.
 */
#include "ut.h"

#define PORT_MSGID(r)	((r) >> 12)
#define FOREVER		(-1)

/* The number written in S. */
static int
number(const char *s)
{
	int n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (*s++ - '0');
	return n;
}

/* Compute for about 4 * N instructions. */
static void
compute(int n)
{
	volatile int i;

	for (i = 0; i < n; i++)
		continue;
}

/* N round trips through a port that we serve, from a child that sends
 * and collects; with CALL, one system call a side; with SLOW, the child
 * waits for each reply only once we compute (it computes itself for
 * longer than a wakeup takes), and we compute for a few times what a
 * waiter spins before we reply: 0 when each reply is the request. */
static int
through_port(int n, int call, int slow)
{
	int p = port_create(), pid, i, r, status, bad = 0;
	char b[4] = { 1, 2, 3, 4 };

	if (p <= 0)
		return 1;
	if ((pid = fork()) == 0) {
		for (i = 0; i < n; i++) {	/* the client */
			b[0] = (char)i;
			if (slow) {
				if (port_send(p, b, sizeof(b)) <= 0)
					exit(1);
				compute(1000);
				if (port_wait(p, b, sizeof(b), FOREVER) < 0 ||
				    b[0] != (char)i)
					exit(1);
			} else if (call) {
				if (port_call(p, b, sizeof(b), b,
				    sizeof(b)) < 0 || b[0] != (char)i)
					exit(1);
			} else if (port_send(p, b, sizeof(b)) <= 0 ||
			    port_wait(p, b, sizeof(b), FOREVER) < 0 ||
			    b[0] != (char)i)
				exit(1);
		}
		exit(0);
	}
	for (i = 0, r = 0; i < n && call && !bad; i++) {	/* the server */
		r = port_reply_wait(p, PORT_MSGID(r), b, sizeof(b), b,
		    sizeof(b));
		bad = r < 0;
	}
	if (n > 0 && call && !bad &&
	    port_reply(p, PORT_MSGID(r), b, sizeof(b)) != 0)
		bad = 1;			/* the last one */
	for (i = 0; i < n && !call && !bad; i++) {
		if ((r = port_wait(p, b, sizeof(b), FOREVER)) < 0)
			bad = 1;
		else if (slow)
			compute(5000);
		if (!bad && port_reply(p, PORT_MSGID(r), b, sizeof(b)) != 0)
			bad = 1;
	}
	/* Close only once the child has its last reply: a close throws
	 * away the replies not yet collected.  After a failure, close
	 * first, so that a child waiting for a reply gets EPIPE. */
	if (bad)
		port_close(p);
	if (wait4(pid, &status, 0, 0) != pid || status != 0)
		bad = 1;
	port_close(p);
	return bad;
}

/* N round trips through two pipes: 0 when each byte came back. */
static int
through_pipes(int n)
{
	int there[2], back[2], pid, i, status, bad = 0;
	char c;

	if (pipe(there) != 0 || pipe(back) != 0)
		return 1;
	if ((pid = fork()) == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			write(back[1], &c, 1);
		exit(0);
	}
	close(there[0]);
	close(back[1]);
	for (i = 0; i < n; i++) {
		c = (char)i;
		if (write(there[1], &c, 1) != 1 || read(back[0], &c, 1) != 1 ||
		    c != (char)i)
			bad = 1;
	}
	close(there[1]);
	if (wait4(pid, &status, 0, 0) != pid || status != 0)
		bad = 1;
	return bad;
}

int
main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	if (ut_streq(argv[1], "port"))
		return through_port(number(argv[2]), 0, 0);
	if (ut_streq(argv[1], "call"))
		return through_port(number(argv[2]), 1, 0);
	if (ut_streq(argv[1], "slow"))
		return through_port(number(argv[2]), 0, 1);
	if (ut_streq(argv[1], "pipe"))
		return through_pipes(number(argv[2]));
	return 2;
}
