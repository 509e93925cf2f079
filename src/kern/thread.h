/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Threads: the structure, and (book/17-lwkt.nw) the scheduler's
 * operations on it.
 */
#ifndef NAIAD_KERN_THREAD_H
#define NAIAD_KERN_THREAD_H

#define TD_SP		0	/**< offset of td_sp, for swtch.S */
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

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include "kern/queue.h"
#include "lwkt/token.h"
#include "kern/callout.h"
struct spinlock;
#include "vm/pmap.h"

#define THREAD_NAMELEN	24	/**< bytes of a thread's name */

struct globaldata;

/** A kernel thread: a stack, a CPU, and the scheduler's fields. */
struct thread {
	void		*td_sp;		/**< saved %esp; offset TD_SP */
	struct globaldata *td_gd;	/**< the CPU that owns the thread */
	int		td_critcount;	/**< critical section nesting */
	char		*td_kstack;	/**< lowest byte of the kernel stack */
	size_t		td_kstack_size;	/**< size of the kernel stack */
	char		td_name[THREAD_NAMELEN]; /**< for messages */
	volatile uint32_t td_flags;	/**< TDF_* */
	int		td_pri;		/**< TDPRI_*, 0 to 31 */
	struct thread	*td_preempted;	/**< the thread this one preempted */
	TAILQ_ENTRY(thread) td_threadq;	/**< link on a run queue */
	TAILQ_ENTRY(thread) td_sleepq;	/**< link on a sleep queue */
	TAILQ_ENTRY(thread) td_intq;	/**< link on gd_intpendq */
	TAILQ_ENTRY(thread) td_allq;	/**< link on gd_tdallq */
	const volatile void *td_wchan;	/**< what it sleeps on, or NULL */
	const char	*td_wmesg;	/**< why it sleeps, in a word */
	void		(*td_start)(void *); /**< the function it runs */
	void		*td_startarg;	/**< ... and its argument */
	int		td_ntoks;	/**< tokens in td_toks */
	struct lwkt_token *td_toks[LWKT_MAXTOKENS]; /**< held, in order */
	struct callout	td_slp_callout;	/**< ends a tsleep whose time is up */
	int		td_slp_flags;	/**< the flags of its tsleep (PCATCH) */
	int		td_slp_error;	/**< why it ended early: -EWOULDBLOCK, -EINTR */
	struct spinlock	*td_slp_spin;	/**< ssleep: released once queued */
	struct vmspace	*td_vmspace;	/**< its user address space, or NULL */
	uint32_t	td_cr3;		/**< its page directory, or 0: kernel's */
	struct trapframe *td_frame;	/**< its user frame: top of its stack */
	struct proc	*td_proc;	/**< the process it runs, or NULL */
	void		(*td_release)(struct thread *td); /**< it stops running */
};

/** CPU 0's first thread: the boot context. */
extern struct thread thread0;

/**
 * \brief Create a thread that runs func(arg) on CPU \a cpu (-1: this
 * one), named like printf(fmt, ...), at TDPRI_KERN_DAEMON.
 * Any thread, any CPU.  The thread starts in a critical section that it
 * leaves before calling \a func; it is scheduled at once unless
 * \a tdflags has TDF_NOSTART (TDF_INTTHREAD makes an interrupt thread).
 * \return 0 and the thread in *\a tdp, or -ENOMEM.
 */
