/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The MP tables of Intel's MultiProcessor Specification 1.4: the
 * fallback for machines whose ACPI tables have no usable MADT.  Like
 * acpi.c, no hardware access, so it runs in the unit tests too.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/acpi.h"
#include "arch/i386/machine.h"
#include "arch/i386/mptable.h"
#include "kern/errno.h"
#include "kern/kstring.h"

/* Is there a valid MP floating pointer at PADDR? */
static int
mp_pointer_ok(const struct physmem *mem, uint32_t paddr)
{
	const struct mp_pointer *fp = mem->map(mem->arg, paddr, sizeof(*fp));

	return fp != NULL && kstrncmp(fp->signature, "_MP_", 4) == 0 &&
	    fp->length == 1 && acpi_sum(fp, 16) == 0;
}

/* The first MP floating pointer in the range, or 0. */
static uint32_t
mp_scan_range(const struct physmem *mem, uint32_t start, uint32_t len)
{
	uint32_t p;

	for (p = start; p + 16 <= start + len; p += 16)
		if (mp_pointer_ok(mem, p))
			return p;
	return 0;
}

/* The MP floating pointer: EBDA, top of base memory, BIOS; 0 if none. */
uint32_t
mp_find_pointer(const struct physmem *mem)
{
	const uint8_t *bda = mem->map(mem->arg, 0x40E, 7);
	uint32_t ebda = 0, base_kib = 639, p = 0;

	if (bda != NULL) {
		ebda = (uint32_t)(bda[0] | bda[1] << 8) << 4;
		base_kib = (uint32_t)(bda[5] | bda[6] << 8);  /* at 0x413 */
	}
	if (ebda >= 0x80000 && ebda < 0xA0000)
		p = mp_scan_range(mem, ebda, 1024);
	if (p == 0 && base_kib >= 512 && base_kib <= 640)
		p = mp_scan_range(mem, base_kib * 1024 - 1024, 1024);
	if (p == 0)
		p = mp_scan_range(mem, 0xF0000, 0x10000);
	return p;
}

struct mp_walk {
	uint8_t	isa[256 / 8];	/* a bit for each bus_id that is ISA */
	uint32_t next_gsi;	/* gsi_base for the next I/O APIC */
};

/* One MP entry into MI. */
static void
mp_entry(struct machine_info *mi, struct mp_walk *w, const uint8_t *p)
{
	const struct mp_cpu *c = (const struct mp_cpu *)p;
	const struct mp_bus *b = (const struct mp_bus *)p;
	const struct mp_ioapic *io = (const struct mp_ioapic *)p;

	switch (*p) {
	case MP_ENTRY_CPU:
		if ((c->flags & MP_CPU_ENABLED) == 0)
			mi->cpus_disabled++;
		else
			machine_add_cpu(mi, c->apic_id, 0xFF,
			    (c->flags & MP_CPU_BSP) != 0);
		break;
	case MP_ENTRY_BUS:
		if (kstrncmp(b->bus_type, "ISA   ", 6) == 0)
			w->isa[b->bus_id / 8] |= 1 << (b->bus_id % 8);
		break;
	case MP_ENTRY_IOAPIC:
		if ((io->flags & MP_IOAPIC_ENABLED) == 0)
			break;
		machine_add_ioapic(mi, io->id, io->paddr, w->next_gsi);
		w->next_gsi += 24;
		break;
	}
}

/* An I/O interrupt entry of an ISA bus, as an override. */
static void
mp_interrupt(struct machine_info *mi, struct mp_walk *w,
    const struct mp_irq *q)
{
	uint32_t gsi;
	int i;

	if (q->irq_type != MP_IRQ_INT || q->src_irq >= 16 ||
	    (w->isa[q->src_bus / 8] & (1 << (q->src_bus % 8))) == 0)
		return;
	for (i = 0; i < mi->nioapics; i++)
		if (q->dst_apic == 0xFF || mi->ioapics[i].id == q->dst_apic)
			break;
	if (i == mi->nioapics) {
		machine_note(mi, "PCMP: IRQ %u to unknown I/O APIC %u",
		    q->src_irq, q->dst_apic);
		return;
	}
	gsi = mi->ioapics[i].gsi_base + q->dst_pin;
	if (gsi != q->src_irq || q->flags != 0)
		machine_add_override(mi, q->src_irq, gsi, q->flags);
}

