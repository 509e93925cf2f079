/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * df [FILE...] (book/53-utilities.nw): the space of the mounts.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

/* One line for the mount SF. */
static void
report(const struct statfs *sf)
{
	unsigned long long k = sf->f_bsize / 1024 > 0 ? sf->f_bsize / 1024 :
	    0, total, avail;

	if (k > 0) {
		total = sf->f_blocks * k;
		avail = sf->f_bfree * k;
	} else {			/* blocks smaller than 1 KiB */
		total = sf->f_blocks * sf->f_bsize / 1024;
		avail = sf->f_bfree * sf->f_bsize / 1024;
	}
	printf("%-12s %-7s %9llu %9llu %9llu  %s\n", sf->f_mntfromname,
	    sf->f_fstypename, total, total - avail, avail, sf->f_mntonname);
}

/* df [FILE...] */
int
main(int argc, char **argv)
{
	struct statfs *all, sf;
	int i, n, status = 0;

	if (getopt(argc, argv, "") != -1) {
		fprintf(stderr, "usage: df [file ...]\n");
		return 2;
	}
	printf("%-12s %-7s %9s %9s %9s  %s\n", "Filesystem", "Type",
	    "1K-blocks", "Used", "Avail", "Mounted on");
	if (optind == argc) {
		if ((n = getmntinfo(&all, 0)) == 0) {
			fprintf(stderr, "df: /: %s\n", strerror(errno));
			return 1;
		}
		for (i = 0; i < n; i++)
			report(&all[i]);
		return 0;
	}
	for (i = optind; i < argc; i++) {
		if (statfs(argv[i], &sf) != 0) {
			fprintf(stderr, "df: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
			continue;
		}
		report(&sf);
	}
	return status;
}
