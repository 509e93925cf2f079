/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): the bitmaps, blocks and inodes allocated and
 * freed, with the group descriptors' counts kept right.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

/* Whether bit I of MAP is set. */
static int
ext2_bit_test(const uint8_t *map, uint32_t i)
{
	return (map[i >> 3] >> (i & 7)) & 1;
}

/* Set (ON) or clear bit I of MAP. */
static void
ext2_bit_set(uint8_t *map, uint32_t i, int on)
{
	if (on)
		map[i >> 3] |= (uint8_t)(1u << (i & 7));
	else
		map[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

/* The first clear bit of MAP in [START, END), then in [FROM, START):
 * a search from START that wraps around to FROM; END if none is. */
static uint32_t
ext2_bit_find_clear(const uint8_t *map, uint32_t from, uint32_t start,
    uint32_t end)
{
	uint32_t i, pass;

	for (pass = 0; pass < 2; pass++) {
		uint32_t lo = pass == 0 ? start : from;
		uint32_t hi = pass == 0 ? end : start;

		for (i = lo; i < hi; i++) {
			if ((i & 7) == 0 && i + 8 <= hi && map[i >> 3] == 0xFF) {
				i += 7;		/* a full byte: skip it */
				continue;
			}
			if (!ext2_bit_test(map, i))
				return i;
		}
	}
	return end;
}
/* Whether BLK, in group G whose descriptor is GD, is the group's
 * metadata (superblock copy, descriptors, bitmaps, inode table). */
static int
ext2_block_is_meta(const struct ext2_fs *fs, uint32_t g,
    const struct ext2_gd *gd, uint32_t blk)
{
	uint32_t first, end;

	if (blk < ext2_group_range(fs, g, &first, &end))
		return 1;
	if (blk == gd->bg_block_bitmap || blk == gd->bg_inode_bitmap)
		return 1;
	return blk >= gd->bg_inode_table &&
	    blk - gd->bg_inode_table < fs->fs_itb;
}
/* Take a free block of group G (descriptor GD) near GOAL into *BLKP:
 * 0, -EIO (the bitmap disagrees). */
static int
ext2_balloc_group(struct ext2_fs *fs, uint32_t g, const struct ext2_gd *gd,
    uint32_t goal, uint32_t *blkp)
{
	struct buf *bp;
	uint32_t first, end, bit, from;
	int error;

	from = ext2_group_range(fs, g, &first, &end) - first;
	if (goal < first + from || goal >= end)
		goal = first + from;
	if ((error = ext2_bread(fs, gd->bg_block_bitmap, &bp)) != 0)
		return error;
	bit = ext2_bit_find_clear(bp->b_data, from, goal - first, end - first);
	if (bit == end - first) {
		kprintf("ext2: group %u's descriptor counts %u free blocks, "
		    "its bitmap has none\n", g, gd->bg_free_blocks_count);
		brelse(bp);
		return -EIO;
	}
	if (ext2_block_is_meta(fs, g, gd, first + bit)) {
		kprintf("ext2: group %u's bitmap says block %u is free, but "
		    "it holds the group's metadata\n", g, first + bit);
		brelse(bp);
		return -EIO;
	}
	if ((error = ext2_group_adjust(fs, g, -1, 0, 0)) != 0) {
		brelse(bp);
		return error;
	}
	ext2_bit_set(bp->b_data, bit, 1);
	bdwrite(bp);
	*blkp = first + bit;
	return 0;
}

/* Allocate a block, near GOAL if it can, into *BLKP: 0, -ENOSPC, -EIO,
 * -EROFS.  The block's content is whatever was there. */
int
ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blkp)
{
	struct ext2_gd gd;
	uint32_t g0, g, i;
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return -EROFS;
	if (goal < fs->fs_first_data_block || goal >= fs->fs_nblocks)
		goal = fs->fs_first_data_block;
	g0 = (goal - fs->fs_first_data_block) / fs->fs_bpg;
	for (i = 0; i < fs->fs_ngroups; i++) {
		g = (g0 + i) % fs->fs_ngroups;
		if ((error = ext2_group_read(fs, g, &gd)) != 0)
			return error;
		if (gd.bg_free_blocks_count == 0)
			continue;
		return ext2_balloc_group(fs, g, &gd, i == 0 ? goal : 0, blkp);
	}
	return -ENOSPC;
}
/* Free block BLK: 0, or -EIO (out of range, metadata, already free). */
int
ext2_bfree(struct ext2_fs *fs, uint32_t blk)
{
	struct ext2_gd gd;
	struct buf *bp;
	uint32_t g, first, end;
	int error;

	if (blk < fs->fs_first_data_block || blk >= fs->fs_nblocks) {
		kprintf("ext2: asked to free block %u, outside the "
		    "filesystem\n", blk);
		return -EIO;
	}
	g = (blk - fs->fs_first_data_block) / fs->fs_bpg;
	if ((error = ext2_group_read(fs, g, &gd)) != 0)
		return error;
	if (ext2_block_is_meta(fs, g, &gd, blk)) {
		kprintf("ext2: asked to free block %u, which holds group %u's "
		    "metadata\n", blk, g);
		return -EIO;
	}
	ext2_group_range(fs, g, &first, &end);
	if ((error = ext2_bread(fs, gd.bg_block_bitmap, &bp)) != 0)
		return error;
	if (!ext2_bit_test(bp->b_data, blk - first)) {
		kprintf("ext2: asked to free block %u, which group %u's bitmap "
		    "says is free already\n", blk, g);
		brelse(bp);
		return -EIO;
	}
	if ((error = ext2_group_adjust(fs, g, 1, 0, 0)) != 0) {
		brelse(bp);
		return error;
	}
	ext2_bit_set(bp->b_data, blk - first, 0);
	bdwrite(bp);
	return 0;
}
/* Take a free inode of group G (descriptor GD) into *INOP: 0, -EIO.
 * DIR: it will be a directory. */
static int
ext2_ialloc_group(struct ext2_fs *fs, uint32_t g, const struct ext2_gd *gd,
    int dir, uint32_t *inop)
{
	struct ext2_inode old;
	struct buf *bp;
	uint32_t bit, from = 0, base = g * fs->fs_ipg;
	int error;

	if (base + 1 < fs->fs_first_ino)
		from = fs->fs_first_ino - 1 - base;
	if (from >= fs->fs_ipg)
		return -ENOSPC;
	if ((error = ext2_bread(fs, gd->bg_inode_bitmap, &bp)) != 0)
		return error;
	bit = ext2_bit_find_clear(bp->b_data, from, from, fs->fs_ipg);
	if (bit == fs->fs_ipg) {
		brelse(bp);
		kprintf("ext2: group %u's descriptor counts %u free inodes, "
		    "its bitmap has none\n", g, gd->bg_free_inodes_count);
		return -EIO;
	}
	if ((error = ext2_iread(fs, base + bit + 1, &old)) == 0 &&
	    old.i_din.i_links_count != 0) {
		kprintf("ext2: group %u's bitmap says inode %u is free, but it "
		    "has %u links\n", g, base + bit + 1,
		    old.i_din.i_links_count);
		error = -EIO;
	}
	if (error == 0)
		error = ext2_group_adjust(fs, g, 0, -1, dir ? 1 : 0);
	if (error != 0) {
		brelse(bp);
		return error;
	}
	ext2_bit_set(bp->b_data, bit, 1);
	bdwrite(bp);
	*inop = base + bit + 1;
	return 0;
}

/* The group to try first for a new inode in directory PARENT. */
static uint32_t
ext2_ialloc_start(struct ext2_fs *fs, uint32_t parent, int dir)
{
	struct ext2_gd gd;
	uint32_t g, best = 0, most = 0;

	if (!dir)
		return (parent - 1) / fs->fs_ipg;
	for (g = 0; g < fs->fs_ngroups; g++)
		if (ext2_group_read(fs, g, &gd) == 0 &&
		    gd.bg_free_inodes_count > most) {
			most = gd.bg_free_inodes_count;
			best = g;
		}
	return best;
}

/* Allocate an inode for a file (a directory if DIR) in directory
 * PARENT into *INOP: 0, -ENOSPC, -EIO, -EROFS.  The inode's content is
 * the caller's to write. */
int
ext2_ialloc(struct ext2_fs *fs, uint32_t parent, int dir, uint32_t *inop)
{
	struct ext2_gd gd;
	uint32_t g0, g, i;
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return -EROFS;
	g0 = ext2_ialloc_start(fs, parent, dir);
	for (i = 0; i < fs->fs_ngroups; i++) {
		g = (g0 + i) % fs->fs_ngroups;
		if ((error = ext2_group_read(fs, g, &gd)) != 0)
			return error;
		if (gd.bg_free_inodes_count == 0)
			continue;
		error = ext2_ialloc_group(fs, g, &gd, dir, inop);
		if (error != -ENOSPC)
			return error;
	}
	return -ENOSPC;
}

/* Free inode INO (a directory if DIR) in its bitmap: 0, -EIO. */
int
ext2_ifree(struct ext2_fs *fs, uint32_t ino, int dir)
{
	struct ext2_gd gd;
	struct buf *bp;
	uint32_t g, bit;
	int error;

	if (ino < fs->fs_first_ino || ino > fs->fs_ninodes) {
		kprintf("ext2: asked to free inode %u, which is reserved or "
		    "out of range\n", ino);
		return -EIO;
	}
	g = (ino - 1) / fs->fs_ipg;
	bit = (ino - 1) % fs->fs_ipg;
	if ((error = ext2_group_read(fs, g, &gd)) != 0)
		return error;
	if ((error = ext2_bread(fs, gd.bg_inode_bitmap, &bp)) != 0)
		return error;
	if (!ext2_bit_test(bp->b_data, bit)) {
		kprintf("ext2: asked to free inode %u, which group %u's bitmap "
		    "says is free already\n", ino, g);
		brelse(bp);
		return -EIO;
	}
	if ((error = ext2_group_adjust(fs, g, 0, 1, dir ? -1 : 0)) != 0) {
		brelse(bp);
		return error;
	}
	ext2_bit_set(bp->b_data, bit, 0);
	bdwrite(bp);
	return 0;
}
