/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Read S ("2", "0.5", "1.250") into *TS; 0, or -1 if it is no number. */
static int
parse_seconds(const char *s, struct timespec *ts)
{
	char *end;
	long scale = 100000000;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	ts->tv_sec = (long)strtoul(s, &end, 10);
	if (errno == ERANGE || ts->tv_sec < 0)
		return -1;
	ts->tv_nsec = 0;
	if (*end == '.')
		for (end++; isdigit((unsigned char)*end); end++, scale /= 10)
			ts->tv_nsec += (*end - '0') * scale;
	return *end == '\0' ? 0 : -1;
}

/* sleep SECONDS. */
int
main(int argc, char **argv)
{
	struct timespec ts, left;

	if (argc != 2 || parse_seconds(argv[1], &ts) != 0) {
		fprintf(stderr, "usage: sleep SECONDS (e.g. 2 or 0.5)\n");
		return 2;
	}
	while (nanosleep(&ts, &left) != 0) {
		if (errno != EINTR) {
			perror("sleep");
			return 1;
		}
		ts = left;
	}
	return 0;
}