int lwkt_create(void (*func)(void *), void *arg, struct thread **tdp,
    int tdflags, int cpu, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/**
 * \brief End the current thread.  It must hold no token.  Its stack is
 * freed by the next thread to run on this CPU.  Never returns.
 */
void lwkt_exit(void) __attribute__((noreturn));
/**
 * \brief Give the CPU to the most important runnable thread whose tokens
 * can all be taken (or back to the thread this one preempted).  Called
 * by the current thread, in or out of a critical section; releases its
 * tokens and returns with all of them held again.
 */
void lwkt_switch(void);
/**
 * \brief Make \a td runnable.  Any thread, any CPU, in or out of a
 * critical section; a no-op if \a td is runnable.  A thread of another
 * CPU is scheduled there, by IPI.  If \a td is more important than the
 * caller, it runs at the caller's next crit_exit to depth 0 (at once,
 * for an interrupt thread that may preempt).
 */
void lwkt_schedule(struct thread *td);
/**
 * \brief Make \a td not runnable.  Any CPU (another CPU's thread is
 * descheduled there, by IPI); a running thread stops at its next switch.
 */
void lwkt_deschedule(struct thread *td);
/**
 * \brief lwkt_deschedule(\a td) where \a td must be curthread: the first
 * step of blocking, usually in a critical section, before lwkt_switch.
 */
void lwkt_deschedule_self(struct thread *td);
/**
 * \brief Let the other runnable threads of the current thread's
 * priority run first.  Current thread; tokens are released meanwhile.
 */
void lwkt_yield(void);
/**
 * \brief Switch at once to interrupt thread \a ntd, of this CPU, if it
 * is more important, the current thread holds at most \a critcount
 * critical-section levels (those of the code scheduling \a ntd) and
 * \a ntd's tokens are free; otherwise request a reschedule.  Returns when
 * \a ntd blocks.
 */
void lwkt_preempt(struct thread *ntd, int critcount);
/**
 * \brief An interrupt arrived whose handler is interrupt thread \a td of
 * this CPU: schedule it (preempting if allowed), or, inside a critical
 * section, record it for the crit_exit.  Called by interrupt code.
 */
void lwkt_schedule_interrupt(struct thread *td);
/**
 * \brief The scheduler's clock: request a reschedule if another thread
 * at least as important as the current one is runnable.  Called at
 * every tick of this CPU (or at the crit_exit that a tick waited for),
 * in a critical section.
 */
void lwkt_schedulerclock(void);
/**
 * \brief Give \a td, a thread of this CPU, priority \a pri (0..31).
 * Requests a reschedule if a runnable thread becomes more important
 * than the current one.
 */
void lwkt_setpri(struct thread *td, int pri);
/** \brief lwkt_setpri(curthread, pri). */
void lwkt_setpri_self(int pri);
/**
 * \brief Do the work deferred by critical sections (gd_reqflags): IPI
 * messages, pending interrupt threads, a timer tick, a reschedule.
 * crit_exit calls it (through splz) when the count reaches 0 and one of
 * its requests is pending.
 */
void lwkt_run_deferred(void);
/** \brief Threads created by lwkt_create and not yet freed. */
int lwkt_threads_allocated(void);
/**
 * \brief Print every thread of every CPU (the threads command).  Reads
 * other CPUs' lists without locking: a debugging aid.
 */
void lwkt_print_threads(void);
/**
 * \brief Find the stack of a thread of this CPU that holds \a addr (for
 * backtraces).  \return 1 and its bounds [*lo, *hi), or 0.
 */
int lwkt_stack_bounds(uintptr_t addr, uintptr_t *lo, uintptr_t *hi);
/**
 * \brief Block the current thread until wakeup(\a ident).  Not the idle
 * thread.  Test the condition and call tsleep under one protection (a
 * critical section on one CPU; across CPUs, a token that the waker also
 * holds, plus a critical section), or a wakeup can be lost.  \a wmesg
 * names the wait; \a timo > 0 ends the sleep after that many ticks of
 * this CPU's clock, and \a flags may let a signal end it
 * (book/21-callout.nw).  May return early; callers test their
 * condition again.  \return 0, or -EWOULDBLOCK (the timeout passed) or
 * -EINTR (interrupted).
 */
int tsleep(const volatile void *ident, int flags, const char *wmesg,
    int timo);
/**
 * \brief Wake every thread sleeping on \a ident, on every CPU (others by
 * IPI).  Any thread, in or out of a critical section.
 */
void wakeup(const volatile void *ident);
/**
 * \brief Wake the longest sleeper on \a ident of this CPU, or else one
 * on each other CPU that has sleepers there.  Any thread.
 */
void wakeup_one(const volatile void *ident);
/**
 * \brief Move the current thread to CPU \a gd; returns running there.
 * Not in a critical section that the caller relies on: the thread
 * switches away on the old CPU.
 */
void lwkt_setcpu_self(struct globaldata *gd);
/** tsleep flag: tsleep_interrupt may end the sleep, with -EINTR. */
#define PCATCH		0x0100
/**
 * \brief End \a td's sleep with -EINTR if it sleeps with PCATCH; a
 * thread that does not, or does not sleep, is left alone.  Any thread,
 * any CPU (the work is done on \a td's CPU, by IPI).
 */
void tsleep_interrupt(struct thread *td);
struct vmspace;
/**
 * \brief At a switch on \a gd (the current CPU), in a critical section:
 * load the page directory of \a ntd if it is not loaded
 * (book/23-vmspace.nw).
 */
void vmspace_switch(struct globaldata *gd, struct thread *ntd);
/** \brief The current thread runs in \a vm from now on (NULL: in the
 * kernel's space only). */
void vmspace_adopt(struct vmspace *vm);
#endif /* !__ASSEMBLER__ */
#endif /* !NAIAD_KERN_THREAD_H */
