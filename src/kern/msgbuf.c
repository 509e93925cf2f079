/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The message buffer.  No hardware: the host unit tests compile it.
 */
#include "kern/msgbuf.h"

struct msgbuf kmsgbuf;

/* Empty MB, its count starting at FIRST (tests start near the wrap). */
void
msgbuf_init(struct msgbuf *mb, uint32_t first)
{
	mb->mb_next = first;
	mb->mb_first = first;
}

/* Append C; a single writer at a time (the console's hold). */
void
msgbuf_putc(struct msgbuf *mb, int c)
{
	uint32_t n = mb->mb_next;

	mb->mb_text[n % MSGBUF_SIZE] = (char)c;
	__asm__ __volatile__("" ::: "memory");	/* the text, then the count */
	mb->mb_next = n + 1;
}

/* The count now: what msgbuf_since will read from. */
uint32_t
msgbuf_mark(const struct msgbuf *mb)
{
	return mb->mb_next;
}

/* The oldest count the ring still holds. */
uint32_t
msgbuf_oldest(const struct msgbuf *mb)
{
	uint32_t next = mb->mb_next;

	return next - mb->mb_first > MSGBUF_SIZE ? next - MSGBUF_SIZE :
	    mb->mb_first;
}

/* Copy what was written since MARK (NUL-terminated) into BUF; the count. */
uint32_t
msgbuf_since(const struct msgbuf *mb, uint32_t mark, char *buf, size_t len)
{
	uint32_t written = mb->mb_next - mark, from = mark, i;

	if (written > MSGBUF_SIZE)		/* the oldest are gone */
		from = mark + (written - MSGBUF_SIZE);
	for (i = 0; from + i != mark + written && i + 1 < len; i++)
		buf[i] = mb->mb_text[(from + i) % MSGBUF_SIZE];
	buf[i] = '\0';
	return written;
}
