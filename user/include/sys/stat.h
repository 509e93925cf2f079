/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Files' attributes (book/50-vfs-syscalls.nw): struct stat and the
 * modes, as the kernel declares them.
 */
#ifndef _SYS_STAT_H_
#define _SYS_STAT_H_

#include <stdint.h>
#include <sys/syscall.h>

#define S_IFMT		0170000	/**< the type bits of st_mode */
#define S_IFIFO		0010000	/**< a pipe */
#define S_IFCHR		0020000	/**< a device, the console */
#define S_IFDIR		0040000	/**< a directory */
#define S_IFREG		0100000	/**< a regular file */
#define S_IFLNK		0120000	/**< a symbolic link */
/** Is mode \a m a directory's? */
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
/** ... a regular file's? */
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
/** ... a link's? */
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
/** ... a device's? */
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
/** ... a pipe's? */
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/** What stat, lstat and fstat say about a file. */
struct stat {
	uint32_t	st_dev;		/**< its filesystem (mount) */
	uint32_t	st_ino;		/**< its number there */
	uint32_t	st_mode;	/**< S_IF* | permission bits */
	uint32_t	st_nlink;	/**< names */
	uint32_t	st_uid;		/**< owner (0: there are no users) */
	uint32_t	st_gid;		/**< group (0) */
	uint32_t	st_rdev;	/**< a device: its number */
	int64_t		st_size;	/**< bytes */
	uint32_t	st_blksize;	/**< the best size of a transfer */
	uint64_t	st_blocks;	/**< 512-byte blocks of storage */
	int32_t		st_mtime;	/**< last change, seconds since boot */
};

#endif
