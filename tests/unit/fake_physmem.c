/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The fake physical memory of fake_physmem.h.  Table layouts follow
 * the ACPI specification and the MP specification 1.4.
 */
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "fake_physmem.h"

static uint8_t low[FAKE_LOW_SIZE];
static uint8_t high[FAKE_HIGH_SIZE];
static uint32_t high_used;

static const void *
fake_map(void *arg, uint64_t paddr, uint32_t len)
{
	(void)arg;
	if (paddr + len <= FAKE_LOW_SIZE)
		return low + paddr;
	if (paddr >= FAKE_HIGH_BASE &&
	    paddr + len <= (uint64_t)FAKE_HIGH_BASE + FAKE_HIGH_SIZE)
		return high + (paddr - FAKE_HIGH_BASE);
	return NULL;
}

const struct physmem fake_physmem = { fake_map, NULL };

void
fake_reset(void)
{
	memset(low, 0, sizeof(low));
	memset(high, 0, sizeof(high));
	high_used = 0;
}

uint8_t *
fake_ptr(uint64_t paddr)
{
	uint8_t *p = (uint8_t *)fake_map(NULL, paddr, 1);

	if (p == NULL)
		abort();	/* a broken test, not a broken parser */
	return p;
}

uint32_t
fake_alloc(uint32_t len)
{
	uint32_t paddr = FAKE_HIGH_BASE + high_used;

	high_used += (len + 15) & ~15u;
	if (high_used > FAKE_HIGH_SIZE)
		abort();
	return paddr;
}

void
fake_fix_sum(uint32_t paddr, uint32_t len, uint32_t csum)
{
	uint8_t *p = fake_ptr(paddr), sum = 0;
	uint32_t i;

	p[csum] = 0;
	for (i = 0; i < len; i++)
		sum += p[i];
	p[csum] = (uint8_t)-sum;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xFF;
	p[1] = v >> 8;
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xFFFF);
	put16(p + 2, v >> 16);
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

void
fake_set_ebda(uint32_t paddr)
{
	put16(low + 0x40E, (uint16_t)(paddr >> 4));
}

void
fake_set_base_kib(uint16_t kib)
{
	put16(low + 0x413, kib);
}

uint32_t
fake_acpi_table(const char *sig, const void *body, uint32_t len)
{
	uint32_t paddr = fake_alloc(36 + len);
	uint8_t *p = fake_ptr(paddr);

	memcpy(p, sig, 4);
	put32(p + 4, 36 + len);
	p[8] = 1;				/* revision */
	memcpy(p + 10, "NAIAD ", 6);
	memcpy(p + 16, "UNITTEST", 8);
	memcpy(p + 36, body, len);
	fake_acpi_fix(paddr);
	return paddr;
}

void
fake_acpi_fix(uint32_t paddr)
{
	uint8_t *p = fake_ptr(paddr);

	fake_fix_sum(paddr, p[4] | p[5] << 8 | p[6] << 16 | p[7] << 24, 9);
}

uint32_t
fake_rsdt(const uint32_t *tables, int n)
{
	uint8_t body[256];
	int i;

	for (i = 0; i < n; i++)
		put32(body + 4 * i, tables[i]);
	return fake_acpi_table("RSDT", body, 4 * n);
}

uint32_t
fake_xsdt(const uint64_t *tables, int n)
{
	uint8_t body[256];
	int i;

	for (i = 0; i < n; i++)
		put64(body + 8 * i, tables[i]);
	return fake_acpi_table("XSDT", body, 8 * n);
}

void
fake_rsdp(uint32_t paddr, int revision, uint32_t rsdt, uint64_t xsdt)
{
	uint8_t *p = fake_ptr(paddr);

	memcpy(p, "RSD PTR ", 8);
	memcpy(p + 9, "NAIADX", 6);
	p[15] = (uint8_t)revision;
	put32(p + 16, rsdt);
	fake_fix_sum(paddr, 20, 8);
	if (revision >= 2) {
		put32(p + 20, 36);
		put64(p + 24, xsdt);
		fake_fix_sum(paddr, 36, 32);
	}
}

void
madt_begin(struct fake_madt *m, uint32_t lapic_paddr, uint32_t flags)
{
	put32(m->body, lapic_paddr);
	put32(m->body + 4, flags);
	m->len = 8;
}

void
madt_raw(struct fake_madt *m, const void *bytes, uint32_t len)
{
	CU_ASSERT_FATAL(m->len + len <= sizeof(m->body));
	memcpy(m->body + m->len, bytes, len);
	m->len += len;
}

