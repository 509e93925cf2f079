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
	uint32_t	sc_gs, sc_fs, sc_es, sc_ds; /**< segment registers */
	uint32_t	sc_edi, sc_esi, sc_ebp, sc_ebx; /**< general ... */
	uint32_t	sc_edx, sc_ecx, sc_eax;	/**< ... registers */
	uint32_t	sc_eip, sc_cs, sc_eflags; /**< where it was */
	uint32_t	sc_esp, sc_ss;	/**< its stack */
	uint32_t	sc_trapno, sc_err; /**< the trap, if one caused it */
};

/** What the kernel pushes to call a handler. */
struct sigframe {
	uint32_t	sf_ret;		/**< return address: the trampoline */
	int32_t		sf_signum;	/**< the handler's argument */
	uint32_t	sf_scp;		/**< &sf_sc, for the trampoline */
	struct sigcontext sf_sc;	/**< the interrupted state */
};

#endif
