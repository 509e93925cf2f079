/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ext2 image fuzzer as a program (make ext2-fuzz):
 *
 *	build/unit/ext2fuzz IMAGE SEED COUNT [FIRST]
 *
 * runs COUNT runs (from run FIRST, to replay one) of fuzz.c on IMAGE
 * and prints the counts; exit status 1 if a run crashed, hung or
 * misused the buffer cache.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ext2/fuzz.h"
#include "host/ext2/hostdisk.h"

int
main(int argc, char **argv)
{
	struct ext2fuzz_report r;
	struct cdev *img;
	unsigned long seed, count, first = 0;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: ext2fuzz IMAGE SEED COUNT [FIRST]\n");
		return 2;
	}
	seed = strtoul(argv[2], NULL, 0);
	count = strtoul(argv[3], NULL, 0);
	if (argc == 5)
		first = strtoul(argv[4], NULL, 0);
	if ((img = hostdisk_load(argv[1])) == NULL)
		return 2;
	ext2fuzz_run(hostdisk_bytes(img), hostdisk_size(img), (uint32_t)seed,
	    (unsigned)first, (unsigned)count, 1, &r);
	printf("ext2fuzz: %u runs of %s (seed %lu): %u mounted, %u refused; "
	    "%lu operations, %lu failed cleanly; crashes=%u hangs=%u "
	    "misuses=%u\n", r.runs, argv[1], seed, r.mounted, r.refused,
	    r.ops, r.ops_failed, r.crashes, r.hangs, r.misuses);
	hostdisk_free(img);
	return r.crashes + r.hangs + r.misuses == 0 ? 0 : 1;
}
