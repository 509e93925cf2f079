/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Printing on the kernel console.
 */
#ifndef NAIAD_KERN_KPRINTF_H
#define NAIAD_KERN_KPRINTF_H

#include <stdarg.h>

#include "kern/kvcprintf.h"

/** \brief Print on the console, printf-style; returns characters printed. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** \brief kprintf with a va_list. */
int kvprintf(const char *fmt, va_list ap);

#endif /* !NAIAD_KERN_KPRINTF_H */
