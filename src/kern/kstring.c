/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/kstring.h"

/* Length of S, as strlen. */
size_t
kstrlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* Compare at most N characters, as strncmp. */
int
kstrncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; a++, b++, n--) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

/* Compare two strings, as strcmp. */
int
kstrcmp(const char *a, const char *b)
{
	return kstrncmp(a, b, (size_t)-1);
}

/* BSD strlcpy: always terminated; returns strlen(SRC) to detect a cut. */
size_t
kstrlcpy(char *dst, const char *src, size_t size)
{
	size_t len = kstrlen(src), n;

	if (size > 0) {
		n = len < size - 1 ? len : size - 1;
		kmemcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* Fill N bytes with C, as memset. */
void *
kmemset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint32_t word = 0x01010101u * (unsigned char)c;

	while (n > 0 && ((uintptr_t)d & 3) != 0) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 4; n -= 4, d += 4)
		*(uint32_t *)(void *)d = word;
	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

/* Copy N bytes that do not overlap, as memcpy. */
void *
kmemcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0)
		for (; n >= 4; n -= 4, d += 4, s += 4)
			*(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

/* The first NEEDLE in HAY, or NULL, as strstr. */
const char *
kstrstr(const char *hay, const char *needle)
{
	size_t n = kstrlen(needle);

	for (; *hay != '\0'; hay++)
		if (kstrncmp(hay, needle, n) == 0)
			return hay;
	return n == 0 ? hay : NULL;
}
