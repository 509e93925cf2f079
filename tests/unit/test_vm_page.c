/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The memory map and the page allocator's bitmaps (Chapter "Memory"),
 * on a synthetic map with holes, overlaps, unaligned edges and a kernel
 * image to exclude.  Every expected range is worked out below from the
 * map's constants.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arch/i386/multiboot.h"
#include "check.h"
#include "suites.h"
#include "vm/pagemap.h"
#include "vm/physmap.h"

#define KB	1024ull
#define MB	(1024ull * KB)
#define PG	((uint64_t)PAGE_SIZE)

/* ---- physmap_parse --------------------------------------------------- */

/* Append one entry whose size field is `size` (20 is the usual value). */
static void
put_entry(uint8_t *buf, size_t *off, uint32_t size, uint64_t addr,
    uint64_t len, uint32_t type)
{
	struct multiboot_mmap_entry e;

	e.size = size;
	e.addr = addr;
	e.len = len;
	e.type = type;
	memcpy(buf + *off, &e, sizeof(e) < 4 + size ? sizeof(e) : 4 + size);
	*off += 4 + size;
}

static void
test_parse_steps_by_size_and_skips_empty(void)
{
	uint8_t buf[256];
	struct phys_range r[8];
	size_t off = 0;
	int n;

	memset(buf, 0xEE, sizeof(buf));
	put_entry(buf, &off, 20, 0, 0x9fc00, PHYS_RAM);
	put_entry(buf, &off, 28, 1 * MB, 15 * MB, PHYS_RAM);	/* 8 extra bytes */
	put_entry(buf, &off, 20, 2 * MB, 0, PHYS_RAM);		/* empty: skipped */
	put_entry(buf, &off, 20, 0xfffc0000, 0x40000, PHYS_RESERVED);
	put_entry(buf, &off, 20, 4096 * MB, 4096 * MB, PHYS_RAM);
	n = physmap_parse(buf, (uint32_t)off, r, 8);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_EQUAL(r[0].start, 0);
	CU_ASSERT_EQUAL(r[0].end, 0x9fc00);
	CU_ASSERT_EQUAL(r[1].start, 1 * MB);
	CU_ASSERT_EQUAL(r[1].end, 16 * MB);
	CU_ASSERT_EQUAL(r[1].type, PHYS_RAM);
	CU_ASSERT_EQUAL(r[2].start, 0xfffc0000);
	CU_ASSERT_EQUAL(r[2].end, 0x100000000ull);
	CU_ASSERT_EQUAL(r[2].type, PHYS_RESERVED);
	CU_ASSERT_EQUAL(r[3].end, 8192 * MB);

	/* A map cut one byte short loses its last entry, and only it. */
	CU_ASSERT_EQUAL(physmap_parse(buf, (uint32_t)off - 1, r, 8), 3);
	/* The table's capacity bounds the count. */
	CU_ASSERT_EQUAL(physmap_parse(buf, (uint32_t)off, r, 2), 2);
	CU_ASSERT_EQUAL(physmap_parse(buf, 0, r, 8), 0);
}

static void
test_parse_stops_at_malformed_and_clamps_overflow(void)
{
	uint8_t buf[128];
	struct phys_range r[4];
	size_t off = 0;

	memset(buf, 0, sizeof(buf));
	put_entry(buf, &off, 20, UINT64_MAX - PG + 1, 2 * PG, PHYS_RAM);
	put_entry(buf, &off, 8, 1 * MB, 1 * MB, PHYS_RAM);	/* too short */
	put_entry(buf, &off, 20, 2 * MB, 1 * MB, PHYS_RAM);
	CU_ASSERT_EQUAL_FATAL(physmap_parse(buf, sizeof(buf), r, 4), 1);
	CU_ASSERT_EQUAL(r[0].end, UINT64_MAX);
}

/* ---- physmap_usable -------------------------------------------------- */

/*
 * The synthetic machine: RAM below 640 KiB; RAM from 1 to 8 MiB with a
 * reserved page at 4 MiB inside it; an unaligned RAM range around 9 MiB;
 * RAM from 12 to 32 MiB; RAM above 4 GiB.  The kernel image sits at
 * 1 MiB and ends mid-page; a "module" overlaps the end of the 12-32 MiB
 * range within the window.  The window is [1 MiB, 24 MiB).
 */
