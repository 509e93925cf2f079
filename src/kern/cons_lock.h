/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The console to oneself for one message: interrupts off and,
 * with several CPUs, a lock that nests on one CPU.
 */
#ifndef NAIAD_KERN_CONS_LOCK_H
#define NAIAD_KERN_CONS_LOCK_H

#include <stdint.h>

/** What cons_lock found, for cons_unlock. */
struct cons_hold {
	uint32_t ch_eflags;	/**< the interrupt flag to put back */
	int	ch_taken;	/**< 1 if this call took the lock */
};

/** \brief Take the console for one message; nests on one CPU. */
void cons_lock(struct cons_hold *hold);
/** \brief Give the console back as cons_lock found it. */
void cons_unlock(const struct cons_hold *hold);

#endif /* !NAIAD_KERN_CONS_LOCK_H */
