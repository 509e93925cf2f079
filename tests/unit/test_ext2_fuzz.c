/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ext2 image fuzzer (tests/unit/ext2/fuzz.c) in make unit: a few
 * hundred runs, each a small image with a few bytes damaged, mounted,
 * walked and changed in a child process: none may crash (a signal, a
 * sanitizer's report), hang, or misuse the buffer cache; some must be
 * refused at mount and some mounted, and some operations must meet the
 * damage, or the runs did not test what they claim to.  make ext2-fuzz
 * runs more.
 */
#include <stdio.h>

#include "check.h"
#include "ext2/ext2test.h"
#include "ext2/fuzz.h"
#include "host/ext2/hostdisk.h"
#include "suites.h"

#define RUNS	300

static void
test_ext2_fuzzed_images_never_crash(void)
{
	struct ext2fuzz_report r;
	struct etest t;

	if (et_load(&t, "fuzz") != 0) {
		CU_FAIL("no image");
		return;
	}
	ext2fuzz_run(hostdisk_bytes(t.dev), hostdisk_size(t.dev), 1, 0, RUNS,
	    1, &r);
	printf("    ext2fuzz: %u runs: %u mounted, %u refused; %lu operations, "
	    "%lu failed cleanly; crashes=%u hangs=%u misuses=%u\n", r.runs,
	    r.mounted, r.refused, r.ops, r.ops_failed, r.crashes, r.hangs,
	    r.misuses);
	CU_ASSERT_EQUAL(r.runs, RUNS);
	CHECK_MSG(r.crashes == 0 && r.hangs == 0 && r.misuses == 0, __LINE__,
	    "run %u went wrong: build/unit/ext2fuzz build/ext2/fuzz.img 1 1 %u",
	    r.first_bad, r.first_bad);
	CU_ASSERT(r.mounted > RUNS / 10);
	CU_ASSERT(r.refused > RUNS / 10);
	CU_ASSERT(r.ops_failed > 0);
	et_close(&t);
}

int
add_ext2_fuzz_suite(void)
{
	static const struct unit_test tests[] = {
		{ "ext2_fuzzed_images_never_crash",
		    test_ext2_fuzzed_images_never_crash },
		{ NULL, NULL }
	};

	return add_suite("ext2_fuzz", tests);
}
