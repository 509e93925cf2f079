/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Files of vnodes: what open makes (book/43-vfs.nw).
 */
#ifndef NAIAD_VFS_VFS_FILE_H
#define NAIAD_VFS_VFS_FILE_H

#include "kern/file.h"
#include "vfs/vnode.h"

/** Bytes a read or write of a program moves per message. */
#define VN_IOCHUNK	4096

#define FAPPEND		0x0008	/**< every write goes at the end */

/** The operations of a file of a vnode. */
extern const struct fileops vn_fileops;

/**
 * \brief A file of \a vp opened for \a flag, taking over the caller's
 * reference. \return 0 and *\a fpp, or -errno (\a vp released).
 */
int vn_file_open(struct vnode *vp, int flag, struct file **fpp);

#endif /* !NAIAD_VFS_VFS_FILE_H */
