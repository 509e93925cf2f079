/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief What the file system calls copy out: struct stat and the
 * flags of open (book/50-vfs-syscalls.nw).
 */
#ifndef NAIAD_VFS_STAT_H
#define NAIAD_VFS_STAT_H

#include <stdint.h>

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
#define O_RDONLY	0x0000	/**< open for reading */
#define O_WRONLY	0x0001	/**< ... writing */
#define O_RDWR		0x0002	/**< ... both */
#define O_ACCMODE	0x0003	/**< the access bits */
#define O_APPEND	0x0008	/**< every write at the end */
#define O_CREAT		0x0200	/**< make the file if it is not there */
#define O_TRUNC		0x0400	/**< empty it */
#define O_EXCL		0x0800	/**< with O_CREAT: fail if it is there */

#define SEEK_SET	0	/**< lseek: from the start */
#define SEEK_CUR	1	/**< ... from the offset */
#define SEEK_END	2	/**< ... from the end */

#endif /* !NAIAD_VFS_STAT_H */
