/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apicreg.h"
#include "arch/i386/ioapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/spinlock.h"
#include "vm/pmap.h"

static struct ioapic {
	volatile uint32_t *regs;	/* select at [0], window at [4] */
	uint32_t	gsi_base;	/* the GSI of input 0 */
	int		npins;		/* inputs */
} ioapics[MAXIOAPIC];
static int nioapics;

static struct isa_irq {
	struct ioapic	*io;		/* NULL: the IRQ has no input */
	int		pin;		/* its input on io */
	struct isa_route route;
} isa_irqs[ISA_NIRQ];

static struct spinlock ioapic_lock = SPINLOCK_INITIALIZER;
/* An I/O APIC register, through its select and window. */
static uint32_t
ioapic_read(struct ioapic *io, uint32_t reg)
{
	io->regs[IOAPIC_SELECT / 4] = reg;
	return io->regs[IOAPIC_WINDOW / 4];
}

/* Write an I/O APIC register, through its select and window. */
static void
ioapic_write(struct ioapic *io, uint32_t reg, uint32_t value)
{
	io->regs[IOAPIC_SELECT / 4] = reg;
	io->regs[IOAPIC_WINDOW / 4] = value;
}

/* Write both halves of PIN's redirection entry, masked while half-written. */
static void
ioapic_write_rte(struct ioapic *io, int pin, uint64_t rte)
{
	uint32_t lo = (uint32_t)rte, hi = (uint32_t)(rte >> 32);

	ioapic_write(io, IOAPIC_REG_RTE(pin), lo | IOAPIC_RTE_MASKED);
	ioapic_write(io, IOAPIC_REG_RTE(pin) + 1, hi);
	ioapic_write(io, IOAPIC_REG_RTE(pin), lo);
}

/* PIN's redirection entry. */
static uint64_t
ioapic_read_rte(struct ioapic *io, int pin)
{
	uint64_t hi = ioapic_read(io, IOAPIC_REG_RTE(pin) + 1);

	return hi << 32 | ioapic_read(io, IOAPIC_REG_RTE(pin));
}
/* Map one I/O APIC and mask every input; boot. */
static void
ioapic_attach(const struct machine_ioapic *mio)
{
	struct ioapic *io = &ioapics[nioapics];
	int pin;

	io->regs = pmap_mapdev(mio->paddr, PAGE_SIZE);
	if (io->regs == NULL) {
		kprintf("ioapic: cannot map the I/O APIC at 0x%x\n", mio->paddr);
		return;
	}
	io->gsi_base = mio->gsi_base;
	io->npins = IOAPIC_VERSION_NPINS(ioapic_read(io, IOAPIC_REG_VERSION));
	for (pin = 0; pin < io->npins; pin++)
		ioapic_write_rte(io, pin, ioapic_rte(0, 0, 0, 0, 1));
	nioapics++;
}

/* The I/O APIC serving GSI, and its input in *PIN; NULL if none. */
static struct ioapic *
ioapic_for_gsi(uint32_t gsi, int *pin)
{
	int i;

	for (i = 0; i < nioapics; i++)
		if (gsi >= ioapics[i].gsi_base &&
		    gsi - ioapics[i].gsi_base < (uint32_t)ioapics[i].npins) {
			*pin = (int)(gsi - ioapics[i].gsi_base);
			return &ioapics[i];
		}
	return NULL;
}
/* IRQ's routing, or NULL if it has no input. */
static struct isa_irq *
isa_irq_lookup(int irq)
{
	if (irq < 0 || irq >= ISA_NIRQ)
		return NULL;
	return isa_irqs[irq].io != NULL ? &isa_irqs[irq] : NULL;
}

/* Route IRQ to VECTOR on CPU, masked; -EINVAL or -ENOENT otherwise. */
int
ioapic_route(int irq, int vector, int cpu)
{
	struct isa_irq *ii = isa_irq_lookup(irq);
	struct globaldata *gd = globaldata_find(cpu);

	if (irq < 0 || irq >= ISA_NIRQ || vector < TRAP_NEXCEPTIONS ||
	    vector >= TRAP_NVECTORS || cpu < 0 || cpu >= ncpus || gd == NULL)
		return -EINVAL;
	if (ii == NULL)
		return -ENOENT;
	spin_lock(&ioapic_lock);
	ioapic_write_rte(ii->io, ii->pin, ioapic_rte((uint8_t)vector,
	    gd->gd_apic_id, ii->route.active_low, ii->route.level, 1));
	spin_unlock(&ioapic_lock);
	return 0;
}
/* Mask or unmask IRQ under the I/O APICs' lock. */
static int
ioapic_set_mask(int irq, int masked)
{
	struct isa_irq *ii = isa_irq_lookup(irq);
	uint32_t reg, lo;

	if (irq < 0 || irq >= ISA_NIRQ)
		return -EINVAL;
	if (ii == NULL)
		return -ENOENT;
	reg = IOAPIC_REG_RTE(ii->pin);
	spin_lock(&ioapic_lock);
	lo = ioapic_read(ii->io, reg) & ~IOAPIC_RTE_MASKED;
	ioapic_write(ii->io, reg, lo | (masked ? IOAPIC_RTE_MASKED : 0));
	spin_unlock(&ioapic_lock);
	return 0;
}

/* Mask IRQ at its I/O APIC input. */
int
ioapic_mask(int irq)
{
	return ioapic_set_mask(irq, 1);
}

/* Unmask IRQ: its handler must be installed first. */
int
ioapic_unmask(int irq)
{
	return ioapic_set_mask(irq, 0);
}
/* IRQ's redirection entry, for the tests. */
int
ioapic_read_route(int irq, uint64_t *rte)
{
	struct isa_irq *ii = isa_irq_lookup(irq);

	if (irq < 0 || irq >= ISA_NIRQ)
		return -EINVAL;
	if (ii == NULL)
		return -ENOENT;
	spin_lock(&ioapic_lock);
	*rte = ioapic_read_rte(ii->io, ii->pin);
	spin_unlock(&ioapic_lock);
	return 0;
}

/* Inputs of all I/O APICs. */
int
ioapic_npins(void)
{
	int i, n = 0;

	for (i = 0; i < nioapics; i++)
		n += ioapics[i].npins;
	return n;
}
/* Every I/O APIC, every ISA IRQ routed and masked; boot CPU, once. */
void
ioapic_init(void)
{
	struct isa_irq *ii;
	int i, irq;

	for (i = 0; i < machine.nioapics; i++)
		ioapic_attach(&machine.ioapics[i]);
	for (irq = 0; irq < ISA_NIRQ; irq++) {
		ii = &isa_irqs[irq];
		if (isa_irq_route(&machine, irq, &ii->route) != 0)
			continue;
		ii->io = ioapic_for_gsi(ii->route.gsi, &ii->pin);
		if (ii->io == NULL && nioapics > 0)
			kprintf("ioapic: IRQ %d: no I/O APIC serves GSI %u\n",
			    irq, ii->route.gsi);
		else if (ii->io != NULL)
			ioapic_route(irq, VEC_ISA_BASE + irq, 0);
	}
}
