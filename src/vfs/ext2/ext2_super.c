/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2 (book/47-ext2.nw): mounting (the superblock and the group
 * descriptors checked), the descriptors read and counted, the
 * superblock written, sync and unmount.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"
#include "vfs/ext2/ext2.h"
#include "vfs/ext2/ext2_var.h"

static int ext2_super_write(struct ext2_fs *fs, int clean);

_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE,
    "ext2 superblock size");
_Static_assert(sizeof(struct ext2_gd) == 32, "ext2 group descriptor");
_Static_assert(sizeof(struct ext2_dinode) == EXT2_GOOD_OLD_INODE_SIZE,
    "ext2 inode");
_Static_assert(sizeof(struct ext2_dirent) == 8, "ext2 directory entry");
/** A feature bit and its name, as mke2fs and dumpe2fs spell it. */
struct ext2_feature_name {
	uint32_t	bit;
	const char	*name;
};

static const struct ext2_feature_name ext2_incompat_names[] = {
	{ EXT2_INCOMPAT_COMPRESSION, "compression" },
	{ EXT2_INCOMPAT_FILETYPE, "filetype" },
	{ EXT2_INCOMPAT_RECOVER, "needs_recovery" },
	{ EXT2_INCOMPAT_JOURNAL_DEV, "journal_dev" },
	{ EXT2_INCOMPAT_META_BG, "meta_bg" },
	{ EXT2_INCOMPAT_EXTENTS, "extent" },
	{ EXT2_INCOMPAT_64BIT, "64bit" },
	{ EXT2_INCOMPAT_MMP, "mmp" },
	{ EXT2_INCOMPAT_FLEX_BG, "flex_bg" },
	{ EXT2_INCOMPAT_EA_INODE, "ea_inode" },
	{ EXT2_INCOMPAT_DIRDATA, "dirdata" },
	{ EXT2_INCOMPAT_CSUM_SEED, "metadata_csum_seed" },
	{ EXT2_INCOMPAT_LARGEDIR, "large_dir" },
	{ EXT2_INCOMPAT_INLINE_DATA, "inline_data" },
	{ EXT2_INCOMPAT_ENCRYPT, "encrypt" },
	{ EXT2_INCOMPAT_CASEFOLD, "casefold" },
	{ 0, NULL }
};

static const struct ext2_feature_name ext2_ro_compat_names[] = {
	{ EXT2_RO_COMPAT_SPARSE_SUPER, "sparse_super" },
	{ EXT2_RO_COMPAT_LARGE_FILE, "large_file" },
	{ EXT2_RO_COMPAT_BTREE_DIR, "btree_dir" },
	{ EXT2_RO_COMPAT_HUGE_FILE, "huge_file" },
	{ EXT2_RO_COMPAT_GDT_CSUM, "uninit_bg" },
	{ EXT2_RO_COMPAT_DIR_NLINK, "dir_nlink" },
	{ EXT2_RO_COMPAT_EXTRA_ISIZE, "extra_isize" },
	{ EXT2_RO_COMPAT_QUOTA, "quota" },
	{ EXT2_RO_COMPAT_BIGALLOC, "bigalloc" },
	{ EXT2_RO_COMPAT_METADATA_CSUM, "metadata_csum" },
	{ EXT2_RO_COMPAT_READONLY, "read-only" },
	{ EXT2_RO_COMPAT_PROJECT, "project" },
	{ 0, NULL }
};

/* Write the names of FEATURES into BUF (SIZE bytes), unknown bits in
 * hexadecimal: "extent 64bit 0x80000000".  Pure. */
static void
ext2_feature_string(const struct ext2_feature_name *names,
    uint32_t features, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; names->name != NULL; names++)
		if (features & names->bit) {
			n += (size_t)ksnprintf(buf + n, size - n, "%s%s",
			    n > 0 ? " " : "", names->name);
			features &= ~names->bit;
			if (n >= size)
				return;
		}
	if (features != 0)
		ksnprintf(buf + n, size - n, "%s0x%x", n > 0 ? " " : "",
		    features);
}
/*
 * Check SB, read from a device of DEVSIZE bytes, and fill FS's
 * geometry: 0, or -EINVAL with a message.  EXT2_FS_RDONLY in
 * fs_flags on entry asks for a read-only mount; the check sets it
 * for a disk that may only be read.  Pure but for the messages.
 */
