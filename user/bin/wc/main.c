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

/** \brief Open the file \a name for reading: a descriptor, or -1 (said
 * on stderr).  Weak, so that a later chapter's replaces this one. */
int wc_open(const char *name) __attribute__((weak));

/* No files yet: refuse NAME. */
int
wc_open(const char *name)
{
	fprintf(stderr, "wc: %s: no files yet; wc counts its standard "
	    "input\n", name);
	return -1;
}

/* Which counts to print: from the options, all three without any.  The
 * index of the first operand, or -1 (a usage error, said). */
static int
options(int argc, char **argv, int *l, int *w, int *c)
{
	int i;
	const char *p;

	*l = *w = *c = 0;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0';
	    i++) {
		for (p = argv[i] + 1; *p != '\0'; p++) {
			if (*p == 'l')
				*l = 1;
			else if (*p == 'w')
				*w = 1;
			else if (*p == 'c')
				*c = 1;
			else {
				fprintf(stderr, "usage: wc [-lwc] [file ...]\n");
				return -1;
			}
		}
	}
	if (!*l && !*w && !*c)
		*l = *w = *c = 1;
	return i;
}

/* Count FD (called NAME) into C: 0, or 1 (said). */
static int
count_fd(int fd, const char *name, struct wc_counts *c)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
			return 1;
		}
		wc_count(c, buf, (size_t)n);
	}
	return 0;
}

/* Print the counts C asked for by L, W, C, then NAME if not NULL. */
static void
print_counts(const struct wc_counts *k, int l, int w, int c,
    const char *name)
{
	if (l)
		printf(" %7lu", k->lines);
	if (w)
		printf(" %7lu", k->words);
	if (c)
		printf(" %7lu", k->bytes);
	printf(name != NULL ? " %s\n" : "\n", name);
}

/* wc [-lwc] [FILE|-]...: count each file, or standard input. */
int
main(int argc, char **argv)
{
	struct wc_counts counts, total = { 0, 0, 0, 0 };
	int l, w, c, i, fd, first, status = 0;

	if ((first = options(argc, argv, &l, &w, &c)) < 0)
		return 2;
	if (first == argc) {
		memset(&counts, 0, sizeof(counts));
		status = count_fd(0, "stdin", &counts);
		print_counts(&counts, l, w, c, NULL);
		return status;
	}
	for (i = first; i < argc; i++) {
		memset(&counts, 0, sizeof(counts));
		fd = strcmp(argv[i], "-") == 0 ? 0 : wc_open(argv[i]);
		if (fd < 0) {
			status = 1;
			continue;
		}
		status |= count_fd(fd, argv[i], &counts);
		if (fd != 0)
			close(fd);
		print_counts(&counts, l, w, c, argv[i]);
		total.lines += counts.lines;
		total.words += counts.words;
		total.bytes += counts.bytes;
	}
	if (argc - first > 1)
		print_counts(&total, l, w, c, "total");
	return status;
}
