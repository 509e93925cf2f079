/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): file contents read, written and truncated;
 * sizes and attributes.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

/* IP's size in bytes. */
uint64_t
ext2_isize(const struct ext2_inode *ip)
{
	uint64_t size = ip->i_din.i_size;

	if (EXT2_S_ISREG(ip->i_din.i_mode))
		size |= (uint64_t)ip->i_din.i_size_high << 32;
	return size;
}

/* Set IP's size to SIZE (the caller checked it against ext2_maxsize). */
void
ext2_set_isize(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size)
{
	ip->i_din.i_size = (uint32_t)size;
	if (EXT2_S_ISREG(ip->i_din.i_mode)) {
		ip->i_din.i_size_high = (uint32_t)(size >> 32);
		if (size > 0x7FFFFFFF)
			fs->fs_flags |= EXT2_FS_LARGEFILE;
	}
}

/* The largest size a file of FS may have. */
uint64_t
ext2_maxsize(const struct ext2_fs *fs)
{
	uint64_t a = fs->fs_apb;

	if (fs->fs_super.s_rev_level == EXT2_GOOD_OLD_REV)
		return 0x7FFFFFFF;
	return (EXT2_NDIR_BLOCKS + a + a * a + a * a * a) << fs->fs_bshift;
}
/* Read up to LEN bytes of inode INO at OFF into BUF; *DONE says how
 * many (0 at or past the end).  0, -EINVAL (not a file or a
 * directory), -EIO. */
int
ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf,
    size_t len, size_t *done)
{
	struct ext2_inode in;
	struct buf *bp;
	uint64_t size;
	uint32_t blk, boff, n;
	int error;

	*done = 0;
	if ((error = ext2_iget(fs, ino, &in)) != 0)
		return error;
	if (!EXT2_S_ISREG(in.i_din.i_mode) && !EXT2_S_ISDIR(in.i_din.i_mode))
		return -EINVAL;
	size = ext2_isize(&in);
	if (off >= size)
		return 0;
	if (len > size - off)
		len = (size_t)(size - off);
	while (*done < len) {
		boff = (uint32_t)(off & (fs->fs_bsize - 1));
		n = fs->fs_bsize - boff;
		if (n > len - *done)
			n = (uint32_t)(len - *done);
		if ((error = ext2_bmap(fs, &in, off >> fs->fs_bshift, &blk)))
			return error;
		if (blk == 0) {
			kmemset((char *)buf + *done, 0, n);
		} else {
			if ((error = ext2_bread(fs, blk, &bp)) != 0)
				return error;
			kmemcpy((char *)buf + *done, (char *)bp->b_data + boff, n);
			brelse(bp);
		}
		*done += n;
		off += n;
	}
	return 0;
}
/* Clear the bytes of IP's block that holds offset SIZE from SIZE to the
 * block's end (the file is about to grow past them, or was cut at
 * SIZE): 0 or -EIO. */
static int
ext2_zero_tail(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size)
{
	uint32_t boff = (uint32_t)(size & (fs->fs_bsize - 1)), blk;
	struct buf *bp;
	int error;

	if (boff == 0)
		return 0;
	if ((error = ext2_bmap(fs, ip, size >> fs->fs_bshift, &blk)) != 0)
		return error;
	if (blk == 0)
		return 0;
	if ((error = ext2_bread(fs, blk, &bp)) != 0)
		return error;
	kmemset((char *)bp->b_data + boff, 0, fs->fs_bsize - boff);
	bdwrite(bp);
	return 0;
}
/* Write LEN bytes of BUF into regular file INO at OFF; *DONE says how
 * many went.  0, -EINVAL (not a regular file), -EFBIG, -ENOSPC, -EIO,
 * -EROFS. */
