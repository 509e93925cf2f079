/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Critical sections: crit_enter, crit_exit, and the deferred
 * work that crit_exit runs (splz).
 */
#ifndef NAIAD_KERN_THREAD2_H
#define NAIAD_KERN_THREAD2_H

#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/thread.h"

/**
 * \brief At the crit_exit that leaves a thread's last critical section
 * with a bit of \a mask set in gd_reqflags, call \a func, which clears
 * its bits and does the work.  One CPU at a time; never removed.
 */
void splz_register(uint32_t mask, void (*func)(void));
/** \brief Run the work critical sections deferred (crit_exit's slow path). */
void splz(void);
/** \brief crit_enter for a caller that knows \a gd is mycpu. */
static inline void
crit_enter_gd(struct globaldata *gd)
{
	++gd->gd_curthread->td_critcount;
	cpu_ccfence();
}

/**
 * \brief Enter a critical section: until the matching crit_exit, this
 * CPU does not switch threads or run deferred work of its own accord.
 */
static inline void
crit_enter(void)
{
	++curthread->td_critcount;
	cpu_ccfence();
}

/** \brief crit_enter for a caller that knows \a td is curthread. */
static inline void
crit_enter_quick(struct thread *td)
{
	++td->td_critcount;
	cpu_ccfence();
}
/** \brief crit_exit for a caller that knows \a gd is mycpu. */
static inline void
crit_exit_gd(struct globaldata *gd)
{
	struct thread *td = gd->gd_curthread;

	cpu_ccfence();
	KASSERT(td->td_critcount > 0,
	    ("crit_exit: %s is not in a critical section", td->td_name));
	if (--td->td_critcount == 0 && gd->gd_reqflags != 0)
		splz();
}

/** \brief Leave a critical section; at depth 0, do deferred work. */
static inline void
crit_exit(void)
{
	struct thread *td = curthread;

	cpu_ccfence();
	KASSERT(td->td_critcount > 0,
	    ("crit_exit: %s is not in a critical section", td->td_name));
	if (--td->td_critcount == 0 && _get_reqflags() != 0)
		splz();
}

/**
 * \brief crit_exit for a caller that knows \a td is curthread and
 * entered with crit_enter_quick (so the depth is not checked).
 */
static inline void
crit_exit_quick(struct thread *td)
{
	cpu_ccfence();
	if (--td->td_critcount == 0 && _get_reqflags() != 0)
		splz();
}

#endif /* !NAIAD_KERN_THREAD2_H */
