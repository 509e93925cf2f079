/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ktest's pattern matcher and token rule.  The matcher is compared with
 * POSIX fnmatch(3) on * and ? patterns, the specification of a glob.
 */
#include <fnmatch.h>
#include <string.h>

#include "check.h"
#include "kern/ktest.h"
#include "suites.h"

static void
test_glob_like_fnmatch(void)
{
	static const char *patterns[] = { "kprintf_decimal", "kprintf_*",
	    "*", "*_hex", "k?rintf*", "*a*a*", "?", "", "trap_*_caught",
	    "kprintf_decimal*", "*decimal" };
	static const char *names[] = { "kprintf_decimal", "kprintf_hex",
	    "trap_divide_caught", "a", "", "aa", "banana", "kprintf_" };
	unsigned i, j;

	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			CHECK_MSG(ktest_match(patterns[i], names[j]) ==
			    (fnmatch(patterns[i], names[j], 0) == 0),
			    __LINE__, "pattern \"%s\" name \"%s\"",
			    patterns[i], names[j]);
}

static void
test_lists_and_all(void)
{
	CU_ASSERT_TRUE(ktest_match("all", "anything"));
	CU_ASSERT_TRUE(ktest_match("x,all", "anything"));
	CU_ASSERT_TRUE(ktest_match("a,b,c", "b"));
	CU_ASSERT_TRUE(ktest_match("a,b*,c", "bee"));
	CU_ASSERT_FALSE(ktest_match("a,b,c", "d"));
	CU_ASSERT_FALSE(ktest_match("al", "all"));
	CU_ASSERT_FALSE(ktest_match("alll", "x"));
	CU_ASSERT_FALSE(ktest_match("", "x"));
	CU_ASSERT_TRUE(ktest_match("x,", ""));
}

static void
test_tokens(void)
{
	char long_token[40];

	CU_ASSERT_TRUE(ktest_valid_token("abc-DEF_123"));
	CU_ASSERT_FALSE(ktest_valid_token(""));
	CU_ASSERT_FALSE(ktest_valid_token("a b"));
	CU_ASSERT_FALSE(ktest_valid_token("a=b"));
	memset(long_token, 'x', 32);
	long_token[32] = '\0';
	CU_ASSERT_TRUE(ktest_valid_token(long_token));
	long_token[32] = 'x';
	long_token[33] = '\0';
	CU_ASSERT_FALSE(ktest_valid_token(long_token));
}

int
add_ktest_suite(void)
{
	static const struct unit_test tests[] = {
		{ "glob_like_fnmatch", test_glob_like_fnmatch },
		{ "lists_and_all", test_lists_and_all },
		{ "tokens", test_tokens },
		{ NULL, NULL },
	};

	return add_suite("ktest", tests);
}
