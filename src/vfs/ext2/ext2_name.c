/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): the operations on names: create, mkdir,
 * symlink and readlink, link, unlink, rmdir, rename.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

/* Whether NAME (LEN bytes) can name a new entry: 0, -EINVAL,
 * -ENAMETOOLONG. */
static int
ext2_name_check(const char *name, size_t len)
{
	size_t i;

	if (len == 0)
		return -EINVAL;
	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (i = 0; i < len; i++)
		if (name[i] == '/' || name[i] == '\0')
			return -EINVAL;
	if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')))
		return -EINVAL;
	return 0;
}

/* Read directory DIR, which must be linked, into *DIP, for a change:
 * 0, -ENOTDIR, -ENOENT (removed), -EROFS, -EIO. */
static int
ext2_dir_get(struct ext2_fs *fs, uint32_t dir, struct ext2_inode *dip)
{
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return -EROFS;
	if ((error = ext2_iget(fs, dir, dip)) != 0)
		return error;
	if (!EXT2_S_ISDIR(dip->i_din.i_mode))
		return -ENOTDIR;
	if (dip->i_din.i_links_count == 0)
		return -ENOENT;
	return 0;
}

/* Read DIR for adding NAME (LEN bytes), which must not be there yet:
 * 0, -EEXIST, and ext2_name_check's and ext2_dir_get's errors. */
static int
ext2_dir_get_new(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, struct ext2_inode *dip)
{
	uint32_t ino;
	int error;

	if ((error = ext2_name_check(name, len)) != 0 ||
	    (error = ext2_dir_get(fs, dir, dip)) != 0)
		return error;
	error = ext2_lookup(fs, dir, name, len, &ino);
	if (error == 0)
		return -EEXIST;
	return error == -ENOENT ? 0 : error;
}

/* The directory entry type of an inode of MODE. */
static uint8_t
ext2_mode_to_ftype(uint16_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG:	return EXT2_FT_REG_FILE;
	case EXT2_S_IFDIR:	return EXT2_FT_DIR;
	case EXT2_S_IFCHR:	return EXT2_FT_CHRDEV;
	case EXT2_S_IFBLK:	return EXT2_FT_BLKDEV;
	case EXT2_S_IFIFO:	return EXT2_FT_FIFO;
	case EXT2_S_IFSOCK:	return EXT2_FT_SOCK;
	case EXT2_S_IFLNK:	return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

/* Undo a new inode that could not be entered in its directory: its
 * blocks and the inode itself are freed. */
static void
ext2_inode_discard(struct ext2_fs *fs, struct ext2_inode *ip)
{
	ip->i_din.i_links_count = 0;
	if (ext2_iwrite(fs, ip) == 0)
		ext2_inactive(fs, ip->i_number);
}
/* Make a regular file NAME (LEN bytes) with permissions MODE in
 * directory DIR; its inode into *INOP.  0, -EEXIST, -ENOSPC, ... */
int
ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
    uint16_t mode, uint32_t *inop)
{
	struct ext2_inode din, in;
	int error;

	if ((error = ext2_dir_get_new(fs, dir, name, len, &din)) != 0)
		return error;
	error = ext2_inode_new(fs, &din, (uint16_t)(EXT2_S_IFREG |
	    (mode & 07777)), 1, &in);
	if (error != 0)
		return error;
	error = ext2_dir_add(fs, &din, name, len, in.i_number,
	    EXT2_FT_REG_FILE);
	if (error != 0) {
		ext2_inode_discard(fs, &in);
		return error;
	}
	*inop = in.i_number;
	return 0;
}
/* Make a directory NAME (LEN bytes) with permissions MODE in DIR; its
 * inode into *INOP.  0, -EEXIST, -EMLINK, -ENOSPC, ... */
