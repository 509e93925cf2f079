/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdarg.h>
#include <stddef.h>

#include "kern/kvcprintf.h"

struct bufsink {
	char	*buf;
	size_t	size;		/* bytes available, including the NUL */
	size_t	used;		/* characters stored so far */
};

/* ksnprintf's sink: store while room is left, always count. */
static void
buf_putc(int c, void *arg)
{
	struct bufsink *b = arg;

	if (b->used + 1 < b->size)
		b->buf[b->used++] = (char)c;
}

/* Format into BUF, always NUL-terminated; the length it would have had. */
int
kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, size, 0 };
	int n;

	n = kvcprintf(fmt, buf_putc, &b, ap);
	if (size > 0)
		buf[b.used] = '\0';
	return n;
}

/* kvsnprintf with its arguments in line. */
int
ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
