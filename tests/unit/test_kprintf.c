/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * kvcprintf against the C library: for every format below, the kernel's
 * formatter must produce what the host's vsnprintf produces, and return
 * the same length.  The C library is the specification; no expected
 * string is written by hand except for %p, whose C format is
 * implementation-defined.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kern/kvcprintf.h"
#include "suites.h"

/* test_null_string passes NULL for %s on purpose. */
#pragma GCC diagnostic ignored "-Wformat-overflow"

static void
same_as_libc(int line, const char *fmt, ...)
{
	char want[256], got[256];
	va_list ap, ap2;
	int nwant, ngot;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	nwant = vsnprintf(want, sizeof(want), fmt, ap);
	ngot = kvsnprintf(got, sizeof(got), fmt, ap2);
	va_end(ap2);
	va_end(ap);
	CHECK_MSG(strcmp(want, got) == 0 && nwant == ngot, line,
	    "format \"%s\": libc gives \"%s\" (%d), kvsnprintf \"%s\" (%d)",
	    fmt, want, nwant, got, ngot);
}

#define SAME(...) same_as_libc(__LINE__, __VA_ARGS__)

static void
test_decimal(void)
{
	SAME("%d", 0);
	SAME("%d|%i", 42, -42);
	SAME("%d %d", INT_MAX, INT_MIN);
	SAME("%u", UINT_MAX);
	SAME("%ld %lu", LONG_MIN, ULONG_MAX);
	SAME("%lld %lld", LLONG_MIN, LLONG_MAX);
	SAME("%llu", ULLONG_MAX);
}

static void
test_hex(void)
{
	SAME("%x %X", 0xabcdefu, 0xabcdefu);
	SAME("%x", 0u);
	SAME("%lx", ULONG_MAX);
	SAME("%llX", 0x0123456789ABCDEFULL);
}

static void
test_width_and_flags(void)
{
	SAME("[%5d][%-5d][%05d]", 42, 42, 42);
	SAME("[%5d][%-5d][%05d]", -42, -42, -42);
	SAME("[%1d][%2d][%02d]", -7, -7, -7);
	SAME("[%08x][%-8X][%8x]", 0xbeefu, 0xbeefu, 0xbeefu);
	SAME("[%020lld]", LLONG_MIN);
	SAME("[%3d]", 123456);
	SAME("[%6s][%-6s][%2s]", "abc", "abc", "abc");
	SAME("[%c%c%c]", 'N', 'a', 'i');
	SAME("100%%");
}

static void
test_random_numbers(void)
{
	static const char *formats[] = {
		"%d", "%8d", "%-8d|", "%08d", "%u", "%x", "%010x", "%-9X|",
		"%lld", "%021lld", "%-21llu|", "%llx", "%16llX",
	};
	unsigned i, f;

	srand(12345);
	for (i = 0; i < 2000; i++) {
		unsigned long long v = ((unsigned long long)rand() << 33) ^
		    ((unsigned long long)rand() << 10) ^ (unsigned)rand();

		for (f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			if (strstr(formats[f], "ll") != NULL)
				SAME(formats[f], v);
			else
				SAME(formats[f], (unsigned)v);
		}
	}
}

static void
test_pointer(void)
{
	char buf[32];

	ksnprintf(buf, sizeof(buf), "%p", (void *)(uintptr_t)0xb8000);
	CU_ASSERT_STRING_EQUAL(buf, "0x000b8000");
}

static void
test_null_string(void)
{
	char buf[32];
	ksnprintf(buf, sizeof(buf), "%s", (char *)NULL);
	CU_ASSERT_STRING_EQUAL(buf, "(null)");
}

static void
test_unknown_conversion_is_printed(void)
{
	char buf[32];
	const char *fmt = "a%qb%";	/* not literal: gcc would refuse it */

	ksnprintf(buf, sizeof(buf), fmt);
	CU_ASSERT_STRING_EQUAL(buf, "a%qb%");
}

static void
test_truncation(void)
{
	int size;

	for (size = 0; size <= 8; size++) {
		char want[8], got[8];
		int nwant, ngot;

		memset(want, 'X', sizeof(want));
		memset(got, 'X', sizeof(got));
		nwant = snprintf(want, (size_t)size, "%d:%s", -1234, "abc");
		ngot = ksnprintf(got, (size_t)size, "%d:%s", -1234, "abc");
		CHECK_MSG(nwant == ngot && memcmp(want, got, sizeof(got)) == 0,
		    __LINE__, "size %d: libc \"%.8s\" (%d), ours \"%.8s\" (%d)",
		    size, want, nwant, got, ngot);
	}
}

int
add_kprintf_suite(void)
{
	static const struct unit_test tests[] = {
		{ "decimal", test_decimal },
		{ "hex", test_hex },
		{ "width_and_flags", test_width_and_flags },
		{ "random_numbers_match_libc", test_random_numbers },
		{ "pointer", test_pointer },
		{ "null_string", test_null_string },
		{ "unknown_conversion_is_printed", test_unknown_conversion_is_printed },
		{ "truncation_matches_snprintf", test_truncation },
		{ NULL, NULL },
	};

	return add_suite("kprintf", tests);
}
