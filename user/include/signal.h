/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Signals.
 */
#ifndef NAIAD_USER_SIGNAL_H
#define NAIAD_USER_SIGNAL_H

#include <sys/syscall.h>
#include <sys/types.h>

#define SIGHUP		1	/**< hang up */
#define SIGINT		2	/**< interrupt: ^C */
#define SIGQUIT		3	/**< quit */
#define SIGILL		4	/**< illegal instruction */
#define SIGTRAP		5	/**< breakpoint */
#define SIGABRT		6	/**< abort() */
#define SIGFPE		8	/**< arithmetic error */
#define SIGKILL		9	/**< kill, cannot be caught */
#define SIGSEGV		11	/**< bad memory reference */
#define SIGPIPE		13	/**< write to a pipe with no reader */
#define SIGALRM		14	/**< alarm */
#define SIGTERM		15	/**< terminate */
#define SIGCHLD		20	/**< a child ended */
#define SIGUSR1		30	/**< for programs */
#define SIGUSR2		31	/**< for programs */
#define NSIG		32	/**< signals are 1 to NSIG - 1 */

/** A signal handler. */
typedef void (*sighandler_t)(int);

#define SIG_DFL		((sighandler_t)0)	/**< the default action */
#define SIG_IGN		((sighandler_t)1)	/**< ignore the signal */
#define SIG_ERR		((sighandler_t)-1)	/**< signal() failed */
#define SIG_BLOCK	1	/**< sigprocmask: add to the mask */
#define SIG_UNBLOCK	2	/**< sigprocmask: take from the mask */
#define SIG_SETMASK	3	/**< sigprocmask: replace the mask */

/** What to do with a signal. */
struct sigaction {
	sighandler_t	sa_handler;	/**< SIG_DFL, SIG_IGN or a handler */
	sigset_t	sa_mask;	/**< blocked while the handler runs */
	int		sa_flags;	/**< SA_* */
};

/** \brief Set \a sig's handler; the previous one, or SIG_ERR. */
sighandler_t signal(int sig, sighandler_t handler);
/** \brief The signal's description ("Interrupt"). */
char *strsignal(int sig);
/** \brief The signal's short name ("INT"), or NULL. */
const char *signame(int sig);

#endif /* !NAIAD_USER_SIGNAL_H */
