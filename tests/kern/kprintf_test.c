/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * kprintf on the target: the conversions of book/03-console.nw, where
 * long is 32 bits wide and long long travels in two stack slots.  The expected
 * strings follow from the C standard's definition of each conversion.
 */
#include <stdint.h>

#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"

/* Some checks below pass odd formats on purpose (an unknown conversion,
 * "-" with "0", a NULL string); gcc's format checker would refuse them. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

static char buf[128];

#define FMT(...) (ksnprintf(buf, sizeof(buf), __VA_ARGS__), buf)

KTEST(kprintf_decimal)
{
	KT_EXPECT_STREQ("0", FMT("%d", 0));
	KT_EXPECT_STREQ("42 -42", FMT("%d %i", 42, -42));
	KT_EXPECT_STREQ("2147483647", FMT("%d", INT32_MAX));
	KT_EXPECT_STREQ("-2147483648", FMT("%d", INT32_MIN));
	KT_EXPECT_STREQ("4294967295", FMT("%u", UINT32_MAX));
	KT_EXPECT_STREQ("-9223372036854775808", FMT("%lld", INT64_MIN));
	KT_EXPECT_STREQ("18446744073709551615", FMT("%llu", UINT64_MAX));
	KT_EXPECT_STREQ("-7", FMT("%ld", -7L));
}

KTEST(kprintf_hex)
{
	KT_EXPECT_STREQ("ff FF", FMT("%x %X", 255u, 255u));
	KT_EXPECT_STREQ("deadbeef", FMT("%x", 0xdeadbeefu));
	KT_EXPECT_STREQ("123456789abcdef0", FMT("%llx", 0x123456789abcdef0ULL));
	KT_EXPECT_STREQ("0x000b8000", FMT("%p", (void *)0xb8000));
}

KTEST(kprintf_width_and_flags)
{
	KT_EXPECT_STREQ("   42", FMT("%5d", 42));
	KT_EXPECT_STREQ("00042", FMT("%05d", 42));
	KT_EXPECT_STREQ("-0042", FMT("%05d", -42));
	KT_EXPECT_STREQ("42   |", FMT("%-5d|", 42));
	KT_EXPECT_STREQ("-42  |", FMT("%-05d|", -42));
	KT_EXPECT_STREQ("000000ff", FMT("%08x", 255u));
	KT_EXPECT_STREQ("123456", FMT("%3d", 123456));
	KT_EXPECT_STREQ("  ab|ab  |", FMT("%4s|%-4s|", "ab", "ab"));
}

KTEST(kprintf_strings_and_chars)
{
	KT_EXPECT_STREQ("x=A 100% (null)", FMT("x=%c %d%% %s", 'A', 100,
	    (const char *)0));
	KT_EXPECT_STREQ("%q", FMT("%q"));
}

KTEST(kprintf_snprintf_truncates)
{
	char small[6];
	int n;

	n = ksnprintf(small, sizeof(small), "%d-%s", 12345, "abc");
	KT_EXPECT_EQ(kstrlen("12345-abc"), n);
	KT_EXPECT_STREQ("12345", small);
	n = ksnprintf(small, 1, "abc");
	KT_EXPECT_EQ(3, n);
	KT_EXPECT_STREQ("", small);
}

KTEST(kprintf_counts_what_it_prints)
{
	int n = kprintf("kprintf_counts_what_it_prints: %s %d\n", "x", 1234);

	KT_EXPECT_EQ(kstrlen("kprintf_counts_what_it_prints: x 1234\n"), n);
}
