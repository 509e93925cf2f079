/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/* gcc may emit calls to these four even with -ffreestanding. */
#include <stddef.h>

#include "kern/kstring.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* For gcc, which may emit a call to memset for a structure copy. */
void *
memset(void *dst, int c, size_t n)
{
	return kmemset(dst, c, n);
}

/* For gcc, which may emit a call to memcpy for a structure copy. */
void *
memcpy(void *dst, const void *src, size_t n)
{
	return kmemcpy(dst, src, n);
}

/* For gcc: a copy that may overlap. */
void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s || d >= s + n)
		return kmemcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

/* For gcc: compare N bytes. */
int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; x++, y++, n--)
		if (*x != *y)
			return *x - *y;
	return 0;
}
