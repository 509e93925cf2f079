/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Stopping the kernel on a broken invariant.
 */
#ifndef NAIAD_KERN_PANIC_H
#define NAIAD_KERN_PANIC_H

/** \brief Print the message and stop the machine. */
void panic(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

#endif
