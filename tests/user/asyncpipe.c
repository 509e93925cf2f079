/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/asyncpipe: an asynchronous call overlaps a pipe read
 * (book/28-syscall.nw, book/31-file.nw).  The program starts a sleep
 * with sendsys, then reads a pipe that a child fills; the read returns
 * the child's bytes while the sleep is still in flight, and waitsys
 * collects the sleep afterwards.  A read started with sendsys on a pipe
 * that holds data is answered at once.  And a read blocked in a pipe
 * ends with EINTR when a signal comes, while the sleep stays in flight.
 */
#include "ut.h"

#define EASYNC		99
#define EINTR		4
#define ENOENT		2
#define EWOULDBLOCK	35
#define SIGUSR1		30
#define SIGKILL		9

/* The kernel's struct sigaction, as a program declares it. */
struct sigaction {
	void		(*sa_handler)(int);
	sigset_t	sa_mask;
	int		sa_flags;
};

static volatile int got_usr1;

/* SIGUSR1's handler. */
static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

/* Milliseconds since boot. */
static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Start a sleep of MS milliseconds with sendsys into M (TS its time). */
static int
start_sleep(struct usysmsg *m, struct timespec *ts, int ms)
{
	ts->tv_sec = ms / 1000;
	ts->tv_nsec = (ms % 1000) * 1000000;
	m->um_number = SYS_nanosleep;
	m->um_args[0] = (uint32_t)ts;
	m->um_args[1] = 0;
	m->um_done = 0;
	return sendsys(m);
}

/* The sleep in flight while a blocking read waits for a child. */
static void
sleep_overlaps_read(void)
{
	static struct usysmsg m;
	static struct timespec ts;
	int fds[2], pid, status;
	long t0, t_read, t_sleep;
	char buf[8];

	UT_EQ(0, pipe(fds));
	t0 = now_ms();
	UT_ERR(EASYNC, start_sleep(&m, &ts, 1000));
	pid = fork();
	if (pid == 0) {
		/* The child has no call in flight: it writes and exits. */
		UT_ERR(ENOENT, (long)waitsys(0, WAITSYS_POLL));
		write(fds[1], "data", 4);
		exit(0);
	}
	close(fds[1]);
	UT_EQ(4, read(fds[0], buf, sizeof(buf)));	/* blocks for it */
	t_read = now_ms() - t0;
	/* The read came back while the sleep was still in flight: the
	 * child wrote at once, and the sleep is 1 s. */
	UT_EQ(0, m.um_done);
	UT_ERR(EWOULDBLOCK, (long)waitsys(&m, WAITSYS_POLL));
	UT_CHECK(waitsys(&m, 0) == &m);
	t_sleep = now_ms() - t0;
	UT_EQ(1, m.um_done);
	UT_EQ(0, m.um_result);
	UT_CHECK(t_read <= t_sleep);
	UT_EQ(0, wait4(pid, &status, 0, 0) == pid ? status : -1);
	UT_EQ(0, read(fds[0], buf, sizeof(buf)));	/* the end */
	close(fds[0]);
	ut_puts("asyncpipe: read after ");
	ut_putn(t_read);
	ut_puts(" ms, sleep collected after ");
	ut_putn(t_sleep);
	ut_puts(" ms\n");
}

/* A read of a pipe with data, started with sendsys: done at once. */
static void
read_at_once(void)
{
	static struct usysmsg m;
	static char buf[8];
	int fds[2];

	UT_EQ(0, pipe(fds));
	UT_EQ(3, write(fds[1], "abc", 3));
	m.um_number = SYS_read;
	m.um_args[0] = (uint32_t)fds[0];
	m.um_args[1] = (uint32_t)buf;
	m.um_args[2] = sizeof(buf);
	UT_EQ(3, sendsys(&m));
	UT_EQ(1, m.um_done);
	UT_EQ(3, m.um_result);
	UT_CHECK(buf[0] == 'a' && buf[2] == 'c');
	close(fds[0]);
	close(fds[1]);
}

/* A signal ends a blocked pipe read with EINTR; the sleep in flight
 * is not disturbed, and is collected later. */
static void
signal_ends_read(void)
{
	static struct usysmsg m;
	static struct timespec ts;
	struct sigaction sa = { on_usr1, 0, 0 };
	int fds[2], pid, status, me = getpid();
	char c;

	UT_EQ(0, sigaction(SIGUSR1, &sa, 0));
	UT_EQ(0, pipe(fds));
	UT_ERR(EASYNC, start_sleep(&m, &ts, 200));
	pid = fork();
	if (pid == 0) {
		/* Again and again: one that comes before the read is only
		 * handled; one that comes during it ends it. */
		struct timespec t = { 0, 20000000 };

		for (;;) {
			nanosleep(&t, 0);
			kill(me, SIGUSR1);
		}
	}
	UT_ERR(EINTR, read(fds[0], &c, 1));	/* nobody writes */
	UT_CHECK(got_usr1 >= 1);
	UT_EQ(0, kill(pid, SIGKILL));
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_CHECK(waitsys(&m, 0) == &m);
	UT_EQ(0, m.um_result);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	ut_name = "asyncpipe";
	read_at_once();
	sleep_overlaps_read();
	signal_ends_read();
	return ut_status();
}
