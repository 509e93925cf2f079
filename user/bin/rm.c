/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * rm [-rf] FILE... (book/53-utilities.nw).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RM_PATH_MAX	1024

static int recursive, force;

/* Remove PATH (a directory's contents first with -r): 0, or 1 (said). */
static int
rm(const char *path)
{
	char sub[RM_PATH_MAX];
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int again;

	if (lstat(path, &st) != 0) {
		if (force && errno == ENOENT)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!recursive) {
		fprintf(stderr, "rm: %s: is a directory\n", path);
		return 1;
	}
	do {				/* one entry at a time, until none */
		again = 0;
		if ((dir = opendir(path)) == NULL)
			break;
		while ((d = readdir(dir)) != NULL)
			if (strcmp(d->d_name, ".") != 0 &&
			    strcmp(d->d_name, "..") != 0)
				break;
		if (d != NULL && snprintf(sub, sizeof(sub), "%s/%s", path,
		    d->d_name) < (int)sizeof(sub))
			again = rm(sub) == 0;
		closedir(dir);
	} while (again);
	if (rmdir(path) == 0)
		return 0;
	fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
	return 1;
}

/* rm [-rf] FILE... */
int
main(int argc, char **argv)
{
	int c, i, status = 0;

	while ((c = getopt(argc, argv, "rf")) != -1) {
		if (c == 'r')
			recursive = 1;
		else if (c == 'f')
			force = 1;
		else
			goto usage;
	}
	if (optind == argc && !force)
		goto usage;
	for (i = optind; i < argc; i++)
		status |= rm(argv[i]);
	return status;
usage:
	fprintf(stderr, "usage: rm [-rf] file ...\n");
	return 2;
}
