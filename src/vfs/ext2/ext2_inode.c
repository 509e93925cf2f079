/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): inodes read, checked, written, made and
 * freed.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

/* Where inode INO is on the disk: its block in *BLKP, its byte in
 * *OFFP.  0, or -EIO (out of range, or a bad descriptor). */
static int
ext2_inode_where(struct ext2_fs *fs, uint32_t ino, uint32_t *blkp,
    uint32_t *offp)
{
	struct ext2_gd gd;
	uint64_t byte;
	int error;

	if (ino == 0 || ino > fs->fs_ninodes) {
		kprintf("ext2: inode %u is out of range (1-%u)\n", ino,
		    fs->fs_ninodes);
		return -EIO;
	}
	if ((error = ext2_group_read(fs, (ino - 1) / fs->fs_ipg, &gd)) != 0)
		return error;
	byte = (uint64_t)((ino - 1) % fs->fs_ipg) * fs->fs_isize;
	*blkp = gd.bg_inode_table + (uint32_t)(byte >> fs->fs_bshift);
	*offp = (uint32_t)(byte & (fs->fs_bsize - 1));
	return 0;
}

/* Read inode INO into *IP, as it is: 0 or -EIO. */
int
ext2_iread(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip)
{
	struct buf *bp;
	uint32_t blk, off;
	int error;

	if ((error = ext2_inode_where(fs, ino, &blk, &off)) != 0)
		return error;
	if ((error = ext2_bread(fs, blk, &bp)) != 0)
		return error;
	ip->i_number = ino;
	kmemcpy(&ip->i_din, (char *)bp->b_data + off, sizeof(ip->i_din));
	brelse(bp);
	return 0;
}

/* Write *IP back to its disk inode; a NEW inode's bytes past the first
 * 128 are cleared (a previous owner's extra fields go).  0 or -EIO. */
static int
ext2_iwrite_bytes(struct ext2_fs *fs, const struct ext2_inode *ip, int new)
{
	struct buf *bp;
	uint32_t blk, off;
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return -EROFS;
	if ((error = ext2_inode_where(fs, ip->i_number, &blk, &off)) != 0)
		return error;
	if ((error = ext2_bread(fs, blk, &bp)) != 0)
		return error;
	if (new)
		kmemset((char *)bp->b_data + off, 0, fs->fs_isize);
	kmemcpy((char *)bp->b_data + off, &ip->i_din, sizeof(ip->i_din));
	bdwrite(bp);
	return 0;
}

/* Write *IP back to the disk: 0 or -EIO. */
int
ext2_iwrite(struct ext2_fs *fs, const struct ext2_inode *ip)
{
	return ext2_iwrite_bytes(fs, ip, 0);
}
/* Read inode INO, which must be in use and sound, into *IP: 0, -EIO. */
int
ext2_iget(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *ip)
{
	struct ext2_dinode *d = &ip->i_din;
	int error;

	if ((error = ext2_iread(fs, ino, ip)) != 0)
		return error;
	if (d->i_mode == 0 || d->i_dtime != 0 ||
	    (d->i_links_count == 0 && ino == EXT2_ROOT_INO)) {
		kprintf("ext2: inode %u is not in use (mode 0%o, %u links)\n",
		    ino, d->i_mode, d->i_links_count);
		return -EIO;
	}
	switch (d->i_mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: case EXT2_S_IFCHR: case EXT2_S_IFBLK:
	case EXT2_S_IFIFO: case EXT2_S_IFSOCK:
		return 0;
	case EXT2_S_IFDIR:
		if (d->i_size == 0 || (d->i_size & (fs->fs_bsize - 1)) != 0 ||
		    d->i_size >> fs->fs_bshift > fs->fs_nblocks) {
			kprintf("ext2: directory %u has a bad size %u\n", ino,
			    d->i_size);
			return -EIO;
		}
		return 0;
	case EXT2_S_IFLNK:
		if (d->i_size == 0 || d->i_size >= fs->fs_bsize) {
			kprintf("ext2: symbolic link %u has a bad size %u\n",
			    ino, d->i_size);
			return -EIO;
		}
		return 0;
	}
	kprintf("ext2: inode %u has a bad type (mode 0%o)\n", ino, d->i_mode);
	return -EIO;
}
/* Allocate and write a new inode of MODE with NLINK links for
 * directory DIP, into *IP: 0, -ENOSPC, -EIO, -EROFS. */
