/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief wc's counting, apart from its input, for the host tests.
 */
#ifndef NAIAD_USER_WC_H
#define NAIAD_USER_WC_H

#include <stddef.h>

/** What wc has counted so far; start with all zeros. */
struct wc_counts {
	unsigned long	lines;		/**< newlines */
	unsigned long	words;		/**< runs of non-space characters */
	unsigned long	bytes;		/**< bytes */
	int		in_word;	/**< the last byte was in a word */
};

/** \brief Count \a n more bytes at \a buf into \a c. */
void wc_count(struct wc_counts *c, const char *buf, size_t n);

#endif /* !NAIAD_USER_WC_H */
