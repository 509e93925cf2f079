/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Directories (book/50-vfs-syscalls.nw): the entries getdents returns,
 * and opendir, readdir, closedir.
 */
#ifndef _DIRENT_H_
#define _DIRENT_H_

#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>

#define NAME_MAX	255	/* the longest name of an entry */

#define DT_UNKNOWN	0	/**< d_type: unknown */
#define DT_CHR		2	/**< a device */
#define DT_DIR		4	/**< a directory */
#define DT_REG		8	/**< a regular file */
#define DT_LNK		10	/**< a symbolic link */

/** A directory entry as getdents returns it; d_reclen bytes long. */
struct dirent {
	uint32_t	d_fileno;	/**< the file's number */
	uint16_t	d_reclen;	/**< this record's length */
	uint8_t		d_type;		/**< DT_* */
	uint8_t		d_namlen;	/**< the name's length */
	char		d_name[NAME_MAX + 1]; /**< the name, NUL-terminated */
};

/** The length of the record of a name of \a namlen bytes. */
#define DIRENT_RECLEN(namlen) \
	((offsetof(struct dirent, d_name) + (namlen) + 1 + 3) & ~3u)

/** An open directory: its descriptor and one getdents' worth. */
typedef struct {
	int		dd_fd;		/**< the directory, open */
	int		dd_len;		/**< bytes in dd_buf */
	int		dd_pos;		/**< the next record */
	/** The entries getdents gave, dd_len bytes. */
	char		dd_buf[4096] __attribute__((aligned(4)));
} DIR;

/** \brief Open the directory \a path; NULL and errno on failure. */
DIR *opendir(const char *path);
/** \brief The next entry, or NULL at the end (or on error: errno). */
struct dirent *readdir(DIR *dir);
/** \brief Close \a dir. \return 0 or -1. */
int closedir(DIR *dir);
/** \brief The current directory's path into \a buf; NULL and errno on
 * failure (the system call's stub would return -1). */
char *getcwd(char *buf, size_t size);

#endif
