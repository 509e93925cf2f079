/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Signals: the kernel's numbers and sets (book/29-signal.nw),
 * handlers as C function pointers.
 */
#ifndef NAIAD_USER_SIGNAL_H
#define NAIAD_USER_SIGNAL_H

#include <sys/syscall.h>
#include <sys/types.h>

#define SIGILL		4	/**< illegal instruction */
#define SIGTRAP		5	/**< breakpoint or single step */
#define SIGFPE		8	/**< arithmetic error (or floating point) */
#define SIGBUS		10	/**< bus error: a bad segment or alignment */
#define SIGSEGV		11	/**< a bad memory access */
#define SIGHUP		1	/**< hang up */
#define SIGINT		2	/**< interrupt: ^C */
#define SIGQUIT		3	/**< quit */
#define SIGABRT		6	/**< abort() */
#define SIGEMT		7	/**< emulator trap */
#define SIGKILL		9	/**< kill: cannot be caught or ignored */
#define SIGSYS		12	/**< bad system call */
#define SIGPIPE		13	/**< write to a pipe nobody reads */
#define SIGALRM		14	/**< alarm clock */
#define SIGTERM		15	/**< terminate */
#define SIGURG		16	/**< urgent data */
#define SIGSTOP		17	/**< stop: cannot be caught or ignored */
#define SIGTSTP		18	/**< stop from the terminal (^Z) */
#define SIGCONT		19	/**< continue */
#define SIGCHLD		20	/**< a child ended */
#define SIGTTIN		21	/**< background read from the terminal */
#define SIGTTOU		22	/**< background write to the terminal */
#define SIGIO		23	/**< input possible */
#define SIGXCPU		24	/**< CPU time limit */
#define SIGXFSZ		25	/**< file size limit */
#define SIGVTALRM	26	/**< virtual alarm */
#define SIGPROF		27	/**< profiling alarm */
#define SIGWINCH	28	/**< window size change */
#define SIGINFO		29	/**< information request (^T) */
#define SIGUSR1		30	/**< for programs */
#define SIGUSR2		31	/**< for programs */
#define NSIG		32	/**< signals are 1 to NSIG - 1 */

/** The bit of signal \a sig in a sigset_t. */
#define sigmask(sig)	(1u << ((sig) - 1))
/** The signals nothing may catch, block or ignore. */
#define SIG_CANTMASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))

#define SIG_BLOCK	1	/**< sigprocmask: add to the mask */
#define SIG_UNBLOCK	2	/**< sigprocmask: take from the mask */
#define SIG_SETMASK	3	/**< sigprocmask: replace the mask */

#define SA_RESETHAND	0x0004	/**< the action goes back to SIG_DFL */
#define SA_NODEFER	0x0010	/**< do not block the signal in its handler */

/** sa_handler: the default action. */
#define SIG_DFL		0
/** sa_handler: ignore the signal. */
#define SIG_IGN		1

/** A signal handler. */
typedef void (*sighandler_t)(int);

/* The kernel's numbers 0 and 1, as the pointers programs compare. */
#undef SIG_DFL
#undef SIG_IGN
#define SIG_DFL		((sighandler_t)0)	/**< the default action */
#define SIG_IGN		((sighandler_t)1)	/**< ignore the signal */
#define SIG_ERR		((sighandler_t)-1)	/**< signal() failed */

/** What to do with a signal: the kernel's layout, with a pointer. */
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