int
ext2_inode_new(struct ext2_fs *fs, const struct ext2_inode *dip,
    uint16_t mode, uint16_t nlink, struct ext2_inode *ip)
{
	uint32_t now = ext2_now(fs);
	int error;

	error = ext2_ialloc(fs, dip->i_number, EXT2_S_ISDIR(mode),
	    &ip->i_number);
	if (error != 0)
		return error;
	kmemset(&ip->i_din, 0, sizeof(ip->i_din));
	ip->i_din.i_mode = mode;
	ip->i_din.i_links_count = nlink;
	ip->i_din.i_atime = ip->i_din.i_ctime = ip->i_din.i_mtime = now;
	error = ext2_iwrite_bytes(fs, ip, 1);
	if (error != 0)
		ext2_ifree(fs, ip->i_number, EXT2_S_ISDIR(mode));
	return error;
}
/* Drop IP's extended-attribute block (shared by a count kept in the
 * block): 0, -EIO. */
static int
ext2_drop_xattr(struct ext2_fs *fs, struct ext2_inode *ip)
{
	uint32_t blk = ip->i_din.i_file_acl, *hdr;
	struct buf *bp;
	int error;

	if (blk == 0)
		return 0;
	if ((error = ext2_bread(fs, blk, &bp)) != 0)
		return error;
	hdr = bp->b_data;
	if (hdr[0] != EXT2_XATTR_MAGIC || hdr[1] == 0) {
		kprintf("ext2: inode %u's attribute block %u is bad\n",
		    ip->i_number, blk);
		brelse(bp);
		return -EIO;
	}
	if (--hdr[1] > 0) {
		bdwrite(bp);
	} else {
		brelse(bp);
		if ((error = ext2_bfree(fs, blk)) != 0)
			return error;
		ip->i_din.i_blocks -= fs->fs_bsize >> 9;
	}
	ip->i_din.i_file_acl = 0;
	return 0;
}

/* Whether IP is a symbolic link whose target is in the inode. */
int
ext2_fast_symlink(const struct ext2_fs *fs, const struct ext2_inode *ip)
{
	uint32_t xattr = ip->i_din.i_file_acl != 0 ? fs->fs_bsize >> 9 : 0;

	return EXT2_S_ISLNK(ip->i_din.i_mode) && ip->i_din.i_blocks == xattr;
}

/* Free inode INO if it has no links left: its blocks, its attribute
 * block, the inode.  0, -EIO. */
int
ext2_inactive(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_inode in;
	uint16_t mode;
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return 0;
	if ((error = ext2_iread(fs, ino, &in)) != 0)
		return error;
	mode = in.i_din.i_mode;
	if (in.i_din.i_links_count != 0 || mode == 0 || in.i_din.i_dtime != 0)
		return 0;
	if ((EXT2_S_ISREG(mode) || EXT2_S_ISDIR(mode) ||
	    (EXT2_S_ISLNK(mode) && !ext2_fast_symlink(fs, &in))) &&
	    (error = ext2_itrunc(fs, &in, 0)) != 0)
		return error;
	if ((error = ext2_drop_xattr(fs, &in)) != 0) {
		ext2_iwrite(fs, &in);
		return error;
	}
	in.i_din.i_dtime = ext2_now(fs) != 0 ? ext2_now(fs) : 1;
	if ((error = ext2_iwrite(fs, &in)) != 0)
		return error;
	return ext2_ifree(fs, ino, EXT2_S_ISDIR(mode));
}
