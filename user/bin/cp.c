/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * cp SOURCE TARGET, cp SOURCE... DIRECTORY (book/53-utilities.nw).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CP_PATH_MAX	1024

/* Copy the file FROM to TO: 0, or 1 (said). */
static int
copy(const char *from, const char *to)
{
	struct stat sst, tst;
	char buf[4096];
	int in, out, r = 0;
	long n;

	if ((in = open(from, O_RDONLY, 0)) < 0 || fstat(in, &sst) != 0) {
		fprintf(stderr, "cp: %s: %s\n", from, strerror(errno));
		if (in >= 0)
			close(in);
		return 1;
	}
	if (S_ISDIR(sst.st_mode)) {
		fprintf(stderr, "cp: %s: is a directory (not copied)\n", from);
		close(in);
		return 1;
	}
	if (stat(to, &tst) == 0 && tst.st_dev == sst.st_dev &&
	    tst.st_ino == sst.st_ino) {
		fprintf(stderr, "cp: %s and %s are the same file\n", from, to);
		close(in);
		return 1;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC,
	    (int)(sst.st_mode & 0777))) < 0) {
		fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
		close(in);
		return 1;
	}
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write_all(out, buf, (size_t)n) != 0) {
			fprintf(stderr, "cp: %s: %s\n", n < 0 ? from : to,
			    strerror(errno));
			r = 1;
			break;
		}
	}
	close(in);
	if (close(out) != 0 && r == 0) {
		fprintf(stderr, "cp: %s: %s\n", to, strerror(errno));
		r = 1;
	}
	return r;
}

/* cp SOURCE TARGET | cp SOURCE... DIRECTORY */
int
main(int argc, char **argv)
{
	char to[CP_PATH_MAX];
	const char *base, *dir;
	struct stat st;
	int i, status = 0;

	if (getopt(argc, argv, "") != -1 || argc - optind < 2) {
		fprintf(stderr, "usage: cp source target\n"
		    "       cp source ... directory\n");
		return 2;
	}
	dir = argv[argc - 1];
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		if (argc - optind > 2) {
			fprintf(stderr, "cp: %s: not a directory\n", dir);
			return 1;
		}
		return copy(argv[optind], dir);
	}
	for (i = optind; i < argc - 1; i++) {
		base = strrchr(argv[i], '/') != NULL ?
		    strrchr(argv[i], '/') + 1 : argv[i];
		if (snprintf(to, sizeof(to), "%s/%s", dir, base) >=
		    (int)sizeof(to)) {
			fprintf(stderr, "cp: %s/%s: file name too long\n", dir,
			    base);
			status = 1;
			continue;
		}
		status |= copy(argv[i], to);
	}
	return status;
}
