/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The monitor's word splitter.
 */
#include <string.h>

#include "check.h"
#include "kern/monitor.h"
#include "suites.h"

static void
test_split_words(void)
{
	char line[] = "  ktest\t run  kprintf_*  ";
	char *w[4];

	CU_ASSERT_EQUAL(monitor_split(line, w, 4), 3);
	CU_ASSERT_STRING_EQUAL(w[0], "ktest");
	CU_ASSERT_STRING_EQUAL(w[1], "run");
	CU_ASSERT_STRING_EQUAL(w[2], "kprintf_*");
}

static void
test_split_empty(void)
{
	char empty[] = "", blank[] = " \t ";
	char *w[2];

	CU_ASSERT_EQUAL(monitor_split(empty, w, 2), 0);
	CU_ASSERT_EQUAL(monitor_split(blank, w, 2), 0);
}

static void
test_split_limit(void)
{
	char exact[] = "a b c", over[] = "a b c d", trailing[] = "a b c   ";
	char *w[3];

	CU_ASSERT_EQUAL(monitor_split(exact, w, 3), 3);
	CU_ASSERT_STRING_EQUAL(w[2], "c");
	CU_ASSERT_EQUAL(monitor_split(over, w, 3), -1);
	CU_ASSERT_EQUAL(monitor_split(trailing, w, 3), 3);
}

int
add_monitor_suite(void)
{
	static const struct unit_test tests[] = {
		{ "split_words", test_split_words },
		{ "split_empty", test_split_empty },
		{ "split_limit", test_split_limit },
		{ NULL, NULL },
	};

	return add_suite("monitor", tests);
}
