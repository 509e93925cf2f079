/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief One IPI FIFO: the ring of messages from one CPU to another, and
 * the arithmetic of its indices.  No hardware: the host tests run it.
 */
#ifndef NAIAD_IPI_IPIFIFO_H
#define NAIAD_IPI_IPIFIFO_H

#include <stdint.h>

#define IPIQ_SIZE	32		/**< slots of a FIFO: a power of 2 */
#define IPIQ_MASK	(IPIQ_SIZE - 1)	/**< an index's slot: index & mask */
#define IPIQ_HIGH	(IPIQ_SIZE / 2)	/**< more queued: the sender drains */
#define IPIQ_LOW	(IPIQ_SIZE / 4)	/**< ... until no more than this */
/** The first index of every FIFO: a little below the 32-bit wrap. */
#define IPIQ_FIRST_INDEX ((uint32_t)0 - 3 * IPIQ_SIZE)
/** The size of a cache line: the two sides' indices are this far apart. */
#define IPIQ_CACHELINE	64
/** A function sent to another CPU, with its one argument. */
typedef void (*ipifunc1_t)(void *arg);

/** One message: the function to call on the target, and its argument. */
struct ipiq_slot {
	ipifunc1_t	func;		/**< what to call */
	void		*arg;		/**< its argument */
};

/**
 * The FIFO of messages from one CPU (the source) to another (the
 * target).  Each index is written by one side only.
 */
struct lwkt_ipiq {
	volatile uint32_t ip_rindex;	/**< target: next message to start */
	volatile uint32_t ip_xindex;	/**< target: all before it returned */
	uint32_t	ip_depth;	/**< target: its messages now running */
	/** source: the next slot to fill; on a cache line of its own */
	volatile uint32_t ip_windex __attribute__((aligned(IPIQ_CACHELINE)));
	struct ipiq_slot ip_slot[IPIQ_SIZE]; /**< source: the messages */
};
/** \brief Make \a ip empty, its indices at \a first.  Before any use. */
void ipififo_init(struct lwkt_ipiq *ip, uint32_t first);
/** \brief Messages queued and not yet started.  Either side. */
uint32_t ipififo_queued(const struct lwkt_ipiq *ip);
/** \brief Source: is the FIFO over IPIQ_HIGH, so the sender must drain? */
int ipififo_must_drain(const struct lwkt_ipiq *ip);
/** \brief Source: has the backlog fallen to IPIQ_LOW, ending a drain? */
int ipififo_drained(const struct lwkt_ipiq *ip);
/**
 * \brief Source: queue func(arg) and publish it.  The FIFO must not be
 * full.  \return the message's sequence number (its index + 1).
 */
uint32_t ipififo_put(struct lwkt_ipiq *ip, ipifunc1_t func, void *arg);
/**
 * \brief Target: take the next message, if any, into *\a funcp and
 * *\a argp and free its slot.  \return 1, or 0 if the FIFO is empty.
 * Call ipififo_done when the function has returned.
 */
int ipififo_get(struct lwkt_ipiq *ip, ipifunc1_t *funcp, void **argp);
/** \brief Target: the function of the last ipififo_get has returned. */
void ipififo_done(struct lwkt_ipiq *ip);
/** \brief Either side: has the message of sequence \a seq returned? */
int ipififo_completed(const struct lwkt_ipiq *ip, uint32_t seq);

#endif /* !NAIAD_IPI_IPIFIFO_H */