#define LO		(1 * MB)
#define HI		(24 * MB)
#define HOLE		(4 * MB)
#define ODD_START	(9 * MB + 0x800)
#define ODD_END		(10 * MB + 0x400)
#define KERNEL_END	(LO + 0x23456)
#define MODULE_START	(HI - 0x800)

static const struct phys_range machine[] = {
	{ 0, 0x9fc00, PHYS_RAM },
	{ 0x9fc00, 0xa0000, PHYS_RESERVED },
	{ 1 * MB, 8 * MB, PHYS_RAM },
	{ HOLE, HOLE + PG, PHYS_RESERVED },
	{ ODD_START, ODD_END, PHYS_RAM },
	{ 12 * MB, 32 * MB, PHYS_RAM },
	{ 4096 * MB, 8192 * MB, PHYS_RAM },
};
#define NMACHINE	((int)(sizeof(machine) / sizeof(machine[0])))

static const struct phys_range reserved[] = {
	{ LO, KERNEL_END, PHYS_RESERVED },
	{ MODULE_START, HI + 1 * MB, PHYS_RESERVED },
};

/* What must remain: RAM rounded inward, holes rounded outward. */
static const struct phys_range expected[] = {
	{ (KERNEL_END + PG - 1) / PG * PG, HOLE, PHYS_RAM },
	{ HOLE + PG, 8 * MB, PHYS_RAM },
	{ (ODD_START + PG - 1) / PG * PG, ODD_END / PG * PG, PHYS_RAM },
	{ 12 * MB, MODULE_START / PG * PG, PHYS_RAM },
};
#define NEXPECTED	((int)(sizeof(expected) / sizeof(expected[0])))

static int
usable(struct phys_range *out, int max)
{
	return physmap_usable(machine, NMACHINE, reserved, 2, LO, HI, out,
	    max);
}

static void
test_usable_ranges_of_a_synthetic_map(void)
{
	struct phys_range out[16];
	int i, n = usable(out, 16);

	CU_ASSERT_EQUAL_FATAL(n, NEXPECTED);
	for (i = 0; i < n; i++) {
		CHECK_MSG(out[i].start == expected[i].start &&
		    out[i].end == expected[i].end, __LINE__,
		    "range %d: got [%#llx, %#llx), expected [%#llx, %#llx)", i,
		    (unsigned long long)out[i].start,
		    (unsigned long long)out[i].end,
		    (unsigned long long)expected[i].start,
		    (unsigned long long)expected[i].end);
		CU_ASSERT_EQUAL(out[i].type, PHYS_RAM);
	}
}

static void
test_usable_split_without_room_keeps_the_lower_part(void)
{
	struct phys_range map[] = {
		{ 1 * MB, 8 * MB, PHYS_RAM },
		{ HOLE, HOLE + PG, PHYS_RESERVED },
	};
	struct phys_range out[1];

	CU_ASSERT_EQUAL_FATAL(physmap_usable(map, 2, NULL, 0, LO, HI, out, 1),
	    1);
	CU_ASSERT_EQUAL(out[0].start, 1 * MB);
	CU_ASSERT_EQUAL(out[0].end, HOLE);
}

static void
test_usable_sorts_and_drops_covered_ranges(void)
{
	struct phys_range map[] = {
		{ 16 * MB, 20 * MB, PHYS_RAM },
		{ 2 * MB, 3 * MB, PHYS_RAM },
		{ 5 * MB, 6 * MB, PHYS_RAM },
		{ 4 * MB, 7 * MB, PHYS_ACPI_NVS },	/* covers 5-6 MiB */
	};
	struct phys_range out[8];

	CU_ASSERT_EQUAL_FATAL(physmap_usable(map, 4, NULL, 0, LO, HI, out, 8),
	    2);
	CU_ASSERT_EQUAL(out[0].start, 2 * MB);
	CU_ASSERT_EQUAL(out[1].start, 16 * MB);
	CU_ASSERT_EQUAL(out[1].end, 20 * MB);
}

/* ---- the bitmaps ----------------------------------------------------- */

#define NPAGES	((uint32_t)(HI / PG))

