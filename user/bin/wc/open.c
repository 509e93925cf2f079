/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * wc's files (book/53-utilities.nw): open an operand.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

int wc_open(const char *name);

/* Open NAME for reading: a descriptor, or -1 (said). */
int
wc_open(const char *name)
{
	int fd = open(name, O_RDONLY, 0);

	if (fd < 0)
		fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
	return fd;
}
