/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The ACPI tables: find the RSDP, follow the RSDT or XSDT, check every
 * table, read the MADT and the FADT.  No hardware access: physical
 * memory is reached through a struct physmem, so this file also runs in
 * the host's unit tests.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/acpi.h"
#include "arch/i386/machine.h"
#include "kern/errno.h"
#include "kern/kstring.h"

/* The byte sum of N bytes: 0 for a table whose checksum is right. */
uint8_t
acpi_sum(const void *p, uint32_t n)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (n-- > 0)
		sum += *b++;
	return sum;
}

#define RSDP_BAD	0	/* not an RSDP we can use */
#define RSDP_RSDT_ONLY	1	/* use the RSDT */
#define RSDP_XSDT_OK	2	/* the XSDT may be used too */

/* Is there a valid RSDP at PADDR?  Notes why not. */
static int
rsdp_check(struct machine_info *mi, const struct physmem *mem,
    uint32_t paddr)
{
	const struct acpi_rsdp *r;

	r = mem->map(mem->arg, paddr, ACPI_RSDP_V1_LEN);
	if (r == NULL || kstrncmp(r->signature, "RSD PTR ", 8) != 0)
		return RSDP_BAD;
	if (acpi_sum(r, ACPI_RSDP_V1_LEN) != 0) {
		if (mi != NULL)
			machine_note(mi, "RSDP at 0x%x: bad checksum", paddr);
		return RSDP_BAD;
	}
	if (r->revision < 2)
		return RSDP_RSDT_ONLY;
	r = mem->map(mem->arg, paddr, ACPI_RSDP_V2_LEN);
	if (r == NULL || r->length < ACPI_RSDP_V2_LEN || r->length > 4096 ||
	    (r = mem->map(mem->arg, paddr, r->length)) == NULL ||
	    acpi_sum(r, r->length) != 0) {
		if (mi != NULL)
			machine_note(mi, "RSDP at 0x%x: bad extended part; "
			    "using RSDT", paddr);
		return RSDP_RSDT_ONLY;
	}
	return RSDP_XSDT_OK;
}

/* The first valid RSDP on a 16-byte boundary in the range, or 0. */
static uint32_t
rsdp_scan_range(struct machine_info *mi, const struct physmem *mem,
    uint32_t start, uint32_t len)
{
	uint32_t p;

	for (p = start; p + 16 <= start + len; p += 16)
		if (rsdp_check(mi, mem, p) != RSDP_BAD)
			return p;
	return 0;
}

/* The EBDA's address, or 0 when the BIOS data area gives none. */
static uint32_t
bios_ebda_paddr(const struct physmem *mem)
{
	const uint8_t *seg = mem->map(mem->arg, 0x40E, 2);
	uint32_t paddr;

	if (seg == NULL)
		return 0;
	paddr = (uint32_t)(seg[0] | seg[1] << 8) << 4;
	return paddr >= 0x80000 && paddr < 0xA0000 ? paddr : 0;
}

/* The RSDP: in the EBDA's first KiB, else the BIOS area; 0 if none. */
uint32_t
acpi_find_rsdp(struct machine_info *mi, const struct physmem *mem)
{
	uint32_t ebda = bios_ebda_paddr(mem), p = 0;

	if (ebda != 0)
		p = rsdp_scan_range(mi, mem, ebda, 1024);
	if (p == 0)
		p = rsdp_scan_range(mi, mem, 0xE0000, 0x20000);
	return p;
}

/* Table PADDR mapped whole and checked, or NULL with a note. */
const struct acpi_header *
acpi_map_table(struct machine_info *mi, const struct physmem *mem,
    uint64_t paddr, const char *sig)
{
	const struct acpi_header *h;

	h = mem->map(mem->arg, paddr, sizeof(*h));
	if (h == NULL) {
		machine_note(mi, "%s at 0x%llx: cannot be read", sig,
		    (unsigned long long)paddr);
		return NULL;
	}
	if (kstrncmp(h->signature, sig, 4) != 0) {
		machine_note(mi, "%s at 0x%llx: wrong signature", sig,
		    (unsigned long long)paddr);
		return NULL;
	}
	if (h->length < sizeof(*h) || h->length > ACPI_TABLE_MAX ||
	    (h = mem->map(mem->arg, paddr, h->length)) == NULL) {
		machine_note(mi, "%s at 0x%llx: bad length", sig,
		    (unsigned long long)paddr);
		return NULL;
	}
	if (acpi_sum(h, h->length) != 0) {
		machine_note(mi, "%s at 0x%llx: bad checksum", sig,
		    (unsigned long long)paddr);
		return NULL;
	}
	return h;
}

