/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * mkdir [-p] DIR... (book/53-utilities.nw).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MKDIR_PATH_MAX	1024

/* Make PATH; with PARENTS, its missing parents too, and PATH may be a
 * directory already.  0, or 1 (said). */
static int
make(const char *path, int parents)
{
	char buf[MKDIR_PATH_MAX];
	struct stat st;
	char *p;

	if (strlcpy(buf, path, sizeof(buf)) >= sizeof(buf)) {
		fprintf(stderr, "mkdir: %s: file name too long\n", path);
		return 1;
	}
	for (p = buf + 1; parents && *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
			fprintf(stderr, "mkdir: %s: %s\n", buf,
			    strerror(errno));
			return 1;
		}
		*p = '/';
	}
	if (mkdir(path, 0755) == 0)
		return 0;
	if (parents && errno == EEXIST && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		return 0;
	fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
	return 1;
}

/* mkdir [-p] DIR... */
int
main(int argc, char **argv)
{
	int c, i, parents = 0, status = 0;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p')
			goto usage;
		parents = 1;
	}
	if (optind == argc)
		goto usage;
	for (i = optind; i < argc; i++)
		status |= make(argv[i], parents);
	return status;
usage:
	fprintf(stderr, "usage: mkdir [-p] directory ...\n");
	return 2;
}
