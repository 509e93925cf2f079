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

/* kvcprintf's output: every character to the console. */
static void
cons_sink(int c, void *arg)
{
	(void)arg;
	cons_putc(c);
}

/* One message, whole: the console is held from its first character
 * to its last.  Any context that may print. */
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

/* kvprintf with its arguments in line. */
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
