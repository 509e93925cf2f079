/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ext2 as a filesystem of the VFS (book/51-ext2-vfs.nw): the
 * type "ext2", its vnode operations served by a thread per CPU.
 */
#ifndef NAIAD_VFS_EXT2_VFS_H
#define NAIAD_VFS_EXT2_VFS_H

#include <stdint.h>

#include "kern/queue.h"
#include "vfs/ext2/ext2.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

/** An inode of a mounted ext2 that has vnodes (the vnodes' v_data). */
struct ext2_node {
	uint32_t	en_ino;		/**< its number: its vnodes' v_key */
	uint32_t	en_vnodes;	/**< vnodes that use it */
	TAILQ_ENTRY(ext2_node) en_link;	/**< on its mount's list */
};

/** A mounted ext2 (mnt_data). */
struct ext2_mount {
	struct vlock	em_lock;	/**< every operation holds it */
	struct ext2_fs	em_fs;		/**< the filesystem (book/47-ext2.nw) */
	TAILQ_HEAD(, ext2_node) em_nodes; /**< inodes with vnodes */
	uint32_t	em_clock0;	/**< s_wtime at mount, seconds */
};

/** The vnode operations of ext2. */
extern const struct vop_ops ext2_vops;
/** \brief Inode \a ino's vnode in \a mp, referenced; the mount's lock
 * held. \return 0, -EIO, -EOPNOTSUPP, -ENOMEM. */
int ext2_vnode(struct mount *mp, uint32_t ino, struct vnode **vpp);
/** \brief Parse mount options \a data. \return 0 or -EINVAL. */
int ext2_vfs_options(const char *data, int *threads, int *rdonly);
/** \brief Write every changed block of \a mp to its disk, under the
 * mount's lock. \return 0 or -errno. */
int ext2_sync_mount(struct mount *mp);

/** The largest program exec reads through the VFS, in bytes. */
#define EXEC_VFS_MAX	(8u << 20)
struct archive_file;
/** \brief Read regular file \a path whole into kernel memory for exec:
 * 0 and *\a af (kfree(*\a freep) after); \a freep NULL: only look.
 * \return 0, -ENOENT, -EACCES, -ENOEXEC, -ENOMEM, -EIO. */
int exec_vfs_load(const char *path, struct archive_file *af, void **freep);

#endif /* !NAIAD_VFS_EXT2_VFS_H */
