/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The few string and memory functions the kernel needs.
 */
#ifndef NAIAD_KERN_KSTRING_H
#define NAIAD_KERN_KSTRING_H

#include <stddef.h>

/** \brief Length of the C string \a s. */
size_t kstrlen(const char *s);
/** \brief Compare two C strings like strcmp. */
int kstrcmp(const char *a, const char *b);
/** \brief Compare at most \a n characters like strncmp. */
int kstrncmp(const char *a, const char *b, size_t n);
/**
 * \brief Copy \a src into \a dst of \a size bytes, always terminated.
 * \return kstrlen(src); a value >= \a size means the copy was cut.
 */
size_t kstrlcpy(char *dst, const char *src, size_t size);
/** \brief Fill \a n bytes at \a dst with \a c; returns \a dst. */
void *kmemset(void *dst, int c, size_t n);
/** \brief Copy \a n bytes (not overlapping); returns \a dst. */
void *kmemcpy(void *dst, const void *src, size_t n);
/** \brief Find the first occurrence of \a needle in \a hay, or NULL. */
const char *kstrstr(const char *hay, const char *needle);

#endif /* !NAIAD_KERN_KSTRING_H */
