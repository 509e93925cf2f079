/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The host's stand-in for src/kern/thread2.h (critical sections), found
 * first on the unit tests' include path.  In a host test each pthread
 * plays one CPU running one thread, so each gets its own count; there is
 * no deferred work to do when it drops to zero.
 */
#ifndef NAIAD_KERN_THREAD2_H
#define NAIAD_KERN_THREAD2_H

#include <assert.h>

/* The critical-section count of the thread this pthread plays (one
 * variable for every file: defined in tests/unit/main.c). */
extern __thread int host_critcount;

static inline void
crit_enter(void)
{
	host_critcount++;
}

static inline void
crit_exit(void)
{
	assert(host_critcount > 0);
	host_critcount--;
}

/* The kernel's shortcut when the caller knows gd is mycpu. */
#define crit_enter_gd(gd)	((void)(gd), crit_enter())
#define crit_exit_gd(gd)	((void)(gd), crit_exit())

#endif
