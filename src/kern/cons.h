/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel console: COM1 plus the 0xE9 debug port.
 */
#ifndef NAIAD_KERN_CONS_H
#define NAIAD_KERN_CONS_H

/** Set up every console device; the console's boot step calls it. */
void cons_init(void);
/** Print one character on every console. */
void cons_putc(int c);
/** Wait for a character typed on the serial console and return it. */
int cons_getc(void);

#endif /* !NAIAD_KERN_CONS_H */
