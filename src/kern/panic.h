/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Stopping the kernel on a broken invariant: panic and KASSERT.
 */
#ifndef NAIAD_KERN_PANIC_H
#define NAIAD_KERN_PANIC_H

#include <stdint.h>

/**
 * \brief Print "panic: " and the message, the CPU state and the
 * caller's backtrace, then switch the machine off.
 */
void panic(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/**
 * \brief Like panic, but the backtrace starts at \a pc and the frame
 * \a ebp (a trap's), and no CPU state is printed: the message has it.
 */
void panic_at(uintptr_t pc, uintptr_t ebp, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

/** \brief Record the assertion that failed, for the panic that follows. */
void panic_assertion(const char *expr, const char *file, int line);

/**
 * \brief Make \a stop what a panic does first, with interrupts off:
 * stop the other CPUs (the SMP chapter's).  Boot CPU, at boot.
 */
void panic_set_stop_others(void (*stop)(void));

/**
 * KASSERT(cond, (fmt, ...)): panic with the message unless \a cond
 * holds.  Always compiled in.
 */
#define KASSERT(cond, msg) do {						\
	if (__builtin_expect(!(cond), 0)) {				\
		panic_assertion(#cond, __FILE__, __LINE__);		\
		panic msg;						\
	}								\
} while (0)

#endif /* !NAIAD_KERN_PANIC_H */
