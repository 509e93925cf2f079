/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The 16550 UART on COM1, polled.
 */
#ifndef NAIAD_ARCH_UART_H
#define NAIAD_ARCH_UART_H

/** Program COM1 for 115200 baud, 8 data bits, no parity, 1 stop bit. */
void uart_init(void);
/** Send one byte, waiting until the transmitter can take it. */
void uart_putc(int c);
/** Return the next received byte, or -1 when none is waiting. */
int uart_getc(void);
/** Wait until every byte written has left the transmitter. */
void uart_drain(void);

#endif /* !NAIAD_ARCH_UART_H */
