/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ksyms_search (book/06-traps.nw) on the host, over symbol tables built here:
 * the edges of the table, the gaps between symbols, an empty table, and
 * a large table checked against a linear search.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <CUnit/CUnit.h>

#include "kern/ksyms.h"
#include "suites.h"

static const struct ksym syms3[] = {
	{ 0x1000, "first" },
	{ 0x1010, "second" },
	{ 0x1080, "last" },
};
static const struct ksym_table table3 = { syms3, 3, 0x1100 };

static void
test_ksyms_first_symbol(void)
{
	uintptr_t off = 99;

	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x1000, &off), "first");
	CU_ASSERT_EQUAL(off, 0);
	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x100f, &off), "first");
	CU_ASSERT_EQUAL(off, 0xf);
}

static void
test_ksyms_between_symbols(void)
{
	uintptr_t off = 99;

	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x1010, &off), "second");
	CU_ASSERT_EQUAL(off, 0);
	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x1012, &off), "second");
	CU_ASSERT_EQUAL(off, 2);
	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x107f, &off), "second");
	CU_ASSERT_EQUAL(off, 0x6f);
}

static void
test_ksyms_last_symbol(void)
{
	uintptr_t off = 99;

	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x1080, &off), "last");
	CU_ASSERT_EQUAL(off, 0);
	CU_ASSERT_STRING_EQUAL(ksyms_search(&table3, 0x10ff, &off), "last");
	CU_ASSERT_EQUAL(off, 0x7f);
}

static void
test_ksyms_before_the_first(void)
{
	uintptr_t off = 99;

	CU_ASSERT_PTR_NULL(ksyms_search(&table3, 0xfff, &off));
	CU_ASSERT_PTR_NULL(ksyms_search(&table3, 0, &off));
	CU_ASSERT_EQUAL(off, 99);		/* untouched on failure */
}

static void
test_ksyms_after_the_end(void)
{
	CU_ASSERT_PTR_NULL(ksyms_search(&table3, 0x1100, NULL));
	CU_ASSERT_PTR_NULL(ksyms_search(&table3, 0x2000, NULL));
	CU_ASSERT_PTR_NULL(ksyms_search(&table3, UINTPTR_MAX, NULL));
}

static void
test_ksyms_empty_table(void)
{
	static const struct ksym_table empty = { syms3, 0, 0x1100 };

	CU_ASSERT_PTR_NULL(ksyms_search(&empty, 0x1000, NULL));
	CU_ASSERT_PTR_NULL(ksyms_search(&empty, 0x1010, NULL));
	CU_ASSERT_PTR_NULL(ksyms_search(NULL, 0x1000, NULL));
}

static void
test_ksyms_one_symbol(void)
{
	static const struct ksym one[] = { { 0x500, "only" } };
	static const struct ksym_table t = { one, 1, 0x600 };
	uintptr_t off;

	CU_ASSERT_PTR_NULL(ksyms_search(&t, 0x4ff, NULL));
	CU_ASSERT_STRING_EQUAL(ksyms_search(&t, 0x5ff, &off), "only");
	CU_ASSERT_EQUAL(off, 0xff);
	CU_ASSERT_PTR_NULL(ksyms_search(&t, 0x600, NULL));
}

/* Every address of a table of uneven gaps, against a linear search. */
static void
test_ksyms_matches_linear_search(void)
{
	enum { N = 1000 };
	static struct ksym big[N];
	static char names[N][8];
	struct ksym_table t = { big, N, 0 };
	uintptr_t addr, off, start = 0x100000, a = start;
	size_t i, expect, bad = 0;
	const char *name;

	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "f%zu", i);
		big[i].addr = a;
		big[i].name = names[i];
		a += 1 + (i * 7919) % 61;
	}
	t.text_end = a;
	expect = 0;
	for (addr = start - 2; addr < t.text_end + 2; addr++) {
		while (expect + 1 < N && big[expect + 1].addr <= addr)
			expect++;
		name = ksyms_search(&t, addr, &off);
		if (addr < start || addr >= t.text_end) {
			bad += name != NULL;
			continue;
		}
		bad += name != big[expect].name ||
		    off != addr - big[expect].addr;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* The host links no kernel table: ksyms_lookup knows nothing. */
static void
test_ksyms_lookup_without_a_table(void)
{
	CU_ASSERT_PTR_NULL(ksyms_lookup((uintptr_t)test_ksyms_empty_table,
	    NULL));
}

int
add_ksyms_suite(void)
{
	static const struct unit_test tests[] = {
		{ "first symbol", test_ksyms_first_symbol },
		{ "between symbols", test_ksyms_between_symbols },
		{ "last symbol", test_ksyms_last_symbol },
		{ "before the first", test_ksyms_before_the_first },
		{ "after the end", test_ksyms_after_the_end },
		{ "empty table", test_ksyms_empty_table },
		{ "one symbol", test_ksyms_one_symbol },
		{ "matches a linear search", test_ksyms_matches_linear_search },
		{ "lookup without a table", test_ksyms_lookup_without_a_table },
		{ NULL, NULL },
	};

	return add_suite("ksyms", tests);
}
