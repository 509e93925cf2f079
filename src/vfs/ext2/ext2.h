/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ext2, read-write (book/47-ext2.nw): mount, sync and unmount a
 * disk; read, write and truncate files; look up, add and remove names.
 *
 * Operations name inodes by number and return 0 or a negated error
 * number; a value on the disk that cannot be right makes an operation
 * fail with -EIO (and a message), never a panic.  The caller runs at
 * most one operation at a time on a given inode (the VFS locks
 * vnodes); operations on different inodes may run at once.
 */
#ifndef NAIAD_VFS_EXT2_EXT2_H
#define NAIAD_VFS_EXT2_EXT2_H

#include <stddef.h>
#include <stdint.h>

#include "vfs/ext2/ext2_fs.h"

struct cdev;

#define EXT2_MNT_RDONLY	0x0001	/**< ext2_mount: do not write */

#define EXT2_FS_RDONLY	0x0001	/**< fs_flags: mounted read-only */
#define EXT2_FS_FILETYPE 0x0002	/**< entries carry the file type */
#define EXT2_FS_SPARSE	0x0004	/**< sparse_super: few copies */
#define EXT2_FS_LARGEFILE 0x0008 /**< large_file: the feature is on */

/** A mounted ext2 filesystem. */
struct ext2_fs {
	struct cdev	*fs_dev;	/**< its device */
	uint64_t	fs_devsize;	/**< the device's size in bytes */
	uint32_t	(*fs_clock)(void); /**< seconds since 1970, or NULL */
	struct ext2_super fs_super;	/**< the superblock as mounted */
	uint32_t	fs_flags;	/**< EXT2_FS_* */
	uint32_t	fs_bsize;	/**< block size in bytes */
	uint32_t	fs_bshift;	/**< log2(fs_bsize) */
	uint32_t	fs_nblocks;	/**< blocks in the filesystem */
	uint32_t	fs_ninodes;	/**< inodes in the filesystem */
	uint32_t	fs_first_data_block; /**< first block of group 0 */
	uint32_t	fs_bpg;		/**< blocks per group */
	uint32_t	fs_ipg;		/**< inodes per group */
	uint32_t	fs_ngroups;	/**< groups */
	uint32_t	fs_isize;	/**< bytes per inode on the disk */
	uint32_t	fs_first_ino;	/**< first ordinary inode */
	uint32_t	fs_gdt_blocks;	/**< blocks of the descriptor table */
	uint32_t	fs_reserved_gdt; /**< reserved blocks after it */
	uint32_t	fs_itb;		/**< inode table blocks per group */
	uint32_t	fs_apb;		/**< block numbers per block */
	uint32_t	fs_apb_shift;	/**< log2(fs_apb) */
};
/** What ext2_getattr reports of an inode. */
struct ext2_attr {
	uint32_t	a_ino;		/**< its number */
	uint16_t	a_mode;		/**< type and permissions (EXT2_S_*) */
	uint16_t	a_nlink;	/**< its links */
	uint16_t	a_uid;		/**< owner */
	uint16_t	a_gid;		/**< group */
	uint64_t	a_size;		/**< size in bytes */
	uint32_t	a_blocks;	/**< 512-byte sectors used */
	uint32_t	a_atime;	/**< last access */
	uint32_t	a_mtime;	/**< last change of the content */
	uint32_t	a_ctime;	/**< last change of the inode */
};

/** An entry returned by ext2_readdir. */
struct ext2_dent {
	uint32_t	d_ino;		/**< the inode it names */
	uint8_t		d_type;		/**< EXT2_FT_*, or 0 if unknown */
	uint8_t		d_namlen;	/**< the name's length */
	char		d_name[EXT2_NAME_LEN + 1]; /**< the name, terminated */
};

/** What ext2_statfs reports. */
struct ext2_statfs {
	uint32_t	st_bsize;	/**< block size */
	uint32_t	st_blocks;	/**< blocks */
	uint32_t	st_bfree;	/**< free blocks */
	uint32_t	st_inodes;	/**< inodes */
	uint32_t	st_ifree;	/**< free inodes */
};

