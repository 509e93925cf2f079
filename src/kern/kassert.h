/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief KASSERT(cond, ("format", args)): panic unless cond holds.
 */
#ifndef NAIAD_KERN_KASSERT_H
#define NAIAD_KERN_KASSERT_H

#include "kern/panic.h"

#ifndef KASSERT
/** Panic with the parenthesised printf arguments \a msg unless \a cond. */
#define KASSERT(cond, msg) do {						\
	if (__builtin_expect(!(cond), 0))				\
		panic msg;						\
} while (0)
#endif

#endif /* !NAIAD_KERN_KASSERT_H */
