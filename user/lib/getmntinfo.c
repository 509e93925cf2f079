/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * getmntinfo (book/53-utilities.nw): the mounts, found by statfs of the
 * root and of each directory of the root, since the kernel has no call
 * that lists them.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define GETMNT_MAX	32	/* mounts reported, at most */

/* The mounts found into *MNTBUFP: how many (0 and errno: none). */
int
getmntinfo(struct statfs **mntbufp, int flags)
{
	static struct statfs found[GETMNT_MAX];
	char path[NAME_MAX + 2];
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int n = 0, i;

	(void)flags;
	*mntbufp = found;
	if (statfs("/", &found[0]) != 0)
		return 0;
	n = 1;
	if ((dir = opendir("/")) == NULL)
		return n;
	while (n < GETMNT_MAX && (d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
			continue;
		path[0] = '/';
		strlcpy(path + 1, d->d_name, sizeof(path) - 1);
		if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
		    statfs(path, &found[n]) != 0)
			continue;
		for (i = 0; i < n && found[i].f_fsid != found[n].f_fsid; i++)
			continue;
		if (i == n)
			n++;		/* a mount not seen before */
	}
	closedir(dir);
	return n;
}
