/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* cat [-]: standard input to standard output, as it comes. */
int
main(int argc, char **argv)
{
	char buf[4096];
	ssize_t n;
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "-") != 0) {
			fprintf(stderr, "cat: %s: no files yet; cat copies "
			    "its standard input\n", argv[i]);
			return 1;
		}
	for (;;) {
		n = read(0, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("cat: read");
			return 1;
		}
		if (n == 0)
			return 0;
		if (write_all(1, buf, (size_t)n) != 0) {
			perror("cat: write");
			return 1;
		}
	}
}
