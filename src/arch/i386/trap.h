/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief CPU exceptions and interrupts.
 */
#ifndef NAIAD_ARCH_TRAP_H
#define NAIAD_ARCH_TRAP_H

/** \brief Install the GDT and IDT. */
void trap_init(void);

#endif
