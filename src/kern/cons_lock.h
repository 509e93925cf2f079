/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The console to oneself for one message: interrupts off and,
 * once several CPUs print, a lock between them that another chapter
 * installs.
 */
#ifndef NAIAD_KERN_CONS_LOCK_H
#define NAIAD_KERN_CONS_LOCK_H

#include <stdint.h>

/** What cons_lock found, for cons_unlock. */
struct cons_hold {
	uint32_t ch_eflags;	/**< the interrupt flag to put back */
	int	ch_taken;	/**< 1 if the lock between CPUs was taken */
};

/** \brief Take the console for one message; nests on one CPU. */
void cons_lock(struct cons_hold *hold);
/** \brief Give the console back as cons_lock found it. */
void cons_unlock(const struct cons_hold *hold);

/**
 * \brief Install the lock between CPUs: \a lock, called with interrupts
 * off, sets hold->ch_taken if it took the lock, and \a unlock releases
 * it.  Once, at boot, before a second CPU prints.
 */
void cons_lock_install(void (*lock)(struct cons_hold *hold),
    void (*unlock)(const struct cons_hold *hold));

#endif /* !NAIAD_KERN_CONS_LOCK_H */
