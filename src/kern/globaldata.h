/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The per-CPU data: struct globaldata, mycpu, ncpus.
 */
#ifndef NAIAD_KERN_GLOBALDATA_H
#define NAIAD_KERN_GLOBALDATA_H

#include <stdint.h>

#include "arch/i386/machine.h"

/** Everything that belongs to one CPU. */
struct globaldata {
	struct globaldata *gd_self;	/**< this structure; first field */
	volatile uint32_t gd_ticks;	/**< timer interrupts taken */
	uint32_t	gd_timer_rng;	/**< xorshift state of the jitter */
	uint32_t	gd_timer_last;	/**< the count the timer last got */
	int		gd_cpuid;	/**< 0 .. ncpus - 1 */
	uint8_t		gd_apic_id;	/**< its local APIC's ID */
	volatile int	gd_starts;	/**< times it entered its start code */
	volatile int	gd_call_state;	/**< mailbox: MP_CALL_* */
	void		(*gd_call_fn)(void *); /**< mailbox: what to run */
	void		*gd_call_arg;	/**< mailbox: its argument */
};

/** CPU 0's globaldata (the boot CPU). */
extern struct globaldata globaldata0;
/** The number of CPUs running; mp_start_aps raises it. */
extern int ncpus;

/** \brief The globaldata of CPU \a cpuid, or NULL. */
struct globaldata *globaldata_find(int cpuid);
/** \brief Prepare \a gd for CPU \a cpuid and make it findable. */
void globaldata_init(struct globaldata *gd, int cpuid);

/** \brief This CPU's globaldata: one load through %fs. */
static inline struct globaldata *
_get_mycpu(void)
{
	struct globaldata *gd;

	__asm__ __volatile__("movl %%fs:0, %0" : "=r"(gd));
	return gd;
}

/** The globaldata of the CPU executing this code. */
#define mycpu		(_get_mycpu())

#endif /* !NAIAD_KERN_GLOBALDATA_H */
