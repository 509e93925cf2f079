/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Callouts: a function called on this CPU after some ticks of its
 * clock (book/21-callout.nw).
 */
#ifndef NAIAD_KERN_CALLOUT_H
#define NAIAD_KERN_CALLOUT_H

#include <stdint.h>

#include "kern/queue.h"

struct globaldata;

/**
 * A call planned for a later tick of one CPU's clock.  The caller owns
 * the structure and keeps it alive while it is armed.  A zeroed callout
 * is idle.
 */
struct callout {
	TAILQ_ENTRY(callout) c_link;	/**< on its CPU's list */
	uint32_t	c_time;		/**< the CPU's gd_ticks when due */
	void		(*c_func)(void *); /**< what to call ... */
	void		*c_arg;		/**< ... with this argument */
	struct globaldata *c_gd;	/**< the CPU it is armed on, or NULL */
};

/** The callouts armed on one CPU, soonest first. */
TAILQ_HEAD(callout_list, callout);

/** \brief Has tick count \a now reached tick \a time?  Right across the wrap. */
static inline int
callout_time_reached(uint32_t now, uint32_t time)
{
	return (int32_t)(now - time) >= 0;
}
/** \brief Put \a c in \a l after every callout due no later (FIFO at a tick). */
void callout_list_insert(struct callout_list *l, struct callout *c);
/** \brief Take \a c, which is on \a l, off it. */
void callout_list_remove(struct callout_list *l, struct callout *c);
/** \brief The first callout of \a l if it is due at tick \a now, else NULL. */
struct callout *callout_list_due(const struct callout_list *l, uint32_t now);
/** \brief Make \a c an idle callout. */
void callout_init(struct callout *c);
/**
 * \brief Arm \a c on this CPU: func(arg) runs in this CPU's softclock
 * thread, in a critical section, at the first tick at least \a ticks
 * (at least 1) from now.  A callout armed already is moved; it must be
 * armed on this CPU.  Any thread.
 */
void callout_reset(struct callout *c, int ticks, void (*func)(void *),
    void *arg);
/**
 * \brief Disarm \a c.  On the CPU it is armed on (any CPU if it is
 * idle).  \return 1 if it was armed (its function will not run), 0 if
 * it was idle (it has run, or was never armed).
 */
int callout_stop(struct callout *c);
/** \brief Is \a c armed? */
static inline int
callout_pending(const struct callout *c)
{
	return c->c_gd != NULL;
}
/**
 * \brief The ticks to pass to callout_reset or tsleep for a wait of at
 * least \a ns nanoseconds (one more than the periods it spans, since the
 * current tick is partly over); at most INT32_MAX.
 */
int callout_ns_to_ticks(uint64_t ns);
/** \brief Callouts this CPU has run since boot. */
uint64_t callout_count_run(void);

#endif /* !NAIAD_KERN_CALLOUT_H */
