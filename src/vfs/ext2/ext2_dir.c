/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): directory entries checked, walked, looked up,
 * read, added, removed and replaced.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

/* A walk over a directory's entries (ext2_dir_begin, ext2_dir_next). */
struct ext2_dirwalk {
	struct ext2_fs	*w_fs;
	struct ext2_inode *w_dip;	/* the directory */
	uint32_t	w_nblk;		/* its blocks */
	uint32_t	w_lb;		/* the block held, or the next */
	uint32_t	w_off;		/* the entry's offset in it */
	int32_t		w_prev;		/* the entry before it, or -1 */
	struct buf	*w_bp;		/* the block, held, or NULL */
	struct ext2_dirent *w_de;	/* the entry returned, or NULL */
};
/* The length of DE's name. */
static uint32_t
ext2_dirent_namelen(const struct ext2_fs *fs, const struct ext2_dirent *de)
{
	if (fs->fs_flags & EXT2_FS_FILETYPE)
		return de->name_len;
	return de->name_len | (uint32_t)de->file_type << 8;
}

/* Whether the entry at OFF of block DATA (logical block LB of directory
 * DIP) is sound: 0 or -EIO, with a message. */
static int
ext2_dirent_check(const struct ext2_fs *fs, const struct ext2_inode *dip,
    uint32_t lb, const char *data, uint32_t off)
{
	const struct ext2_dirent *de = (const void *)(data + off);
	uint32_t rec, nl;

	if (fs->fs_bsize - off < sizeof(*de)) {
		kprintf("ext2: directory %u block %u: no room for an entry at "
		    "%u\n", dip->i_number, lb, off);
		return -EIO;
	}
	rec = de->rec_len;
	nl = ext2_dirent_namelen(fs, de);
	if (rec < sizeof(*de) || (rec & 3) != 0 || rec > fs->fs_bsize - off ||
	    (de->inode != 0 && (nl == 0 || nl > EXT2_NAME_LEN ||
	    EXT2_DIR_REC_LEN(nl) > rec || de->inode > fs->fs_ninodes ||
	    ((fs->fs_flags & EXT2_FS_FILETYPE) &&
	    de->file_type >= EXT2_FT_MAX)))) {
		kprintf("ext2: directory %u block %u offset %u: bad entry "
		    "(inode %u, length %u, name length %u)\n", dip->i_number,
		    lb, off, de->inode, rec, nl);
		return -EIO;
	}
	return 0;
}
/* The block of directory DIP at LB, held in *BPP: 0 or -EIO. */
static int
ext2_dir_block(struct ext2_fs *fs, const struct ext2_inode *dip,
    uint32_t lb, struct buf **bpp)
{
	uint32_t blk;
	int error;

	if ((error = ext2_bmap(fs, dip, lb, &blk)) != 0)
		return error;
	if (blk == 0) {
		kprintf("ext2: directory %u has a hole at block %u\n",
		    dip->i_number, lb);
		return -EIO;
	}
	return ext2_bread(fs, blk, bpp);
}

/* Start a walk over DIP's entries from its logical block LB. */
static void
ext2_dir_begin(struct ext2_dirwalk *w, struct ext2_fs *fs,
    struct ext2_inode *dip, uint32_t lb)
{
	w->w_fs = fs;
	w->w_dip = dip;
	w->w_nblk = dip->i_din.i_size >> fs->fs_bshift;
	w->w_lb = lb;
	w->w_off = 0;
	w->w_prev = -1;
	w->w_bp = NULL;
	w->w_de = NULL;
}

/* The next entry, used or not, in w->w_de (its block held in w->w_bp):
 * 1, 0 at the end (nothing held), -EIO (nothing held). */
static int
ext2_dir_next(struct ext2_dirwalk *w)
{
	uint32_t bsize = w->w_fs->fs_bsize;
	int error;

	if (w->w_de != NULL) {
		w->w_prev = (int32_t)w->w_off;
		w->w_off += w->w_de->rec_len;
		w->w_de = NULL;
	}
	while (w->w_bp == NULL || w->w_off >= bsize) {
		if (w->w_bp != NULL) {
			brelse(w->w_bp);
			w->w_bp = NULL;
			w->w_lb++;
			w->w_off = 0;
			w->w_prev = -1;
		}
		if (w->w_lb >= w->w_nblk)
			return 0;
		error = ext2_dir_block(w->w_fs, w->w_dip, w->w_lb, &w->w_bp);
		if (error != 0)
			return error;
	}
	error = ext2_dirent_check(w->w_fs, w->w_dip, w->w_lb,
	    w->w_bp->b_data, w->w_off);
	if (error != 0) {
		brelse(w->w_bp);
		w->w_bp = NULL;
		return error;
	}
	w->w_de = (struct ext2_dirent *)((char *)w->w_bp->b_data + w->w_off);
	return 1;
}