int
ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
    uint16_t mode, uint32_t *inop)
{
	struct ext2_inode din, in;
	int error;

	if ((error = ext2_dir_get_new(fs, dir, name, len, &din)) != 0)
		return error;
	if (din.i_din.i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	error = ext2_inode_new(fs, &din, (uint16_t)(EXT2_S_IFDIR |
	    (mode & 07777)), 2, &in);
	if (error != 0)
		return error;
	if ((error = ext2_dir_init(fs, &in, dir)) != 0) {
		ext2_inode_discard(fs, &in);
		return error;
	}
	din.i_din.i_links_count++;		/* for its ".." */
	if ((error = ext2_iwrite(fs, &din)) == 0 &&
	    (error = ext2_dir_add(fs, &din, name, len, in.i_number,
	    EXT2_FT_DIR)) != 0) {
		din.i_din.i_links_count--;
		ext2_iwrite(fs, &din);
	}
	if (error != 0) {
		ext2_inode_discard(fs, &in);
		return error;
	}
	*inop = in.i_number;
	return 0;
}
/* Write TARGET (TLEN bytes) into the new symbolic link IP: 0,
 * -ENOSPC, -EIO; IP is written back. */
static int
ext2_symlink_fill(struct ext2_fs *fs, struct ext2_inode *ip,
    const char *target, size_t tlen)
{
	struct buf *bp;
	uint32_t blk;
	int error, new;

	if (tlen < EXT2_FAST_SYMLINK_MAX) {
		kmemcpy(ip->i_din.i_block, target, tlen);
	} else {
		error = ext2_bmap_alloc(fs, ip, 0, &blk, &new);
		if (error == 0)
			error = ext2_bzero(fs, blk, &bp);
		if (error != 0) {
			ext2_iwrite(fs, ip);
			return error;
		}
		kmemcpy(bp->b_data, target, tlen);
		bdwrite(bp);
	}
	ip->i_din.i_size = (uint32_t)tlen;
	return ext2_iwrite(fs, ip);
}

/* Make a symbolic link NAME (LEN bytes) in DIR to TARGET (TLEN bytes);
 * its inode into *INOP.  0, -EEXIST, -ENAMETOOLONG, -ENOSPC, ... */
int
ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, const char *target, size_t tlen, uint32_t *inop)
{
	struct ext2_inode din, in;
	int error;

	if (tlen == 0)
		return -ENOENT;
	if (tlen >= fs->fs_bsize)
		return -ENAMETOOLONG;
	if ((error = ext2_dir_get_new(fs, dir, name, len, &din)) != 0)
		return error;
	if ((error = ext2_inode_new(fs, &din, EXT2_S_IFLNK | 0777, 1,
	    &in)) != 0)
		return error;
	error = ext2_symlink_fill(fs, &in, target, tlen);
	if (error == 0)
		error = ext2_dir_add(fs, &din, name, len, in.i_number,
		    EXT2_FT_SYMLINK);
	if (error != 0) {
		ext2_inode_discard(fs, &in);
		return error;
	}
	*inop = in.i_number;
	return 0;
}

/* Copy symbolic link INO's target (at most SIZE bytes, no NUL) into
 * BUF; its length into *LENP.  0, -EINVAL (not a link), -EIO. */
int
ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size,
    size_t *lenp)
{
	struct ext2_inode in;
	struct buf *bp;
	uint32_t n, blk;
	int error;

	if ((error = ext2_iget(fs, ino, &in)) != 0)
		return error;
	if (!EXT2_S_ISLNK(in.i_din.i_mode))
		return -EINVAL;
	n = in.i_din.i_size;
	*lenp = n < size ? n : size;
	if (ext2_fast_symlink(fs, &in)) {
		if (n >= EXT2_FAST_SYMLINK_MAX) {
			kprintf("ext2: symbolic link %u: %u bytes do not fit "
			    "in the inode\n", ino, n);
			return -EIO;
		}
		kmemcpy(buf, in.i_din.i_block, *lenp);
		return 0;
	}
	if ((error = ext2_bmap(fs, &in, 0, &blk)) != 0)
		return error;
	if (blk == 0) {
		kprintf("ext2: symbolic link %u has no block\n", ino);
		return -EIO;
	}
	if ((error = ext2_bread(fs, blk, &bp)) != 0)
		return error;
	kmemcpy(buf, bp->b_data, *lenp);
	brelse(bp);
	return 0;
}
/* Add the entry NAME (LEN bytes) in DIR for the existing inode INO:
 * 0, -EPERM (a directory), -EMLINK, -EEXIST, -ENOSPC, ... */
int
ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
    uint32_t ino)
{
	struct ext2_inode din, in;
	int error;

	if ((error = ext2_dir_get_new(fs, dir, name, len, &din)) != 0 ||
	    (error = ext2_iget(fs, ino, &in)) != 0)
		return error;
	if (EXT2_S_ISDIR(in.i_din.i_mode))
		return -EPERM;
	if (in.i_din.i_links_count == 0)
		return -ENOENT;
	if (in.i_din.i_links_count >= EXT2_LINK_MAX)
		return -EMLINK;
	in.i_din.i_links_count++;
	in.i_din.i_ctime = ext2_now(fs);
	if ((error = ext2_iwrite(fs, &in)) != 0)
		return error;
	error = ext2_dir_add(fs, &din, name, len, ino,
	    ext2_mode_to_ftype(in.i_din.i_mode));
	if (error != 0) {
		in.i_din.i_links_count--;
		ext2_iwrite(fs, &in);
	}
	return error;
}
/* Find NAME (LEN bytes) in DIR for removal: *DIP, *IP.  0, -ENOENT,
 * -EINVAL ("." or ".."), ... */
