/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * PCI's pure arithmetic (src/arch/i386/pci_addr.c, book/38-pci.nw):
 * mechanism 1's address against addresses written out by hand from the
 * layout (enable 31, bus 23..16, slot 15..11, function 10..8, register
 * 7..2), and the decoding of I/O and memory BARs.
 */
#include <stdint.h>

#include "arch/i386/pci.h"
#include "check.h"
#include "suites.h"

static void
test_pci_cfg_address(void)
{
	/* bus 0, slot 0, function 0, vendor: just the enable bit. */
	CU_ASSERT_EQUAL(pci_cfg_address(0, 0, 0, 0), 0x80000000u);
	/* 00:01.1 register 0x20 (BAR4): 1 << 11 | 1 << 8 | 0x20. */
	CU_ASSERT_EQUAL(pci_cfg_address(0, 1, 1, 0x20), 0x80000920u);
	/* the low two bits of the register are not part of the address */
	CU_ASSERT_EQUAL(pci_cfg_address(0, 1, 1, 0x0B), 0x80000908u);
	/* the largest of each field */
	CU_ASSERT_EQUAL(pci_cfg_address(255, 31, 7, 0xFC), 0x80FFFFFCu);
	/* bus 2, slot 3, function 4, register 0x3C */
	CU_ASSERT_EQUAL(pci_cfg_address(2, 3, 4, 0x3C),
	    0x80000000u | 2u << 16 | 3u << 11 | 4u << 8 | 0x3Cu);
}

static void
test_pci_bar_decode(void)
{
	uint32_t base = 0;

	/* PIIX3's BAR4 as the BIOS leaves it: I/O at 0xc040. */
	CU_ASSERT_EQUAL(pci_bar_decode(0x0000C041u, &base), 1);
	CU_ASSERT_EQUAL(base, 0xC040u);
	/* a 32-bit memory BAR, prefetchable (bit 3): flags dropped */
	CU_ASSERT_EQUAL(pci_bar_decode(0xFD000008u, &base), 0);
	CU_ASSERT_EQUAL(base, 0xFD000000u);
	/* an I/O BAR's bit 1 is reserved, not part of the base */
	CU_ASSERT_EQUAL(pci_bar_decode(0x00001F03u, &base), 1);
	CU_ASSERT_EQUAL(base, 0x1F00u);
}

static const struct unit_test pci_tests[] = {
	{ "pci_cfg_address", test_pci_cfg_address },
	{ "pci_bar_decode", test_pci_bar_decode },
	{ NULL, NULL }
};

int
add_pci_suite(void)
{
	return add_suite("pci", pci_tests);
}
