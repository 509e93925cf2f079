/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Backtraces: following the chain of saved frame pointers.
 */
#ifndef NAIAD_ARCH_BACKTRACE_H
#define NAIAD_ARCH_BACKTRACE_H

#include <stdint.h>

/** Most frames a printed backtrace shows. */
#define BACKTRACE_MAX	32

/**
 * \brief Follow the frame chain from \a ebp, storing at most \a max
 * return addresses in \a pcs, innermost first.  Stops at a zero frame
 * pointer and at the first frame that is not sane (book/06-traps.nw).
 * \return the number of addresses stored.
 */
int backtrace_collect(uintptr_t ebp, uintptr_t *pcs, int max);

/**
 * \brief Find the kernel stack that holds \a addr.
 * \return 1 and its bounds [*lo, *hi), or 0 when \a addr is in none.
 */
int backtrace_stack_bounds(uintptr_t addr, uintptr_t *lo, uintptr_t *hi);

/**
 * \brief Print a backtrace: \a pc first, unless it is 0, then the
 * return addresses of the chain that starts at \a ebp.
 */
void backtrace_print(uintptr_t pc, uintptr_t ebp);

/** A way to find the stack that holds an address (see backtrace_set_stacks). */
typedef int backtrace_stacks_fn(uintptr_t addr, uintptr_t *lo, uintptr_t *hi);

/**
 * \brief Make \a fn the finder of the stacks besides the boot stack
 * (the threads', once there are threads).  Boot CPU, at boot.
 */
void backtrace_set_stacks(backtrace_stacks_fn *fn);

#endif /* !NAIAD_ARCH_BACKTRACE_H */