struct acpi_root {
	const uint8_t *entries;	/* the first table address */
	uint32_t n;		/* how many */
	uint32_t width;		/* 4 (RSDT) or 8 (XSDT) bytes each */
};

/* The XSDT if usable, else the RSDT, in *ROOT; 0 or an error. */
static int
acpi_open_root(struct machine_info *mi, const struct physmem *mem,
    uint32_t rsdp_paddr, struct acpi_root *root)
{
	const struct acpi_rsdp *r;
	const struct acpi_header *h = NULL;
	int kind = rsdp_check(NULL, mem, rsdp_paddr);	/* noted already */

	r = mem->map(mem->arg, rsdp_paddr, ACPI_RSDP_V1_LEN);
	if (kind == RSDP_BAD || r == NULL)
		return -EINVAL;
	machine_set_oem(mi, r->oem_id, sizeof(r->oem_id));
	if (kind == RSDP_XSDT_OK && r->xsdt_paddr != 0 &&
	    r->xsdt_paddr < 0x100000000ULL) {
		h = acpi_map_table(mi, mem, r->xsdt_paddr, "XSDT");
		root->width = 8;
	}
	if (h == NULL && r->rsdt_paddr != 0) {
		h = acpi_map_table(mi, mem, r->rsdt_paddr, "RSDT");
		root->width = 4;
	}
	if (h == NULL)
		return -EINVAL;
	root->entries = (const uint8_t *)h + sizeof(*h);
	root->n = (h->length - sizeof(*h)) / root->width;
	return 0;
}

/* Entry I of the root table (32 or 64 bits wide). */
static uint64_t
acpi_root_entry(const struct acpi_root *root, uint32_t i)
{
	uint32_t e32;
	uint64_t e64;

	if (root->width == 4) {
		kmemcpy(&e32, root->entries + i * 4, 4);
		return e32;
	}
	kmemcpy(&e64, root->entries + i * 8, 8);
	return e64;
}

/* The table with signature SIG, checked, in *TP; 0 or -ENOENT. */
static int
acpi_find_table(struct machine_info *mi, const struct physmem *mem,
    const struct acpi_root *root, const char *sig,
    const struct acpi_header **table)
{
	const struct acpi_header *h;
	uint64_t paddr;
	uint32_t i;
	int error = -ENOENT;

	for (i = 0; i < root->n; i++) {
		paddr = acpi_root_entry(root, i);
		if (paddr >= 0x100000000ULL)
			continue;
		h = mem->map(mem->arg, paddr, sizeof(*h));
		if (h == NULL || kstrncmp(h->signature, sig, 4) != 0)
			continue;
		if ((*table = acpi_map_table(mi, mem, paddr, sig)) != NULL)
			return 0;
		error = -EINVAL;
	}
	return error;
}

/* Note the tables of ROOT that this kernel cannot map. */
static void
acpi_note_unreachable(struct machine_info *mi, const struct acpi_root *root)
{
	uint64_t paddr;
	uint32_t i;

	for (i = 0; i < root->n; i++)
		if ((paddr = acpi_root_entry(root, i)) >= 0x100000000ULL)
			machine_note(mi, "table at 0x%llx: above 4 GiB",
			    (unsigned long long)paddr);
}

/* A local APIC entry: a CPU if enabled. */
static void
madt_cpu(struct machine_info *mi, const struct acpi_madt_lapic *c)
{
	if ((c->flags & ACPI_MADT_LAPIC_ENABLED) == 0)
		mi->cpus_disabled++;
	else
		machine_add_cpu(mi, c->apic_id, c->acpi_id, 0);
}

/* An I/O APIC entry. */
static void
madt_ioapic(struct machine_info *mi, const struct acpi_madt_ioapic *io)
{
	machine_add_ioapic(mi, io->id, io->paddr, io->gsi_base);
}

/* The 64-bit override of the local APICs' address. */
static void
madt_lapic_addr(struct machine_info *mi,
    const struct acpi_madt_lapic_addr *a)
{
	if (a->paddr >= 0x100000000ULL)
		machine_note(mi, "APIC: local APIC above 4 GiB ignored");
	else
		mi->lapic_paddr = (uint32_t)a->paddr;
}

