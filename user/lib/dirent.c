/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The C library's directory functions (book/50-vfs-syscalls.nw):
 * opendir, readdir, closedir over getdents, and getcwd.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

/* Open the directory PATH, or NULL with errno. */
DIR *
opendir(const char *path)
{
	DIR *dir;
	int fd;

	if ((fd = open(path, O_RDONLY, 0)) < 0)
		return NULL;
	if ((dir = malloc(sizeof(*dir))) == NULL) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	dir->dd_fd = fd;
	dir->dd_len = dir->dd_pos = 0;
	return dir;
}

/* The next entry of DIR, or NULL at the end (errno unchanged) or on an
 * error (errno set). */
struct dirent *
readdir(DIR *dir)
{
	struct dirent *d;

	if (dir->dd_pos >= dir->dd_len) {
		dir->dd_len = getdents(dir->dd_fd, dir->dd_buf,
		    sizeof(dir->dd_buf));
		dir->dd_pos = 0;
		if (dir->dd_len <= 0)
			return NULL;
	}
	d = (struct dirent *)(dir->dd_buf + dir->dd_pos);
	dir->dd_pos += d->d_reclen;
	return d;
}

/* Close DIR. */
int
closedir(DIR *dir)
{
	int r = close(dir->dd_fd);

	free(dir);
	return r;
}

/* getcwd: the system call, but NULL (not -1) on failure, as POSIX
 * says of a function returning a pointer. */
char *
getcwd(char *buf, size_t size)
{
	long r = __sys_getcwd(buf, size);

	if (r < 0 && r >= -4095) {
		errno = (int)-r;
		return NULL;
	}
	return buf;
}