/* Every entry of CFG into MI; -EINVAL for a broken entry. */
static int
mp_walk_entries(struct machine_info *mi, const struct mp_config *cfg,
    struct mp_walk *w, int pass)
{
	const uint8_t *p = (const uint8_t *)(cfg + 1);
	const uint8_t *end = (const uint8_t *)cfg + cfg->length;
	uint32_t i, size;

	for (i = 0; i < cfg->entry_count; i++, p += size) {
		size = p < end && *p == MP_ENTRY_CPU ? sizeof(struct mp_cpu) : 8;
		if (p >= end || *p > MP_ENTRY_LINT || (uint32_t)(end - p) < size) {
			machine_note(mi, "PCMP: entry %u is corrupt", i);
			return -EINVAL;
		}
		if (pass == 1)
			mp_entry(mi, w, p);
		else if (*p == MP_ENTRY_IOINT)
			mp_interrupt(mi, w, (const struct mp_irq *)p);
	}
	return 0;
}

/* One of the specification's default configurations: two CPUs. */
static void
mp_default_config(struct machine_info *mi)
{
	mi->lapic_paddr = LAPIC_DEFAULT_PADDR;
	machine_add_cpu(mi, 0, 0xFF, 1);
	machine_add_cpu(mi, 1, 0xFF, 0);
	machine_add_ioapic(mi, 2, 0xFEC00000, 0);
	mi->has_8259 = 1;
}

/* The MP configuration table at PADDR into MI; 0 or an error. */
int
mp_parse_config(struct machine_info *mi, const struct physmem *mem,
    uint32_t paddr)
{
	const struct mp_config *cfg = mem->map(mem->arg, paddr, sizeof(*cfg));
	struct mp_walk w;

	if (cfg == NULL || kstrncmp(cfg->signature, "PCMP", 4) != 0 ||
	    cfg->length < sizeof(*cfg) ||
	    (cfg = mem->map(mem->arg, paddr, cfg->length)) == NULL ||
	    acpi_sum(cfg, cfg->length) != 0) {
		machine_note(mi, "PCMP at 0x%x: bad signature, length or "
		    "checksum", paddr);
		return -EINVAL;
	}
	kmemset(&w, 0, sizeof(w));
	machine_set_oem(mi, cfg->oem_id, sizeof(cfg->oem_id));
	mi->lapic_paddr = cfg->lapic_paddr;
	mi->has_8259 = 1;	/* MP machines are PC/AT compatible */
	if (mp_walk_entries(mi, cfg, &w, 1) != 0 ||
	    mp_walk_entries(mi, cfg, &w, 2) != 0)
		return -EINVAL;
	if (mi->ncpus == 0) {
		machine_note(mi, "PCMP: no usable CPU listed");
		return -EINVAL;
	}
	return 0;
}

/* Describe the machine from the MP tables; 0 or an error. */
int
mp_scan(struct machine_info *mi, const struct physmem *mem)
{
	const struct mp_pointer *fp;
	uint32_t paddr = mp_find_pointer(mem);

	if (paddr == 0 || (fp = mem->map(mem->arg, paddr, 16)) == NULL)
		return -ENOENT;
	mi->root_paddr = paddr;
	mi->imcr = (fp->feature2 & MP_FEATURE2_IMCR) != 0;
	if (fp->feature1 != 0) {
		mp_default_config(mi);
		return 0;
	}
	return mp_parse_config(mi, mem, fp->config_paddr);
}