/* An interrupt source override (ISA bus only). */
static void
madt_override(struct machine_info *mi, const struct acpi_madt_override *o)
{
	if (o->bus != 0 || o->source >= 16) {
		machine_note(mi, "APIC: override of bus %u IRQ %u ignored",
		    o->bus, o->source);
		return;
	}
	machine_add_override(mi, o->source, o->gsi, o->flags);
}

/* One MADT entry into MI; -EINVAL for a broken length. */
static int
madt_entry(struct machine_info *mi, const struct acpi_madt_entry *e)
{
	static const uint8_t minlen[] = {
		[ACPI_MADT_LAPIC] = sizeof(struct acpi_madt_lapic),
		[ACPI_MADT_IOAPIC] = sizeof(struct acpi_madt_ioapic),
		[ACPI_MADT_OVERRIDE] = sizeof(struct acpi_madt_override),
		[ACPI_MADT_LAPIC_ADDR] = sizeof(struct acpi_madt_lapic_addr),
	};

	if (e->type < sizeof(minlen) && e->length < minlen[e->type]) {
		machine_note(mi, "APIC: entry of type %u too short", e->type);
		return -EINVAL;
	}
	switch (e->type) {
	case ACPI_MADT_LAPIC:
		madt_cpu(mi, (const struct acpi_madt_lapic *)e);
		break;
	case ACPI_MADT_IOAPIC:
		madt_ioapic(mi, (const struct acpi_madt_ioapic *)e);
		break;
	case ACPI_MADT_OVERRIDE:
		madt_override(mi, (const struct acpi_madt_override *)e);
		break;
	case ACPI_MADT_LAPIC_ADDR:
		madt_lapic_addr(mi, (const struct acpi_madt_lapic_addr *)e);
		break;
	default:
		break;		/* NMI wiring, x2APIC CPUs...: not needed */
	}
	return 0;
}

/* CPUs, I/O APICs and overrides from the MADT; 0 or -EINVAL. */
int
acpi_parse_madt(struct machine_info *mi, const struct acpi_header *h)
{
	const struct acpi_madt *madt = (const struct acpi_madt *)h;
	const uint8_t *p, *end = (const uint8_t *)h + h->length;
	const struct acpi_madt_entry *e;

	if (h->length < sizeof(*madt)) {
		machine_note(mi, "APIC: too short (%u bytes)", h->length);
		return -EINVAL;
	}
	mi->lapic_paddr = madt->lapic_paddr;
	mi->has_8259 = (madt->flags & ACPI_MADT_PCAT_COMPAT) != 0;
	for (p = (const uint8_t *)(madt + 1); p < end; p += e->length) {
		e = (const struct acpi_madt_entry *)p;
		if (end - p < 2 || e->length < 2 || e->length > end - p) {
			machine_note(mi, "APIC: entry at offset %d runs past "
			    "the end", (int)(p - (const uint8_t *)h));
			return -EINVAL;
		}
		if (madt_entry(mi, e) != 0)
			return -EINVAL;
	}
	if (mi->ncpus == 0) {
		machine_note(mi, "APIC: no usable CPU listed");
		return -EINVAL;
	}
	return 0;
}

#define AML_ZERO_OP		0x00
#define AML_ONE_OP		0x01
#define AML_NAME_OP		0x08
#define AML_BYTE_PREFIX		0x0A
#define AML_PACKAGE_OP		0x12
#define AML_ROOT_CHAR		0x5C	/* '\' */

/* One small AML integer (Zero, One, a byte prefix) at *PP; advances. */
static int
aml_small_int(const uint8_t **pp, const uint8_t *end, uint8_t *value)
{
	const uint8_t *p = *pp;

	if (p >= end)
		return -EINVAL;
	if (*p == AML_ZERO_OP || *p == AML_ONE_OP) {
		*value = *p;
		*pp = p + 1;
		return 0;
	}
	if (*p == AML_BYTE_PREFIX && end - p >= 2) {
		*value = p[1];
		*pp = p + 2;
		return 0;
	}
	return -EINVAL;		/* a word, a dword, a name: not our shortcut */
}

