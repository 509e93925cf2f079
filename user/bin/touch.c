/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * touch FILE... (book/53-utilities.nw): make the files that are not
 * there (the kernel has no utimes, so a file's time stays as it is).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* touch FILE... */
int
main(int argc, char **argv)
{
	struct stat st;
	int i, fd, status = 0;

	if (getopt(argc, argv, "") != -1 || optind == argc) {
		fprintf(stderr, "usage: touch file ...\n");
		return 2;
	}
	for (i = optind; i < argc; i++) {
		if (stat(argv[i], &st) == 0)
			continue;
		if ((fd = open(argv[i], O_WRONLY | O_CREAT, 0644)) < 0) {
			fprintf(stderr, "touch: %s: %s\n", argv[i],
			    strerror(errno));
			status = 1;
			continue;
		}
		close(fd);
	}
	return status;
}
