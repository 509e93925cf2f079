/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief PCI: configuration space by mechanism 1, the functions of bus
 * 0 found at boot, lookup by class, BARs and the command register.
 */
#ifndef NAIAD_ARCH_PCI_H
#define NAIAD_ARCH_PCI_H

#include <stdint.h>

#define PCI_CONFIG_ADDRESS	0xCF8	/**< mechanism 1: the address port */
#define PCI_CONFIG_DATA		0xCFC	/**< ... and the data port */
#define PCI_CONFIG_ENABLE	0x80000000u /**< bit 31 of an address */
#define PCI_NSLOTS		32	/**< devices on a bus */
#define PCI_NFUNCS		8	/**< functions of a device */
#define PCI_NBARS		6	/**< BARs of a type-0 header */

#define PCI_VENDOR_ID		0x00	/**< 16 bits; 0xFFFF: absent */
#define PCI_DEVICE_ID		0x02	/**< 16 bits */
#define PCI_COMMAND		0x04	/**< 16 bits, PCI_COMMAND_* */
#define PCI_STATUS		0x06	/**< 16 bits */
#define PCI_REVISION		0x08	/**< 8 bits */
#define PCI_PROGIF		0x09	/**< 8 bits: programming interface */
#define PCI_SUBCLASS		0x0A	/**< 8 bits */
#define PCI_CLASS		0x0B	/**< 8 bits */
#define PCI_HEADER_TYPE		0x0E	/**< 8 bits */
#define PCI_BAR(n)		(0x10 + 4 * (n)) /**< 32 bits: BAR n */
#define PCI_INTERRUPT_LINE	0x3C	/**< 8 bits */
#define PCI_INTERRUPT_PIN	0x3D	/**< 8 bits */

#define PCI_VENDOR_NONE		0xFFFF	/**< what an empty slot reads */
#define PCI_HEADER_MULTI	0x80	/**< several functions */
#define PCI_HEADER_TYPE_MASK	0x7F	/**< the header's layout */
#define PCI_COMMAND_IO		0x0001	/**< decode its I/O BARs */
#define PCI_COMMAND_MEMORY	0x0002	/**< decode its memory BARs */
#define PCI_COMMAND_MASTER	0x0004	/**< may master the bus (DMA) */
#define PCI_BAR_IO		0x1	/**< bit 0 of a BAR: I/O ports */
#define PCI_BAR_IO_MASK		0xFFFFFFFCu /**< an I/O BAR's base */
#define PCI_BAR_MEM_MASK	0xFFFFFFF0u /**< a memory BAR's base */

#define PCI_CLASS_STORAGE	0x01	/**< mass storage controller */
#define PCI_SUBCLASS_IDE	0x01	/**< ... an IDE controller */
#define PCI_CLASS_BRIDGE	0x06	/**< bridge */
#define PCI_SUBCLASS_HOST	0x00	/**< ... the host bridge */
#define PCI_MAXFUNCS		32	/**< functions the kernel keeps */

/** One function found on the bus, as its header said at boot. */
struct pci_func {
	uint8_t		pf_bus;		/**< bus number */
	uint8_t		pf_slot;	/**< device (slot) on the bus, 0..31 */
	uint8_t		pf_func;	/**< function, 0..7 */
	uint8_t		pf_header;	/**< header type, without bit 7 */
	uint16_t	pf_vendor;	/**< vendor ID */
	uint16_t	pf_device;	/**< device ID */
	uint8_t		pf_class;	/**< class */
	uint8_t		pf_subclass;	/**< subclass */
	uint8_t		pf_progif;	/**< programming interface */
	uint8_t		pf_revision;	/**< revision */
	uint8_t		pf_irq_line;	/**< interrupt line the BIOS wrote */
	uint8_t		pf_irq_pin;	/**< interrupt pin, 0: none */
	uint32_t	pf_bar[PCI_NBARS]; /**< the raw BARs (header type 0) */
};

/**
 * \brief The mechanism-1 address of register \a reg of function
 * \a bus:\a slot.\a func (enable bit set, \a reg rounded down to four).
 * Pure.
 */
uint32_t pci_cfg_address(int bus, int slot, int func, int reg);

/**
 * \brief Decode BAR value \a raw: 1 and the I/O base in *\a base for an
 * I/O BAR, 0 and the memory base for a memory BAR.  Pure.
 */
int pci_bar_decode(uint32_t raw, uint32_t *base);

/** \brief Read the 32-bit register \a reg (a multiple of 4) of a function. */
uint32_t pci_cfg_read32(int bus, int slot, int func, int reg);
/** \brief Read the 16-bit register at \a reg (even) of a function. */
uint16_t pci_cfg_read16(int bus, int slot, int func, int reg);
/** \brief Read the byte register at \a reg of a function. */
uint8_t pci_cfg_read8(int bus, int slot, int func, int reg);
/** \brief Write the 32-bit register \a reg (a multiple of 4). */
void pci_cfg_write32(int bus, int slot, int func, int reg, uint32_t v);
/** \brief Write the 16-bit register at \a reg (even). */
void pci_cfg_write16(int bus, int slot, int func, int reg, uint16_t v);
/** \brief Write the byte register at \a reg. */
void pci_cfg_write8(int bus, int slot, int func, int reg, uint8_t v);

/** \brief The number of functions the boot scan found. */
int pci_nfuncs(void);
/** \brief The \a i-th function found (0..pci_nfuncs()-1), or NULL. */
const struct pci_func *pci_func_at(int i);
/**
 * \brief The \a index-th function (0: the first) of class \a class and
 * subclass \a subclass, in bus order, or NULL.
 */
const struct pci_func *pci_find_class(int class, int subclass, int index);
/**
 * \brief The I/O base of BAR \a n of \a pf in *\a base.
 * \return 0; -ENOENT when the BAR is a memory BAR or unassigned (0).
 */
int pci_bar_io(const struct pci_func *pf, int n, uint16_t *base);
/**
 * \brief Set \a bits (PCI_COMMAND_*) in the command register of \a pf.
 * \return the command register as it reads afterwards.
 */
uint16_t pci_enable(const struct pci_func *pf, uint16_t bits);

#endif /* !NAIAD_ARCH_PCI_H */
