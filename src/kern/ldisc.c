/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * A terminal's line discipline (book/32-tty.nw): canonical lines with
 * erase, kill and end of input, raw mode, echo, the signal characters.
 */
#include <stdint.h>

#include "kern/errno.h"
#include "kern/ldisc.h"

#define CTRL(c)		((c) & 0x1f)
#define LD_VINTR	CTRL('C')	/* interrupt */
#define LD_VQUIT	0x1c		/* quit: ^\ */
#define LD_VEOF		CTRL('D')	/* end of input */
#define LD_VKILL	CTRL('U')	/* erase the line */
#define LD_VERASE	0x7f		/* erase a character (Delete) */
#define LD_VERASE2	CTRL('H')	/* ... or Backspace */
#define LD_EOF		0x100		/* in ld_in: a ^D */
/* Append entry V to the input queue, which has room. */
static void
ld_push(struct ldisc *ld, unsigned v)
{
	ld->ld_in[(ld->ld_start + ld->ld_count) % TTY_INQ] = (uint16_t)v;
	ld->ld_count++;
	if (v == '\n' || v == LD_EOF)
		ld->ld_lines++;
}

/* Take the oldest entry of the queue, which is not empty. */
static unsigned
ld_pop(struct ldisc *ld)
{
	unsigned v = ld->ld_in[ld->ld_start];

	ld->ld_start = (ld->ld_start + 1) % TTY_INQ;
	ld->ld_count--;
	if (v == '\n' || v == LD_EOF)
		ld->ld_lines--;
	return v;
}

/* Echo the bytes of S, if echoing; what does not fit is dropped. */
static void
ld_echo(struct ldisc *ld, const char *s)
{
	if ((ld->ld_lflag & TTY_ECHO) == 0)
		return;
	for (; *s != '\0' && ld->ld_echolen < TTY_ECHOMAX; s++)
		ld->ld_echo[ld->ld_echolen++] = *s;
}

/* Is C shown as two columns, ^X? (Tab and newline are not.) */
static int
ld_is_control(int c)
{
	return (c < ' ' && c != '\t' && c != '\n') || c == 0x7f;
}

/* Echo C as it appears in a line: itself, or ^X. */
static void
ld_echo_char(struct ldisc *ld, int c)
{
	char s[3] = { (char)c, '\0', '\0' };

	if (ld_is_control(c)) {
		s[0] = '^';
		s[1] = (char)(c == 0x7f ? '?' : c + '@');
	}
	ld_echo(ld, s);
}

/* Erase the last character of the line, on the screen too. */
static void
ld_erase(struct ldisc *ld)
{
	int c;

	if (ld->ld_linelen == 0)
		return;
	c = (unsigned char)ld->ld_line[--ld->ld_linelen];
	ld_echo(ld, "\b \b");
	if (ld_is_control(c))
		ld_echo(ld, "\b \b");
}
/* Move the line and its end END (\n or LD_EOF) to the queue: 0, or -1
 * (and nothing moved) when the queue has no room. */
static int
ld_commit(struct ldisc *ld, unsigned end)
{
	unsigned i;

	if (ld->ld_count + ld->ld_linelen + 1 > TTY_INQ)
		return -1;
	for (i = 0; i < ld->ld_linelen; i++)
		ld_push(ld, (unsigned char)ld->ld_line[i]);
	ld_push(ld, end);
	ld->ld_linelen = 0;
	return 0;
}

/* Forget the line being typed and every input not yet read. */
static void
ld_flush(struct ldisc *ld)
{
	ld->ld_linelen = 0;
	ld->ld_start = ld->ld_count = ld->ld_lines = 0;
}