void
madt_cpu(struct fake_madt *m, uint8_t acpi_id, uint8_t apic_id,
    uint32_t flags)
{
	uint8_t e[8] = { 0, 8, acpi_id, apic_id };

	put32(e + 4, flags);
	madt_raw(m, e, sizeof(e));
}

void
madt_ioapic(struct fake_madt *m, uint8_t id, uint32_t paddr,
    uint32_t gsi_base)
{
	uint8_t e[12] = { 1, 12, id, 0 };

	put32(e + 4, paddr);
	put32(e + 8, gsi_base);
	madt_raw(m, e, sizeof(e));
}

void
madt_override(struct fake_madt *m, uint8_t bus, uint8_t irq, uint32_t gsi,
    uint16_t flags)
{
	uint8_t e[10] = { 2, 10, bus, irq };

	put32(e + 4, gsi);
	put16(e + 8, flags);
	madt_raw(m, e, sizeof(e));
}

uint32_t
madt_end(const struct fake_madt *m)
{
	return fake_acpi_table("APIC", m->body, m->len);
}

uint32_t
fake_fadt(uint32_t len, uint32_t dsdt, uint64_t x_dsdt, uint16_t pm1a,
    uint16_t pm1b, uint16_t smi_cmd, uint8_t enable)
{
	uint8_t body[276 - 36];

	memset(body, 0, sizeof(body));
	put32(body + 40 - 36, dsdt);
	put32(body + 48 - 36, smi_cmd);
	body[52 - 36] = enable;
	body[53 - 36] = (uint8_t)(enable + 1);	/* ACPI_DISABLE */
	put32(body + 56 - 36, pm1a - 4);	/* event blocks before */
	put32(body + 64 - 36, pm1a);
	put32(body + 68 - 36, pm1b);
	if (len >= 148)
		put64(body + 140 - 36, x_dsdt);
	return fake_acpi_table("FACP", body, len - 36);
}

void
mp_begin(struct fake_mp *m)
{
	m->len = 0;
	m->count = 0;
}

static void
mp_raw(struct fake_mp *m, const uint8_t *e, uint32_t len)
{
	CU_ASSERT_FATAL(m->len + len <= sizeof(m->body));
	memcpy(m->body + m->len, e, len);
	m->len += len;
	m->count++;
}

void
mp_cpu(struct fake_mp *m, uint8_t apic_id, uint8_t flags)
{
	uint8_t e[20] = { 0, apic_id, 0x14, flags };

	put32(e + 4, 0x0633);			/* family 6 */
	mp_raw(m, e, sizeof(e));
}

void
mp_bus(struct fake_mp *m, uint8_t id, const char *type6)
{
	uint8_t e[8] = { 1, id };

	memcpy(e + 2, type6, 6);
	mp_raw(m, e, sizeof(e));
}

void
mp_ioapic(struct fake_mp *m, uint8_t id, uint8_t flags, uint32_t paddr)
{
	uint8_t e[8] = { 2, id, 0x11, flags };

	put32(e + 4, paddr);
	mp_raw(m, e, sizeof(e));
}

void
mp_irq(struct fake_mp *m, uint8_t irq_type, uint16_t flags, uint8_t bus,
    uint8_t irq, uint8_t apic, uint8_t pin)
{
	uint8_t e[8] = { 3, irq_type, 0, 0, bus, irq, apic, pin };

	put16(e + 2, flags);
	mp_raw(m, e, sizeof(e));
}

uint32_t
mp_end(const struct fake_mp *m, uint32_t lapic)
{
	uint32_t paddr = fake_alloc(44 + m->len);
	uint8_t *p = fake_ptr(paddr);

	memcpy(p, "PCMP", 4);
	put16(p + 4, (uint16_t)(44 + m->len));
	p[6] = 4;				/* MP 1.4 */
	memcpy(p + 8, "NAIADMP ", 8);
	memcpy(p + 16, "UNIT TEST   ", 12);
	put16(p + 34, m->count);
	put32(p + 36, lapic);
	memcpy(p + 44, m->body, m->len);
	fake_fix_sum(paddr, 44 + m->len, 7);
	return paddr;
}

void
fake_mp_pointer(uint32_t paddr, uint32_t config, uint8_t feature1,
    uint8_t feature2)
{
	uint8_t *p = fake_ptr(paddr);

	memcpy(p, "_MP_", 4);
	put32(p + 4, config);
	p[8] = 1;
	p[9] = 4;
	p[11] = feature1;
	p[12] = feature2;
	fake_fix_sum(paddr, 16, 10);
}
