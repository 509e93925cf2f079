/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Signals: their numbers (the traditional values, as errno(2)
 * has its), sets, and (book/29-signal.nw) actions and calls.
 */
#ifndef NAIAD_KERN_SIGNAL_H
#define NAIAD_KERN_SIGNAL_H

#include <stdint.h>

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

#ifndef __ASSEMBLER__
/** A set of signals, one bit each: signal n is bit n - 1. */
typedef uint32_t sigset_t;

/** What a signal does: SIG_DFL, SIG_IGN or a handler. */
struct sigaction {
	uint32_t	sa_handler;	/**< SIG_DFL, SIG_IGN or the address */
	sigset_t	sa_mask;	/**< blocked while the handler runs */
	int32_t		sa_flags;	/**< SA_* */
};

/** The registers and mask of a program interrupted by a signal. */
struct sigcontext {
	sigset_t	sc_mask;	/**< its signal mask */
	uint32_t	sc_gs;		/**< segment registers */
	uint32_t	sc_fs;		/**< ... */
	uint32_t	sc_es;		/**< ... */
	uint32_t	sc_ds;		/**< ... */
	uint32_t	sc_edi;		/**< general registers */
	uint32_t	sc_esi;		/**< ... */
	uint32_t	sc_ebp;		/**< ... */
	uint32_t	sc_ebx;		/**< ... */
	uint32_t	sc_edx;		/**< ... */
	uint32_t	sc_ecx;		/**< ... */
	uint32_t	sc_eax;		/**< ... */
	uint32_t	sc_eip;		/**< where it was */
	uint32_t	sc_cs;		/**< its code segment */
	uint32_t	sc_eflags;	/**< its flags */
	uint32_t	sc_esp;		/**< its stack pointer */
	uint32_t	sc_ss;		/**< its stack segment */
	uint32_t	sc_trapno;	/**< the trap, if one caused it */
	uint32_t	sc_err;		/**< ... and its error code */
};

/** What the kernel pushes to call a handler. */
struct sigframe {
	uint32_t	sf_ret;		/**< return address: the trampoline */
	int32_t		sf_signum;	/**< the handler's argument */
	uint32_t	sf_scp;		/**< &sf_sc, for the trampoline */
	struct sigcontext sf_sc;	/**< the interrupted state */
};

struct proc;

#define SIGPROP_KILL	1	/**< the default ends the process */
#define SIGPROP_IGNORE	2	/**< the default ignores it */

/** \brief SIGPROP_KILL or SIGPROP_IGNORE: \a sig's default. */
int sig_default(int sig);
/** \brief The mask after sigprocmask(\a how, \a set); -1 if \a how is bad. */
int64_t sig_newmask(sigset_t old, int how, sigset_t set);
/** \brief The lowest pending signal not blocked, or 0. */
int sig_next(sigset_t pending, sigset_t mask);
/** \brief Is \a sig a valid signal number (1 .. NSIG - 1)? */
int sig_valid(int sig);
/** \brief Post \a sig to \a p; the process tree's lock held. */
void ksignal(struct proc *p, int sig);
/** \brief Post \a sig to every process of group \a pgid (the terminal's
 * ^C).  \return how many got it.  Any thread. */
int pgsignal(int pgid, int sig);
#endif /* !__ASSEMBLER__ */

#endif /* !NAIAD_KERN_SIGNAL_H */