static uint32_t free_bits[PAGEMAP_WORDS(NPAGES)];
static uint32_t ram_bits[PAGEMAP_WORDS(NPAGES)];
static unsigned char taken[NPAGES];

static uint32_t
expected_pages(void)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i < NEXPECTED; i++)
		sum += (expected[i].end - expected[i].start) / PG;
	return (uint32_t)sum;
}

static int
in_expected(vm_paddr_t pa, uint32_t npages)
{
	int i;

	for (i = 0; i < NEXPECTED; i++)
		if (pa >= expected[i].start &&
		    pa + (uint64_t)npages * PG <= expected[i].end)
			return 1;
	return 0;
}

/* A pagemap over the synthetic machine's usable ranges. */
static void
fresh(struct pagemap *pm)
{
	struct phys_range r[16];
	int n = usable(r, 16);

	pagemap_init(pm, free_bits, ram_bits, NPAGES);
	CU_ASSERT_EQUAL(pagemap_add_ranges(pm, r, n), expected_pages());
	memset(taken, 0, sizeof(taken));
}

static void
test_pagemap_counts_the_ranges(void)
{
	struct pagemap pm;

	fresh(&pm);
	CU_ASSERT_EQUAL(pm.nfree, expected_pages());
	CU_ASSERT_EQUAL(pm.nram, expected_pages());
	CU_ASSERT_EQUAL(pm.top, expected[NEXPECTED - 1].end / PG);
}

static void
test_pagemap_never_adds_page_0_or_a_page_twice(void)
{
	struct pagemap pm;
	struct phys_range r[] = {
		{ 0, 16 * PG, PHYS_RAM }, { 8 * PG, 20 * PG, PHYS_RAM },
	};

	pagemap_init(&pm, free_bits, ram_bits, NPAGES);
	/* pages 1..19: page 0 is "no page", pages 8..15 are listed twice */
	CU_ASSERT_EQUAL(pagemap_add_ranges(&pm, r, 2), 19);
	CU_ASSERT_EQUAL(pagemap_free(&pm, 0), PAGEMAP_NOT_RAM);
}

static void
test_pagemap_alloc_all_then_exhausted(void)
{
	struct pagemap pm;
	uint32_t count = 0;
	vm_paddr_t pa;

	fresh(&pm);
	while ((pa = pagemap_alloc(&pm)) != 0) {
		CHECK_MSG(pa % PG == 0 && in_expected(pa, 1) &&
		    !taken[pa / PG], __LINE__, "bad or repeated page %#x", pa);
		if (pa / PG < NPAGES)
			taken[pa / PG] = 1;
		count++;
		if (count > NPAGES)
			break;
	}
	CU_ASSERT_EQUAL(count, expected_pages());
	CU_ASSERT_EQUAL(pm.nfree, 0);
	CU_ASSERT_EQUAL(pagemap_alloc(&pm), 0);
	CU_ASSERT_EQUAL(pagemap_alloc_contig(&pm, 1), 0);

	/* In a full map, the one page freed is the one allocated next. */
	pa = expected[2].start + 3 * PG;
	CU_ASSERT_EQUAL(pagemap_free(&pm, pa), 0);
	CU_ASSERT_EQUAL(pm.nfree, 1);
	CU_ASSERT_EQUAL(pagemap_alloc(&pm), pa);
}

static void
test_pagemap_free_catches_misuse(void)
{
	struct pagemap pm;
	vm_paddr_t pa;

	fresh(&pm);
	pa = pagemap_alloc(&pm);
	CU_ASSERT_FATAL(pa != 0);
	CU_ASSERT_EQUAL(pagemap_free(&pm, pa + 1), PAGEMAP_UNALIGNED);
	CU_ASSERT_EQUAL(pagemap_free(&pm, pa), 0);
	CU_ASSERT_EQUAL(pagemap_free(&pm, pa), PAGEMAP_ALREADY_FREE);
	CU_ASSERT_EQUAL(pagemap_free(&pm, HOLE), PAGEMAP_NOT_RAM);
	CU_ASSERT_EQUAL(pagemap_free(&pm, LO), PAGEMAP_NOT_RAM);  /* kernel */
	CU_ASSERT_EQUAL(pagemap_free(&pm, (vm_paddr_t)HI), PAGEMAP_NOT_RAM);
	CU_ASSERT_EQUAL(pm.nfree, expected_pages());
}

