/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The arithmetic of signals, src/kern/sig_logic.c (book/29-signal.nw):
 * default actions, the masks of sigprocmask, the next signal to deliver.
 */
#include "check.h"
#include "kern/signal.h"
#include "suites.h"

static void
test_default_actions(void)
{
	static const int ignored[] = { SIGURG, SIGCHLD, SIGWINCH, SIGINFO,
	    SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	int sig, i, ign;

	for (sig = 1; sig < NSIG; sig++) {
		ign = 0;
		for (i = 0; i < (int)(sizeof(ignored) / sizeof(ignored[0])); i++)
			ign |= ignored[i] == sig;
		CHECK_MSG(sig_default(sig) == (ign ? SIGPROP_IGNORE :
		    SIGPROP_KILL), __LINE__, "signal %d", sig);
	}
}

static void
test_newmask_three_ways(void)
{
	sigset_t a = sigmask(SIGINT) | sigmask(SIGUSR1);
	sigset_t b = sigmask(SIGUSR1) | sigmask(SIGTERM);

	CU_ASSERT_EQUAL(sig_newmask(a, SIG_BLOCK, b), a | b);
	CU_ASSERT_EQUAL(sig_newmask(a, SIG_UNBLOCK, b), sigmask(SIGINT));
	CU_ASSERT_EQUAL(sig_newmask(a, SIG_SETMASK, b), b);
	CU_ASSERT_EQUAL(sig_newmask(a, 0, b), -1);
	CU_ASSERT_EQUAL(sig_newmask(a, 4, b), -1);
	/* KILL and STOP never end up blocked */
	CU_ASSERT_EQUAL(sig_newmask(0, SIG_SETMASK, 0xFFFFFFFFu),
	    0xFFFFFFFFu & ~SIG_CANTMASK);
	CU_ASSERT_EQUAL(sig_newmask(0, SIG_BLOCK, sigmask(SIGKILL)), 0);
}

static void
test_next_is_the_lowest_unblocked(void)
{
	CU_ASSERT_EQUAL(sig_next(0, 0), 0);
	CU_ASSERT_EQUAL(sig_next(sigmask(SIGTERM) | sigmask(SIGINT), 0),
	    SIGINT);
	CU_ASSERT_EQUAL(sig_next(sigmask(SIGTERM) | sigmask(SIGINT),
	    sigmask(SIGINT)), SIGTERM);
	CU_ASSERT_EQUAL(sig_next(sigmask(SIGINT), sigmask(SIGINT)), 0);
	/* a mask cannot hold back SIGKILL, even if it names it */
	CU_ASSERT_EQUAL(sig_next(sigmask(SIGKILL), 0xFFFFFFFFu), SIGKILL);
	CU_ASSERT_EQUAL(sig_next(sigmask(SIGUSR2), 0), SIGUSR2);
}

static void
test_valid_numbers(void)
{
	CU_ASSERT(!sig_valid(0));
	CU_ASSERT(sig_valid(1));
	CU_ASSERT(sig_valid(NSIG - 1));
	CU_ASSERT(!sig_valid(NSIG));
	CU_ASSERT(!sig_valid(-1));
}

int
add_signal_suite(void)
{
	static const struct unit_test tests[] = {
		{ "default_actions", test_default_actions },
		{ "newmask_three_ways", test_newmask_three_ways },
		{ "next_is_the_lowest_unblocked",
		    test_next_is_the_lowest_unblocked },
		{ "valid_numbers", test_valid_numbers },
		{ NULL, NULL },
	};

	return add_suite("signal", tests);
}