/* One character typed: edit, queue, echo; what happened (LD_*). */
int
ldisc_input(struct ldisc *ld, int c)
{
	c &= 0xff;
	if ((ld->ld_lflag & TTY_ISIG) != 0 &&
	    (c == LD_VINTR || c == LD_VQUIT)) {
		ld_flush(ld);
		ld_echo(ld, c == LD_VINTR ? "^C\n" : "^\\\n");
		return c == LD_VINTR ? LD_SIGINT : LD_SIGQUIT;
	}
	if ((ld->ld_lflag & TTY_ICANON) == 0) {
		if (ld->ld_count == TTY_INQ)
			return 0;			/* full: dropped */
		ld_push(ld, (unsigned)c);
		ld_echo(ld, (char[]){ (char)c, '\0' });
		return LD_READABLE;
	}
	if (c == '\r')
		c = '\n';
	if (c == LD_VERASE || c == LD_VERASE2) {
		ld_erase(ld);
		return 0;
	}
	if (c == LD_VKILL) {
		while (ld->ld_linelen > 0)
			ld_erase(ld);
		return 0;
	}
	if (c == '\n' || c == LD_VEOF) {
		if (ld_commit(ld, c == '\n' ? '\n' : LD_EOF) != 0) {
			ld_echo(ld, "\a");
			return 0;
		}
		if (c == '\n')
			ld_echo(ld, "\n");
		return LD_READABLE;
	}
	if (ld->ld_linelen + 1 >= TTY_MAXLINE ||
	    ld->ld_count + ld->ld_linelen + 2 > TTY_INQ) {
		ld_echo(ld, "\a");			/* no room: the bell */
		return 0;
	}
	ld->ld_line[ld->ld_linelen++] = (char)c;
	ld_echo_char(ld, c);
	return 0;
}
/* Take up to N bytes of input into BUF: how many (0: ^D), or
 * -EWOULDBLOCK when there is nothing to read yet. */
int
ldisc_read(struct ldisc *ld, char *buf, unsigned n)
{
	unsigned k = 0, v;

	if ((ld->ld_lflag & TTY_ICANON) != 0) {
		if (ld->ld_lines == 0)
			return -EWOULDBLOCK;
		while (k < n) {
			if ((v = ld_pop(ld)) == LD_EOF)
				break;
			buf[k++] = (char)v;
			if (v == '\n')
				break;
		}
		return (int)k;
	}
	while (k < n && ld->ld_count > 0)
		if ((v = ld_pop(ld)) != LD_EOF)
			buf[k++] = (char)v;
	return k > 0 ? (int)k : -EWOULDBLOCK;
}

/* Bytes a read could take now (FIONREAD). */
int
ldisc_nread(const struct ldisc *ld)
{
	unsigned i, n = 0;

	if ((ld->ld_lflag & TTY_ICANON) != 0 && ld->ld_lines == 0)
		return 0;
	for (i = 0; i < ld->ld_count; i++)
		if (ld->ld_in[(ld->ld_start + i) % TTY_INQ] != LD_EOF)
			n++;
	return (int)n;
}
/* A discipline in the default mode, with nothing typed. */
void
ldisc_init(struct ldisc *ld)
{
	ld->ld_lflag = TTY_DEFAULT;
	ld_flush(ld);
	ld->ld_echolen = 0;
}

/* Switch to mode LFLAG (TTY_* bits): LD_READABLE if input may now be
 * read that could not before, else 0. */
int
ldisc_setmode(struct ldisc *ld, unsigned lflag)
{
	unsigned i, v;

	if ((ld->ld_lflag & TTY_ICANON) != 0 && (lflag & TTY_ICANON) == 0)
		for (i = 0; i < ld->ld_linelen; i++)
			ld_push(ld, (unsigned char)ld->ld_line[i]);
	ld->ld_linelen = 0;
	ld->ld_lflag = lflag & TTY_MODEMASK;
	ld->ld_lines = 0;
	for (i = 0; i < ld->ld_count; i++) {
		v = ld->ld_in[(ld->ld_start + i) % TTY_INQ];
		if (v == '\n' || v == LD_EOF)
			ld->ld_lines++;
	}
	return ldisc_nread(ld) > 0 || ld->ld_lines > 0 ? LD_READABLE : 0;
}
