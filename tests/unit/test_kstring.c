/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The kernel's string helpers against the C library's.
 */
#include <string.h>

#include "check.h"
#include "kern/kstring.h"
#include "suites.h"

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static void
test_compare_like_libc(void)
{
	static const char *words[] = { "", "a", "ab", "abc", "abd", "b",
	    "\xff", "A" };
	unsigned i, j;
	size_t n;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		for (j = 0; j < sizeof(words) / sizeof(words[0]); j++) {
			CHECK_MSG(sign(kstrcmp(words[i], words[j])) ==
			    sign(strcmp(words[i], words[j])), __LINE__,
			    "kstrcmp(\"%s\", \"%s\")", words[i], words[j]);
			for (n = 0; n < 4; n++)
				CHECK_MSG(sign(kstrncmp(words[i], words[j], n))
				    == sign(strncmp(words[i], words[j], n)),
				    __LINE__, "kstrncmp(\"%s\", \"%s\", %zu)",
				    words[i], words[j], n);
		}
}

static void
test_strlcpy_truncates_and_terminates(void)
{
	char buf[4];

	CU_ASSERT_EQUAL(kstrlcpy(buf, "ab", sizeof(buf)), 2);
	CU_ASSERT_STRING_EQUAL(buf, "ab");
	CU_ASSERT_EQUAL(kstrlcpy(buf, "abcdef", sizeof(buf)), strlen("abcdef"));
	CU_ASSERT_STRING_EQUAL(buf, "abc");
	buf[0] = 'x';
	CU_ASSERT_EQUAL(kstrlcpy(buf, "abc", 0), 3);
	CU_ASSERT_EQUAL(buf[0], 'x');	/* size 0: nothing written */
}

static void
test_strstr_like_libc(void)
{
	static const char *hay[] = { "", "kprintf_decimal", "aab", "abab" };
	static const char *needle[] = { "", "a", "ab", "decimal", "x", "b" };
	unsigned i, j;

	for (i = 0; i < sizeof(hay) / sizeof(hay[0]); i++)
		for (j = 0; j < sizeof(needle) / sizeof(needle[0]); j++)
			CHECK_MSG(kstrstr(hay[i], needle[j]) ==
			    strstr(hay[i], needle[j]), __LINE__,
			    "kstrstr(\"%s\", \"%s\")", hay[i], needle[j]);
}

static void
test_memset_memcpy(void)
{
	unsigned char a[16], b[16];
	unsigned i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = (unsigned char)(i * 7);
	CU_ASSERT_PTR_EQUAL(kmemcpy(b, a, sizeof(a)), b);
	CU_ASSERT_EQUAL(memcmp(a, b, sizeof(a)), 0);
	CU_ASSERT_PTR_EQUAL(kmemset(b + 4, 0xAB, 8), b + 4);
	for (i = 0; i < sizeof(b); i++)
		CU_ASSERT_EQUAL(b[i], i >= 4 && i < 12 ? 0xAB : a[i]);
}

int
add_kstring_suite(void)
{
	static const struct unit_test tests[] = {
		{ "compare_like_libc", test_compare_like_libc },
		{ "strlcpy_truncates_and_terminates",
		    test_strlcpy_truncates_and_terminates },
		{ "strstr_like_libc", test_strstr_like_libc },
		{ "memset_memcpy", test_memset_memcpy },
		{ NULL, NULL },
	};

	return add_suite("kstring", tests);
}
