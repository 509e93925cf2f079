/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief System calls as messages: the message every call's arguments
 * start with, the table's entries, registering a handler.
 */
#ifndef NAIAD_KERN_SYSMSG_H
#define NAIAD_KERN_SYSMSG_H

#include <stddef.h>
#include <stdint.h>

#include "kern/proc.h"
#include "kern/signal.h"
#include "lwkt/msgport.h"

/** A signed size: a count of bytes or -1. */
typedef int32_t ssize_t;
/** The head of every system call's argument block: a message, whose
 * command is MSG_CMD_SYSCALL | SYS_*. */
struct sysmsg {
	struct lwkt_msg	sm_lmsg;	/**< the message itself */
	int32_t		sm_result;	/**< the value for %eax on success */
};

/** The system call number of \a msg. */
#define SYSMSG_NUMBER(msg)	((msg)->sm_lmsg.ms_cmd & MSG_SUBCMD_MASK)

/** A call's argument block as the trap builds it: the message, then
 * the six argument registers, which a struct NAME_args overlays. */
struct sysargs {
	struct sysmsg	sa_msg;		/**< the head */
	uint32_t	sa_args[6];	/**< %ebx, %ecx, %edx, %esi, %edi, %ebp */
};

/** One entry of the table: the name, and the handler bound at boot. */
struct sysent {
	const char	*sy_name;	/**< the call's name in the table */
	int		sy_narg;	/**< its arguments */
	int		(*sy_call)(struct sysmsg *msg); /**< its handler */
};

/** A handler a chapter registers for the call of the same name. */
struct syscall_handler {
	const char	*sh_name;	/**< the call */
	int		(*sh_call)(struct sysmsg *msg); /**< its handler */
	int		sh_default;	/**< 1: only until another registers */
};

/** A handler returns this when it has set the whole frame itself. */
#define EJUSTRETURN	(-1000)
/** A system call in flight for sendsys: the message and who asked. */
struct sysasync {
	struct sysargs	sa_args;	/**< the message and its arguments */
	struct usysmsg	*sa_uaddr;	/**< the user's message, to answer */
	struct proc	*sa_proc;	/**< the process that sent it */
	TAILQ_ENTRY(sysasync) sa_link;	/**< on p_async_pending or _done */
	struct globaldata *sa_gd;	/**< where its handler keeps it */
	void		*sa_private;	/**< its handler's state, or NULL */
	int		sa_aborting;	/**< an abort was asked */
};

/** The table, indexed by number (generated: build/gen/kern/systable.c). */
extern struct sysent sysent[];
/** Entries in sysent. */
extern const int sysent_count;

/** The port every system call is sent to. */
extern struct lwkt_port syscall_port;

/** \brief Run the call of \a msg, whose command is set, as the caller's
 * own: its error (0 or -errno). */
int syscall_dispatch(struct sysmsg *msg);
/** \brief May call \a n be started with sendsys? */
int syscall_async_ok(uint32_t n);

#endif /* !NAIAD_KERN_SYSMSG_H */
