/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The machine description: filled by the ACPI and MP parsers through
 * the functions below.  No hardware access, and no call to the parsers
 * (machine_scan.c chooses between them); the unit tests run it on the
 * host.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/machine.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"

/* An empty description, source "none". */
void
machine_clear(struct machine_info *mi)
{
	kmemset(mi, 0, sizeof(*mi));
	mi->source = "none";
}

/* Remember a problem of the tables (the first few; the rest counted). */
void
machine_note(struct machine_info *mi, const char *fmt, ...)
{
	va_list ap;

	if (mi->nnotes < MACHINE_NOTES) {
		va_start(ap, fmt);
		kvsnprintf(mi->notes[mi->nnotes], MACHINE_NOTE_LEN, fmt, ap);
		va_end(ap);
	}
	mi->nnotes++;
}

/* The OEM ID without its padding spaces. */
void
machine_set_oem(struct machine_info *mi, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < len && i < sizeof(mi->oem) - 1 && id[i] != '\0'; i++)
		mi->oem[i] = id[i];
	while (i > 0 && mi->oem[i - 1] == ' ')
		i--;
	mi->oem[i] = '\0';
}

/* A usable CPU; beyond MAXCPU only counted, a duplicate noted. */
void
machine_add_cpu(struct machine_info *mi, uint8_t apic_id, uint8_t acpi_id,
    int bsp)
{
	struct machine_cpu *c;
	int i;

	for (i = 0; i < mi->ncpus; i++) {
		if (mi->cpus[i].apic_id == apic_id) {
			machine_note(mi, "CPU with APIC ID %u listed twice",
			    apic_id);
			return;
		}
	}
	if (mi->ncpus == MAXCPU) {
		mi->cpus_ignored++;
		return;
	}
	c = &mi->cpus[mi->ncpus++];
	c->apic_id = apic_id;
	c->acpi_id = acpi_id;
	c->bsp = bsp != 0;
}

/* An I/O APIC; beyond MAXIOAPIC noted. */
void
machine_add_ioapic(struct machine_info *mi, uint8_t id, uint32_t paddr,
    uint32_t gsi_base)
{
	struct machine_ioapic *io;

	if (mi->nioapics == MAXIOAPIC) {
		machine_note(mi, "I/O APIC %u ignored: MAXIOAPIC is %d", id,
		    MAXIOAPIC);
		return;
	}
	io = &mi->ioapics[mi->nioapics++];
	io->id = id;
	io->paddr = paddr;
	io->gsi_base = gsi_base;
}

/* ISA IRQ arrives on GSI with FLAGS; a second one for an IRQ noted. */
void
machine_add_override(struct machine_info *mi, uint8_t irq, uint32_t gsi,
    uint16_t flags)
{
	struct machine_irq_override *o;
	int i;

	for (i = 0; i < mi->noverrides; i++) {
		if (mi->overrides[i].isa_irq == irq) {
			machine_note(mi, "IRQ %u overridden twice", irq);
			return;
		}
	}
	if (mi->noverrides == MAXIRQOVERRIDE)
		return;		/* cannot happen: one per IRQ, 16 IRQs */
	o = &mi->overrides[mi->noverrides++];
	o->isa_irq = irq;
	o->gsi = gsi;
	o->flags = flags;
}

/* Mark APIC_ID the boot CPU and no other; -ENOENT if not listed. */
int
machine_set_bsp(struct machine_info *mi, uint8_t apic_id)
{
	int i, found = 0;

	for (i = 0; i < mi->ncpus; i++) {
		mi->cpus[i].bsp = mi->cpus[i].apic_id == apic_id;
		found |= mi->cpus[i].bsp;
	}
	return found ? 0 : -ENOENT;
}

struct line {
	char	*buf;
	size_t	size;
	size_t	len;		/* what the whole line would need */
};

/* Append to a line being built, never past its end. */
static void
line_add(struct line *l, const char *fmt, ...)
{
	size_t at = l->len < l->size ? l->len : l->size;
	va_list ap;

	va_start(ap, fmt);
	l->len += (size_t)kvsnprintf(l->buf + at, l->size - at, fmt, ap);
	va_end(ap);
}

/* The one-line summary of MI; pure. */
int
machine_describe(const struct machine_info *mi, char *buf, size_t size)
{
	struct line l = { buf, size, 0 };
	int i;

	if (size > 0)
		buf[0] = '\0';
	if (mi->ncpus == 0) {
		line_add(&l, "no usable ACPI or MP tables");
		return (int)l.len;
	}
	line_add(&l, "%d CPU%s (APIC ID%s", mi->ncpus,
	    mi->ncpus == 1 ? "" : "s", mi->ncpus == 1 ? "" : "s");
	for (i = 0; i < mi->ncpus; i++)
		line_add(&l, " %u", mi->cpus[i].apic_id);
	line_add(&l, "), %d I/O APIC%s", mi->nioapics,
	    mi->nioapics == 1 ? "" : "s");
	for (i = 0; i < mi->nioapics; i++)
		line_add(&l, "%s0x%x", i == 0 ? " at " : " ",
		    mi->ioapics[i].paddr);
	if (mi->cpus_ignored > 0)
		line_add(&l, ", %d more CPUs ignored", mi->cpus_ignored);
	line_add(&l, ", from %s", mi->source);
	return (int)l.len;
}
