/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * rmdir DIR... (book/53-utilities.nw): remove empty directories.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* rmdir DIR... */
int
main(int argc, char **argv)
{
	int i, status = 0;

	if (getopt(argc, argv, "") != -1 || optind == argc) {
		fprintf(stderr, "usage: rmdir directory ...\n");
		return 2;
	}
	for (i = optind; i < argc; i++)
		if (rmdir(argv[i]) != 0) {
			fprintf(stderr, "rmdir: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
		}
	return status;
}
