/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/async: system calls started with sendsys and collected with
 * waitsys (book/28-syscall.nw).  A call that finishes at once is
 * answered by sendsys itself; two sleeps in flight come back shortest
 * first, whatever order they were started in, while the program does
 * something else; waitsys polls, waits for one or for any; bad requests
 * are refused; a process that exits with a sleep in flight ends at once
 * and leaves nothing behind.
 */
#include "ut.h"

#define EINVAL		22
#define ENOENT		2
#define ENOSYS		78
#define EFAULT		14
#define EWOULDBLOCK	35
#define EASYNC		99

/* Fill M to sleep MS milliseconds, the timespec in TS. */
static void
sleep_msg(struct usysmsg *m, struct timespec *ts, int ms)
{
	ts->tv_sec = ms / 1000;
	ts->tv_nsec = (ms % 1000) * 1000000;
	m->um_number = SYS_nanosleep;
	m->um_args[0] = (uint32_t)ts;
	m->um_args[1] = 0;
	m->um_done = 0;
}

/* A call that needs no waiting is answered by sendsys. */
static void
at_once(void)
{
	struct usysmsg m = { SYS_getpid, { 0 }, 0, 0 };

	UT_EQ(getpid(), sendsys(&m));
	UT_EQ(1, m.um_done);
	UT_EQ(getpid(), m.um_result);
}

/* Two sleeps in flight: the shorter comes back first. */
static void
two_sleeps(void)
{
	static struct usysmsg a, b;
	static struct timespec ta, tb, t;
	struct usysmsg *first, *second;

	sleep_msg(&a, &ta, 300);
	sleep_msg(&b, &tb, 60);
	UT_ERR(EASYNC, sendsys(&a));
	UT_ERR(EASYNC, sendsys(&b));
	UT_EQ(0, a.um_done);
	/* Meanwhile, a synchronous call of our own works as usual. */
	t.tv_sec = 0;
	t.tv_nsec = 20000000;
	UT_EQ(0, nanosleep(&t, 0));
	first = waitsys(0, 0);
	second = waitsys(0, 0);
	UT_CHECK(first == &b);
	UT_CHECK(second == &a);
	UT_EQ(1, a.um_done);
	UT_EQ(0, a.um_result);
	UT_EQ(1, b.um_done);
	UT_ERR(ENOENT, (long)waitsys(0, 0));	/* nothing in flight */
}

/* Poll, then wait for that one. */
static void
poll_then_wait(void)
{
	static struct usysmsg m;
	static struct timespec t;

	sleep_msg(&m, &t, 100);
	UT_ERR(ENOENT, (long)waitsys(0, WAITSYS_POLL));
	UT_ERR(EASYNC, sendsys(&m));
	UT_ERR(EWOULDBLOCK, (long)waitsys(&m, WAITSYS_POLL));
	UT_CHECK(waitsys(&m, 0) == &m);
	UT_EQ(1, m.um_done);
}

/* What sendsys and waitsys refuse. */
static void
refused(void)
{
	static struct usysmsg m;

	m.um_number = 999;
	UT_ERR(ENOSYS, sendsys(&m));
	m.um_number = SYS_fork;
	UT_ERR(EINVAL, sendsys(&m));
	m.um_number = SYS_exit;
	UT_ERR(EINVAL, sendsys(&m));
	UT_ERR(EFAULT, sendsys((struct usysmsg *)0));
	UT_ERR(EFAULT, sendsys((struct usysmsg *)0x100000));
	UT_ERR(EINVAL, (long)waitsys(0, 0x80));
	/* A bad pointer inside the message is the call's own EFAULT. */
	m.um_number = SYS_nanosleep;
	m.um_args[0] = 0x100000;
	UT_ERR(EFAULT, sendsys(&m));
	UT_EQ(-EFAULT, m.um_result);
}

/* A child exits with a long sleep in flight: it ends now. */
static void
exit_in_flight(void)
{
	static struct usysmsg m;
	static struct timespec t;
	int pid, status;

	pid = fork();
	if (pid == 0) {
		sleep_msg(&m, &t, 60000);
		if (sendsys(&m) != -1 || errno != EASYNC)
			exit(1);
		exit(0);
	}
	UT_EQ(pid, wait4(pid, &status, 0, 0));
	UT_EQ(0, status);
}

/* sendsys and waitsys. */
int
main(void)
{
	ut_name = "async";
	at_once();
	two_sleeps();
	poll_then_wait();
	refused();
	exit_in_flight();
	return ut_status();
}
