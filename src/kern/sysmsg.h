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

/** A signed size: a count of bytes or -1. */
typedef int32_t ssize_t;
/** A set of signals, one bit each (signal n is bit n - 1). */
typedef uint32_t sigset_t;
/** The head of every system call's argument block: a message. */
struct sysmsg {
	uint32_t	sm_number;	/**< SYS_* */
	int32_t		sm_result;	/**< the value for %eax on success */
};

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

/** The table, indexed by number (generated: build/gen/kern/systable.c). */
extern struct sysent sysent[];
/** Entries in sysent. */
extern const int sysent_count;

/** \brief Run the call of \a msg; its error (0 or -errno). */
int syscall_dispatch(struct sysmsg *msg);

#endif /* !NAIAD_KERN_SYSMSG_H */
