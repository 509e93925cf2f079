/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * kvcprintf: the one printf formatter.  No I/O here: the kernel console,
 * string buffers and the host unit tests all use it through a sink.
 */
#include <stdarg.h>
#include <stddef.h>

#include "kern/kvcprintf.h"

struct fmtspec {
	int	width;		/* minimum field width, 0 for none */
	int	left;		/* '-': pad on the right */
	int	zero;		/* '0': pad numbers with zeros */
	int	longs;		/* 0, 1 for l, 2 for ll */
};

struct sink {
	kputc_fn *out;
	void	*arg;
	int	count;		/* characters sent so far */
};

/* One character to the sink, counted even when the sink drops it. */
static void
emit(struct sink *s, int c)
{
	s->out(c, s->arg);
	s->count++;
}

/* N copies of C (padding). */
static void
emit_repeated(struct sink *s, int c, int n)
{
	while (n-- > 0)
		emit(s, c);
}
/* VALUE in BASE with SPEC's width and flags; the core of %d, %u, %x. */
static void
print_number(struct sink *s, unsigned long long value, int negative,
    unsigned base, int upper, const struct fmtspec *spec)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[22];
	int ndigits = 0, length, pad;

	do {
		buf[ndigits++] = digits[value % base];
		value /= base;
	} while (value != 0);
	length = ndigits + (negative ? 1 : 0);
	pad = spec->width > length ? spec->width - length : 0;

	if (!spec->left && !spec->zero)
		emit_repeated(s, ' ', pad);
	if (negative)
		emit(s, '-');
	if (!spec->left && spec->zero)
		emit_repeated(s, '0', pad);
	while (ndigits > 0)
		emit(s, buf[--ndigits]);
	if (spec->left)
		emit_repeated(s, ' ', pad);
}
/* A signed conversion: the sign apart, then print_number. */
static void
print_signed(struct sink *s, long long value, const struct fmtspec *spec)
{
	unsigned long long magnitude = (unsigned long long)value;

	if (value < 0)
		magnitude = 0ULL - magnitude;
	print_number(s, magnitude, value < 0, 10, 0, spec);
}
/* %s and %c with SPEC's width; NULL prints as (null). */
static void
print_string(struct sink *s, const char *str, const struct fmtspec *spec)
{
	int length = 0, pad;

	if (str == NULL)
		str = "(null)";
	while (str[length] != '\0')
		length++;
	pad = spec->width > length ? spec->width - length : 0;
	if (!spec->left)
		emit_repeated(s, ' ', pad);
	while (*str != '\0')
		emit(s, *str++);
	if (spec->left)
		emit_repeated(s, ' ', pad);
}
/* Read the flags, width and length of one conversion; returns past them. */
static const char *
parse_spec(const char *fmt, struct fmtspec *spec)
{
	spec->width = spec->left = spec->zero = spec->longs = 0;
	for (;; fmt++) {
		if (*fmt == '-')
			spec->left = 1;
		else if (*fmt == '0')
			spec->zero = 1;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9')
		spec->width = spec->width * 10 + (*fmt++ - '0');
	while (*fmt == 'l' && spec->longs < 2) {
		spec->longs++;
		fmt++;
	}
	if (spec->left)
		spec->zero = 0;
	return fmt;
}
/* The next unsigned argument of the size the spec says. */
static unsigned long long
fetch_unsigned(va_list *ap, int longs)
{
	if (longs == 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

/* The next signed argument of the size the spec says. */
static long long
fetch_signed(va_list *ap, int longs)
{
	if (longs == 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

/* Format FMT to OUT(c, ARG); pure, no I/O.  Returns characters produced. */
int
kvcprintf(const char *fmt, kputc_fn *out, void *arg, va_list ap)
{
	struct sink s = { out, arg, 0 };
	struct fmtspec spec;
	const char *start;
	va_list args;

	va_copy(args, ap);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			emit(&s, *fmt);
			continue;
		}
		start = fmt;
		fmt = parse_spec(fmt + 1, &spec);
		switch (*fmt) {
		case 'd':
		case 'i':
			print_signed(&s, fetch_signed(&args, spec.longs), &spec);
			break;
		case 'u':
			print_number(&s, fetch_unsigned(&args, spec.longs), 0, 10, 0, &spec);
			break;
		case 'x':
		case 'X':
			print_number(&s, fetch_unsigned(&args, spec.longs), 0, 16,
			    *fmt == 'X', &spec);
			break;
		case 'p':
			emit(&s, '0');
			emit(&s, 'x');
			spec.width = 8;
			spec.zero = 1;
			spec.left = 0;
			print_number(&s, (unsigned long)va_arg(args, void *), 0, 16, 0, &spec);
			break;
		case 's':
			print_string(&s, va_arg(args, const char *), &spec);
			break;
		case 'c':
			emit(&s, va_arg(args, int));
			break;
		case '%':
			emit(&s, '%');
			break;
		default:
			while (start <= fmt && *start != '\0')
				emit(&s, *start++);
			if (*fmt == '\0')
				fmt--;		/* the loop's fmt++ must stop at the end */
			break;
		}
	}
	va_end(args);
	return s.count;
}
