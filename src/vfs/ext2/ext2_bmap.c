/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): block maps, with direct, single, double and
 * triple indirect blocks: a logical block found, allocated, freed.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

/* The path to logical block LB: the slot of i_block in *SLOTP and the
 * index in each indirect block in IDX[]; returns the number of
 * indirect blocks on the way (0 to 3), or -EFBIG past the map.  Pure. */
int
ext2_bmap_path(const struct ext2_fs *fs, uint64_t lb, int *slotp,
    uint32_t idx[3])
{
	uint64_t a = fs->fs_apb, mask = a - 1;
	uint32_t sh = fs->fs_apb_shift;

	if (lb < EXT2_NDIR_BLOCKS) {
		*slotp = (int)lb;
		return 0;
	}
	lb -= EXT2_NDIR_BLOCKS;
	if (lb < a) {
		*slotp = EXT2_IND_BLOCK;
		idx[0] = (uint32_t)lb;
		return 1;
	}
	lb -= a;
	if (lb < a * a) {
		*slotp = EXT2_DIND_BLOCK;
		idx[0] = (uint32_t)(lb >> sh);
		idx[1] = (uint32_t)(lb & mask);
		return 2;
	}
	lb -= a * a;
	if (lb < a * a * a) {
		*slotp = EXT2_TIND_BLOCK;
		idx[0] = (uint32_t)(lb >> (2 * sh));
		idx[1] = (uint32_t)((lb >> sh) & mask);
		idx[2] = (uint32_t)(lb & mask);
		return 3;
	}
	return -EFBIG;
}
/* Whether BLK, found in IP's block map, can be a block of it: 0 or
 * -EIO. */
static int
ext2_map_check(const struct ext2_fs *fs, const struct ext2_inode *ip,
    uint32_t blk)
{
	if (blk == 0 || (blk >= fs->fs_first_data_block &&
	    blk < fs->fs_nblocks))
		return 0;
	kprintf("ext2: inode %u's block map names block %u, outside the "
	    "filesystem\n", ip->i_number, blk);
	return -EIO;
}
/* The disk block of IP's logical block LB into *BLKP (0: a hole):
 * 0, -EFBIG, -EIO. */
int
ext2_bmap(struct ext2_fs *fs, const struct ext2_inode *ip, uint64_t lb,
    uint32_t *blkp)
{
	uint32_t idx[3], blk;
	struct buf *bp;
	int depth, slot, level, error;

	*blkp = 0;
	if ((depth = ext2_bmap_path(fs, lb, &slot, idx)) < 0)
		return depth;
	blk = ip->i_din.i_block[slot];
	for (level = 0; level < depth && blk != 0; level++) {
		if ((error = ext2_map_check(fs, ip, blk)) != 0 ||
		    (error = ext2_bread(fs, blk, &bp)) != 0)
			return error;
		blk = ((uint32_t *)bp->b_data)[idx[level]];
		brelse(bp);
	}
	if ((error = ext2_map_check(fs, ip, blk)) != 0)
		return error;
	*blkp = blk;
	return 0;
}
/* Allocate a block near GOAL for *ENTRY of IP, zeroed if ZERO (an
 * indirect block): 0, -ENOSPC, -EIO, -EFBIG. */
static int
ext2_map_fill(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t *entry,
    uint32_t goal, int zero)
{
	struct buf *bp;
	uint32_t blk, sectors = fs->fs_bsize >> 9;
	int error;

	if (ip->i_din.i_blocks > UINT32_MAX - sectors)
		return -EFBIG;
	if ((error = ext2_balloc(fs, goal, &blk)) != 0)
		return error;
	if (zero) {
		if ((error = ext2_bzero(fs, blk, &bp)) != 0) {
			ext2_bfree(fs, blk);
			return error;
		}
		bdwrite(bp);
	}
	*entry = blk;
	ip->i_din.i_blocks += sectors;
	return 0;
}

/* The goal for a new block of IP at LB: after the previous block if it
 * has one, else the start of the inode's group. */
static uint32_t
ext2_alloc_goal(struct ext2_fs *fs, const struct ext2_inode *ip,
    uint64_t lb)
{
	uint32_t prev = 0;

	if (lb > 0 && ext2_bmap(fs, ip, lb - 1, &prev) == 0 && prev != 0)
		return prev + 1;
	return fs->fs_first_data_block +
	    (ip->i_number - 1) / fs->fs_ipg * fs->fs_bpg;
}

/* The disk block of IP's logical block LB into *BLKP, allocated with
 * the indirect blocks on its way if it was a hole (*NEWP = 1: its
 * content is the caller's to fill).  IP changes: the caller writes it
 * back, also on failure.  0, -ENOSPC, -EFBIG, -EIO. */
