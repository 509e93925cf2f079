/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include "arch/i386/cpufunc.h"
#include "arch/i386/uart.h"
#include "kern/cons.h"
#include "kern/msgbuf.h"

#define DEBUG_PORT	0xE9	/* Bochs' and QEMU's "print this byte" */

/* The console's boot step (banner.c) calls this before anything prints. */
void
cons_init(void)
{
	uart_init();
}

/* One character to the message buffer, the debug port and COM1. */
void
cons_putc(int c)
{
	msgbuf_putc(&kmsgbuf, c);
	outb(DEBUG_PORT, (uint8_t)c);
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

/* Wait for a byte typed on COM1; polls, so any context that may spin. */
int
cons_getc(void)
{
	int c;

	while ((c = uart_getc()) < 0)
		cpu_pause();
	return c;
}
