/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ata_dma_load of src/ata/ata_dma_prd.c (book/41-atadma.nw): PRD tables
 * for buffers in a pretend physical memory whose pages the test places
 * (page i of the buffer at frame[i]), against the rules of the bus
 * master: no piece crosses 64 KiB, contiguous pages join, EOT on the
 * last entry only, refusals for odd, unmapped or too large buffers.
 */
#include <stdint.h>
#include <string.h>

#include "ata/ata_dma.h"
#include "check.h"
#include "suites.h"

#define PG	4096u
#define NPG	40

/* The pretend buffer: its host memory and where its pages "are". */
static uint8_t mem[NPG * PG] __attribute__((aligned(4096)));
static uint32_t frame[NPG];		/* physical page of page i; 0: none */

static uint32_t
fake_vtophys(const void *va)
{
	uintptr_t off = (uintptr_t)((const uint8_t *)va - mem);

	if (off >= sizeof(mem) || frame[off / PG] == 0)
		return 0;
	return frame[off / PG] + (uint32_t)(off % PG);
}

/* Lay the pages out contiguously from physical address BASE. */
static void
contiguous(uint32_t base)
{
	int i;

	for (i = 0; i < NPG; i++)
		frame[i] = base + i * PG;
}

/* Check TABLE (N entries) against the rules and that it describes LEN
 * bytes of the buffer at OFF in order. */
static void
check_rules(const struct ata_prd *t, int n, uint32_t off, uint32_t len)
{
	uint32_t count, total = 0;
	int i;

	for (i = 0; i < n; i++) {
		count = t[i].prd_count & 0xFFFF;
		if (count == 0)
			count = 0x10000;
		CHECK_MSG((t[i].prd_addr & 0xFFFF0000u) ==
		    ((t[i].prd_addr + count - 1) & 0xFFFF0000u), __LINE__,
		    "entry %d crosses 64 KiB: 0x%x + 0x%x", i, t[i].prd_addr,
		    count);
		CHECK_MSG(((t[i].prd_count & ATA_PRD_EOT) != 0) == (i == n - 1),
		    __LINE__, "entry %d: EOT 0x%x", i, t[i].prd_count);
		CHECK_MSG(t[i].prd_addr == fake_vtophys(mem + off + total),
		    __LINE__, "entry %d at 0x%x, the buffer's byte %u is at "
		    "0x%x", i, t[i].prd_addr, total,
		    fake_vtophys(mem + off + total));
		total += count;
	}
	CU_ASSERT_EQUAL(total, len);
}

static void
test_ata_dma_contiguous_splits_at_64k(void)
{
	struct ata_prd t[16];
	int n;

	/* 128 KiB from 0x30000 (a boundary): two pieces of 64 KiB, count 0 */
	contiguous(0x30000);
	n = ata_dma_load(t, 16, mem, 0x20000, fake_vtophys);
	CU_ASSERT_EQUAL(n, 2);
	check_rules(t, n, 0, 0x20000);
	CU_ASSERT_EQUAL(t[0].prd_count, 0);
	CU_ASSERT_EQUAL(t[1].prd_count, ATA_PRD_EOT);
	/* 128 KiB from 0x3F000: one page, 64 KiB, then the rest */
	contiguous(0x3F000);
	n = ata_dma_load(t, 16, mem, 0x20000, fake_vtophys);
	CU_ASSERT_EQUAL(n, 3);
	check_rules(t, n, 0, 0x20000);
	CU_ASSERT_EQUAL(t[0].prd_addr, 0x3F000u);
	CU_ASSERT_EQUAL(t[0].prd_count, PG);
	CU_ASSERT_EQUAL(t[1].prd_addr, 0x40000u);
}

static void
test_ata_dma_scattered_pages(void)
{
	struct ata_prd t[16];
	int i, n;

	/* pages in reverse order: one entry each */
	for (i = 0; i < NPG; i++)
		frame[i] = 0x100000u + (NPG - 1 - i) * PG;
	n = ata_dma_load(t, 16, mem, 5 * PG, fake_vtophys);
	CU_ASSERT_EQUAL(n, 5);
	check_rules(t, n, 0, 5 * PG);
	/* two runs: pages 0-1 together, page 2 elsewhere */
	contiguous(0x200000);
	frame[2] = 0x500000;
	n = ata_dma_load(t, 16, mem, 3 * PG, fake_vtophys);
	CU_ASSERT_EQUAL(n, 2);
	check_rules(t, n, 0, 3 * PG);
	CU_ASSERT_EQUAL(t[0].prd_count, 2 * PG);
}

static void
test_ata_dma_offset_in_a_page(void)
{
	struct ata_prd t[16];
	int n;

	/* from byte 1000 of a page, 9000 bytes, pages contiguous: one piece */
	contiguous(0x80000);
	n = ata_dma_load(t, 16, mem + 1000, 9000, fake_vtophys);
	CU_ASSERT_EQUAL(n, 1);
	check_rules(t, n, 1000, 9000);
	CU_ASSERT_EQUAL(t[0].prd_addr, 0x80000u + 1000);
	/* the second page elsewhere: up to the first page's end, the second
	 * page, the third (back after the first, but not after the second) */
	frame[1] = 0x90000;
	n = ata_dma_load(t, 16, mem + 1000, 9000, fake_vtophys);
	CU_ASSERT_EQUAL(n, 3);
	check_rules(t, n, 1000, 9000);
	CU_ASSERT_EQUAL(t[0].prd_count & 0xFFFF, PG - 1000);
}

static void
test_ata_dma_refusals(void)
{
	struct ata_prd t[4];
	int i;

	contiguous(0x10000);
	CU_ASSERT_EQUAL(ata_dma_load(t, 4, mem + 1, 512, fake_vtophys), -EINVAL);
	CU_ASSERT_EQUAL(ata_dma_load(t, 4, mem, 511, fake_vtophys), -EINVAL);
	CU_ASSERT_EQUAL(ata_dma_load(t, 4, mem, 0, fake_vtophys), -EINVAL);
	frame[1] = 0;
	CU_ASSERT_EQUAL(ata_dma_load(t, 4, mem, 2 * PG, fake_vtophys), -EINVAL);
	/* five scattered pages do not fit in four entries */
	for (i = 0; i < NPG; i++)
		frame[i] = 0x100000u + 2 * i * PG;
	CU_ASSERT_EQUAL(ata_dma_load(t, 4, mem, 5 * PG, fake_vtophys), -EINVAL);
	CU_ASSERT_EQUAL(ata_dma_load(t, 4, mem, 4 * PG, fake_vtophys), 4);
}

static const struct unit_test ata_dma_tests[] = {
	{ "ata_dma_contiguous_splits_at_64k",
	    test_ata_dma_contiguous_splits_at_64k },
	{ "ata_dma_scattered_pages", test_ata_dma_scattered_pages },
	{ "ata_dma_offset_in_a_page", test_ata_dma_offset_in_a_page },
	{ "ata_dma_refusals", test_ata_dma_refusals },
	{ NULL, NULL }
};

int
add_ata_dma_suite(void)
{
	return add_suite("ata_dma", ata_dma_tests);
}
