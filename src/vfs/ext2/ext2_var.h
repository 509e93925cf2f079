/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ext2's internals (book/47-ext2.nw): inodes in memory, groups,
 * bitmaps, block maps and directories, shared by src/vfs/ext2/ only.
 */
#ifndef NAIAD_VFS_EXT2_EXT2_VAR_H
#define NAIAD_VFS_EXT2_EXT2_VAR_H

#include <stddef.h>
#include <stdint.h>

#include "vfs/ext2/ext2.h"

struct buf;

/** An inode read from the disk, for the length of one operation. */
struct ext2_inode {
	uint32_t	i_number;	/**< its number */
	struct ext2_dinode i_din;	/**< its first 128 bytes */
};

/** The magic of an extended-attribute block (its first word). */
#define EXT2_XATTR_MAGIC	0xEA020000u

/** \brief The time to stamp (the mount's clock, or 0). */
uint32_t ext2_now(const struct ext2_fs *fs);
/** \brief Hold block \a blk, read. \return 0, -EIO. */
int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct buf **bpp);
/** \brief Hold block \a blk, zeroed, unread. \return 0, -EIO. */
int ext2_bzero(struct ext2_fs *fs, uint32_t blk, struct buf **bpp);
/** \brief Group \a g's range; \return its first block after the
 * superblock copy. */
uint32_t ext2_group_range(const struct ext2_fs *fs, uint32_t g,
    uint32_t *first, uint32_t *end);
/** \brief Whether group \a g's descriptor \a gd is sound. \return 0,
 * -EIO. */
int ext2_group_check(const struct ext2_fs *fs, uint32_t g,
    const struct ext2_gd *gd);
/** \brief Group \a g's descriptor, checked. \return 0, -EIO. */
int ext2_group_read(struct ext2_fs *fs, uint32_t g, struct ext2_gd *gd);
/** \brief Add to group \a g's counts. \return 0, -EIO. */
int ext2_group_adjust(struct ext2_fs *fs, uint32_t g, int dblocks,
    int dinodes, int ddirs);

/** \brief Allocate a block near \a goal. \return 0, -ENOSPC, -EIO,
 * -EROFS. */
int ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blkp);
/** \brief Free block \a blk. \return 0, -EIO. */
int ext2_bfree(struct ext2_fs *fs, uint32_t blk);
/** \brief Allocate an inode for directory \a parent. \return 0, -ENOSPC,
 * -EIO, -EROFS. */
int ext2_ialloc(struct ext2_fs *fs, uint32_t parent, int dir,
    uint32_t *inop);
/** \brief Free inode \a ino in its bitmap. \return 0, -EIO. */
int ext2_ifree(struct ext2_fs *fs, uint32_t ino, int dir);

/** \brief Read inode \a ino as it is. \return 0, -EIO. */
int ext2_iread(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip);
/** \brief Read inode \a ino, in use and sound. \return 0, -EIO. */
int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip);
/** \brief Write \a ip back. \return 0, -EIO, -EROFS. */
int ext2_iwrite(struct ext2_fs *fs, const struct ext2_inode *ip);
/** \brief A new inode of \a mode with \a nlink links, for \a dip.
 * \return 0, -ENOSPC, -EIO, -EROFS. */
int ext2_inode_new(struct ext2_fs *fs, const struct ext2_inode *dip,
    uint16_t mode, uint16_t nlink, struct ext2_inode *ip);
/** \brief Whether \a ip is a symbolic link kept in the inode. */
int ext2_fast_symlink(const struct ext2_fs *fs, const struct ext2_inode *ip);

/** \brief The path to logical block \a lb. \return the indirect levels
 * (0-3) or -EFBIG. */
int ext2_bmap_path(const struct ext2_fs *fs, uint64_t lb, int *slotp,
    uint32_t idx[3]);
/** \brief The disk block of logical block \a lb (0: a hole). \return 0,
 * -EFBIG, -EIO. */
int ext2_bmap(struct ext2_fs *fs, const struct ext2_inode *ip, uint64_t lb,
    uint32_t *blkp);
/** \brief The disk block of \a lb, allocated if a hole. \return 0,
 * -ENOSPC, -EFBIG, -EIO. */
int ext2_bmap_alloc(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t lb,
    uint32_t *blkp, int *newp);
/** \brief Free \a ip's blocks from logical block \a from on. \return 0,
 * -EIO. */
int ext2_bmap_truncate(struct ext2_fs *fs, struct ext2_inode *ip,
    uint64_t from);

/** \brief \a ip's size. */
uint64_t ext2_isize(const struct ext2_inode *ip);
/** \brief Set \a ip's size. */
void ext2_set_isize(struct ext2_fs *fs, struct ext2_inode *ip,
    uint64_t size);
/** \brief The largest file size of \a fs. */
uint64_t ext2_maxsize(const struct ext2_fs *fs);
/** \brief Set \a ip's size, freeing or clearing blocks; writes \a ip.
 * \return 0, -EIO. */
int ext2_itrunc(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size);

/** \brief Add \a name -> \a ino to \a dip. \return 0, -ENOSPC, -EIO. */
int ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dip,
    const char *name, size_t len, uint32_t ino, uint8_t type);
/** \brief Remove \a name from \a dip. \return 0, -ENOENT, -EIO. */
int ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *dip,
    const char *name, size_t len);
/** \brief Point \a dip's \a name at \a ino. \return 0, -ENOENT, -EIO. */
int ext2_dir_replace(struct ext2_fs *fs, struct ext2_inode *dip,
    const char *name, size_t len, uint32_t ino, uint8_t type);
/** \brief Whether \a dip holds only "." and "..". \return 1, 0, -EIO. */
int ext2_dir_empty(struct ext2_fs *fs, struct ext2_inode *dip);
/** \brief Give new directory \a ip its "." and "..". \return 0, -ENOSPC,
 * -EIO. */
int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *ip,
    uint32_t parent);

#endif /* !NAIAD_VFS_EXT2_EXT2_VAR_H */
