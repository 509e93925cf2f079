/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Spinlocks: a CPU waits for the lock by spinning.  Hold one for
 * a few lines only, and never wait for anything while holding it.
 */
#ifndef NAIAD_KERN_SPINLOCK_H
#define NAIAD_KERN_SPINLOCK_H

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/thread2.h"

/** A lock that waiting CPUs spin on; see spin_lock(). */
struct spinlock {
	volatile unsigned	lock;	/**< 0 free, 1 held */
};

/** A free spinlock, for static initialisation. */
#define SPINLOCK_INITIALIZER	{ 0 }

/** \brief Make \a s a free lock. */
static inline void
spin_init(struct spinlock *s)
{
	s->lock = 0;
}

/**
 * \brief Take \a s, spinning while another CPU holds it.  Enters a
 * critical section, which spin_unlock leaves.
 */
static inline void
spin_lock(struct spinlock *s)
{
	crit_enter();
	while (__builtin_expect(atomic_swap_int(&s->lock, 1) != 0, 0))
		while (s->lock != 0)
			cpu_pause();
}

/** \brief Release \a s, which the caller holds. */
static inline void
spin_unlock(struct spinlock *s)
{
	__asm__ __volatile__("" : : : "memory");
	s->lock = 0;
	crit_exit();
}

#endif /* !NAIAD_KERN_SPINLOCK_H */
