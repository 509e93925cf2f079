/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The kernel's own symbol table (book/06-traps.nw), as the two-pass link
 * made it: expected names and offsets follow from function addresses the
 * compiler gives us.
 */
#include <stdint.h>

#include "kern/kprintf.h"
#include "kern/ksyms.h"
#include "kern/kstring.h"
#include "kern/ktest.h"

extern char __kernel_start[], __text_end[];
extern const struct ktest __start_ktest_set[], __stop_ktest_set[];

static int ksyms_test_data;

static int __attribute__((noinline))
a_static_function(int x)
{
	__asm__ __volatile__("" : : : "memory");
	return x + 1;
}

KTEST(ksyms_resolves_known_functions)
{
	uintptr_t off = 99;

	KT_EXPECT_STREQ("kprintf", ksyms_lookup((uintptr_t)kprintf + 3, &off));
	KT_EXPECT_EQ(3, off);
	KT_EXPECT_STREQ("kprintf", ksyms_lookup((uintptr_t)kprintf, &off));
	KT_EXPECT_EQ(0, off);
	KT_EXPECT_STREQ("ksyms_lookup",
	    ksyms_lookup((uintptr_t)ksyms_lookup, NULL));
	KT_EXPECT_STREQ("a_static_function",
	    ksyms_lookup((uintptr_t)a_static_function + 1, &off));
	KT_EXPECT_EQ(1, off);
	KT_EXPECT_EQ(2, a_static_function(1));

	/* Outside the code: nothing. */
	KT_ASSERT(ksyms_lookup(0, &off) == NULL);
	KT_ASSERT(ksyms_lookup((uintptr_t)__kernel_start - 1, &off) == NULL);
	KT_ASSERT(ksyms_lookup((uintptr_t)__text_end, &off) == NULL);
	KT_ASSERT(ksyms_lookup((uintptr_t)&ksyms_test_data, &off) == NULL);
	KT_ASSERT(ksyms_lookup((uintptr_t)&ksyms_table, &off) == NULL);
	KT_ASSERT(ksyms_lookup(UINTPTR_MAX, &off) == NULL);
	/* The last byte of the code is in some function. */
	KT_ASSERT(ksyms_lookup((uintptr_t)__text_end - 1, &off) != NULL);
}

KTEST(ksyms_names_every_ktest_function)
{
	const struct ktest *t;
	char expected[80];
	uintptr_t off;
	size_t i;

	KT_ASSERT(&ksyms_table != NULL);
	if (&ksyms_table == NULL)
		return;
	KT_ASSERT(ksyms_table.count > 0);
	KT_EXPECT_EQ((uintptr_t)__text_end, ksyms_table.text_end);
	KT_ASSERT(ksyms_table.syms[0].addr >= (uintptr_t)__kernel_start);
	for (i = 1; i < ksyms_table.count; i++)
		if (ksyms_table.syms[i - 1].addr >= ksyms_table.syms[i].addr)
			ktest_fail(kt, __FILE__, __LINE__, "not sorted at %u",
			    (unsigned)i);
	for (t = __start_ktest_set; t < __stop_ktest_set; t++) {
		ksnprintf(expected, sizeof(expected), "ktest_fn_%s", t->name);
		off = 99;
		KT_EXPECT_STREQ(expected, ksyms_lookup((uintptr_t)t->fn, &off));
		KT_EXPECT_EQ(0, off);
	}
}
