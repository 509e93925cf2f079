/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

static volatile int caught, caught_sig;

/* Count the signal. */
static void
on_signal(int sig)
{
	caught++;
	caught_sig = sig;
}

/* Install on_signal for SIG. */
static int
catch(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	return sigaction(sig, &sa, NULL);
}

UTEST(a_handler_runs_and_returns)
{
	caught = 0;
	UT_EXPECT_EQ(0, catch(SIGUSR1));
	UT_EXPECT_EQ(0, kill(getpid(), SIGUSR1));
	UT_EXPECT_EQ(1, caught);
	UT_EXPECT_EQ(SIGUSR1, caught_sig);
}

/* Registers the compiler keeps across the signal, and their checksum. */
static int
registers_survive(void)
{
	register unsigned a = 0x11111111, b = 0x22222222, c = 0x33333333;
	register unsigned d = 0x44444444, e = 0x55555555;
	unsigned i;

	for (i = 0; i < 1000; i++) {
		if (i == 500)
			kill(getpid(), SIGUSR2);
		a = a * 3 + 1;
		b ^= a;
		c += b;
		d -= c;
		e ^= d << 1;
	}
	return (int)(a ^ b ^ c ^ d ^ e);
}

/* A handler that uses many registers, to disturb what it can. */
static void
on_signal_busy(int sig)
{
	volatile unsigned x[16];
	unsigned i, sum = 0;

	for (i = 0; i < 16; i++)
		x[i] = i * (unsigned)sig * 0x01010101u;
	for (i = 0; i < 16; i++)
		sum += x[i];
	caught += 1 + (sum == 1);		/* sum is never 1 */
}

UTEST(sigreturn_restores_every_register)
{
	struct sigaction sa;
	int want, got;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGUSR2, &sa, NULL);
	want = registers_survive();		/* no handler: the true value */
	sa.sa_handler = on_signal_busy;
	sigaction(SIGUSR2, &sa, NULL);
	caught = 0;
	got = registers_survive();
	UT_EXPECT_EQ(1, caught);
	UT_EXPECT_EQ(want, got);
}

UTEST(a_blocked_signal_waits_until_unblocked)
{
	sigset_t block = sigmask(SIGUSR1), old;

	caught = 0;
	catch(SIGUSR1);
	UT_EXPECT_EQ(0, sigprocmask(SIG_BLOCK, &block, &old));
	kill(getpid(), SIGUSR1);
	UT_EXPECT_EQ(0, caught);
	UT_EXPECT_EQ(0, sigprocmask(SIG_SETMASK, &old, NULL));
	UT_EXPECT_EQ(1, caught);
}

UTEST(an_ignored_signal_does_nothing)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	UT_EXPECT_EQ(0, sigaction(SIGTERM, &sa, NULL));
	UT_EXPECT_EQ(0, kill(getpid(), SIGTERM));
	UT_ASSERT(1);				/* still alive */
}

UTEST(sigkill_cannot_be_caught_or_ignored)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	errno = 0;
	UT_EXPECT_EQ(-1, sigaction(SIGKILL, &sa, NULL));
	UT_EXPECT_EQ(EINVAL, errno);
	sa.sa_handler = SIG_IGN;
	UT_EXPECT_EQ(-1, sigaction(SIGKILL, &sa, NULL));
}

/* A child that sleeps until a signal ends it. */
static int
sleep_long(void *arg)
{
	struct timespec ts = { 1000, 0 };

	(void)arg;
	nanosleep(&ts, NULL);
	return 0;
}

UTEST(default_actions_end_a_sleeping_child)
{
	static const int sigs[] = { SIGKILL, SIGTERM, SIGINT, SIGUSR1 };
	unsigned i;
	int pid, status;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		pid = ut_spawn(sleep_long, NULL);
		UT_EXPECT_EQ(0, kill(pid, sigs[i]));
		status = ut_wait(pid);
		UT_ASSERT(WIFSIGNALED(status));
		UT_EXPECT_EQ(sigs[i], WTERMSIG(status));
	}
}

UTEST(sigchld_comes_when_a_child_ends)
{
	sigset_t block = sigmask(SIGCHLD), old;
	int pid;

	caught = 0;
	catch(SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);	/* no race with the child */
	pid = ut_spawn(sleep_long, NULL);
	kill(pid, SIGKILL);
	ut_wait(pid);
	UT_EXPECT_EQ(0, caught);
	sigprocmask(SIG_SETMASK, &old, NULL);
	UT_EXPECT_EQ(1, caught);
	UT_EXPECT_EQ(SIGCHLD, caught_sig);
}

UTEST(a_signal_interrupts_a_sleep)
{
	struct timespec ts = { 1000, 0 }, left = { 0, 0 };
	int parent = getpid(), pid;
	struct timespec soon = { 0, 50 * 1000 * 1000 };

	caught = 0;
	catch(SIGUSR1);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		nanosleep(&soon, NULL);
		kill(parent, SIGUSR1);
		_exit(0);
	}
	errno = 0;
	UT_EXPECT_EQ(-1, nanosleep(&ts, &left));
	UT_EXPECT_EQ(EINTR, errno);
	UT_EXPECT_EQ(1, caught);
	UT_ASSERT(left.tv_sec > 0 && left.tv_sec <= 1000);
	ut_wait(pid);
}

UTEST(kill_refuses_bad_signals_and_processes)
{
	errno = 0;
	UT_EXPECT_EQ(-1, kill(getpid(), NSIG));
	UT_EXPECT_EQ(EINVAL, errno);
	UT_EXPECT_EQ(-1, kill(getpid(), -1));
	UT_EXPECT_EQ(EINVAL, errno);
	UT_EXPECT_EQ(-1, kill(0x7FFFFFF0, SIGTERM));
	UT_EXPECT_EQ(ESRCH, errno);
	UT_EXPECT_EQ(0, kill(getpid(), 0));	/* 0: does it exist? */
}