static void
test_pagemap_contig_first_fit_within_a_range(void)
{
	struct pagemap pm;
	uint32_t biggest = 0, len, want;
	vm_paddr_t pa, first_fit = 0;
	int i;

	fresh(&pm);
	/* 1000 pages: the first range at least that long. */
	want = 1000;
	for (i = 0; i < NEXPECTED && first_fit == 0; i++)
		if ((expected[i].end - expected[i].start) / PG >= want)
			first_fit = (vm_paddr_t)expected[i].start;
	pa = pagemap_alloc_contig(&pm, want);
	CU_ASSERT_EQUAL(pa, first_fit);
	CU_ASSERT(in_expected(pa, want));
	CU_ASSERT_EQUAL(pm.nfree, expected_pages() - want);
	for (i = 0; i < (int)want; i++)
		CU_ASSERT_EQUAL(pagemap_free(&pm, pa + (vm_paddr_t)i * PAGE_SIZE),
		    0);

	/* No run crosses a hole: the longest range is the longest run. */
	for (i = 0; i < NEXPECTED; i++) {
		len = (uint32_t)((expected[i].end - expected[i].start) / PG);
		if (len > biggest)
			biggest = len;
	}
	CU_ASSERT(pagemap_alloc_contig(&pm, biggest) != 0);
	CU_ASSERT_EQUAL(pagemap_alloc_contig(&pm, biggest + 1), 0);
	CU_ASSERT_EQUAL(pagemap_alloc_contig(&pm, 0), 0);
}

static void
test_pagemap_random_sequence_keeps_count(void)
{
	static vm_paddr_t held[4096];
	struct pagemap pm;
	uint32_t state = 12345, r, nheld = 0, step;
	vm_paddr_t pa;

	fresh(&pm);
	for (step = 0; step < 20000; step++) {
		state = state * 1103515245u + 12345u;
		r = state >> 8;
		if (nheld == 0 || (nheld < 4096 && (r & 1))) {
			pa = pagemap_alloc(&pm);
			CU_ASSERT_FATAL(pa != 0 && pa / PG < NPAGES);
			CHECK_MSG(!taken[pa / PG], __LINE__, "page %#x twice", pa);
			taken[pa / PG] = 1;
			held[nheld++] = pa;
		} else {
			r %= nheld;
			pa = held[r];
			held[r] = held[--nheld];
			taken[pa / PG] = 0;
			CU_ASSERT_EQUAL(pagemap_free(&pm, pa), 0);
		}
		if (pm.nfree != expected_pages() - nheld) {
			CU_FAIL("free count drifted");
			break;
		}
	}
}

int
add_vm_page_suite(void)
{
	static const struct unit_test tests[] = {
		{ "parse_steps_by_size_and_skips_empty",
		    test_parse_steps_by_size_and_skips_empty },
		{ "parse_stops_at_malformed_and_clamps_overflow",
		    test_parse_stops_at_malformed_and_clamps_overflow },
		{ "usable_ranges_of_a_synthetic_map",
		    test_usable_ranges_of_a_synthetic_map },
		{ "usable_split_without_room_keeps_the_lower_part",
		    test_usable_split_without_room_keeps_the_lower_part },
		{ "usable_sorts_and_drops_covered_ranges",
		    test_usable_sorts_and_drops_covered_ranges },
		{ "pagemap_counts_the_ranges", test_pagemap_counts_the_ranges },
		{ "pagemap_never_adds_page_0_or_a_page_twice",
		    test_pagemap_never_adds_page_0_or_a_page_twice },
		{ "pagemap_alloc_all_then_exhausted",
		    test_pagemap_alloc_all_then_exhausted },
		{ "pagemap_free_catches_misuse",
		    test_pagemap_free_catches_misuse },
		{ "pagemap_contig_first_fit_within_a_range",
		    test_pagemap_contig_first_fit_within_a_range },
		{ "pagemap_random_sequence_keeps_count",
		    test_pagemap_random_sequence_keeps_count },
		{ NULL, NULL },
	};

	return add_suite("vm_page", tests);
}
