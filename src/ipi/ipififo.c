/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The index arithmetic of one IPI FIFO.  Pure data structure: compiled
 * into the kernel and into the host unit tests.
 */
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "ipi/ipififo.h"
#include "kern/panic.h"

/* An empty FIFO with its indices at FIRST; before either side uses it. */
void
ipififo_init(struct lwkt_ipiq *ip, uint32_t first)
{
	ip->ip_rindex = first;
	ip->ip_xindex = first;
	ip->ip_depth = 0;
	ip->ip_windex = first;
}

/* Messages queued and not started; either side (a snapshot). */
uint32_t
ipififo_queued(const struct lwkt_ipiq *ip)
{
	return ip->ip_windex - ip->ip_rindex;
}

/* The source's test: over IPIQ_HIGH queued, make room first. */
int
ipififo_must_drain(const struct lwkt_ipiq *ip)
{
	return ipififo_queued(ip) > IPIQ_HIGH;
}

/* The source's test: down to IPIQ_LOW, stop making room. */
int
ipififo_drained(const struct lwkt_ipiq *ip)
{
	return ipififo_queued(ip) <= IPIQ_LOW;
}
/* The source: fill the slot, then publish it; never full (asserted). */
uint32_t
ipififo_put(struct lwkt_ipiq *ip, ipifunc1_t func, void *arg)
{
	uint32_t wi = ip->ip_windex;
	struct ipiq_slot *s = &ip->ip_slot[wi & IPIQ_MASK];

	KASSERT(wi - ip->ip_rindex < IPIQ_SIZE,
	    ("ipififo_put: the FIFO is full"));
	s->func = func;
	s->arg = arg;
	cpu_ccfence();			/* the slot, then the index */
	ip->ip_windex = wi + 1;
	return wi + 1;
}
/* The target: the next message, its slot freed before it runs. */
int
ipififo_get(struct lwkt_ipiq *ip, ipifunc1_t *funcp, void **argp)
{
	uint32_t ri = ip->ip_rindex;
	const struct ipiq_slot *s = &ip->ip_slot[ri & IPIQ_MASK];

	if (ip->ip_windex == ri)
		return 0;
	cpu_ccfence();			/* the index, then the slot */
	*funcp = s->func;
	*argp = s->arg;
	cpu_ccfence();			/* the slot, then give it back */
	ip->ip_rindex = ri + 1;
	ip->ip_depth++;
	return 1;
}

/* The target: a message returned; xindex moves when none runs. */
void
ipififo_done(struct lwkt_ipiq *ip)
{
	KASSERT(ip->ip_depth > 0, ("ipififo_done: no message is running"));
	if (--ip->ip_depth == 0) {
		cpu_ccfence();		/* the function's stores, then xindex */
		ip->ip_xindex = ip->ip_rindex;
	}
}
/* Has message SEQ returned?  Signed difference: safe across the wrap. */
int
ipififo_completed(const struct lwkt_ipiq *ip, uint32_t seq)
{
	return (int32_t)(ip->ip_xindex - seq) >= 0;
}