static int
ext2_remove_get(struct ext2_fs *fs, uint32_t dir, const char *name,
    size_t len, struct ext2_inode *dip, struct ext2_inode *ip)
{
	uint32_t ino;
	int error;

	if ((error = ext2_name_check(name, len)) != 0 ||
	    (error = ext2_dir_get(fs, dir, dip)) != 0 ||
	    (error = ext2_lookup(fs, dir, name, len, &ino)) != 0)
		return error;
	return ext2_iget(fs, ino, ip);
}

/* Remove the entry NAME (LEN bytes) of a non-directory from DIR; the
 * inode (freed by ext2_inactive at its last use) into *INOP.  0,
 * -ENOENT, -EISDIR, ... */
int
ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
    uint32_t *inop)
{
	struct ext2_inode din, in;
	int error;

	if ((error = ext2_remove_get(fs, dir, name, len, &din, &in)) != 0)
		return error;
	if (EXT2_S_ISDIR(in.i_din.i_mode))
		return -EISDIR;
	if ((error = ext2_dir_remove(fs, &din, name, len)) != 0)
		return error;
	if (in.i_din.i_links_count > 0)
		in.i_din.i_links_count--;
	in.i_din.i_ctime = ext2_now(fs);
	*inop = in.i_number;
	return ext2_iwrite(fs, &in);
}

/* Remove the empty directory NAME (LEN bytes) from DIR; its inode
 * (for ext2_inactive) into *INOP.  0, -ENOTDIR, -ENOTEMPTY, ... */
int
ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
    uint32_t *inop)
{
	struct ext2_inode din, in;
	int error;

	if ((error = ext2_remove_get(fs, dir, name, len, &din, &in)) != 0)
		return error;
	if (!EXT2_S_ISDIR(in.i_din.i_mode))
		return -ENOTDIR;
	if ((error = ext2_dir_empty(fs, &in)) != 1)
		return error == 0 ? -ENOTEMPTY : error;
	if ((error = ext2_dir_remove(fs, &din, name, len)) != 0)
		return error;
	in.i_din.i_links_count = 0;
	in.i_din.i_ctime = ext2_now(fs);
	if (din.i_din.i_links_count > 2)
		din.i_din.i_links_count--;
	*inop = in.i_number;
	if ((error = ext2_iwrite(fs, &in)) != 0)
		return error;
	return ext2_iwrite(fs, &din);
}
/* Whether directory INO is DIR or above it (DIR's ancestor): 1, 0,
 * -EIO. */
static int
ext2_is_ancestor(struct ext2_fs *fs, uint32_t ino, uint32_t dir)
{
	uint32_t steps, up;
	int error;

	for (steps = 0; steps < fs->fs_ninodes; steps++) {
		if (dir == ino)
			return 1;
		if (dir == EXT2_ROOT_INO)
			return 0;
		if ((error = ext2_lookup(fs, dir, "..", 2, &up)) != 0)
			return error == -ENOENT || error == -ENOTDIR ? -EIO :
			    error;
		dir = up;
	}
	kprintf("ext2: the \"..\" entries above directory %u loop\n", dir);
	return -EIO;
}
/* The state of a rename, read and checked before anything changes. */
struct ext2_rename {
	struct ext2_inode fdir, tdir;	/* the two directories */
	struct ext2_inode src;		/* what moves */
	struct ext2_inode dst;		/* what it replaces, if dst_ino */
	uint32_t	dst_ino;
	int		isdir;		/* src is a directory */
};

/* Read and check a rename of FNAME in FDIR to TNAME in TDIR into *R:
 * 0, 1 (nothing to do: the same inode), -errno. */
