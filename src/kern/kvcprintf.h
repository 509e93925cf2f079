/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief printf-style formatting into any character sink.
 *
 * Supported: %d %i %u %x %X %p %s %c %%, the length modifiers l and ll,
 * a field width, the flags 0 (zero-pad) and - (left-align).
 */
#ifndef NAIAD_KERN_KVCPRINTF_H
#define NAIAD_KERN_KVCPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/** A character sink: called once per output character with its argument. */
typedef void kputc_fn(int c, void *arg);

/**
 * \brief Format \a fmt with \a ap, sending each character to \a out.
 * \return the number of characters sent.
 */
int kvcprintf(const char *fmt, kputc_fn *out, void *arg, va_list ap);

/**
 * \brief Format into \a buf of \a size bytes, always NUL-terminated when
 * \a size > 0.
 * \return the length the whole result would have (C99 snprintf), so a
 * return value >= \a size means the output was cut short.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/** \brief ksnprintf is to kvsnprintf what snprintf is to vsnprintf. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(__printf__, 3, 4)));

#endif /* !NAIAD_KERN_KVCPRINTF_H */