static int
ext2_super_check(struct ext2_fs *fs, const struct ext2_super *sb,
    uint64_t devsize)
{
	char names[160];
	uint32_t bad;

	if (sb->s_magic != EXT2_MAGIC) {
		kprintf("ext2: bad magic 0x%04x: not an ext2 filesystem\n",
		    sb->s_magic);
		return -EINVAL;
	}
	if (sb->s_rev_level > EXT2_DYNAMIC_REV) {
		kprintf("ext2: revision %u is unknown (0 and 1 are ext2's)\n",
		    sb->s_rev_level);
		return -EINVAL;
	}
	if (sb->s_log_block_size > 2) {
		kprintf("ext2: block size 1024 << %u: only 1, 2 and 4 KiB "
		    "are supported\n", sb->s_log_block_size);
		return -EINVAL;
	}
	if (sb->s_log_frag_size != sb->s_log_block_size) {
		kprintf("ext2: fragments of 1024 << %u bytes are not "
		    "supported\n", sb->s_log_frag_size);
		return -EINVAL;
	}
	fs->fs_bshift = 10 + sb->s_log_block_size;
	fs->fs_bsize = 1u << fs->fs_bshift;
	fs->fs_apb = fs->fs_bsize / 4;
	fs->fs_apb_shift = fs->fs_bshift - 2;
	if (sb->s_rev_level == EXT2_DYNAMIC_REV) {
		bad = sb->s_feature_incompat & ~(uint32_t)EXT2_INCOMPAT_OK;
		if (bad != 0) {
			ext2_feature_string(ext2_incompat_names, bad, names,
			    sizeof(names));
			kprintf("ext2: unsupported incompatible features: "
			    "%s\n", names);
			return -EINVAL;
		}
		bad = sb->s_feature_ro_compat & ~(uint32_t)EXT2_RO_COMPAT_OK;
		if (bad != 0 && !(fs->fs_flags & EXT2_FS_RDONLY)) {
			ext2_feature_string(ext2_ro_compat_names, bad, names,
			    sizeof(names));
			kprintf("ext2: read-only compatible features %s: "
			    "mounting read-only\n", names);
			fs->fs_flags |= EXT2_FS_RDONLY;
		}
		if (sb->s_feature_incompat & EXT2_INCOMPAT_FILETYPE)
			fs->fs_flags |= EXT2_FS_FILETYPE;
		if (sb->s_feature_ro_compat & EXT2_RO_COMPAT_SPARSE_SUPER)
			fs->fs_flags |= EXT2_FS_SPARSE;
		if (sb->s_feature_ro_compat & EXT2_RO_COMPAT_LARGE_FILE)
			fs->fs_flags |= EXT2_FS_LARGEFILE;
	}
	if (sb->s_rev_level == EXT2_GOOD_OLD_REV) {
		fs->fs_isize = EXT2_GOOD_OLD_INODE_SIZE;
		fs->fs_first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		fs->fs_isize = sb->s_inode_size;
		fs->fs_first_ino = sb->s_first_ino;
	}
	if (fs->fs_isize < EXT2_GOOD_OLD_INODE_SIZE ||
	    fs->fs_isize > fs->fs_bsize ||
	    (fs->fs_isize & (fs->fs_isize - 1)) != 0) {
		kprintf("ext2: bad inode size %u\n", fs->fs_isize);
		return -EINVAL;
	}
	fs->fs_nblocks = sb->s_blocks_count;
	fs->fs_ninodes = sb->s_inodes_count;
	fs->fs_first_data_block = sb->s_first_data_block;
	fs->fs_bpg = sb->s_blocks_per_group;
	fs->fs_ipg = sb->s_inodes_per_group;
	if (fs->fs_first_data_block != (fs->fs_bsize == 1024 ? 1u : 0u) ||
	    fs->fs_nblocks <= fs->fs_first_data_block) {
		kprintf("ext2: bad block counts: %u blocks from block %u\n",
		    fs->fs_nblocks, fs->fs_first_data_block);
		return -EINVAL;
	}
	if ((uint64_t)fs->fs_nblocks << fs->fs_bshift > devsize) {
		kprintf("ext2: the filesystem has %u blocks of %u bytes, the "
		    "device only %llu bytes: truncated?\n", fs->fs_nblocks,
		    fs->fs_bsize, (unsigned long long)devsize);
		return -EINVAL;
	}
	if (fs->fs_bpg < 8 || fs->fs_bpg > 8 * fs->fs_bsize ||
	    fs->fs_ipg == 0 || fs->fs_ipg > 8 * fs->fs_bsize) {
		kprintf("ext2: bad group sizes: %u blocks, %u inodes\n",
		    fs->fs_bpg, fs->fs_ipg);
		return -EINVAL;
	}
	fs->fs_ngroups = (uint32_t)(((uint64_t)fs->fs_nblocks -
	    fs->fs_first_data_block + fs->fs_bpg - 1) / fs->fs_bpg);
	if ((uint64_t)fs->fs_ngroups * fs->fs_ipg != fs->fs_ninodes ||
	    fs->fs_first_ino >= fs->fs_ninodes ||
	    fs->fs_first_ino < EXT2_GOOD_OLD_FIRST_INO) {
		kprintf("ext2: bad inode counts: %u inodes, %u groups of "
		    "%u, first %u\n", fs->fs_ninodes, fs->fs_ngroups,
		    fs->fs_ipg, fs->fs_first_ino);
		return -EINVAL;
	}
	if (sb->s_r_blocks_count > fs->fs_nblocks ||
	    sb->s_free_blocks_count > fs->fs_nblocks ||
	    sb->s_free_inodes_count > fs->fs_ninodes) {
		kprintf("ext2: bad free counts: %u blocks, %u reserved, "
		    "%u inodes free\n", sb->s_free_blocks_count,
		    sb->s_r_blocks_count, sb->s_free_inodes_count);
		return -EINVAL;
	}
	fs->fs_itb = (uint32_t)(((uint64_t)fs->fs_ipg * fs->fs_isize +
	    fs->fs_bsize - 1) >> fs->fs_bshift);
	fs->fs_gdt_blocks = (uint32_t)(((uint64_t)fs->fs_ngroups *
	    sizeof(struct ext2_gd) + fs->fs_bsize - 1) >> fs->fs_bshift);
	fs->fs_reserved_gdt = 0;
	if (sb->s_rev_level == EXT2_DYNAMIC_REV &&
	    (sb->s_feature_compat & EXT2_COMPAT_RESIZE_INODE))
		fs->fs_reserved_gdt = sb->s_reserved_gdt_blocks;
	if ((uint64_t)fs->fs_gdt_blocks + fs->fs_reserved_gdt + 1 >=
	    fs->fs_bpg || fs->fs_reserved_gdt > fs->fs_apb) {
		kprintf("ext2: the descriptor table (%u blocks, %u "
		    "reserved) does not fit in a group of %u\n",
		    fs->fs_gdt_blocks, fs->fs_reserved_gdt, fs->fs_bpg);
		return -EINVAL;
	}
	if (sb->s_rev_level == EXT2_DYNAMIC_REV &&
	    (sb->s_feature_ro_compat & EXT2_RO_COMPAT_READONLY))
		fs->fs_flags |= EXT2_FS_RDONLY;
	return 0;
}
/* Whether group G holds a copy of the superblock and descriptors. */
static int
ext2_group_has_super(const struct ext2_fs *fs, uint32_t g)
{
	uint32_t p;

	if (g <= 1 || !(fs->fs_flags & EXT2_FS_SPARSE))
		return 1;
	for (p = 3; p <= 7; p += 2) {
		uint64_t n = p;

		while (n < g)
			n *= p;
		if (n == g)
			return 1;
	}
	return 0;
}

