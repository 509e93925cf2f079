/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * grep [-cFnv] PATTERN [FILE...] (book/53-utilities.nw).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grep.h"

static int count_only, fixed, numbers, invert;
static const char *pattern;

/* A file being read line by line. */
struct reader {
	int	fd;
	char	buf[4096];	/* what was read and not yet used */
	size_t	pos, len;
	char	*line;		/* the current line (malloc'd) */
	size_t	room;
};

/* The next line of R into r->line, without its newline: its length,
 * -1 at the end, -2 on an error (errno). */
static long
next_line(struct reader *r)
{
	size_t n = 0;
	long got;
	char c, *more;

	for (;;) {
		if (r->pos == r->len) {
			got = read(r->fd, r->buf, sizeof(r->buf));
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return -2;
			if (got == 0)
				return n > 0 ? (long)n : -1;
			r->pos = 0;
			r->len = (size_t)got;
		}
		c = r->buf[r->pos++];
		if (c == '\n')
			return (long)n;
		if (n + 1 >= r->room) {
			if ((more = realloc(r->line, r->room * 2 + 64)) ==
			    NULL) {
				errno = ENOMEM;
				return -2;
			}
			r->line = more;
			r->room = r->room * 2 + 64;
		}
		r->line[n++] = c;
	}
}

/* grep FD (called NAME; PREFIX: say the name on each line).  The lines
 * selected, or -1 on an error (said). */
static long
grep_fd(int fd, const char *name, int prefix)
{
	static struct reader r;
	long n, lineno = 0, selected = 0;
	int hit;

	r.fd = fd;
	r.pos = r.len = 0;
	while ((n = next_line(&r)) >= 0) {
		lineno++;
		hit = fixed ? grep_fixed(pattern, strlen(pattern), r.line,
		    (size_t)n) : grep_match(pattern, r.line, (size_t)n);
		if (hit == invert)
			continue;
		selected++;
		if (count_only)
			continue;
		if (prefix)
			printf("%s:", name);
		if (numbers)
			printf("%ld:", lineno);
		if (n > 0)
			r.line[n] = '\0';	/* next_line left room */
		printf("%s\n", n > 0 ? r.line : "");
	}
	if (n == -2) {
		fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
		return -1;
	}
	if (count_only)
		printf("%s%s%ld\n", prefix ? name : "", prefix ? ":" : "",
		    selected);
	return selected;
}

/* grep [-cFnv] PATTERN [FILE...] */
int
main(int argc, char **argv)
{
	int c, i, fd, error = 0, any = 0;
	long n;

	while ((c = getopt(argc, argv, "cFnv")) != -1) {
		switch (c) {
		case 'c': count_only = 1; break;
		case 'F': fixed = 1; break;
		case 'n': numbers = 1; break;
		case 'v': invert = 1; break;
		default: goto usage;
		}
	}
	if (optind == argc)
		goto usage;
	pattern = argv[optind++];
	if (optind == argc) {
		n = grep_fd(0, "(standard input)", 0);
		return n < 0 ? 2 : n > 0 ? 0 : 1;
	}
	for (i = optind; i < argc; i++) {
		if ((fd = open(argv[i], O_RDONLY, 0)) < 0) {
			fprintf(stderr, "grep: %s: %s\n", argv[i],
			    strerror(errno));
			error = 1;
			continue;
		}
		n = grep_fd(fd, argv[i], argc - optind > 1);
		close(fd);
		if (n < 0)
			error = 1;
		else if (n > 0)
			any = 1;
	}
	return error ? 2 : any ? 0 : 1;
usage:
	fprintf(stderr, "usage: grep [-cFnv] pattern [file ...]\n");
	return 2;
}