int
ext2_bmap_alloc(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t lb,
    uint32_t *blkp, int *newp)
{
	uint32_t idx[3], blk, *entry, goal;
	struct buf *bp;
	int depth, slot, level, error;

	*newp = 0;
	if ((depth = ext2_bmap_path(fs, lb, &slot, idx)) < 0)
		return depth;
	goal = ext2_alloc_goal(fs, ip, lb);
	entry = &ip->i_din.i_block[slot];
	if (*entry == 0) {
		if ((error = ext2_map_fill(fs, ip, entry, goal, depth > 0)) != 0)
			return error;
		*newp = depth == 0;
	}
	blk = *entry;
	for (level = 0; level < depth; level++) {
		if ((error = ext2_map_check(fs, ip, blk)) != 0 ||
		    (error = ext2_bread(fs, blk, &bp)) != 0)
			return error;
		entry = (uint32_t *)bp->b_data + idx[level];
		if (*entry != 0) {
			blk = *entry;
			brelse(bp);
			continue;
		}
		error = ext2_map_fill(fs, ip, entry, blk + 1,
		    level < depth - 1);
		blk = *entry;
		if (error != 0) {
			brelse(bp);
			return error;
		}
		bdwrite(bp);
		*newp = level == depth - 1;
	}
	if ((error = ext2_map_check(fs, ip, blk)) != 0)
		return error;
	*blkp = blk;
	return 0;
}
/* Free one data block of IP, entered at *ENTRY: 0 or -EIO. */
static int
ext2_free_entry(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t *entry)
{
	int error;

	if ((error = ext2_map_check(fs, ip, *entry)) != 0 ||
	    (error = ext2_bfree(fs, *entry)) != 0)
		return error;
	*entry = 0;
	ip->i_din.i_blocks -= ip->i_din.i_blocks < (fs->fs_bsize >> 9) ?
	    ip->i_din.i_blocks : fs->fs_bsize >> 9;
	return 0;
}

/* A walk over an inode's indirect blocks: the blocks held on the path,
 * and how many more it may visit. */
struct ext2_treewalk {
	uint32_t	path[3];
	uint32_t	budget;
};

/* In the indirect tree of LEVEL levels at *ENTRY (the blocks above it
 * held in TW->path[0..NPATH)), free the blocks from relative block FROM
 * on; with FROM 0, the indirect block too.  0 or -EIO. */
static int
ext2_free_tree(struct ext2_fs *fs, struct ext2_inode *ip, uint32_t *entry,
    int level, uint64_t from, struct ext2_treewalk *tw, int npath)
{
	uint64_t span = (uint64_t)1 << ((level - 1) * fs->fs_apb_shift);
	uint32_t i, *map, blk = *entry;
	struct buf *bp;
	int k, error = 0, dirty = 0;

	for (k = 0; k < npath; k++)
		if (tw->path[k] == blk) {
			kprintf("ext2: inode %u's indirect block %u is on its "
			    "own path\n", ip->i_number, blk);
			return -EIO;
		}
	if (tw->budget-- == 0) {
		kprintf("ext2: inode %u's map has more indirect blocks than "
		    "it owns\n", ip->i_number);
		return -EIO;
	}
	if ((error = ext2_map_check(fs, ip, blk)) != 0 ||
	    (error = ext2_bread(fs, blk, &bp)) != 0)
		return error;
	tw->path[npath] = blk;
	map = bp->b_data;
	for (i = (uint32_t)(from / span); i < fs->fs_apb && error == 0; i++) {
		uint64_t rel = i == from / span ? from % span : 0;

		if (map[i] == 0)
			continue;
		if (level == 1)
			error = ext2_free_entry(fs, ip, &map[i]);
		else
			error = ext2_free_tree(fs, ip, &map[i], level - 1, rel,
			    tw, npath + 1);
		dirty = 1;
	}
	if (dirty)
		bdwrite(bp);
	else
		brelse(bp);
	if (error == 0 && from == 0)
		error = ext2_free_entry(fs, ip, entry);
	return error;
}

/* Free IP's blocks from logical block FROM on; IP's map and i_blocks
 * follow (the caller writes IP back, also on failure).  0, -EIO. */
int
ext2_bmap_truncate(struct ext2_fs *fs, struct ext2_inode *ip, uint64_t from)
{
	uint64_t base = EXT2_NDIR_BLOCKS, span = fs->fs_apb;
	uint32_t *slots = ip->i_din.i_block;
	struct ext2_treewalk tw;
	int level, error;
	uint64_t lb;

	tw.budget = ip->i_din.i_blocks / (fs->fs_bsize >> 9);
	if (tw.budget > fs->fs_nblocks)
		tw.budget = fs->fs_nblocks;

	for (lb = from; lb < EXT2_NDIR_BLOCKS; lb++)
		if (slots[lb] != 0 &&
		    (error = ext2_free_entry(fs, ip, &slots[lb])) != 0)
			return error;
	for (level = 1; level <= 3; level++) {
		if (from < base + span && slots[EXT2_NDIR_BLOCKS + level - 1]) {
			error = ext2_free_tree(fs, ip,
			    &slots[EXT2_NDIR_BLOCKS + level - 1], level,
			    from > base ? from - base : 0, &tw, 0);
			if (error != 0)
				return error;
		}
		base += span;
		span *= fs->fs_apb;
	}
	return 0;
}
