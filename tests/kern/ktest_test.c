/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ktest framework and the command line, checked on the target.
 */
#include <stdint.h>

#include "kern/cmdline.h"
#include "kern/kstring.h"
#include "kern/ktest.h"

KTEST(cmdline_sees_test_and_seed)
{
	const char *pattern = cmdline_get("test");

	/* We are running, so the pattern on the command line selects us. */
	KT_ASSERT(pattern != 0);
	if (pattern != 0)
		KT_ASSERT(ktest_match(pattern, "cmdline_sees_test_and_seed"));
	KT_EXPECT_EQ(cmdline_get_ulong("seed", 1), kt->seed);
	if (cmdline_get("token") != 0)
		KT_EXPECT_STREQ(cmdline_get("token"), kt->token);
}

KTEST(ktest_match_globs)
{
	KT_ASSERT(ktest_match("ktest_*", kt->name));
	KT_ASSERT(ktest_match("x,ktest_match_glob?", kt->name));
	KT_ASSERT(!ktest_match("ktest_match", kt->name));
	KT_ASSERT(ktest_match("all", kt->name));
	KT_ASSERT(!ktest_valid_token("has space"));
}

KTEST(ktest_random_is_seeded)
{
	struct ktest_ctx a = *kt, b = *kt, c = *kt;
	int i, differ = 0;

	/* Same state, same sequence; another seed, another sequence. */
	c.rng = kt->rng ^ 0x9e3779b9u;
	for (i = 0; i < 16; i++) {
		uint32_t x = ktest_random(&a), y = ktest_random(&b);

		KT_EXPECT_EQ(x, y);
		if (ktest_random(&c) != x)
			differ++;
	}
	KT_ASSERT(differ > 0);
}

KTEST(ktest_fail_counts_failures)
{
	struct ktest_ctx nested = *kt;

	/* A failure of a nested context must not count against this test. */
	nested.name = "nested_context";
	nested.token = "nested";
	nested.failures = 0;
	ktest_fail(&nested, __FILE__, __LINE__, "deliberate, line\nbreak");
	ktest_fail(&nested, __FILE__, __LINE__, "deliberate %d", 2);
	KT_EXPECT_EQ(2, nested.failures);
	KT_EXPECT_EQ(0, kt->failures);
}
