/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/pci.h"

/* Mechanism 1's address of BUS:SLOT.FUNC register REG; pure. */
uint32_t
pci_cfg_address(int bus, int slot, int func, int reg)
{
	return PCI_CONFIG_ENABLE | ((uint32_t)(bus & 0xFF) << 16) |
	    ((uint32_t)(slot & 0x1F) << 11) | ((uint32_t)(func & 0x7) << 8) |
	    ((uint32_t)reg & 0xFC);
}

/* 1 and the base for an I/O BAR, 0 and the base for memory; pure. */
int
pci_bar_decode(uint32_t raw, uint32_t *base)
{
	if (raw & PCI_BAR_IO) {
		*base = raw & PCI_BAR_IO_MASK;
		return 1;
	}
	*base = raw & PCI_BAR_MEM_MASK;
	return 0;
}