/* End a walk: release its block, if it holds one. */
static void
ext2_dir_done(struct ext2_dirwalk *w)
{
	if (w->w_bp != NULL)
		brelse(w->w_bp);
	w->w_bp = NULL;
	w->w_de = NULL;
}

/* Find NAME (LEN bytes) in DIP: 1 and the walk stopped at it (its
 * block held), 0 (not there; nothing held), -EIO. */
static int
ext2_dir_find(struct ext2_dirwalk *w, struct ext2_fs *fs,
    struct ext2_inode *dip, const char *name, size_t len)
{
	int r;

	ext2_dir_begin(w, fs, dip, 0);
	while ((r = ext2_dir_next(w)) == 1)
		if (w->w_de->inode != 0 &&
		    ext2_dirent_namelen(fs, w->w_de) == len &&
		    kstrncmp(w->w_de->name, name, len) == 0)
			return 1;
	return r;
}
/* The inode named NAME (LEN bytes) in directory DIR into *INOP: 0,
 * -ENOENT, -ENOTDIR, -EIO. */
int
ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
    uint32_t *inop)
{
	struct ext2_dirwalk w;
	struct ext2_inode din;
	int r;

	if ((r = ext2_iget(fs, dir, &din)) != 0)
		return r;
	if (!EXT2_S_ISDIR(din.i_din.i_mode))
		return -ENOTDIR;
	if (len == 0 || len > EXT2_NAME_LEN)
		return len == 0 ? -ENOENT : -ENAMETOOLONG;
	if ((r = ext2_dir_find(&w, fs, &din, name, len)) != 1)
		return r == 0 ? -ENOENT : r;
	*inop = w.w_de->inode;
	ext2_dir_done(&w);
	return 0;
}
/* The next used entry of directory DIR at or after *COOKIE into *DP;
 * *COOKIE moves past it.  1, 0 at the end, -ENOTDIR, -EIO. */
int
ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *cookie,
    struct ext2_dent *dp)
{
	struct ext2_dirwalk w;
	struct ext2_inode din;
	uint32_t start;
	int r;

	if ((r = ext2_iget(fs, dir, &din)) != 0)
		return r;
	if (!EXT2_S_ISDIR(din.i_din.i_mode))
		return -ENOTDIR;
	if (*cookie >= din.i_din.i_size)
		return 0;
	start = (uint32_t)(*cookie & (fs->fs_bsize - 1));
	ext2_dir_begin(&w, fs, &din, (uint32_t)(*cookie >> fs->fs_bshift));
	while ((r = ext2_dir_next(&w)) == 1) {
		if (w.w_de->inode == 0 || (w.w_lb == *cookie >> fs->fs_bshift &&
		    w.w_off < start))
			continue;
		dp->d_ino = w.w_de->inode;
		dp->d_type = (fs->fs_flags & EXT2_FS_FILETYPE) ?
		    w.w_de->file_type : EXT2_FT_UNKNOWN;
		dp->d_namlen = (uint8_t)ext2_dirent_namelen(fs, w.w_de);
		kmemcpy(dp->d_name, w.w_de->name, dp->d_namlen);
		dp->d_name[dp->d_namlen] = '\0';
		*cookie = ((uint64_t)w.w_lb << fs->fs_bshift) + w.w_off +
		    w.w_de->rec_len;
		ext2_dir_done(&w);
		return 1;
	}
	if (r == 0)
		*cookie = din.i_din.i_size;
	return r;
}
/* DIP changed: stamp it, drop a hash index, write it back. */
static int
ext2_dir_touch(struct ext2_fs *fs, struct ext2_inode *dip)
{
	dip->i_din.i_mtime = dip->i_din.i_ctime = ext2_now(fs);
	dip->i_din.i_flags &= ~(uint32_t)EXT2_INDEX_FL;
	return ext2_iwrite(fs, dip);
}

/* Fill DE with INO, NAME (LEN bytes) and TYPE; its length stays. */
static void
ext2_dirent_fill(const struct ext2_fs *fs, struct ext2_dirent *de,
    uint32_t ino, const char *name, size_t len, uint8_t type)
{
	de->inode = ino;
	de->name_len = (uint8_t)len;
	de->file_type = (fs->fs_flags & EXT2_FS_FILETYPE) ? type : 0;
	kmemcpy(de->name, name, len);
}

/* Grow DIP by a block holding one entry: 0, -ENOSPC, -EFBIG, -EIO. */
static int
ext2_dir_grow(struct ext2_fs *fs, struct ext2_inode *dip, uint32_t ino,
    const char *name, size_t len, uint8_t type)
{
	struct ext2_dirent *de;
	struct buf *bp;
	uint32_t blk;
	int error, new;

	error = ext2_bmap_alloc(fs, dip, dip->i_din.i_size >> fs->fs_bshift,
	    &blk, &new);
	if (error == 0)
		error = ext2_bzero(fs, blk, &bp);
	if (error != 0) {
		ext2_iwrite(fs, dip);
		return error;
	}
	de = bp->b_data;
	de->rec_len = (uint16_t)fs->fs_bsize;
	ext2_dirent_fill(fs, de, ino, name, len, type);
	bdwrite(bp);
	dip->i_din.i_size += fs->fs_bsize;
	return ext2_dir_touch(fs, dip);
}

