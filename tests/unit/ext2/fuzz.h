/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ext2 image fuzzer (book/47-ext2.nw): each run damages a few
 * bytes of a small image (chosen by a seed), mounts it, walks it
 * (every directory, every file's first bytes, every link) and changes
 * it (create, write, mkdir, link, rename, truncate, unlink, rmdir),
 * in a child process with a time limit, so that a crash or a hang is
 * counted, not suffered.  tests/unit/test_ext2_fuzz.c runs a few
 * hundred runs in make unit; make ext2-fuzz runs more
 * (tests/unit/ext2/fuzz_main.c).
 */
#ifndef NAIAD_TESTS_UNIT_EXT2_FUZZ_H
#define NAIAD_TESTS_UNIT_EXT2_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* What the runs did. */
struct ext2fuzz_report {
	unsigned	runs;
	unsigned	mounted;	/* the damaged image was mounted */
	unsigned	refused;	/* ... refused by ext2_mount */
	unsigned long	ops;		/* operations tried on mounted ones */
	unsigned long	ops_failed;	/* ... that returned an error */
	unsigned	crashes;	/* a signal, or a sanitizer's report */
	unsigned	hangs;		/* a run past its time limit */
	unsigned	misuses;	/* a buffer held twice or never freed */
	unsigned	first_bad;	/* the first bad run's number, or ~0 */
};

/* Run COUNT runs from run FIRST on IMAGE (SIZE bytes) with SEED; a run
 * R's damage depends only on SEED and R.  VERBOSE prints each bad run. */
void ext2fuzz_run(const unsigned char *image, size_t size, uint32_t seed,
    unsigned first, unsigned count, int verbose,
    struct ext2fuzz_report *rep);

#endif /* !NAIAD_TESTS_UNIT_EXT2_FUZZ_H */