/** \brief Mount the ext2 disk \a dev of \a devsize bytes into \a fs
 * (EXT2_MNT_RDONLY in \a flags: read-only; \a clock stamps times, or
 * NULL).  \return 0, -EINVAL (not a usable ext2 disk), -EIO. */
int ext2_mount(struct ext2_fs *fs, struct cdev *dev, uint64_t devsize,
    int flags, uint32_t (*clock)(void));
/** \brief Write everything \a fs changed. \return 0 or the first error. */
int ext2_sync(struct ext2_fs *fs);
/** \brief Write everything, mark the disk clean, forget its buffers.
 * \return 0 or the first error (nothing is forgotten then). */
int ext2_unmount(struct ext2_fs *fs);
/** \brief The totals of \a fs. \return 0 or -EIO. */
int ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st);

/** \brief Inode \a ino's attributes. \return 0 or -EIO. */
int ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_attr *ap);
/** \brief Read up to \a len bytes of file or directory \a ino at \a off;
 * \a *done bytes were read. \return 0, -EINVAL, -EIO. */
int ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf,
    size_t len, size_t *done);
/** \brief Write \a len bytes into regular file \a ino at \a off; \a
 * *done bytes were written. \return 0, -EISDIR, -EINVAL, -EFBIG,
 * -ENOSPC, -EIO, -EROFS. */
int ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off,
    const void *buf, size_t len, size_t *done);
/** \brief Set regular file \a ino's size. \return 0, -EISDIR, -EINVAL,
 * -EFBIG, -EIO, -EROFS. */
int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size);

/** \brief The inode that \a name (\a len bytes) names in directory \a
 * dir. \return 0, -ENOENT, -ENOTDIR, -ENAMETOOLONG, -EIO. */
int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, uint32_t *inop);
/** \brief The next entry of directory \a dir from \a *cookie (0 at
 * first). \return 1 (an entry), 0 (the end), -ENOTDIR, -EIO. */
int ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *cookie,
    struct ext2_dent *dp);
/** \brief Make regular file \a name in \a dir. \return 0, -EEXIST,
 * -EINVAL, -ENAMETOOLONG, -ENOTDIR, -ENOENT, -ENOSPC, -EIO, -EROFS. */
int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, uint16_t mode, uint32_t *inop);
/** \brief Make directory \a name in \a dir. \return as ext2_create, and
 * -EMLINK. */
int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, uint16_t mode, uint32_t *inop);
/** \brief Make symbolic link \a name in \a dir to \a target (\a tlen
 * bytes). \return as ext2_create. */
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, const char *target, size_t tlen, uint32_t *inop);
/** \brief Copy link \a ino's target (at most \a size bytes) into \a buf;
 * its length in \a *lenp. \return 0, -EINVAL, -EIO. */
int ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size,
    size_t *lenp);
/** \brief Name inode \a ino also \a name in \a dir. \return 0, -EPERM,
 * -EMLINK, and as ext2_create. */
int ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, uint32_t ino);
/** \brief Remove the name \a name of a non-directory from \a dir; the
 * inode into \a *inop, for ext2_inactive. \return 0, -ENOENT, -EISDIR,
 * -EINVAL, -EIO, -EROFS. */
int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, uint32_t *inop);
/** \brief Remove the empty directory \a name from \a dir; its inode into
 * \a *inop, for ext2_inactive. \return 0, -ENOTDIR, -ENOTEMPTY, and as
 * ext2_unlink. */
int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, uint32_t *inop);
/** \brief Move \a fname in \a fdir to \a tname in \a tdir; a replaced
 * inode into \a *replaced (0: none), for ext2_inactive. \return 0,
 * -ENOENT, -EINVAL, -EISDIR, -ENOTDIR, -ENOTEMPTY, -EMLINK, -ENOSPC,
 * -EIO, -EROFS. */
int ext2_rename(struct ext2_fs *fs, uint32_t fdir, const char *fname,
    size_t flen, uint32_t tdir, const char *tname, size_t tlen,
    uint32_t *replaced);
/** \brief Free inode \a ino if it has no links (its last user is gone).
 * \return 0 or -EIO. */
int ext2_inactive(struct ext2_fs *fs, uint32_t ino);

#endif /* !NAIAD_VFS_EXT2_EXT2_H */