/* Group G's first block, and the block after its last, in *FIRST and
 * *END; returns the first block after its superblock copy, if any. */
uint32_t
ext2_group_range(const struct ext2_fs *fs, uint32_t g, uint32_t *first,
    uint32_t *end)
{
	uint64_t f = (uint64_t)fs->fs_first_data_block +
	    (uint64_t)g * fs->fs_bpg;
	uint64_t e = f + fs->fs_bpg;

	if (e > fs->fs_nblocks)
		e = fs->fs_nblocks;
	*first = (uint32_t)f;
	*end = (uint32_t)e;
	if (!ext2_group_has_super(fs, g))
		return (uint32_t)f;
	return (uint32_t)f + 1 + fs->fs_gdt_blocks + fs->fs_reserved_gdt;
}
/* Whether GD, group G's descriptor, is sound: 0 or -EIO, with a
 * message.  Pure but for the message. */
int
ext2_group_check(const struct ext2_fs *fs, uint32_t g,
    const struct ext2_gd *gd)
{
	uint32_t first, end, meta;
	uint32_t bb = gd->bg_block_bitmap, ib = gd->bg_inode_bitmap;
	uint32_t it = gd->bg_inode_table;

	meta = ext2_group_range(fs, g, &first, &end);
	if (bb < meta || bb >= end || ib < meta || ib >= end ||
	    it < meta || it >= end || end - it < fs->fs_itb ||
	    bb == ib || (bb >= it && bb - it < fs->fs_itb) ||
	    (ib >= it && ib - it < fs->fs_itb)) {
		kprintf("ext2: group %u's descriptor is bad: bitmaps at %u "
		    "and %u, inode table at %u, group %u-%u\n", g, bb, ib,
		    it, first, end - 1);
		return -EIO;
	}
	if (gd->bg_free_blocks_count > end - first ||
	    gd->bg_free_inodes_count > fs->fs_ipg ||
	    gd->bg_used_dirs_count > fs->fs_ipg) {
		kprintf("ext2: group %u's counts are bad: %u blocks and %u "
		    "inodes free, %u directories\n", g,
		    gd->bg_free_blocks_count, gd->bg_free_inodes_count,
		    gd->bg_used_dirs_count);
		return -EIO;
	}
	return 0;
}
/* Group G's descriptor, checked, into *GD: 0 or -EIO. */
int
ext2_group_read(struct ext2_fs *fs, uint32_t g, struct ext2_gd *gd)
{
	struct buf *bp;
	uint32_t per = fs->fs_bsize / sizeof(struct ext2_gd);
	int error;

	if (g >= fs->fs_ngroups) {
		kprintf("ext2: group %u out of range (%u groups)\n", g,
		    fs->fs_ngroups);
		return -EIO;
	}
	error = ext2_bread(fs, fs->fs_first_data_block + 1 + g / per, &bp);
	if (error != 0)
		return error;
	kmemcpy(gd, (struct ext2_gd *)bp->b_data + g % per, sizeof(*gd));
	brelse(bp);
	return ext2_group_check(fs, g, gd);
}

