/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * mv SOURCE TARGET, mv SOURCE... DIRECTORY (book/53-utilities.nw).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MV_PATH_MAX	1024

/* Rename FROM to TO: 0, or 1 (said). */
static int
move(const char *from, const char *to)
{
	if (rename(from, to) == 0)
		return 0;
	fprintf(stderr, "mv: %s to %s: %s\n", from, to, strerror(errno));
	return 1;
}

/* mv SOURCE TARGET | mv SOURCE... DIRECTORY */
int
main(int argc, char **argv)
{
	char to[MV_PATH_MAX];
	const char *base, *dir;
	struct stat st;
	int i, status = 0;

	if (getopt(argc, argv, "") != -1 || argc - optind < 2) {
		fprintf(stderr, "usage: mv source target\n"
		    "       mv source ... directory\n");
		return 2;
	}
	dir = argv[argc - 1];
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		if (argc - optind > 2) {
			fprintf(stderr, "mv: %s: not a directory\n", dir);
			return 1;
		}
		return move(argv[optind], dir);
	}
	for (i = optind; i < argc - 1; i++) {
		base = strrchr(argv[i], '/') != NULL ?
		    strrchr(argv[i], '/') + 1 : argv[i];
		if (snprintf(to, sizeof(to), "%s/%s", dir, base) >=
		    (int)sizeof(to)) {
			fprintf(stderr, "mv: %s/%s: file name too long\n", dir,
			    base);
			status = 1;
			continue;
		}
		status |= move(argv[i], to);
	}
	return status;
}
