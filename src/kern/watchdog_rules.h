/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The watchdog's three rules as state machines, stepped once per
 * tick: no hardware, so the host tests run them.
 */
#ifndef NAIAD_KERN_WATCHDOG_RULES_H
#define NAIAD_KERN_WATCHDOG_RULES_H

#include <stdint.h>

/** What one CPU's watchdog remembers between its ticks. */
struct wd_watch {
	const void *w_thread;	/**< the thread seen in a critical section */
	uint64_t w_switches;	/**< the CPU's switch count then */
	uint32_t w_stuck;	/**< ticks it has stayed so */
	uint32_t w_next_ticks;	/**< the neighbour's tick count, last seen */
	uint32_t w_silent;	/**< our ticks since it last moved */
};

/**
 * \brief Rule 1, at a tick: \a td was running, \a in_crit if it was in
 * a critical section, and the CPU had made \a switches switches.
 * \return the ticks the same thread has now spent in a critical
 * section with no switch (0 if it is not in one).
 */
uint32_t wd_crit_step(struct wd_watch *w, const void *td, int in_crit,
    uint64_t switches);
/**
 * \brief Rule 2, at a tick of the watcher: the neighbour's tick count
 * is \a next_ticks.  \return the watcher's ticks since it last changed.
 */
uint32_t wd_silent_step(struct wd_watch *w, uint32_t next_ticks);

/** What CPU 0 remembers of the running test. */
struct wd_test {
	unsigned t_gen;		/**< which test start it saw last */
	uint32_t t_start;	/**< CPU 0's tick count when it saw it */
};

/**
 * \brief Rule 3, at a tick of CPU 0, whose tick count is \a now: a test
 * is \a running or not, and \a gen tests have started so far.
 * \return the ticks the running test has run (0 if none runs).
 */
uint32_t wd_test_step(struct wd_test *t, int running, unsigned gen,
    uint32_t now);

#endif /* !NAIAD_KERN_WATCHDOG_RULES_H */
