/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * A CPU's callouts, soonest first: pure data structure, compiled into
 * the kernel and into the host unit tests, with the conversion of
 * nanoseconds to ticks.  The caller owns the list (in the kernel: it is
 * the owning CPU, in a critical section).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "kern/callout.h"

/* Insert C behind every callout due no later: FIFO at one tick. */
void
callout_list_insert(struct callout_list *l, struct callout *c)
{
	struct callout *later;

	TAILQ_FOREACH(later, l, c_link)
		if (!callout_time_reached(c->c_time, later->c_time))
			break;
	if (later == NULL)
		TAILQ_INSERT_TAIL(l, c, c_link);
	else
		TAILQ_INSERT_BEFORE(later, c, c_link);
}

/* Take C off L. */
void
callout_list_remove(struct callout_list *l, struct callout *c)
{
	TAILQ_REMOVE(l, c, c_link);
}

/* The head of L if it is due at NOW, else NULL. */
struct callout *
callout_list_due(const struct callout_list *l, uint32_t now)
{
	struct callout *c = TAILQ_FIRST(l);

	return c != NULL && callout_time_reached(now, c->c_time) ? c : NULL;
}
/* Ticks for a wait of at least NS nanoseconds. */
int
callout_ns_to_ticks(uint64_t ns)
{
	uint64_t periods;

	if (ns > UINT64_MAX / HZ)
		return INT32_MAX;
	periods = (ns * HZ + 999999999u) / 1000000000u;
	return periods >= INT32_MAX ? INT32_MAX : (int)periods + 1;
}
