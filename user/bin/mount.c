/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * mount, mount -t TYPE [-r] FROM DIR (book/53-utilities.nw).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

/* mount | mount -t TYPE [-r] FROM DIR */
int
main(int argc, char **argv)
{
	struct statfs *sf;
	const char *type = NULL;
	int c, i, n, flags = 0;

	while ((c = getopt(argc, argv, "rt:")) != -1) {
		if (c == 'r')
			flags |= MNT_RDONLY;
		else if (c == 't')
			type = optarg;
		else
			goto usage;
	}
	if (optind == argc && type == NULL && flags == 0) {
		if ((n = getmntinfo(&sf, 0)) == 0) {
			fprintf(stderr, "mount: /: %s\n", strerror(errno));
			return 1;
		}
		for (i = 0; i < n; i++)
			printf("%s on %s (%s%s)\n", sf[i].f_mntfromname,
			    sf[i].f_mntonname, sf[i].f_fstypename,
			    (sf[i].f_flags & MNT_RDONLY) ? ", read-only" : "");
		return 0;
	}
	if (type == NULL || argc - optind != 2)
		goto usage;
	if (mount(type, argv[optind], argv[optind + 1], flags, NULL) == 0)
		return 0;
	fprintf(stderr, "mount: %s on %s: %s\n", argv[optind],
	    argv[optind + 1], strerror(errno));
	return 1;
usage:
	fprintf(stderr, "usage: mount\n"
	    "       mount -t type [-r] device directory\n");
	return 2;
}