/* The two sleep types in the package after _S5_; 0 or -EINVAL. */
static int
s5_package(const uint8_t *p, const uint8_t *end, uint8_t *a, uint8_t *b)
{
	const uint8_t *pkg;
	uint32_t len, follow, i;

	if (end - p < 3 || *p++ != AML_PACKAGE_OP)
		return -EINVAL;
	pkg = p;
	follow = *p >> 6;
	if ((uint32_t)(end - p) < 1 + follow)
		return -EINVAL;
	len = follow == 0 ? (*p & 0x3F) : (*p & 0x0F);
	for (i = 1; i <= follow; i++)
		len |= (uint32_t)p[i] << (8 * i - 4);
	if (len > (uint32_t)(end - pkg))
		return -EINVAL;
	end = pkg + len;
	p += 1 + follow;
	if (p >= end || *p++ < 1)		/* NumElements */
		return -EINVAL;
	if (aml_small_int(&p, end, a) != 0)
		return -EINVAL;
	if (p >= end)
		*b = 0;			/* a one-element package */
	else if (aml_small_int(&p, end, b) != 0)
		return -EINVAL;
	return *a <= 7 && *b <= 7 ? 0 : -EINVAL;
}

/* Find _S5_ in the AML and read its sleep types; 0 or -ENOENT. */
int
acpi_find_s5(const uint8_t *aml, uint32_t len, uint8_t *slp_typa,
    uint8_t *slp_typb)
{
	uint32_t i;

	for (i = 1; i + 4 < len; i++) {
		if (aml[i] != '_' || aml[i + 1] != 'S' || aml[i + 2] != '5' ||
		    aml[i + 3] != '_')
			continue;
		if (aml[i - 1] != AML_NAME_OP && !(aml[i - 1] == AML_ROOT_CHAR &&
		    i >= 2 && aml[i - 2] == AML_NAME_OP))
			continue;
		if (s5_package(aml + i + 4, aml + len, slp_typa,
		    slp_typb) == 0)
			return 0;
	}
	return -ENOENT;
}

/* The power-off facts from the FADT and its DSDT; 0 or an error. */
int
acpi_parse_fadt(struct machine_info *mi, const struct physmem *mem,
    const struct acpi_header *h)
{
	const struct acpi_fadt *f = (const struct acpi_fadt *)h;
	const struct acpi_header *dsdt;
	uint64_t dsdt_paddr;

	if (h->length < ACPI_FADT_V1_LEN || f->pm1a_cnt_blk > 0xFFFF ||
	    f->pm1b_cnt_blk > 0xFFFF || f->smi_cmd > 0xFFFF) {
		machine_note(mi, "FACP: too short or bad ports");
		return -EINVAL;
	}
	mi->has_fadt = 1;
	mi->pm1a_cnt_port = (uint16_t)f->pm1a_cnt_blk;
	mi->pm1b_cnt_port = (uint16_t)f->pm1b_cnt_blk;
	mi->smi_cmd = (uint16_t)f->smi_cmd;
	mi->acpi_enable = f->acpi_enable;
	dsdt_paddr = f->dsdt;
	if (h->length >= ACPI_FADT_X_DSDT_END && f->x_dsdt != 0 &&
	    f->x_dsdt < 0x100000000ULL)
		dsdt_paddr = f->x_dsdt;
	if (dsdt_paddr == 0 ||
	    (dsdt = acpi_map_table(mi, mem, dsdt_paddr, "DSDT")) == NULL)
		return 0;
	if (acpi_find_s5((const uint8_t *)(dsdt + 1),
	    dsdt->length - sizeof(*dsdt), &mi->s5_slp_typa,
	    &mi->s5_slp_typb) == 0)
		mi->has_s5 = 1;
	else
		machine_note(mi, "DSDT: no \\_S5 package of the simple form");
	return 0;
}

/* Describe the machine from the ACPI tables; 0 or an error. */
int
acpi_scan(struct machine_info *mi, const struct physmem *mem)
{
	const struct acpi_header *fadt, *madt;
	struct acpi_root root;
	uint32_t rsdp;
	int error;

	if ((rsdp = acpi_find_rsdp(mi, mem)) == 0)
		return mi->nnotes > 0 ? -EINVAL : -ENOENT;
	if (acpi_open_root(mi, mem, rsdp, &root) != 0)
		return -EINVAL;
	mi->root_paddr = rsdp;
	acpi_note_unreachable(mi, &root);
	if (acpi_find_table(mi, mem, &root, "FACP", &fadt) == 0)
		(void)acpi_parse_fadt(mi, mem, fadt);
	error = acpi_find_table(mi, mem, &root, "APIC", &madt);
	if (error != 0)
		return error;
	return acpi_parse_madt(mi, madt);
}
