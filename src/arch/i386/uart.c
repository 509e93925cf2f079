/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include "arch/i386/cpufunc.h"
#include "arch/i386/uart.h"

#define COM1		0x3F8
#define UART_DATA	0	/* data (divisor low byte with DLAB) */
#define UART_IER	1	/* interrupt enable (divisor high with DLAB) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define LCR_DLAB	0x80	/* divisor latch access */
#define LCR_8N1		0x03	/* 8 data bits, no parity, 1 stop bit */
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define LSR_TX_EMPTY	0x40

#define UART_SPIN_LIMIT	100000	/* polls before we decide it is absent */

/* COM1 at 115200 8N1, FIFOs on, no interrupts; the console's boot step. */
void
uart_init(void)
{
	outb(COM1 + UART_IER, 0x00);		/* polled: no interrupts */
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, 1);		/* divisor 1: 115200 baud */
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0x07);		/* enable and clear FIFOs */
	outb(COM1 + UART_MCR, 0x03);		/* DTR and RTS */
}

/* Spin until the line status has one of BITS (bounded: a missing UART) */
static void
uart_wait(uint8_t bits)
{
	int i;

	for (i = 0; i < UART_SPIN_LIMIT; i++) {
		if ((inb(COM1 + UART_LSR) & bits) == bits)
			return;
		cpu_pause();
	}
}

/* Send one byte, waiting for room; any CPU, under the console's hold. */
void
uart_putc(int c)
{
	uart_wait(LSR_THR_EMPTY);
	outb(COM1 + UART_DATA, (uint8_t)c);
}

/* A received byte, or -1 at once when none waits (the console polls). */
int
uart_getc(void)
{
	if ((inb(COM1 + UART_LSR) & LSR_DATA_READY) == 0)
		return -1;
	return inb(COM1 + UART_DATA);
}

/* Wait until every byte has left the UART (power-off must not cut one). */
void
uart_drain(void)
{
	uart_wait(LSR_THR_EMPTY | LSR_TX_EMPTY);
}
