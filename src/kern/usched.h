/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The user scheduler: one current user process per CPU, and the
 * interface of its policies (book/30-usched.nw).
 */
#ifndef NAIAD_KERN_USCHED_H
#define NAIAD_KERN_USCHED_H

#include <stdint.h>

#include "kern/spinlock.h"
#include "kern/usched_dflt.h"

struct globaldata;
struct proc;

#define UP_QUEUED	0x0001	/**< on the policy's queues, waiting */
#define UP_CURRENT	0x0002	/**< the current user process of up_cpu */

#define USCHED_RELEASE_BLOCK	1	/**< it blocks in the kernel */
#define USCHED_RELEASE_SLICE	2	/**< the policy asked: slice, preemption */
#define USCHED_RELEASE_YIELD	3	/**< the program called yield() */
#define USCHED_RELEASE_EXIT	4	/**< it exits */

/** What the user scheduler keeps in every process. */
struct usched_proc {
	uint32_t	up_flags;	/**< UP_*, under usched_spin */
	int		up_cpu;		/**< its CPU while UP_CURRENT */
	uint32_t	up_ticks;	/**< ticks that found it running */
	uint32_t	up_uticks;	/**< ... in user mode */
	struct usched_entity up_ent;	/**< the policy's own fields */
};

/** A policy of the user scheduler; every operation is called with
 * usched_spin held, and none may block. */
struct usched {
	const char	*name;		/**< for usched= and the monitor */
	/** Boot, once the CPUs are counted. */
	void		(*init)(void);
	/** \a p wants a CPU: queue it; the CPU that should take it. */
	int		(*setrunqueue)(struct proc *p);
	/** \a gd has no current process: the next, dequeued, or NULL. */
	struct proc	*(*select_curproc)(struct globaldata *gd);
	/** A tick of \a gd found its current process \a p running. */
	void		(*schedulerclock)(struct globaldata *gd,
			    struct proc *p);
	/** \a p stops being \a gd's current process (USCHED_RELEASE_*). */
	void		(*release_curproc)(struct globaldata *gd,
			    struct proc *p, int why);
	/** \a child, not yet running, gets its share of \a parent's. */
	void		(*forking)(struct proc *parent, struct proc *child);
	/** \a p ends: take it off the queues if it is on them. */
	void		(*exiting)(struct proc *p);
	/** \a gd has no current process and none waits: may \a p become
	 * current there at once, as setrunqueue then select_curproc would
	 * make it?  Optional: NULL always takes the long way. */
	int		(*take_idle)(struct globaldata *gd, struct proc *p);
};
/** The spinlock of the user scheduler's state and the policy's. */
extern struct spinlock usched_spin;
/** The policy in force. */
extern struct usched *usched_policy;
/** The default policy (book/30-usched.nw). */
extern struct usched usched_default;
/** Ticks that found a process in user mode without its CPU's turn. */
extern volatile uint32_t usched_violations;

/**
 * \brief Return to user mode only as the current process of this CPU:
 * queue \a p and wait for a CPU's turn if need be.  Called by the
 * process's own thread on its way to user mode, interrupts on.
 */
void acquire_curproc(struct proc *p);
/**
 * \brief Under usched_spin: the current process of \a gd must give
 * way at its next return to user mode (\a gd is interrupted once the
 * lock is released, if it is another CPU).
 */
void usched_need_resched(struct globaldata *gd);
/** \brief The policy's clock: ticks of CPU 0. */
uint32_t usched_ticks(void);

#endif /* !NAIAD_KERN_USCHED_H */