/* Add DBLOCKS, DINODES and DDIRS to group G's counts: 0 or -EIO. */
int
ext2_group_adjust(struct ext2_fs *fs, uint32_t g, int dblocks,
    int dinodes, int ddirs)
{
	struct buf *bp;
	struct ext2_gd *gd;
	uint32_t first, end, per = fs->fs_bsize / sizeof(struct ext2_gd);
	int64_t nb, ni, nd;
	int error;

	error = ext2_bread(fs, fs->fs_first_data_block + 1 + g / per, &bp);
	if (error != 0)
		return error;
	gd = (struct ext2_gd *)bp->b_data + g % per;
	ext2_group_range(fs, g, &first, &end);
	nb = (int64_t)gd->bg_free_blocks_count + dblocks;
	ni = (int64_t)gd->bg_free_inodes_count + dinodes;
	nd = (int64_t)gd->bg_used_dirs_count + ddirs;
	if (nb < 0 || nb > end - first || ni < 0 || ni > fs->fs_ipg ||
	    nd < 0 || nd > fs->fs_ipg) {
		kprintf("ext2: group %u's counts disagree with its bitmaps "
		    "(%u blocks, %u inodes free, %u directories)\n", g,
		    gd->bg_free_blocks_count, gd->bg_free_inodes_count,
		    gd->bg_used_dirs_count);
		brelse(bp);
		return -EIO;
	}
	gd->bg_free_blocks_count = (uint16_t)nb;
	gd->bg_free_inodes_count = (uint16_t)ni;
	gd->bg_used_dirs_count = (uint16_t)nd;
	bdwrite(bp);
	return 0;
}
/* Hold block BLK in *BPP, read: 0, -EIO (past the filesystem, or the
 * device failed). */
