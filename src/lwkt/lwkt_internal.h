/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Interfaces shared by the LWKT files, not for other subsystems.
 */
#ifndef NAIAD_LWKT_INTERNAL_H
#define NAIAD_LWKT_INTERNAL_H

#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "kern/globaldata.h"
#include "kern/thread.h"

/** What cpu_lwkt_switch leaves on a stack, lowest address first. */
struct lwkt_switchframe {
	uint32_t	sf_eflags;	/**< the flags: interrupts on or off */
	uint32_t	sf_edi;		/**< callee-saved registers */
	uint32_t	sf_esi;		/**< ... */
	uint32_t	sf_ebx;		/**< ... */
	uint32_t	sf_ebp;		/**< ... */
	uint32_t	sf_eip;		/**< where the thread resumes */
};
/** \brief Ask this CPU to reschedule at the next crit_exit. */
static inline void
need_lwkt_resched(void)
{
	atomic_set_int(&mycpu->gd_reqflags, RQF_AST_LWKT_RESCHED);
}

/** \brief Save otd's registers, resume ntd; returns the previous thread. */
struct thread *cpu_lwkt_switch(struct thread *otd, struct thread *ntd)
    __attribute__((fastcall));
/** \brief The first instructions of a new thread (swtch.S). */
void cpu_kthread_start(void);
/** \brief The first C code of a new thread. */
void lwkt_thread_start(struct thread *prev) __attribute__((noreturn));
/** \brief A zeroed thread with its stack, or NULL (lwkt_alloc.c). */
struct thread *lwkt_alloc_thread(void);
/** \brief Free a thread that exited (and its stack). */
void lwkt_free_thread(struct thread *td);
/** \brief In the resumed thread: free a dead \a prev, or release its stack. */
static inline void
lwkt_switch_return(struct thread *prev)
{
	if ((prev->td_flags & TDF_EXITING) != 0) {
		lwkt_free_thread(prev);
		return;
	}
	cpu_ccfence();
	prev->td_flags &= ~TDF_RUNNING;	/* our last touch of prev */
}
/**
 * \brief \a ntd was just put on the run queue of \a gd (mycpu), by code
 * holding \a ccount critical-section levels: preempt, or request a
 * reschedule, if \a ntd is more important than the current thread.
 */
void lwkt_schedule_post(struct globaldata *gd, struct thread *ntd,
    int ccount);
/** The scheduler's share of a tick (lwkt_switch.c), registered by lwkt_init. */
extern struct tick_hook lwkt_tick_hook;

#endif /* !NAIAD_LWKT_INTERNAL_H */
