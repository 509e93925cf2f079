/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdarg.h>

#include "kern/cons.h"
#include "kern/cons_lock.h"
#include "kern/kprintf.h"

static void
cons_sink(int c, void *arg)
{
	(void)arg;
	cons_putc(c);
}

int
kvprintf(const char *fmt, va_list ap)
{
	struct cons_hold hold;
	int n;

	cons_lock(&hold);
	n = kvcprintf(fmt, cons_sink, NULL, ap);
	cons_unlock(&hold);
	return n;
}

int
kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}
