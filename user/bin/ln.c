/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ln [-s] TARGET NAME (book/53-utilities.nw).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LN_PATH_MAX	1024

/* ln [-s] TARGET NAME */
int
main(int argc, char **argv)
{
	char buf[LN_PATH_MAX];
	const char *target, *name, *base;
	struct stat st;
	int c, soft = 0, r;

	while ((c = getopt(argc, argv, "s")) != -1) {
		if (c != 's')
			goto usage;
		soft = 1;
	}
	if (argc - optind != 2)
		goto usage;
	target = argv[optind];
	name = argv[optind + 1];
	if (stat(name, &st) == 0 && S_ISDIR(st.st_mode)) {
		base = strrchr(target, '/') != NULL ?
		    strrchr(target, '/') + 1 : target;
		if (snprintf(buf, sizeof(buf), "%s/%s", name, base) >=
		    (int)sizeof(buf)) {
			fprintf(stderr, "ln: %s/%s: file name too long\n",
			    name, base);
			return 1;
		}
		name = buf;
	}
	r = soft ? symlink(target, name) : link(target, name);
	if (r == 0)
		return 0;
	fprintf(stderr, "ln: %s: %s\n", errno == ENOENT && !soft ? target :
	    name, strerror(errno));
	return 1;
usage:
	fprintf(stderr, "usage: ln [-s] target name\n");
	return 2;
}
