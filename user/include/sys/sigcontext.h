/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The context a signal handler's frame saves (book/29-signal.nw), as the
 * kernel lays it out.
 */
#ifndef _SYS_SIGCONTEXT_H_
#define _SYS_SIGCONTEXT_H_

#include <sys/types.h>

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

#endif
