/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/pci.h"
#include "arch/i386/portio.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/monitor.h"
#include "kern/spinlock.h"
#include "kern/sysinit.h"

static struct spinlock pci_spin = SPINLOCK_INITIALIZER; /* the address port */

/* The 32-bit register REG (a multiple of four) of BUS:SLOT.FUNC. */
uint32_t
pci_cfg_read32(int bus, int slot, int func, int reg)
{
	uint32_t v;

	spin_lock(&pci_spin);
	outl(PCI_CONFIG_ADDRESS, pci_cfg_address(bus, slot, func, reg));
	v = inl(PCI_CONFIG_DATA);
	spin_unlock(&pci_spin);
	return v;
}

/* The 16-bit register at REG (even): its half of the double word. */
uint16_t
pci_cfg_read16(int bus, int slot, int func, int reg)
{
	uint16_t v;

	spin_lock(&pci_spin);
	outl(PCI_CONFIG_ADDRESS, pci_cfg_address(bus, slot, func, reg));
	v = inw(PCI_CONFIG_DATA + (reg & 2));
	spin_unlock(&pci_spin);
	return v;
}

/* The byte register at REG. */
uint8_t
pci_cfg_read8(int bus, int slot, int func, int reg)
{
	uint8_t v;

	spin_lock(&pci_spin);
	outl(PCI_CONFIG_ADDRESS, pci_cfg_address(bus, slot, func, reg));
	v = inb(PCI_CONFIG_DATA + (reg & 3));
	spin_unlock(&pci_spin);
	return v;
}

/* Write the 32-bit register REG. */
void
pci_cfg_write32(int bus, int slot, int func, int reg, uint32_t v)
{
	spin_lock(&pci_spin);
	outl(PCI_CONFIG_ADDRESS, pci_cfg_address(bus, slot, func, reg));
	outl(PCI_CONFIG_DATA, v);
	spin_unlock(&pci_spin);
}

/* Write the 16-bit register at REG, leaving its neighbours alone. */
void
pci_cfg_write16(int bus, int slot, int func, int reg, uint16_t v)
{
	spin_lock(&pci_spin);
	outl(PCI_CONFIG_ADDRESS, pci_cfg_address(bus, slot, func, reg));
	outw(PCI_CONFIG_DATA + (reg & 2), v);
	spin_unlock(&pci_spin);
}

/* Write the byte register at REG, leaving its neighbours alone. */
void
pci_cfg_write8(int bus, int slot, int func, int reg, uint8_t v)
{
	spin_lock(&pci_spin);
	outl(PCI_CONFIG_ADDRESS, pci_cfg_address(bus, slot, func, reg));
	outb(PCI_CONFIG_DATA + (reg & 3), v);
	spin_unlock(&pci_spin);
}

static struct pci_func pci_funcs[PCI_MAXFUNCS];	/* boot fills, then read-only */
static int pci_nfound;

/* Read the header of BUS:SLOT.FUNC (present) into PF. */
static void
pci_read_func(int bus, int slot, int func, struct pci_func *pf)
{
	int i;

	pf->pf_bus = bus;
	pf->pf_slot = slot;
	pf->pf_func = func;
	pf->pf_vendor = pci_cfg_read16(bus, slot, func, PCI_VENDOR_ID);
	pf->pf_device = pci_cfg_read16(bus, slot, func, PCI_DEVICE_ID);
	pf->pf_class = pci_cfg_read8(bus, slot, func, PCI_CLASS);
	pf->pf_subclass = pci_cfg_read8(bus, slot, func, PCI_SUBCLASS);
	pf->pf_progif = pci_cfg_read8(bus, slot, func, PCI_PROGIF);
	pf->pf_revision = pci_cfg_read8(bus, slot, func, PCI_REVISION);
	pf->pf_header = pci_cfg_read8(bus, slot, func, PCI_HEADER_TYPE) &
	    PCI_HEADER_TYPE_MASK;
	pf->pf_irq_line = pci_cfg_read8(bus, slot, func, PCI_INTERRUPT_LINE);
	pf->pf_irq_pin = pci_cfg_read8(bus, slot, func, PCI_INTERRUPT_PIN);
	for (i = 0; i < PCI_NBARS; i++)
		pf->pf_bar[i] = pf->pf_header == 0 ?
		    pci_cfg_read32(bus, slot, func, PCI_BAR(i)) : 0;
}

