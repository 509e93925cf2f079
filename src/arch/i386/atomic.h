/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Atomic read-modify-write operations and barriers (i386).
 */
#ifndef NAIAD_ARCH_ATOMIC_H
#define NAIAD_ARCH_ATOMIC_H

#include <stdint.h>

/** Keep the compiler from moving memory accesses across this point. */
static inline void
cpu_ccfence(void)
{
	__asm__ __volatile__("" : : : "memory");
}

/** Atomically set the bits \a v in \a *p. */
static inline void
atomic_set_int(volatile uint32_t *p, uint32_t v)
{
	__asm__ __volatile__("lock; orl %1, %0" : "+m"(*p) : "ir"(v)
	    : "memory");
}

/** Atomically clear the bits \a v in \a *p. */
static inline void
atomic_clear_int(volatile uint32_t *p, uint32_t v)
{
	__asm__ __volatile__("lock; andl %1, %0" : "+m"(*p) : "ir"(~v)
	    : "memory");
}

/** Atomically add \a v to \a *p. */
static inline void
atomic_add_int(volatile uint32_t *p, uint32_t v)
{
	__asm__ __volatile__("lock; addl %1, %0" : "+m"(*p) : "ir"(v)
	    : "memory");
}
/** If \a *p equals \a expect, store \a value; return 1 if it did. */
static inline int
atomic_cmpset_int(volatile uint32_t *p, uint32_t expect, uint32_t value)
{
	uint8_t ok;

	__asm__ __volatile__("lock; cmpxchgl %3, %1"
	    : "=@ccz"(ok), "+m"(*p), "+a"(expect) : "r"(value) : "memory");
	return ok;
}

/** \brief Store \a v in *\a p and return the old value, atomically. */
static inline unsigned
atomic_swap_int(volatile unsigned *p, unsigned v)
{
	__asm__ __volatile__("xchgl %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

/** atomic_cmpset_int for a pointer-sized word. */
static inline int
atomic_cmpset_ptr(volatile void *p, void *expect, void *value)
{
	return atomic_cmpset_int((volatile uint32_t *)p,
	    (uint32_t)(uintptr_t)expect, (uint32_t)(uintptr_t)value);
}

#endif /* !NAIAD_ARCH_ATOMIC_H */
