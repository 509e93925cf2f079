/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The shell's scripts (book/53-utilities.nw): sh [-e] FILE runs the
 * lines of FILE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* Run one line TEXT, line LINENO of PATH: its status. */
static int
script_line(const char *path, int lineno, const char *text)
{
	static struct sh_line line;

	if (sh_parse(text, &line) != 0) {
		fprintf(stderr, "sh: %s: %d: %s\n", path, lineno, line.error);
		return 2;
	}
	return sh_run_line(&line);
}

/* Run the lines of PATH; stop at a failure if ERREXIT.  The status of
 * the last line run (127: the file cannot be read). */
int
sh_script(const char *path, int errexit)
{
	static char buf[512], text[SH_LINE_MAX];
	int fd, lineno = 0, status = 0, too_long = 0;
	size_t n = 0;
	long got, i;

	if ((fd = open(path, O_RDONLY, 0)) < 0) {
		fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
		return 127;
	}
	for (;;) {
		got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			fprintf(stderr, "sh: %s: %s\n", path, strerror(errno));
			status = 2;
			break;
		}
		for (i = 0; i <= got; i++) {
			if (i < got && buf[i] != '\n') {
				if (n + 1 < sizeof(text))
					text[n++] = buf[i];
				else
					too_long = 1;
				continue;
			}
			if (i == got && (got > 0 || n == 0))
				break;		/* the line goes on, or none */
			text[n] = '\0';		/* a newline, or the end */
			lineno++;
			if (too_long) {
				fprintf(stderr, "sh: %s: %d: line too long\n",
				    path, lineno);
				status = 2;
			} else {
				status = script_line(path, lineno, text);
			}
			n = 0;
			too_long = 0;
			if (errexit && status != 0)
				goto out;
		}
		if (got == 0)
			break;
	}
out:
	close(fd);
	return status;
}
