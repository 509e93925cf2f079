/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Numbers, memory, and leaving the program.
 */
#ifndef NAIAD_USER_STDLIB_H
#define NAIAD_USER_STDLIB_H

#include <stddef.h>

/** exit's status for success. */
#define EXIT_SUCCESS	0
/** exit's status for failure. */
#define EXIT_FAILURE	1

/**
 * \brief The number at the start of \a s in \a base (2-36, or 0: from
 * the prefix); *\a end (if not NULL) gets where reading stopped.
 * \return the value; LONG_MAX or LONG_MIN with errno ERANGE when it
 * does not fit, 0 with *end == s when there is no number.
 */
long strtol(const char *s, char **end, int base);
/** \brief strtol for an unsigned long (ULONG_MAX and ERANGE on overflow). */
unsigned long strtoul(const char *s, char **end, int base);
/** \brief The decimal number at the start of \a s, without checks. */
int atoi(const char *s);
/** \brief The absolute value of \a x. */
int abs(int x);

/** \brief \a size bytes aligned for any type, or NULL (errno ENOMEM). */
void *malloc(size_t size);
/** \brief Give back memory from malloc; NULL is ignored. */
void free(void *p);
/** \brief \a n times \a size bytes of zeros, or NULL on overflow. */
void *calloc(size_t n, size_t size);
/**
 * \brief Resize the block at \a p to \a size bytes, moving it if it
 * must; the first bytes are kept.  NULL on failure, \a p left as it was.
 */
void *realloc(void *p, size_t size);

/** What malloc holds: for tests and the curious. */
struct malloc_stats {
	size_t	heap;		/**< bytes of all blocks, free or in use */
	size_t	free;		/**< bytes in free blocks, headers included */
	unsigned free_blocks;	/**< blocks on the free list */
	unsigned used_blocks;	/**< blocks handed out and not freed */
};

/** \brief Fill \a st with the allocator's figures now. */
void malloc_get_stats(struct malloc_stats *st);

/** \brief Flush stdio, then end the process with \a status. */
void exit(int status) __attribute__((noreturn));
/** \brief End the process at once with a message: a broken invariant. */
void abort(void) __attribute__((noreturn));

#endif /* !NAIAD_USER_STDLIB_H */
