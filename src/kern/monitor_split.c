/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include "kern/monitor.h"

/* Pure: the host unit tests run it as it is. */
int
monitor_split(char *line, char **words, int max)
{
	int n = 0;

	for (;;) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (*line == '\0')
			return n;
		if (n == max)
			return -1;
		words[n++] = line;
		while (*line != '\0' && *line != ' ' && *line != '\t')
			line++;
	}
}
