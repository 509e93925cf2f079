/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Every descriptor a vnode (book/54-vnfile.nw): pipes as VFIFO
 * vnodes of fifofs, the console as /dev/console.
 */
#ifndef NAIAD_VFS_VNFILE_H
#define NAIAD_VFS_VNFILE_H

#include "kern/file.h"

/** Where the console opener looks. */
#define VN_CONSOLE_PATH	"/dev/console"

/**
 * \brief pipe(2)'s two ends as vnode files of one new VFIFO vnode
 * (Chapter "File descriptors and pipes"'s files if fifofs is not
 * mounted). \return 0, -ENFILE or -ENOMEM.
 */
int fifo_pipe(struct file **rfpp, struct file **wfpp);
/**
 * \brief A vnode file of the console device at \a path, opened for
 * \a flag. \return 0, or -errno (-ENXIO: not a device).
 */
int vn_console_open(const char *path, int flag, struct file **fpp);

#endif /* !NAIAD_VFS_VNFILE_H */
