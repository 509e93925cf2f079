/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The flags of open and lseek's whence (book/50-vfs-syscalls.nw).
 */
#ifndef _FCNTL_H_
#define _FCNTL_H_

#include <sys/syscall.h>

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

#endif