int
ext2_bread(struct ext2_fs *fs, uint32_t blk, struct buf **bpp)
{
	if (blk >= fs->fs_nblocks) {
		kprintf("ext2: block %u is past the filesystem's end (%u)\n",
		    blk, fs->fs_nblocks);
		return -EIO;
	}
	return bread(fs->fs_dev, (uint64_t)blk << fs->fs_bshift, fs->fs_bsize,
	    bpp);
}

/* Hold block BLK in *BPP, filled with zeros, without reading it: the
 * caller replaces it.  0 or -EIO. */
int
ext2_bzero(struct ext2_fs *fs, uint32_t blk, struct buf **bpp)
{
	if (blk >= fs->fs_nblocks) {
		kprintf("ext2: block %u is past the filesystem's end (%u)\n",
		    blk, fs->fs_nblocks);
		return -EIO;
	}
	*bpp = getblk(fs->fs_dev, (uint64_t)blk << fs->fs_bshift,
	    fs->fs_bsize);
	if (*bpp == NULL)
		return -EIO;
	kmemset((*bpp)->b_data, 0, fs->fs_bsize);
	return 0;
}
/* Mount the ext2 filesystem on DEV (DEVSIZE bytes) into FS: 0,
 * -EINVAL (not a usable ext2 disk: a message says why) or -EIO. */
int
ext2_mount(struct ext2_fs *fs, struct cdev *dev, uint64_t devsize,
    int flags, uint32_t (*clock)(void))
{
	struct ext2_inode root;
	struct ext2_gd gd;
	struct buf *bp;
	uint32_t g;
	int error;

	kmemset(fs, 0, sizeof(*fs));
	fs->fs_dev = dev;
	fs->fs_devsize = devsize;
	fs->fs_clock = clock;
	if (flags & EXT2_MNT_RDONLY)
		fs->fs_flags |= EXT2_FS_RDONLY;
	if (devsize < EXT2_SUPER_OFFSET + EXT2_SUPER_SIZE) {
		kprintf("ext2: the device has %llu bytes: too small\n",
		    (unsigned long long)devsize);
		return -EINVAL;
	}
	error = bread(dev, EXT2_SUPER_OFFSET, EXT2_SUPER_SIZE, &bp);
	if (error != 0)
		return error;
	kmemcpy(&fs->fs_super, bp->b_data, sizeof(fs->fs_super));
	brelse(bp);
	error = ext2_super_check(fs, &fs->fs_super, devsize);
	if (error != 0)
		return error;
	for (g = 0; g < fs->fs_ngroups; g++)
		if ((error = ext2_group_read(fs, g, &gd)) != 0)
			return error;
	if ((error = ext2_iget(fs, EXT2_ROOT_INO, &root)) != 0)
		return error;
	if (!EXT2_S_ISDIR(root.i_din.i_mode)) {
		kprintf("ext2: the root (inode 2) is not a directory\n");
		return -EINVAL;
	}
	if (fs->fs_flags & EXT2_FS_RDONLY)
		return 0;
	if ((fs->fs_super.s_state & (EXT2_VALID_FS | EXT2_ERROR_FS)) !=
	    EXT2_VALID_FS) {
		kprintf("ext2: the filesystem was not cleanly unmounted or "
		    "has errors: mounting read-only (run e2fsck)\n");
		fs->fs_flags |= EXT2_FS_RDONLY;
		return 0;
	}
	return ext2_super_write(fs, 0);
}
/* Sum the groups' free counts into *FBLOCKS and *FINODES: 0 or -EIO. */
static int
ext2_count_free(struct ext2_fs *fs, uint32_t *fblocks, uint32_t *finodes)
{
	struct ext2_gd gd;
	uint32_t g;
	int error;

	*fblocks = *finodes = 0;
	for (g = 0; g < fs->fs_ngroups; g++) {
		if ((error = ext2_group_read(fs, g, &gd)) != 0)
			return error;
		*fblocks += gd.bg_free_blocks_count;
		*finodes += gd.bg_free_inodes_count;
	}
	return 0;
}

