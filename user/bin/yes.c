/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* yes [WORD]: WORD (or y) and a newline, forever. */
int
main(int argc, char **argv)
{
	static char buf[4096];
	const char *word = argc > 1 ? argv[1] : "y";
	size_t len = strlen(word), n = 0;

	if (len + 1 > sizeof(buf)) {
		fprintf(stderr, "yes: the word is too long\n");
		return 1;
	}
	while (n + len + 1 <= sizeof(buf)) {
		memcpy(buf + n, word, len);
		buf[n + len] = '\n';
		n += len + 1;
	}
	while (write_all(1, buf, n) == 0)
		continue;
	return 1;
}
