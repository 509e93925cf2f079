/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Light-weight kernel threads: the thread and its operations.
 */
#ifndef NAIAD_KERN_THREAD_H
#define NAIAD_KERN_THREAD_H

#define TDPRI_IDLE_THREAD	0	/**< the idle thread */
#define TDPRI_USER_IDLE		4	/**< user process, idle class */
#define TDPRI_USER_NORM		6	/**< user process, normal class */
#define TDPRI_USER_REAL		8	/**< user process, real-time class */
#define TDPRI_KERN_USER		10	/**< kernel work on behalf of a user */
#define TDPRI_KERN_DAEMON	12	/**< kernel daemons, thread0 */
#define TDPRI_SOFT_NORM		14	/**< software interrupts */
#define TDPRI_SOFT_TIMER	16	/**< timer software interrupts */
#define TDPRI_EXITING		19	/**< a thread finishing its exit */
#define TDPRI_INT_SUPPORT	20	/**< helpers of interrupt threads */
#define TDPRI_INT_LOW		27	/**< low-priority interrupt threads */
#define TDPRI_INT_MED	28	/**< medium-priority interrupt threads */
#define TDPRI_INT_HIGH		29	/**< high-priority interrupt threads */
#define TDPRI_MAX		31	/**< the highest priority */
#define TDF_RUNNING	0x0001	/**< on a CPU: its stack is in use */
#define TDF_RUNQ	0x0002	/**< on its CPU's run queue: runnable */
#define TDF_PREEMPT_LOCK 0x0004	/**< preempted, until its preemptor blocks */
#define TDF_TSLEEPQ	0x0008	/**< on a sleep queue (tsleep) */
#define TDF_INTTHREAD	0x0010	/**< an interrupt thread: may preempt */
#define TDF_INTPEND	0x0020	/**< its interrupt came in a critical section */
#define TDF_EXITING	0x0040	/**< has exited; its stack is freed next */
#define TDF_ALLOCATED	0x0080	/**< created by lwkt_create: free on exit */
#define TDF_MIGRATING	0x0100	/**< travelling to another CPU */
#define TDF_NOSTART	0x0200	/**< lwkt_create: do not schedule it yet */

#define TD_SP		0	/**< offset of td_sp, for swtch.S */
#define TD_FLAGS	4	/**< offset of td_flags, for swtch.S */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include "kern/queue.h"
#include "lwkt/token.h"

#define LWKT_NAMELEN	24	/**< bytes of a thread's name */

struct globaldata;

/** A light-weight kernel thread: a stack, a priority and a CPU. */
struct thread {
	void		*td_sp;		/**< saved %esp; offset TD_SP */
	volatile uint32_t td_flags;	/**< TDF_*; offset TD_FLAGS */
	struct globaldata *td_gd;	/**< the CPU that owns the thread */
	int		td_pri;		/**< TDPRI_*, 0 to 31 */
	int		td_critcount;	/**< critical section nesting */
	struct thread	*td_preempted;	/**< the thread this one preempted */
	TAILQ_ENTRY(thread) td_threadq;	/**< link on a run queue */
	TAILQ_ENTRY(thread) td_sleepq;	/**< link on a sleep queue */
	TAILQ_ENTRY(thread) td_intq;	/**< link on gd_intpendq */
	TAILQ_ENTRY(thread) td_allq;	/**< link on gd_tdallq */
	const volatile void *td_wchan;	/**< what it sleeps on, or NULL */
	const char	*td_wmesg;	/**< why it sleeps, in a word */
	void		(*td_start)(void *); /**< the function it runs */
	void		*td_startarg;	/**< ... and its argument */
	char		*td_kstack;	/**< lowest byte of the kernel stack */
	size_t		td_kstack_size;	/**< size of the kernel stack */
	int		td_ntoks;	/**< tokens in td_toks */
	struct lwkt_token *td_toks[LWKT_MAXTOKENS]; /**< held, in order */
	char		td_name[LWKT_NAMELEN]; /**< for the threads command */
};
/** \brief Set up CPU 0's scheduler and make the boot context thread0. */
void lwkt_init(void);
/**
 * \brief Create a thread that runs func(arg) on CPU \a cpu (-1: this
 * one), named like printf(fmt, ...), at TDPRI_KERN_DAEMON.  Scheduled at
 * once unless \a tdflags has TDF_NOSTART.  \return 0 or -ENOMEM.
 */
int lwkt_create(void (*func)(void *), void *arg, struct thread **tdp,
    int tdflags, int cpu, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/** \brief End the current thread; its stack is freed by the next one. */
void lwkt_exit(void) __attribute__((noreturn));
/** \brief Give the CPU to the most important runnable thread. */
void lwkt_switch(void);
/** \brief Make \a td runnable (on its own CPU, by IPI if need be). */
void lwkt_schedule(struct thread *td);
/** \brief Make \a td not runnable; it stops at its next switch. */
void lwkt_deschedule(struct thread *td);
/** \brief lwkt_deschedule(curthread), for a thread about to block. */
void lwkt_deschedule_self(struct thread *td);
/** \brief Let the other runnable threads of this priority run first. */
void lwkt_yield(void);
/** \brief Run interrupt thread \a ntd now if \a critcount allows. */
void lwkt_preempt(struct thread *ntd, int critcount);
/** \brief An interrupt arrived whose handler is interrupt thread \a td. */
void lwkt_schedule_interrupt(struct thread *td);
/** \brief The timer tick's hook: request round robin if peers wait. */
void lwkt_schedulerclock(void);
/** \brief Change the priority of \a td, a thread of this CPU. */
void lwkt_setpri(struct thread *td, int pri);
/** \brief lwkt_setpri(curthread, pri). */
void lwkt_setpri_self(int pri);
/** \brief Move the current thread to CPU \a gd. */
void lwkt_setcpu_self(struct globaldata *gd);
/** \brief Do the work critical sections deferred (crit_exit calls it). */
void lwkt_run_deferred(void);
/** \brief Threads created by lwkt_create and not yet freed. */
int lwkt_threads_allocated(void);
/** \brief Print every thread of every CPU (the threads command). */
void lwkt_print_threads(void);
/**
 * \brief Find the stack of a thread of this CPU that holds \a addr.
 * \return 1 and its bounds [*lo, *hi), or 0.
 */
int lwkt_stack_bounds(uintptr_t addr, uintptr_t *lo, uintptr_t *hi);
/**
 * \brief Block until wakeup(ident).  Call with the condition protected
 * (critical section or token); flags and timo must be 0.  \return 0.
 */
int tsleep(const volatile void *ident, int flags, const char *wmesg,
    int timo);
/** \brief Wake every thread sleeping on \a ident, on every CPU. */
void wakeup(const volatile void *ident);
/** \brief Wake the longest sleeper on \a ident (one per CPU at most). */
void wakeup_one(const volatile void *ident);
#endif /* !__ASSEMBLER__ */
#endif /* !NAIAD_KERN_THREAD_H */
