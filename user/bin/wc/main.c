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

#include "wc.h"

/* Which counts to print: from the options, all three without any. */
static int
options(int argc, char **argv, int *l, int *w, int *c)
{
	int i;
	const char *p;

	*l = *w = *c = 0;
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '\0') {
			fprintf(stderr, "wc: %s: no files yet; wc counts its "
			    "standard input\n", argv[i]);
			return -1;
		}
		for (p = argv[i] + 1; *p != '\0'; p++) {
			if (*p == 'l')
				*l = 1;
			else if (*p == 'w')
				*w = 1;
			else if (*p == 'c')
				*c = 1;
			else {
				fprintf(stderr, "usage: wc [-lwc]\n");
				return -1;
			}
		}
	}
	if (!*l && !*w && !*c)
		*l = *w = *c = 1;
	return 0;
}

/* wc [-lwc]: count standard input. */
int
main(int argc, char **argv)
{
	struct wc_counts counts = { 0, 0, 0, 0 };
	char buf[4096];
	ssize_t n;
	int l, w, c;

	if (options(argc, argv, &l, &w, &c) != 0)
		return 2;
	while ((n = read(0, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			perror("wc: read");
			return 1;
		}
		wc_count(&counts, buf, (size_t)n);
	}
	if (l)
		printf(" %7lu", counts.lines);
	if (w)
		printf(" %7lu", counts.words);
	if (c)
		printf(" %7lu", counts.bytes);
	printf("\n");
	return 0;
}
