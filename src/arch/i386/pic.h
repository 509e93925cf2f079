/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The PC/AT's pair of 8259 PICs: remapped out of the way and
 * masked, since Naiad uses the APICs.
 */
#ifndef NAIAD_ARCH_PIC_H
#define NAIAD_ARCH_PIC_H

#include <stdint.h>

/**
 * \brief Move the PICs' vectors to VEC_PIC_BASE..+15, mask all their
 * inputs, and catch their spurious IRQs.  Boot CPU, once.
 */
void pic_init(void);

/** \brief The masks of the master (low byte) and the slave (high byte). */
uint16_t pic_masks(void);

/** Spurious IRQ 7s and 15s seen since boot (any CPU may read it). */
extern volatile uint32_t pic_spurious_count;

#endif /* !NAIAD_ARCH_PIC_H */
