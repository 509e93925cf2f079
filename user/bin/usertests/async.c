/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/records.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

/* What waitsys returns when it fails, as sbrk does: -1 as a pointer. */
#define NO_MSG	((struct usysmsg *)-1)

/* A nanosleep message for SEC seconds and NSEC nanoseconds at TS. */
static void
sleep_msg(struct usysmsg *um, struct timespec *ts, long sec, long nsec)
{
	memset(um, 0, sizeof(*um));
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	um->um_number = SYS_nanosleep;
	um->um_args[0] = (uint32_t)(uintptr_t)ts;
}

UTEST(sendsys_answers_a_quick_call_at_once)
{
	struct usysmsg um;

	memset(&um, 0, sizeof(um));
	um.um_number = SYS_getpid;
	UT_EXPECT_EQ(getpid(), sendsys(&um));
	UT_EXPECT_EQ(1, um.um_done);
	UT_EXPECT_EQ(getpid(), um.um_result);
	errno = 0;
	UT_ASSERT(waitsys(NULL, 0) == NO_MSG);	/* nothing is in flight */
	UT_EXPECT_EQ(ENOENT, errno);
}

UTEST(a_sleep_in_flight_is_collected_later)
{
	struct usysmsg um;
	struct timespec ts;

	sleep_msg(&um, &ts, 0, 20 * 1000 * 1000);
	errno = 0;
	UT_EXPECT_EQ(-1, sendsys(&um));
	UT_EXPECT_EQ(EASYNC, errno);
	UT_EXPECT_EQ(getpid(), getpid());	/* the caller goes on */
	UT_ASSERT(waitsys(&um, 0) == &um);
	UT_EXPECT_EQ(1, um.um_done);
	UT_EXPECT_EQ(0, um.um_result);
}

UTEST(waitsys_polls_and_collects_any)
{
	struct usysmsg um[3], long_one, *got;
	struct timespec ts[3], long_ts;
	int i, k, seen[3] = { 0, 0, 0 };

	sleep_msg(&long_one, &long_ts, 1000, 0);
	UT_EXPECT_EQ(-1, sendsys(&long_one));
	errno = 0;
	UT_ASSERT(waitsys(&long_one, WAITSYS_POLL) == NO_MSG);
	UT_EXPECT_EQ(EWOULDBLOCK, errno);
	for (i = 0; i < 3; i++) {
		sleep_msg(&um[i], &ts[i], 0, (i + 1) * 5 * 1000 * 1000);
		UT_EXPECT_EQ(-1, sendsys(&um[i]));
	}
	for (i = 0; i < 3; i++) {
		got = waitsys(NULL, 0);		/* any: never the long one */
		for (k = 0; k < 3 && got != &um[k]; k++)
			continue;
		UT_ASSERT(k < 3);
		if (k < 3)
			seen[k]++;
	}
	for (k = 0; k < 3; k++)
		UT_EXPECT_EQ(1, seen[k]);
	/* the long one is still in flight: exit aborts it */
}

/* A child with a thousand-second sleep in flight, which exits. */
static int
exit_with_a_call_in_flight(void *arg)
{
	struct usysmsg um;
	struct timespec ts;

	(void)arg;
	sleep_msg(&um, &ts, 1000, 0);
	if (sendsys(&um) != -1 || errno != EASYNC)
		return 1;
	return 0;
}

UTEST(exit_aborts_the_calls_in_flight)
{
	UT_EXPECT_EQ(0, ut_wait(ut_spawn(exit_with_a_call_in_flight, NULL)));
}

UTEST(sendsys_refuses_calls_that_change_the_caller)
{
	static const int refused[] = { SYS_exit, SYS_fork, SYS_execve,
	    SYS_sigreturn, SYS_sendsys, SYS_waitsys };
	struct usysmsg um;
	unsigned i;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		memset(&um, 0, sizeof(um));
		um.um_number = refused[i];
		errno = 0;
		UT_EXPECT_EQ(-1, sendsys(&um));
		UT_EXPECT_EQ(EINVAL, errno);
	}
}

static volatile int interrupted;

/* SIGUSR1's handler for the next test. */
static void
on_usr1(int sig)
{
	(void)sig;
	interrupted++;
}

UTEST(a_signal_interrupts_waitsys)
{
	struct sigaction sa;
	struct usysmsg um;
	struct timespec ts, soon = { 0, 20 * 1000 * 1000 };
	int parent = getpid(), pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sleep_msg(&um, &ts, 1000, 0);
	UT_EXPECT_EQ(-1, sendsys(&um));
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		nanosleep(&soon, NULL);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	errno = 0;
	UT_ASSERT(waitsys(&um, 0) == NO_MSG);
	UT_EXPECT_EQ(EINTR, errno);
	UT_EXPECT_EQ(1, interrupted);
	ut_wait(pid);
}

/* A child that writes one byte to the pipe after a short sleep. */
static int
write_later(void *arg)
{
	int *fds = arg;
	struct timespec soon = { 0, 20 * 1000 * 1000 };

	close(fds[0]);
	nanosleep(&soon, NULL);
	return write(fds[1], "r", 1) == 1 ? 0 : 1;
}

UTEST(a_sleep_overlaps_a_pipe_read)
{
	struct usysmsg um;
	struct timespec ts;
	int fds[2], pid;
	char c = 0;

	UT_EXPECT_EQ(0, pipe(fds));
	sleep_msg(&um, &ts, 1000, 0);
	UT_EXPECT_EQ(-1, sendsys(&um));		/* the sleep is in flight */
	pid = ut_spawn(write_later, fds);
	close(fds[1]);
	UT_EXPECT_EQ(1, read(fds[0], &c, 1));	/* we block on the pipe */
	UT_EXPECT_EQ('r', c);
	UT_ASSERT(waitsys(&um, WAITSYS_POLL) == NO_MSG);	/* still asleep */
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	close(fds[0]);
}
