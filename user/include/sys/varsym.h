/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Variant symlinks' variables (book/46-varsym.nw): the scopes,
 * the masks of varsym_get and the limits.  The calls themselves,
 * varsym_set, varsym_get and varsym_list, are in <sys/syscall.h>.
 */
#ifndef NAIAD_USER_SYS_VARSYM_H
#define NAIAD_USER_SYS_VARSYM_H

#include <sys/syscall.h>

#define VARSYM_PROC	1	/**< the process's scope (inherited by fork) */
#define VARSYM_USER	2	/**< the scope of the process's user */
#define VARSYM_SYS	3	/**< the system's scope (root sets it) */

/** varsym_get's mask: search the process's scope */
#define VARSYM_PROC_MASK	(1 << VARSYM_PROC)
/** ... the user's scope */
#define VARSYM_USER_MASK	(1 << VARSYM_USER)
/** ... the system's scope */
#define VARSYM_SYS_MASK		(1 << VARSYM_SYS)
/** ... all three, in that order */
#define VARSYM_ALL_MASK	(VARSYM_PROC_MASK | VARSYM_USER_MASK | VARSYM_SYS_MASK)

#define MAXVARSYM_NAME	64	/**< bytes of a name, its NUL included */
#define MAXVARSYM_DATA	256	/**< bytes of a value, its NUL included */
#define MAXVARSYM_SET	8192	/**< what a scope's variables may cost */
#define VARSYM_COST_EXTRA 16	/**< a variable's cost beyond its strings */

/** The system switch: expansion is on unless this system variable is 0. */
#define VARSYM_ENABLE	"vfs.varsym_enable"

#endif /* !NAIAD_USER_SYS_VARSYM_H */