int
ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf,
    size_t len, size_t *done)
{
	struct ext2_inode in;
	struct buf *bp;
	uint32_t blk, boff, n;
	int error, new;

	*done = 0;
	if (fs->fs_flags & EXT2_FS_RDONLY)
		return -EROFS;
	if ((error = ext2_iget(fs, ino, &in)) != 0)
		return error;
	if (!EXT2_S_ISREG(in.i_din.i_mode))
		return EXT2_S_ISDIR(in.i_din.i_mode) ? -EISDIR : -EINVAL;
	if (off > ext2_maxsize(fs) || len > ext2_maxsize(fs) - off)
		return -EFBIG;
	if (len == 0)
		return 0;
	if (off > ext2_isize(&in) &&
	    (error = ext2_zero_tail(fs, &in, ext2_isize(&in))) != 0)
		return error;
	while (*done < len) {
		boff = (uint32_t)(off & (fs->fs_bsize - 1));
		n = fs->fs_bsize - boff;
		if (n > len - *done)
			n = (uint32_t)(len - *done);
		error = ext2_bmap_alloc(fs, &in, off >> fs->fs_bshift, &blk,
		    &new);
		if (error == 0)
			error = new || n == fs->fs_bsize ?
			    ext2_bzero(fs, blk, &bp) : ext2_bread(fs, blk, &bp);
		if (error != 0)
			break;
		kmemcpy((char *)bp->b_data + boff, (const char *)buf + *done, n);
		bdwrite(bp);
		*done += n;
		off += n;
		if (off > ext2_isize(&in))
			ext2_set_isize(fs, &in, off);
	}
	if (*done > 0)
		in.i_din.i_mtime = in.i_din.i_ctime = ext2_now(fs);
	if (ext2_iwrite(fs, &in) != 0 && error == 0)
		error = -EIO;
	return error;
}
/* Set IP's size to SIZE, freeing or clearing blocks; IP is written
 * back.  0, -EIO. */
int
ext2_itrunc(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t size)
{
	uint64_t old = ext2_isize(ip);
	int error = 0;

	if (size < old || size == 0) {
		error = ext2_bmap_truncate(fs, ip,
		    (size + fs->fs_bsize - 1) >> fs->fs_bshift);
		if (error == 0)
			error = ext2_zero_tail(fs, ip, size);
	} else if (size > old) {
		error = ext2_zero_tail(fs, ip, old);
	}
	if (error == 0) {
		ext2_set_isize(fs, ip, size);
		ip->i_din.i_mtime = ip->i_din.i_ctime = ext2_now(fs);
	}
	if (ext2_iwrite(fs, ip) != 0 && error == 0)
		error = -EIO;
	return error;
}

/* Set regular file INO's size to SIZE: 0, -EISDIR, -EINVAL, -EFBIG,
 * -EIO, -EROFS. */
int
ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size)
{
	struct ext2_inode in;
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return -EROFS;
	if ((error = ext2_iget(fs, ino, &in)) != 0)
		return error;
	if (!EXT2_S_ISREG(in.i_din.i_mode))
		return EXT2_S_ISDIR(in.i_din.i_mode) ? -EISDIR : -EINVAL;
	if (size > ext2_maxsize(fs))
		return -EFBIG;
	return ext2_itrunc(fs, &in, size);
}
/* Inode INO's attributes into *AP: 0, -EIO. */
int
ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_attr *ap)
{
	struct ext2_inode in;
	int error;

	if ((error = ext2_iget(fs, ino, &in)) != 0)
		return error;
	ap->a_ino = ino;
	ap->a_mode = in.i_din.i_mode;
	ap->a_nlink = in.i_din.i_links_count;
	ap->a_uid = in.i_din.i_uid;
	ap->a_gid = in.i_din.i_gid;
	ap->a_size = ext2_isize(&in);
	ap->a_blocks = in.i_din.i_blocks;
	ap->a_atime = in.i_din.i_atime;
	ap->a_mtime = in.i_din.i_mtime;
	ap->a_ctime = in.i_din.i_ctime;
	return 0;
}
