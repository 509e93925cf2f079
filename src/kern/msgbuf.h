/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The message buffer: the last characters the console printed.
 */
#ifndef NAIAD_KERN_MSGBUF_H
#define NAIAD_KERN_MSGBUF_H

#include <stddef.h>
#include <stdint.h>

#define MSGBUF_SIZE	16384	/**< characters kept: a power of 2 */

/** A ring of characters and the count of all ever written. */
struct msgbuf {
	volatile uint32_t mb_next;	/**< characters written, ever */
	uint32_t mb_first;		/**< the count it started from */
	char	mb_text[MSGBUF_SIZE];	/**< character n at n % size */
};

/** The kernel's message buffer: everything cons_putc printed. */
extern struct msgbuf kmsgbuf;

/** \brief Make \a mb empty, its count starting at \a first. */
void msgbuf_init(struct msgbuf *mb, uint32_t first);
/** \brief Append one character. */
void msgbuf_putc(struct msgbuf *mb, int c);
/** \brief The count now: a mark for msgbuf_since. */
uint32_t msgbuf_mark(const struct msgbuf *mb);
/** \brief A mark for everything the ring still holds. */
uint32_t msgbuf_oldest(const struct msgbuf *mb);
/**
 * \brief Copy the characters written since \a mark that the ring still
 * holds, oldest first, into \a buf (at most \a len - 1 of them, then a
 * NUL; \a len > 0).  \return how many were written since \a mark: more
 * than were copied if the ring lost some or \a buf was too small.
 */
uint32_t msgbuf_since(const struct msgbuf *mb, uint32_t mark, char *buf,
    size_t len);

#endif /* !NAIAD_KERN_MSGBUF_H */
