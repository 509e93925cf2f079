/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Bringing up the interrupt controllers of the boot CPU.
 */
#ifndef NAIAD_ARCH_INTR_H
#define NAIAD_ARCH_INTR_H

/**
 * \brief From now on the running CPU takes interrupts: tell the
 * scheduler (gd_intr_enabled), then sti.  Every CPU, once, at the end
 * of its start-up, in its first thread.
 */
void intr_enable(void);

#endif /* !NAIAD_ARCH_INTR_H */