/* Add the entry NAME (LEN bytes) -> INO of TYPE to directory DIP (the
 * caller checked that NAME is new): 0, -ENOSPC, -EIO. */
int
ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dip, const char *name,
    size_t len, uint32_t ino, uint8_t type)
{
	struct ext2_dirwalk w;
	struct ext2_dirent *de, *nde;
	uint32_t need = EXT2_DIR_REC_LEN(len), used;
	int r;

	ext2_dir_begin(&w, fs, dip, 0);
	while ((r = ext2_dir_next(&w)) == 1) {
		de = w.w_de;
		used = de->inode != 0 ?
		    EXT2_DIR_REC_LEN(ext2_dirent_namelen(fs, de)) : 0;
		if (de->rec_len - used < need)
			continue;
		nde = de;
		if (used != 0) {
			nde = (struct ext2_dirent *)((char *)de + used);
			nde->rec_len = (uint16_t)(de->rec_len - used);
			de->rec_len = (uint16_t)used;
		}
		ext2_dirent_fill(fs, nde, ino, name, len, type);
		bdwrite(w.w_bp);
		return ext2_dir_touch(fs, dip);
	}
	if (r != 0)
		return r;
	return ext2_dir_grow(fs, dip, ino, name, len, type);
}
/* Remove NAME (LEN bytes) from DIP: 0, -ENOENT, -EIO. */
int
ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *dip,
    const char *name, size_t len)
{
	struct ext2_dirwalk w;
	struct ext2_dirent *prev;
	int r;

	if ((r = ext2_dir_find(&w, fs, dip, name, len)) != 1)
		return r == 0 ? -ENOENT : r;
	if (w.w_prev >= 0) {
		prev = (struct ext2_dirent *)((char *)w.w_bp->b_data +
		    w.w_prev);
		prev->rec_len = (uint16_t)(prev->rec_len + w.w_de->rec_len);
	} else {
		w.w_de->inode = 0;
	}
	bdwrite(w.w_bp);
	return ext2_dir_touch(fs, dip);
}

/* Make DIP's entry NAME (LEN bytes) name INO of TYPE: 0, -ENOENT,
 * -EIO. */
int
ext2_dir_replace(struct ext2_fs *fs, struct ext2_inode *dip,
    const char *name, size_t len, uint32_t ino, uint8_t type)
{
	struct ext2_dirwalk w;
	int r;

	if ((r = ext2_dir_find(&w, fs, dip, name, len)) != 1)
		return r == 0 ? -ENOENT : r;
	w.w_de->inode = ino;
	if (fs->fs_flags & EXT2_FS_FILETYPE)
		w.w_de->file_type = type;
	bdwrite(w.w_bp);
	return ext2_dir_touch(fs, dip);
}
/* Whether DIP holds only "." and "..": 1, 0, -EIO. */
int
ext2_dir_empty(struct ext2_fs *fs, struct ext2_inode *dip)
{
	struct ext2_dirwalk w;
	uint32_t nl;
	int r;

	ext2_dir_begin(&w, fs, dip, 0);
	while ((r = ext2_dir_next(&w)) == 1) {
		if (w.w_de->inode == 0)
			continue;
		nl = ext2_dirent_namelen(fs, w.w_de);
		if ((nl == 1 && w.w_de->name[0] == '.') ||
		    (nl == 2 && w.w_de->name[0] == '.' &&
		    w.w_de->name[1] == '.'))
			continue;
		ext2_dir_done(&w);
		return 0;
	}
	return r == 0 ? 1 : r;
}
/* Give the new directory IP (in PARENT) its first block with "." and
 * "..": 0, -ENOSPC, -EIO; IP is written back. */
int
ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t parent)
{
	struct ext2_dirent *de;
	struct buf *bp;
	uint32_t blk;
	int error, new;

	error = ext2_bmap_alloc(fs, ip, 0, &blk, &new);
	if (error == 0)
		error = ext2_bzero(fs, blk, &bp);
	if (error != 0) {
		ext2_iwrite(fs, ip);
		return error;
	}
	de = bp->b_data;
	de->rec_len = EXT2_DIR_REC_LEN(1);
	ext2_dirent_fill(fs, de, ip->i_number, ".", 1, EXT2_FT_DIR);
	de = (struct ext2_dirent *)((char *)bp->b_data + de->rec_len);
	de->rec_len = (uint16_t)(fs->fs_bsize - EXT2_DIR_REC_LEN(1));
	ext2_dirent_fill(fs, de, parent, "..", 2, EXT2_FT_DIR);
	bdwrite(bp);
	ip->i_din.i_size = fs->fs_bsize;
	return ext2_iwrite(fs, ip);
}
