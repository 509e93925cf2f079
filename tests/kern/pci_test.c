/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The PCI scan (book/38-pci.nw) against the bus itself: the table the
 * boot step filled must agree with what configuration space says now,
 * the IDE controller must be found with its bus-master BAR, and a
 * register write must read back without disturbing its neighbour.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/pci.h"
#include "kern/errno.h"
#include "kern/ktest.h"

/* The first function is the host bridge at 00:00.0, as on every PC. */
KTEST(pci_host_bridge_is_slot_0)
{
	const struct pci_func *pf = pci_func_at(0);

	KT_ASSERT(pf != NULL);
	if (pf == NULL)
		return;
	KT_EXPECT_EQ(0, pf->pf_slot);
	KT_EXPECT_EQ(0, pf->pf_func);
	KT_EXPECT_EQ(PCI_CLASS_BRIDGE, pf->pf_class);
	KT_EXPECT_EQ(PCI_SUBCLASS_HOST, pf->pf_subclass);
	KT_ASSERT(pci_find_class(PCI_CLASS_BRIDGE, PCI_SUBCLASS_HOST, 0) == pf);
}

/* The entry of SLOT.FUNC in the table, or NULL. */
static const struct pci_func *
table_has(int slot, int func)
{
	int i;

	for (i = 0; i < pci_nfuncs(); i++)
		if (pci_func_at(i)->pf_slot == slot &&
		    pci_func_at(i)->pf_func == func)
			return pci_func_at(i);
	return NULL;
}

/* Every function of bus 0 (functions 1-7 of multi-function devices)
 * answers exactly when the table holds it, and every entry's identity
 * reads the same from configuration space. */
KTEST(pci_table_agrees_with_the_bus)
{
	const struct pci_func *pf;
	int slot, func, nfuncs, i, present;

	KT_ASSERT(pci_nfuncs() >= 2);
	for (slot = 0; slot < PCI_NSLOTS; slot++) {
		nfuncs = 1;
		if (pci_cfg_read16(0, slot, 0, PCI_VENDOR_ID) !=
		    PCI_VENDOR_NONE && (pci_cfg_read8(0, slot, 0,
		    PCI_HEADER_TYPE) & PCI_HEADER_MULTI))
			nfuncs = PCI_NFUNCS;
		for (func = 0; func < nfuncs; func++) {
			present = pci_cfg_read16(0, slot, func,
			    PCI_VENDOR_ID) != PCI_VENDOR_NONE;
			if (present != (table_has(slot, func) != NULL))
				ktest_fail(kt, __FILE__, __LINE__,
				    "00:%02x.%x: %s on the bus but %s in the "
				    "table", slot, func, present ? "present" :
				    "absent", present ? "not" : "yet");
		}
	}
	for (i = 0; i < pci_nfuncs(); i++) {
		pf = pci_func_at(i);
		KT_EXPECT_EQ(pf->pf_vendor, pci_cfg_read16(0, pf->pf_slot,
		    pf->pf_func, PCI_VENDOR_ID));
		KT_EXPECT_EQ(pf->pf_device, pci_cfg_read16(0, pf->pf_slot,
		    pf->pf_func, PCI_DEVICE_ID));
		KT_EXPECT_EQ(pf->pf_class, pci_cfg_read8(0, pf->pf_slot,
		    pf->pf_func, PCI_CLASS));
		KT_EXPECT_EQ(pf->pf_subclass, pci_cfg_read8(0, pf->pf_slot,
		    pf->pf_func, PCI_SUBCLASS));
		/* the 32-bit read holds the two 16-bit ones */
		KT_EXPECT_EQ((uint32_t)pf->pf_device << 16 | pf->pf_vendor,
		    pci_cfg_read32(0, pf->pf_slot, pf->pf_func, 0));
	}
	KT_ASSERT(pci_func_at(pci_nfuncs()) == NULL);
	KT_ASSERT(pci_func_at(-1) == NULL);
}

/* The IDE controller is there, with an I/O BAR4 of sixteen ports. */
KTEST(pci_finds_the_ide_controller_and_bar4)
{
	const struct pci_func *ide;
	uint16_t base = 0;

	ide = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0);
	KT_ASSERT(ide != NULL);
	if (ide == NULL)
		return;
	KT_EXPECT_EQ(0, pci_bar_io(ide, 4, &base));
	KT_ASSERT(base != 0);
	KT_EXPECT_EQ(0, base & 0xF);
	KT_EXPECT_EQ(base, pci_cfg_read32(0, ide->pf_slot, ide->pf_func,
	    PCI_BAR(4)) & PCI_BAR_IO_MASK);
	KT_EXPECT_EQ(-ENOENT, pci_bar_io(ide, 6, &base));
}

/* A byte register written reads back, its neighbour keeps its value. */
KTEST(pci_byte_write_reads_back)
{
	const struct pci_func *ide;
	uint8_t old, pin, probe;

	ide = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0);
	KT_ASSERT(ide != NULL);
	if (ide == NULL)
		return;
	old = pci_cfg_read8(0, ide->pf_slot, ide->pf_func,
	    PCI_INTERRUPT_LINE);
	pin = pci_cfg_read8(0, ide->pf_slot, ide->pf_func, PCI_INTERRUPT_PIN);
	probe = (uint8_t)(old ^ 0x5A);
	pci_cfg_write8(0, ide->pf_slot, ide->pf_func, PCI_INTERRUPT_LINE,
	    probe);
	KT_EXPECT_EQ(probe, pci_cfg_read8(0, ide->pf_slot, ide->pf_func,
	    PCI_INTERRUPT_LINE));
	KT_EXPECT_EQ(pin, pci_cfg_read8(0, ide->pf_slot, ide->pf_func,
	    PCI_INTERRUPT_PIN));
	KT_EXPECT_EQ((uint32_t)probe, pci_cfg_read32(0, ide->pf_slot,
	    ide->pf_func, PCI_INTERRUPT_LINE) & 0xFF);
	pci_cfg_write8(0, ide->pf_slot, ide->pf_func, PCI_INTERRUPT_LINE,
	    old);
	KT_EXPECT_EQ(old, pci_cfg_read8(0, ide->pf_slot, ide->pf_func,
	    PCI_INTERRUPT_LINE));
}