/* Every function of bus 0 into pci_funcs; boot CPU, once. */
static void
pci_scan(void)
{
	int slot, func, nfuncs;

	for (slot = 0; slot < PCI_NSLOTS; slot++) {
		if (pci_cfg_read16(0, slot, 0, PCI_VENDOR_ID) ==
		    PCI_VENDOR_NONE)
			continue;
		nfuncs = (pci_cfg_read8(0, slot, 0, PCI_HEADER_TYPE) &
		    PCI_HEADER_MULTI) ? PCI_NFUNCS : 1;
		for (func = 0; func < nfuncs; func++) {
			if (pci_cfg_read16(0, slot, func, PCI_VENDOR_ID) ==
			    PCI_VENDOR_NONE)
				continue;
			if (pci_nfound == PCI_MAXFUNCS) {
				kprintf("pci: more than %d functions; the "
				    "rest are ignored\n", PCI_MAXFUNCS);
				return;
			}
			pci_read_func(0, slot, func, &pci_funcs[pci_nfound++]);
		}
	}
}

/* How many functions the scan found. */
int
pci_nfuncs(void)
{
	return pci_nfound;
}

/* The I-th function found, or NULL. */
const struct pci_func *
pci_func_at(int i)
{
	return (i >= 0 && i < pci_nfound) ? &pci_funcs[i] : NULL;
}

/* The INDEX-th function of CLASS/SUBCLASS in bus order, or NULL. */
const struct pci_func *
pci_find_class(int class, int subclass, int index)
{
	int i;

	for (i = 0; i < pci_nfound; i++)
		if (pci_funcs[i].pf_class == class &&
		    pci_funcs[i].pf_subclass == subclass && index-- == 0)
			return &pci_funcs[i];
	return NULL;
}

/* BAR N of PF as an I/O base: 0, or -ENOENT (memory, or unassigned). */
int
pci_bar_io(const struct pci_func *pf, int n, uint16_t *base)
{
	uint32_t b;

	if (n < 0 || n >= PCI_NBARS || !pci_bar_decode(pf->pf_bar[n], &b) ||
	    b == 0 || b > 0xFFFF)
		return -ENOENT;
	*base = (uint16_t)b;
	return 0;
}

/* Set BITS in PF's command register; the register as it reads now. */
uint16_t
pci_enable(const struct pci_func *pf, uint16_t bits)
{
	uint16_t cmd;

	cmd = pci_cfg_read16(pf->pf_bus, pf->pf_slot, pf->pf_func,
	    PCI_COMMAND);
	if ((cmd & bits) != bits)
		pci_cfg_write16(pf->pf_bus, pf->pf_slot, pf->pf_func,
		    PCI_COMMAND, cmd | bits);
	return pci_cfg_read16(pf->pf_bus, pf->pf_slot, pf->pf_func,
	    PCI_COMMAND);
}

/* A few class names, for the boot line and the pci command. */
static const char *
pci_class_name(const struct pci_func *pf)
{
	switch (pf->pf_class) {
	case PCI_CLASS_STORAGE:
		return pf->pf_subclass == PCI_SUBCLASS_IDE ? "IDE controller" :
		    "storage";
	case 0x02:
		return "network";
	case 0x03:
		return "display";
	case PCI_CLASS_BRIDGE:
		return pf->pf_subclass == PCI_SUBCLASS_HOST ? "host bridge" :
		    "bridge";
	case 0x0C:
		return "serial bus";
	default:
		return "other";
	}
}

/* One line of the pci command for PF. */
static void
pci_print_func(const struct pci_func *pf)
{
	uint32_t base;
	int i, io;

	kprintf("%02x:%02x.%x %04x:%04x class %02x.%02x.%02x %s", pf->pf_bus,
	    pf->pf_slot, pf->pf_func, pf->pf_vendor, pf->pf_device,
	    pf->pf_class, pf->pf_subclass, pf->pf_progif, pci_class_name(pf));
	for (i = 0; i < PCI_NBARS; i++) {
		if (pf->pf_bar[i] == 0)
			continue;
		io = pci_bar_decode(pf->pf_bar[i], &base);
		kprintf(" bar%d %s 0x%x", i, io ? "io" : "mem", base);
	}
	if (pf->pf_irq_pin != 0)
		kprintf(" irq %u", pf->pf_irq_line);
	kprintf("\n");
}

/* The monitor's pci command: the table of the scan. */
static int
pci_command(int argc, char **argv)
{
	int i;

	(void)argc;
	(void)argv;
	for (i = 0; i < pci_nfound; i++)
		pci_print_func(&pci_funcs[i]);
	return 0;
}

MONITOR_COMMAND(pci, "pci", "pci", "the PCI functions found at boot",
    pci_command);

/* The boot step: scan bus 0 and say what was found. */
static void
pci_boot(void *arg)
{
	const struct pci_func *ide;

	(void)arg;
	pci_scan();
	ide = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0);
	kprintf("pci: %d functions on bus 0", pci_nfound);
	if (ide != NULL)
		kprintf(", IDE controller %04x:%04x at %02x:%02x.%x",
		    ide->pf_vendor, ide->pf_device, ide->pf_bus,
		    ide->pf_slot, ide->pf_func);
	kprintf("\n");
}

SYSINIT(pci, SI_SUB_PCI, SI_ORDER_FIRST, pci_boot, NULL);
