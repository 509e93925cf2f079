/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Signal numbers (the traditional values, as errno(2) has its).
 */
#ifndef NAIAD_KERN_SIGNAL_H
#define NAIAD_KERN_SIGNAL_H

#define SIGILL		4	/**< illegal instruction */
#define SIGTRAP		5	/**< breakpoint or single step */
#define SIGFPE		8	/**< arithmetic error (or floating point) */
#define SIGBUS		10	/**< bus error: a bad segment or alignment */
#define SIGSEGV		11	/**< a bad memory access */

#endif /* !NAIAD_KERN_SIGNAL_H */
