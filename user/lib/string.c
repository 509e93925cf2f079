/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <string.h>

/* Fill N bytes at DST with C. */
void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

/* Copy N bytes forwards; the two areas must not overlap. */
void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

/* Copy N bytes; backwards when DST lies inside SRC, so overlap is safe. */
void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- > 0)
		d[n] = s[n];
	return dst;
}

/* Compare N bytes as unsigned chars. */
int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

/* The first byte C among N bytes at S. */
void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}
/* The length of S. */
size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (size_t)(p - s);
}

/* The length of S, looking at no more than MAX bytes. */
size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Compare at most N characters as unsigned chars. */
int
strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y || *x == '\0')
			return *x - *y;
	return 0;
}

/* Compare two strings: strncmp without a limit. */
int
strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

/* Copy SRC with its NUL to DST. */
char *
strcpy(char *dst, const char *src)
{
	return memcpy(dst, src, strlen(src) + 1);
}

/* Append SRC to DST. */
char *
strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

/* Copy what fits of SRC into SIZE bytes at DST, terminated. */
size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src), n;

	if (size > 0) {
		n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* Append what fits of SRC to the string in SIZE bytes at DST. */
size_t
strlcat(char *dst, const char *src, size_t size)
{
	size_t used = strnlen(dst, size);

	if (used == size)		/* DST is not even terminated */
		return size + strlen(src);
	return used + strlcpy(dst + used, src, size - used);
}

/* The first C in S; looking for '\0' finds the terminator. */
char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

/* The last C in S. */
char *
strrchr(const char *s, int c)
{
	const char *found = NULL;

	for (;; s++) {
		if (*s == (char)c)
			found = s;
		if (*s == '\0')
			return (char *)found;
	}
}

/* The first place NEEDLE occurs in HAY; an empty needle is at HAY. */
char *
strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0' || n == 0; hay++)
		if (strncmp(hay, needle, n) == 0)
			return (char *)hay;
	return NULL;
}
