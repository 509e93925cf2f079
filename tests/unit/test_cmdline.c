/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The command-line parser with the lines a loader may pass.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kern/cmdline.h"
#include "suites.h"

static void
test_empty_and_null(void)
{
	CU_ASSERT_EQUAL(cmdline_init(""), 0);
	CU_ASSERT_PTR_NULL(cmdline_get("test"));
	CU_ASSERT_EQUAL(cmdline_init(NULL), 0);
	CU_ASSERT_PTR_NULL(cmdline_get("test"));
	CU_ASSERT_EQUAL(cmdline_init("   \t  "), 0);
	CU_ASSERT_PTR_NULL(cmdline_get(""));
}

static void
test_words_and_spaces(void)
{
	CU_ASSERT_EQUAL(cmdline_init("  test=kprintf_*\tseed=7   token=a-b "),
	    0);
	CU_ASSERT_STRING_EQUAL(cmdline_get("test"), "kprintf_*");
	CU_ASSERT_STRING_EQUAL(cmdline_get("seed"), "7");
	CU_ASSERT_STRING_EQUAL(cmdline_get("token"), "a-b");
	CU_ASSERT_PTR_NULL(cmdline_get("tes"));
	CU_ASSERT_PTR_NULL(cmdline_get("kprintf_*"));
}

static void
test_bare_key_and_equals_in_value(void)
{
	cmdline_init("verbose x=a=b =v");
	CU_ASSERT_STRING_EQUAL(cmdline_get("verbose"), "");
	CU_ASSERT_STRING_EQUAL(cmdline_get("x"), "a=b");
	CU_ASSERT_STRING_EQUAL(cmdline_get(""), "v");
}

static void
test_last_word_wins(void)
{
	cmdline_init("test=a seed=1 test=b");
	CU_ASSERT_STRING_EQUAL(cmdline_get("test"), "b");
}

static void
test_numbers(void)
{
	cmdline_init("seed=42 bad=4x2 empty= big=4294967295");
	CU_ASSERT_EQUAL(cmdline_get_ulong("seed", 1), 42);
	CU_ASSERT_EQUAL(cmdline_get_ulong("bad", 9), 9);
	CU_ASSERT_EQUAL(cmdline_get_ulong("empty", 9), 9);
	CU_ASSERT_EQUAL(cmdline_get_ulong("missing", 5), 5);
	CU_ASSERT_EQUAL(cmdline_get_ulong("big", 0), 4294967295UL);
}

static void
test_too_many_words(void)
{
	char line[CMDLINE_MAX];
	char key[16];
	int i, len = 0;

	for (i = 0; i < CMDLINE_MAXARGS + 3; i++)
		len += snprintf(line + len, sizeof(line) - len, "k%d=%d ", i, i);
	CU_ASSERT_EQUAL(cmdline_init(line), 3);
	for (i = 0; i < CMDLINE_MAXARGS + 3; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (i < CMDLINE_MAXARGS)
			CHECK_MSG(cmdline_get_ulong(key, 999) ==
			    (unsigned long)i, __LINE__, "word %s kept", key);
		else
			CHECK_MSG(cmdline_get(key) == NULL, __LINE__,
			    "word %s dropped", key);
	}
}

static void
test_too_long_line_is_cut(void)
{
	char line[CMDLINE_MAX + 100];

	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	memcpy(line, "test=", 5);
	CU_ASSERT_EQUAL(cmdline_init(line), (int)(sizeof(line) - CMDLINE_MAX));
	CU_ASSERT_EQUAL(strlen(cmdline_get("test")), CMDLINE_MAX - 1 - 5);
}

static void
test_reinit_forgets(void)
{
	cmdline_init("a=1");
	cmdline_init("b=2");
	CU_ASSERT_PTR_NULL(cmdline_get("a"));
	CU_ASSERT_STRING_EQUAL(cmdline_get("b"), "2");
}

/* One reader of seed=: without it, or with a value that is not a number,
 * the seed is CMDLINE_SEED_DEFAULT, the seed that seed=1 gives. */
static void
test_seed_defaults_to_one(void)
{
	cmdline_init("test=x");
	CU_ASSERT_EQUAL(cmdline_seed(), CMDLINE_SEED_DEFAULT);
	CU_ASSERT_EQUAL(CMDLINE_SEED_DEFAULT, 1);
	cmdline_init("test=x seed=1");
	CU_ASSERT_EQUAL(cmdline_seed(), 1);
	cmdline_init("seed=7 test=x");
	CU_ASSERT_EQUAL(cmdline_seed(), 7);
	cmdline_init("seed=x7");
	CU_ASSERT_EQUAL(cmdline_seed(), CMDLINE_SEED_DEFAULT);
	cmdline_init("seed=0");
	CU_ASSERT_EQUAL(cmdline_seed(), 0);
}

int
add_cmdline_suite(void)
{
	static const struct unit_test tests[] = {
		{ "empty_and_null", test_empty_and_null },
		{ "words_and_spaces", test_words_and_spaces },
		{ "bare_key_and_equals_in_value",
		    test_bare_key_and_equals_in_value },
		{ "last_word_wins", test_last_word_wins },
		{ "numbers", test_numbers },
		{ "too_many_words_are_dropped", test_too_many_words },
		{ "too_long_line_is_cut", test_too_long_line_is_cut },
		{ "reinit_forgets", test_reinit_forgets },
		{ "seed_defaults_to_one", test_seed_defaults_to_one },
		{ NULL, NULL },
	};

	return add_suite("cmdline", tests);
}