/* Write the superblock: the free counts, the large_file flag, the
 * times, and the state: clean if CLEAN, in use otherwise (a mount
 * also counts itself).  0 or -EIO. */
static int
ext2_super_write(struct ext2_fs *fs, int clean)
{
	struct ext2_super *sb;
	struct buf *bp;
	uint32_t fblocks, finodes, now = ext2_now(fs);
	int error;

	if ((error = ext2_count_free(fs, &fblocks, &finodes)) != 0)
		return error;
	error = bread(fs->fs_dev, EXT2_SUPER_OFFSET, EXT2_SUPER_SIZE, &bp);
	if (error != 0)
		return error;
	sb = (struct ext2_super *)bp->b_data;
	if (sb->s_magic != EXT2_MAGIC) {
		kprintf("ext2: the superblock changed under the mount\n");
		brelse(bp);
		return -EIO;
	}
	sb->s_free_blocks_count = fblocks;
	sb->s_free_inodes_count = finodes;
	if ((fs->fs_flags & EXT2_FS_LARGEFILE) &&
	    sb->s_rev_level == EXT2_DYNAMIC_REV)
		sb->s_feature_ro_compat |= EXT2_RO_COMPAT_LARGE_FILE;
	sb->s_wtime = now;
	if (clean)
		sb->s_state |= EXT2_VALID_FS;
	else if (sb->s_state & EXT2_VALID_FS) {
		sb->s_state &= (uint16_t)~EXT2_VALID_FS;
		sb->s_mnt_count++;
		sb->s_mtime = now;
	}
	kmemcpy(&fs->fs_super, sb, sizeof(fs->fs_super));
	return bwrite(bp);
}
/* Write everything FS changed to its disk: 0 or the first error. */
int
ext2_sync(struct ext2_fs *fs)
{
	int error;

	if (fs->fs_flags & EXT2_FS_RDONLY)
		return 0;
	if ((error = ext2_super_write(fs, 0)) != 0)
		return error;
	return bsync(fs->fs_dev);
}

/* Unmount FS: write everything, mark the disk clean, forget its
 * buffers.  0, or the first error (the buffers are then kept). */
int
ext2_unmount(struct ext2_fs *fs)
{
	int error;

	if (!(fs->fs_flags & EXT2_FS_RDONLY)) {
		if ((error = bsync(fs->fs_dev)) != 0 ||
		    (error = ext2_super_write(fs, 1)) != 0 ||
		    (error = bsync(fs->fs_dev)) != 0)
			return error;
	}
	binval(fs->fs_dev);
	return 0;
}

/* The totals of FS for statfs: 0 or -EIO. */
int
ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st)
{
	st->st_bsize = fs->fs_bsize;
	st->st_blocks = fs->fs_nblocks;
	st->st_inodes = fs->fs_ninodes;
	return ext2_count_free(fs, &st->st_bfree, &st->st_ifree);
}

/* The time to stamp: the mount's clock, or 0 without one. */
uint32_t
ext2_now(const struct ext2_fs *fs)
{
	return fs->fs_clock != NULL ? fs->fs_clock() : 0;
}
