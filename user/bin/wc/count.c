/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <ctype.h>
#include <stddef.h>

#include "wc.h"

/* Count N bytes; a word is counted where it starts. */
void
wc_count(struct wc_counts *c, const char *buf, size_t n)
{
	size_t i;
	int space;

	c->bytes += n;
	for (i = 0; i < n; i++) {
		if (buf[i] == '\n')
			c->lines++;
		space = isspace((unsigned char)buf[i]);
		if (!space && !c->in_word)
			c->words++;
		c->in_word = !space;
	}
}
