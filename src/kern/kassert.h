/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief KASSERT: stop the kernel when an invariant is broken.
 */
#ifndef NAIAD_KERN_KASSERT_H
#define NAIAD_KERN_KASSERT_H

#include "kern/kprintf.h"
#include "kern/panic.h"

/**
 * Panic unless \a cond holds; \a msg is a parenthesised panic() argument
 * list: KASSERT(n > 0, ("bad count %d", n)).  For broken invariants only,
 * never for bad input.
 */
#define KASSERT(cond, msg) do {						\
	if (!(cond)) {							\
		kprintf("assertion \"%s\" failed at %s:%d\n", #cond,	\
		    __FILE__, __LINE__);				\
		panic msg;						\
	}								\
} while (0)

#endif /* !NAIAD_KERN_KASSERT_H */