static int
ext2_rename_check(struct ext2_fs *fs, struct ext2_rename *r, uint32_t fdir,
    const char *fname, size_t flen, uint32_t tdir, const char *tname,
    size_t tlen)
{
	int error;

	if ((error = ext2_name_check(tname, tlen)) != 0 ||
	    (error = ext2_remove_get(fs, fdir, fname, flen, &r->fdir,
	    &r->src)) != 0 ||
	    (error = ext2_dir_get(fs, tdir, &r->tdir)) != 0)
		return error;
	r->isdir = EXT2_S_ISDIR(r->src.i_din.i_mode);
	error = ext2_lookup(fs, tdir, tname, tlen, &r->dst_ino);
	if (error == -ENOENT)
		r->dst_ino = 0;
	else if (error != 0)
		return error;
	if (r->dst_ino == r->src.i_number)
		return 1;
	if (r->isdir && fdir != tdir) {
		error = ext2_is_ancestor(fs, r->src.i_number, tdir);
		if (error != 0)
			return error == 1 ? -EINVAL : error;
		if (r->dst_ino == 0 &&
		    r->tdir.i_din.i_links_count >= EXT2_LINK_MAX)
			return -EMLINK;
	}
	if (r->dst_ino != 0) {
		if ((error = ext2_iget(fs, r->dst_ino, &r->dst)) != 0)
			return error;
		if (r->isdir && !EXT2_S_ISDIR(r->dst.i_din.i_mode))
			return -ENOTDIR;
		if (!r->isdir && EXT2_S_ISDIR(r->dst.i_din.i_mode))
			return -EISDIR;
		if (r->isdir && (error = ext2_dir_empty(fs, &r->dst)) != 1)
			return error == 0 ? -ENOTEMPTY : error;
	}
	return 0;
}
/* The inode that R's target named has lost that name: count it down
 * (a directory to 0, and TDIR with it); its number into *REPLACED. */
static int
ext2_rename_drop(struct ext2_fs *fs, struct ext2_rename *r, uint32_t tdir,
    uint32_t *replaced)
{
	int error;

	if ((error = ext2_iget(fs, r->dst_ino, &r->dst)) != 0)
		return error;
	if (EXT2_S_ISDIR(r->dst.i_din.i_mode)) {
		r->dst.i_din.i_links_count = 0;
		if ((error = ext2_iget(fs, tdir, &r->tdir)) != 0)
			return error;
		if (r->tdir.i_din.i_links_count > 2)
			r->tdir.i_din.i_links_count--;
		if ((error = ext2_iwrite(fs, &r->tdir)) != 0)
			return error;
	} else if (r->dst.i_din.i_links_count > 0) {
		r->dst.i_din.i_links_count--;
	}
	r->dst.i_din.i_ctime = ext2_now(fs);
	*replaced = r->dst_ino;
	return ext2_iwrite(fs, &r->dst);
}
/* Move FNAME (FLEN bytes) in FDIR to TNAME (TLEN bytes) in TDIR,
 * replacing what TNAME named (its inode, for ext2_inactive, in
 * *REPLACED, or 0).  0, -ENOENT, -EINVAL, -EISDIR, -ENOTDIR,
 * -ENOTEMPTY, -EMLINK, -ENOSPC, -EIO, -EROFS. */
int
ext2_rename(struct ext2_fs *fs, uint32_t fdir, const char *fname,
    size_t flen, uint32_t tdir, const char *tname, size_t tlen,
    uint32_t *replaced)
{
	struct ext2_rename r;
	uint8_t type;
	int error, moved;

	*replaced = 0;
	error = ext2_rename_check(fs, &r, fdir, fname, flen, tdir, tname,
	    tlen);
	if (error != 0)
		return error == 1 ? 0 : error;
	moved = r.isdir && fdir != tdir;
	if (moved) {			/* the ".." to come, counted first */
		r.tdir.i_din.i_links_count++;
		if ((error = ext2_iwrite(fs, &r.tdir)) != 0)
			return error;
	}
	type = ext2_mode_to_ftype(r.src.i_din.i_mode);
	if (r.dst_ino != 0)
		error = ext2_dir_replace(fs, &r.tdir, tname, tlen,
		    r.src.i_number, type);
	else
		error = ext2_dir_add(fs, &r.tdir, tname, tlen, r.src.i_number,
		    type);
	if (error != 0) {
		if (moved && ext2_iget(fs, tdir, &r.tdir) == 0) {
			r.tdir.i_din.i_links_count--;
			ext2_iwrite(fs, &r.tdir);
		}
		return error;
	}
	if ((error = ext2_iget(fs, fdir, &r.fdir)) != 0 ||
	    (error = ext2_dir_remove(fs, &r.fdir, fname, flen)) != 0)
		return error;
	if (moved) {
		if ((error = ext2_dir_replace(fs, &r.src, "..", 2, tdir,
		    EXT2_FT_DIR)) != 0 ||
		    (error = ext2_iget(fs, fdir, &r.fdir)) != 0)
			return error;
		r.fdir.i_din.i_links_count--;
		if ((error = ext2_iwrite(fs, &r.fdir)) != 0)
			return error;
	}
	r.src.i_din.i_ctime = ext2_now(fs);
	if ((error = ext2_iwrite(fs, &r.src)) != 0 || r.dst_ino == 0)
		return error;
	return ext2_rename_drop(fs, &r, tdir, replaced);
}
