/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Strings and memory: the classic functions.
 */
#ifndef NAIAD_USER_STRING_H
#define NAIAD_USER_STRING_H

#include <stddef.h>

/** \brief Fill \a n bytes at \a dst with \a c; returns \a dst. */
void *memset(void *dst, int c, size_t n);
/** \brief Copy \a n bytes that do not overlap; returns \a dst. */
void *memcpy(void *dst, const void *src, size_t n);
/** \brief Copy \a n bytes that may overlap; returns \a dst. */
void *memmove(void *dst, const void *src, size_t n);
/** \brief Compare \a n bytes as unsigned chars: <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n);
/** \brief The first byte \a c in \a n bytes at \a s, or NULL. */
void *memchr(const void *s, int c, size_t n);
/** \brief The length of \a s. */
size_t strlen(const char *s);
/** \brief The length of \a s, but at most \a max. */
size_t strnlen(const char *s, size_t max);
/** \brief Compare two strings as unsigned chars. */
int strcmp(const char *a, const char *b);
/** \brief Compare at most \a n characters. */
int strncmp(const char *a, const char *b, size_t n);
/** \brief Copy \a src to \a dst, which must be large enough. */
char *strcpy(char *dst, const char *src);
/** \brief Append \a src to \a dst, which must be large enough. */
char *strcat(char *dst, const char *src);
/**
 * \brief Copy \a src into \a dst of \a size bytes, always terminated
 * when \a size > 0.
 * \return strlen(src): a value >= \a size means the copy was cut.
 */
size_t strlcpy(char *dst, const char *src, size_t size);
/**
 * \brief Append \a src to the string in \a dst of \a size bytes,
 * always terminated.
 * \return the length the whole result would have.
 */
size_t strlcat(char *dst, const char *src, size_t size);
/** \brief The first \a c in \a s (the NUL counts), or NULL. */
char *strchr(const char *s, int c);
/** \brief The last \a c in \a s (the NUL counts), or NULL. */
char *strrchr(const char *s, int c);
/** \brief The first occurrence of \a needle in \a hay, or NULL. */
char *strstr(const char *hay, const char *needle);
/** \brief A copy of \a s in memory from malloc, or NULL. */
char *strdup(const char *s);
/** \brief A message that describes the error number \a error. */
char *strerror(int error);

#endif /* !NAIAD_USER_STRING_H */
