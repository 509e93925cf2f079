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

/** \brief Open the file \a name for reading: a descriptor, or -1 (said
 * on stderr).  Weak, so that a later chapter's replaces this one. */
int cat_open(const char *name) __attribute__((weak));

/* No files yet: refuse NAME. */
int
cat_open(const char *name)
{
	fprintf(stderr, "cat: %s: no files yet; cat copies its standard "
	    "input\n", name);
	return -1;
}

/* Copy FD to standard output, as it comes: 0, or 1 (said). */
static int
copy(int fd)
{
	char buf[4096];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
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

/* cat [FILE|-]...: each file, or the standard input, in turn. */
int
main(int argc, char **argv)
{
	int i, fd, status = 0;

	if (argc == 1)
		return copy(0);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			status |= copy(0);
		} else if ((fd = cat_open(argv[i])) < 0) {
			status = 1;
		} else {
			status |= copy(fd);
			close(fd);
		}
	}
	return status;
}
