/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief A ring buffer of bytes, a pipe's (book/31-file.nw).
 */
#ifndef NAIAD_KERN_RING_H
#define NAIAD_KERN_RING_H

/** A ring buffer of bytes; r_size is a power of 2. */
struct ring {
	char		*r_buf;		/**< r_size bytes */
	unsigned	r_size;		/**< its size */
	unsigned	r_start;	/**< the oldest byte */
	unsigned	r_count;	/**< bytes held */
};

/** \brief An empty ring over \a buf, of \a size (a power of 2) bytes. */
void ring_init(struct ring *r, char *buf, unsigned size);
/** \brief Append up to \a n bytes; \return how many. */
unsigned ring_put(struct ring *r, const char *src, unsigned n);
/** \brief Take up to \a n bytes, oldest first; \return how many. */
unsigned ring_get(struct ring *r, char *dst, unsigned n);
/** \brief Copy up to \a n of the oldest bytes, leaving them; \return
 * how many. */
unsigned ring_peek(const struct ring *r, char *dst, unsigned n);
/** \brief Forget the \a n oldest bytes (\a n at most the count). */
void ring_drop(struct ring *r, unsigned n);

/** \brief Bytes \a r holds. */
static inline unsigned
ring_count(const struct ring *r)
{
	return r->r_count;
}

/** \brief Bytes \a r has room for. */
static inline unsigned
ring_space(const struct ring *r)
{
	return r->r_size - r->r_count;
}

#endif /* !NAIAD_KERN_RING_H */
