/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/ioapic.h"
#include "arch/i386/machine.h"
#include "kern/errno.h"

/* Polarity and trigger of an override's FLAGS (ISA's defaults for bus). */
static void
isa_signal(uint16_t flags, struct isa_route *r)
{
	r->active_low = (flags & IRQ_POLARITY_MASK) == IRQ_POLARITY_LOW;
	r->level = (flags & IRQ_TRIGGER_MASK) == IRQ_TRIGGER_LEVEL;
}

/* Where ISA IRQ arrives (GSI, polarity, trigger); pure, host-tested. */
int
isa_irq_route(const struct machine_info *mi, int irq, struct isa_route *r)
{
	int i;

	if (irq < 0 || irq >= ISA_NIRQ)
		return -EINVAL;
	for (i = 0; i < mi->noverrides; i++)
		if (mi->overrides[i].isa_irq == irq) {
			r->gsi = mi->overrides[i].gsi;
			isa_signal(mi->overrides[i].flags, r);
			return 0;
		}
	for (i = 0; i < mi->noverrides; i++)
		if (mi->overrides[i].gsi == (uint32_t)irq)
			return -ENOENT;		/* another IRQ took it */
	r->gsi = (uint32_t)irq;
	isa_signal(0, r);
	return 0;
}
