/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The pure arithmetic of signals: default actions, masks, the next
 * signal to deliver (tested on the host).
 */
#include <stdint.h>

#include "kern/signal.h"

/* What signal SIG does by default: SIGPROP_*; pure. */
int
sig_default(int sig)
{
	switch (sig) {
	case SIGURG: case SIGCHLD: case SIGWINCH: case SIGINFO:
	case SIGCONT: case SIGSTOP: case SIGTSTP: case SIGTTIN:
	case SIGTTOU:
		return SIGPROP_IGNORE;
	default:
		return SIGPROP_KILL;
	}
}
/* The mask after sigprocmask(HOW, SET) on OLD; -1 for a bad HOW; pure.
 * SIGKILL and SIGSTOP are never blocked. */
int64_t
sig_newmask(sigset_t old, int how, sigset_t set)
{
	sigset_t m;

	switch (how) {
	case SIG_BLOCK:
		m = old | set;
		break;
	case SIG_UNBLOCK:
		m = old & ~set;
		break;
	case SIG_SETMASK:
		m = set;
		break;
	default:
		return -1;
	}
	return m & ~SIG_CANTMASK;
}

/* The lowest signal in PENDING not blocked by MASK, or 0; pure.  One
 * bit scan (bsf): a loop over 31 signals would run on every return to
 * user mode. */
int
sig_next(sigset_t pending, sigset_t mask)
{
	sigset_t ready = pending & ~(mask & ~SIG_CANTMASK) &
	    (sigmask(NSIG) - 1);

	return ready == 0 ? 0 : __builtin_ctz(ready) + 1;
}

/* Is SIG a signal number sigaction and kill accept?  Pure. */
int
sig_valid(int sig)
{
	return sig > 0 && sig < NSIG;
}
