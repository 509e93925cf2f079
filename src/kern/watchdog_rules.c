/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The watchdog's rules (Chapter "A watchdog for stuck CPUs").  Pure
 * state machines: compiled into the kernel and the host unit tests.
 */
#include <stddef.h>

#include "kern/watchdog_rules.h"

/* Rule 1, one tick: ticks in one critical section with no switch. */
uint32_t
wd_crit_step(struct wd_watch *w, const void *td, int in_crit,
    uint64_t switches)
{
	if (in_crit && td == w->w_thread && switches == w->w_switches)
		return ++w->w_stuck;
	w->w_thread = in_crit ? td : NULL;
	w->w_switches = switches;
	w->w_stuck = 0;
	return 0;
}

/* Rule 2, one tick: the watcher's ticks since the neighbour's moved. */
uint32_t
wd_silent_step(struct wd_watch *w, uint32_t next_ticks)
{
	if (next_ticks != w->w_next_ticks) {
		w->w_next_ticks = next_ticks;
		w->w_silent = 0;
		return 0;
	}
	return ++w->w_silent;
}

/* Rule 3, one tick: ticks the running test has run. */
uint32_t
wd_test_step(struct wd_test *t, int running, unsigned gen, uint32_t now)
{
	if (!running)
		return 0;
	if (gen != t->t_gen) {		/* a test we have not seen start */
		t->t_gen = gen;
		t->t_start = now;
	}
	return now - t->t_start;
}
