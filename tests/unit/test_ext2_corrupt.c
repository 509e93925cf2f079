/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ext2 on damaged disks (book/47-ext2.nw): images damaged in precise
 * ways, by debugfs (an independent tool) or by hand where debugfs has
 * no command for it, are refused at mount with -EINVAL (or -EIO), or
 * mounted read-only, or the operation that meets the damage fails with
 * -EIO; each time with a message that names what is wrong, without a
 * crash, without a buffer left held, and, when the operation could
 * check before it changed anything, without a byte of the disk
 * changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ext2/ext2test.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"
#include "suites.h"

#define DAMAGED	ET_TMP "/damaged.img"

/* The 1 KiB image damaged by the debugfs commands CMDS (NULL at the
 * end), loaded into T (not mounted): 0 or -1. */
static int
damaged(struct etest *t, const char *const *cmds)
{
	memset(t, 0, sizeof(*t));
	if (et_copy("1k", DAMAGED) != 0)
		return -1;
	for (; cmds != NULL && *cmds != NULL; cmds++)
		if (et_debugfs_write(DAMAGED, *cmds) != 0)
			return -1;
	memset(t, 0, sizeof(*t));
	t->dev = hostdisk_load(DAMAGED);
	hostdisk_log_clear();
	return t->dev != NULL ? 0 : -1;
}

/* T's disk, checked after a mount that must have been refused (with
 * ERROR and a message holding MSG) or an operation that failed: no
 * buffer held, no misuse, the message. */
static void
clean_failure(struct etest *t, const char *msg, int line)
{
	CHECK_MSG(strstr(hostdisk_log(), msg) != NULL, line,
	    "the message \"%s\" does not say \"%s\"", hostdisk_log(), msg);
	CHECK_MSG(hostdisk_held(t->dev) == 0 && hostdisk_violations(t->dev) ==
	    0, line, "%d buffers held, misuse: %s", hostdisk_held(t->dev),
	    hostdisk_violation(t->dev));
}

/* Mounting T's disk fails with ERROR and the message MSG, and writes
 * nothing. */
static void
refused(struct etest *t, int error, const char *msg, int line)
{
	int e = et_mount(t, 0);

	CHECK_MSG(e == error, line, "mount: %d, not %d (%s)", e, error,
	    hostdisk_log());
	CHECK_MSG(hostdisk_writes(t->dev) == 0, line, "a refused mount wrote");
	clean_failure(t, msg, line);
	et_close(t);
}

/* Mounting the image damaged by CMD fails with ERROR and says MSG. */
static void
refused_cmd(const char *cmd, int error, const char *msg, int line)
{
	const char *cmds[] = { cmd, NULL };
	struct etest t;

	if (damaged(&t, cmds) != 0) {
		CHECK_MSG(0, line, "cannot damage the image with %s", cmd);
		return;
	}
	refused(&t, error, msg, line);
}

static void
test_ext2_bad_superblocks_are_refused(void)
{
	struct etest t;

	refused_cmd("ssv rev_level 5", -EINVAL, "revision 5", __LINE__);
	refused_cmd("ssv log_block_size 7", -EINVAL, "block size", __LINE__);
	refused_cmd("ssv log_cluster_size 1", -EINVAL, "fragments", __LINE__);
	refused_cmd("ssv blocks_count 20000", -EINVAL, "truncated", __LINE__);
	refused_cmd("ssv blocks_count 0", -EINVAL, "block counts", __LINE__);
	refused_cmd("ssv first_data_block 0", -EINVAL, "block counts",
	    __LINE__);
	refused_cmd("ssv inodes_count 1000", -EINVAL, "inode counts", __LINE__);
	refused_cmd("ssv first_ino 3", -EINVAL, "inode counts", __LINE__);
	refused_cmd("ssv blocks_per_group 0", -EINVAL, "group sizes", __LINE__);
	refused_cmd("ssv inodes_per_group 100000", -EINVAL, "group sizes",
	    __LINE__);
	refused_cmd("ssv free_blocks_count 100000", -EINVAL, "free counts",
	    __LINE__);
	refused_cmd("ssv inode_size 100", -EINVAL, "inode size", __LINE__);
	refused_cmd("ssv inode_size 2048", -EINVAL, "inode size", __LINE__);
	refused_cmd("ssv reserved_gdt_blocks 5000", -EINVAL, "descriptor table",
	    __LINE__);
	/* debugfs has no command for the magic: byte 56 of the superblock */
	if (et_load(&t, "1k") == 0) {
		hostdisk_bytes(t.dev)[1024 + 56] = 0x54;
		refused(&t, -EINVAL, "bad magic 0xef54", __LINE__);
	}
}

static void
test_ext2_truncated_or_unreadable_disks_are_refused(void)
{
	struct etest t;

	if (et_load(&t, "1k") == 0) {
		hostdisk_truncate(t.dev, 4u << 20);	/* half of it */
		refused(&t, -EINVAL, "truncated", __LINE__);
	}
	if (et_load(&t, "1k") == 0) {
		hostdisk_truncate(t.dev, 1500);
		refused(&t, -EINVAL, "too small", __LINE__);
	}
	if (et_load(&t, "1k") == 0) {
		hostdisk_fail(t.dev, 1024, 2048, 0);	/* the superblock */
		refused(&t, -EIO, "", __LINE__);
	}
	if (et_load(&t, "1k") == 0) {
		hostdisk_fail(t.dev, 2048, 3072, 0);	/* the descriptors */
		refused(&t, -EIO, "", __LINE__);
	}
}

static void
test_ext2_unknown_features_refuse_or_protect(void)
{
	const char *ro[] = { "ssv feature_ro_compat 0x403", NULL };
	const char *dirty[] = { "ssv state 0", NULL };
	const char *errors[] = { "ssv state 3", NULL };
	const char *compat[] = { "ssv feature_compat 0x4000038", NULL };
	const char *const *rdonly[] = { ro, dirty, errors };
	static const char *const why[] = { "metadata_csum: mounting read-only",
	    "not cleanly unmounted", "not cleanly unmounted" };
	struct etest t;
	uint32_t ino;
	size_t done;
	unsigned i;

	refused_cmd("feature extent", -EINVAL, "incompatible features: extent",
	    __LINE__);
	refused_cmd("ssv feature_incompat 0x80000242", -EINVAL,
	    "incompatible features: extent flex_bg 0x80000000", __LINE__);
	for (i = 0; i < 3; i++) {
		if (damaged(&t, rdonly[i]) != 0 || et_mount(&t, 0) != 0) {
			CU_FAIL("mount");
			et_close(&t);
			continue;
		}
		CU_ASSERT(t.fs.fs_flags & EXT2_FS_RDONLY);
		CU_ASSERT_EQUAL(et_resolve(&t.fs, "/hello.txt", &ino), 0);
		CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 0, "x", 1, &done),
		    -EROFS);
		CU_ASSERT_EQUAL(ext2_unmount(&t.fs), 0);
		t.mounted = 0;
		CU_ASSERT_EQUAL(hostdisk_writes(t.dev), 0);
		clean_failure(&t, why[i], __LINE__);
		et_close(&t);
	}
	/* unknown compatible features may be ignored, by definition */
	if (damaged(&t, compat) == 0 && et_mount(&t, 0) == 0) {
		CU_ASSERT(!(t.fs.fs_flags & EXT2_FS_RDONLY));
		et_close(&t);
	} else {
		CU_FAIL("a compatible feature refused the disk");
	}
}

static void
test_ext2_bad_group_descriptors_are_refused(void)
{
	const char *root[] = { "sif <2> mode 0100644", NULL };
	struct etest t;

	refused_cmd("set_bg 1 inode_table 8190", -EIO, "group 1's descriptor",
	    __LINE__);
	refused_cmd("set_bg 2 block_bitmap 1", -EIO, "group 2's descriptor",
	    __LINE__);
	refused_cmd("set_bg 3 inode_bitmap 99999", -EIO,
	    "group 3's descriptor", __LINE__);
	refused_cmd("set_bg 0 free_blocks_count 5000", -EIO,
	    "group 0's counts", __LINE__);
	refused_cmd("set_bg 5 free_inodes_count 65", -EIO, "group 5's counts",
	    __LINE__);
	if (damaged(&t, root) == 0)
		refused(&t, -EINVAL, "the root (inode 2) is not a directory",
		    __LINE__);
}

/* A mounted copy of the image damaged by CMDS, and a copy of its bytes
 * as the mount left them in *SNAP: 0 or -1. */
static int
damaged_mount(struct etest *t, const char *const *cmds, unsigned char **snap)
{
	*snap = NULL;
	if (damaged(t, cmds) != 0 || et_mount(t, 0) != 0) {
		printf("cannot mount the damaged image: %s\n", hostdisk_log());
		et_close(t);
		return -1;
	}
	*snap = malloc(hostdisk_size(t->dev));
	if (*snap != NULL)
		memcpy(*snap, hostdisk_bytes(t->dev), hostdisk_size(t->dev));
	hostdisk_log_clear();
	return *snap != NULL ? 0 : -1;
}

/* The disk is as SNAP says. */
static void
unchanged(struct etest *t, const unsigned char *snap, int line)
{
	CHECK_MSG(memcmp(hostdisk_bytes(t->dev), snap, hostdisk_size(t->dev))
	    == 0, line, "the failed operation changed the disk");
}

/* The byte offset in T's image of the directory entry named NAME in
 * the first block of directory DIR (a path): 0 if not found. */
static uint64_t
entry_at(struct etest *t, const char *dir, const char *name)
{
	char cmd[300];
	uint64_t blk, i, bsize = t->fs.fs_bsize;
	const unsigned char *img = hostdisk_bytes(t->dev);
	size_t len = strlen(name);

	snprintf(cmd, sizeof(cmd), "bmap %s 0", dir);
	if (et_debugfs_number(DAMAGED, cmd, "", &blk) != 0)
		return 0;
	for (i = 8; i + len <= bsize; i++)
		if (memcmp(img + blk * bsize + i, name, len) == 0 &&
		    img[blk * bsize + i - 2] == len)
			return blk * bsize + i - 8;
	return 0;
}

static void
test_ext2_bad_directory_entries_fail(void)
{
	static const struct { unsigned off; uint32_t value; int width; } bad[] = {
		{ 0, 99999, 4 },	/* the inode: past the inode count */
		{ 4, 13, 2 },		/* the length: not a multiple of 4 */
		{ 4, 4, 2 },		/* ... shorter than a header */
		{ 4, 2000, 2 },		/* ... past the block */
		{ 6, 250, 1 },		/* the name: longer than the entry */
		{ 7, 9, 1 },		/* the type: none such */
	};
	unsigned char *snap, *img;
	struct ext2_dent d;
	uint64_t at, cookie;
	uint32_t ino;
	struct etest t;
	unsigned i;
	int r;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (damaged_mount(&t, NULL, &snap) != 0) {
			CU_FAIL("mount");
			continue;
		}
		if ((at = entry_at(&t, "/", "hello.txt")) == 0) {
			CU_FAIL("no entry");
			et_close(&t);
			free(snap);
			continue;
		}
		img = hostdisk_bytes(t.dev) + at + bad[i].off;
		if (bad[i].width == 4)
			memcpy(img, &bad[i].value, 4);
		else if (bad[i].width == 2)
			memcpy(img, &(uint16_t){ (uint16_t)bad[i].value }, 2);
		else
			*img = (uint8_t)bad[i].value;
		memcpy(snap, hostdisk_bytes(t.dev), hostdisk_size(t.dev));
		CHECK_MSG(et_resolve(&t.fs, "/hello.txt", &ino) == -EIO,
		    __LINE__, "case %u: the damaged entry was used", i);
		clean_failure(&t, "bad entry", __LINE__);
		cookie = 0;
		while ((r = ext2_readdir(&t.fs, EXT2_ROOT_INO, &cookie, &d)) == 1)
			;
		CHECK_MSG(r == -EIO, __LINE__, "case %u: readdir %d", i, r);
		CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "zzz", 3, 0644,
		    &ino), -EIO);
		CU_ASSERT_EQUAL(ext2_unlink(&t.fs, EXT2_ROOT_INO, "hello.txt", 9,
		    &ino), -EIO);
		unchanged(&t, snap, __LINE__);
		clean_failure(&t, "bad entry", __LINE__);
		free(snap);
		et_close(&t);
	}
}

/* After CMDS, OP (on the mounted image) fails with -EIO, says MSG and
 * changes nothing. */
#define FAILS_CLEANLY(cmds, op, msg) do {				\
	unsigned char *snap_;						\
	struct etest t;							\
									\
	if (damaged_mount(&t, (cmds), &snap_) != 0) {			\
		CU_FAIL("mount");					\
		break;							\
	}								\
	CHECK_MSG((op) == -EIO, __LINE__, "%s did not fail with -EIO", #op); \
	unchanged(&t, snap_, __LINE__);					\
	clean_failure(&t, (msg), __LINE__);				\
	free(snap_);							\
	et_close(&t);							\
} while (0)

static unsigned char buf[70000];
static struct ext2_attr attr;
static size_t done;

/* Read PATH's bytes at OFF: ext2_read's result. */
static int
read_at(struct ext2_fs *fs, const char *path, uint64_t off)
{
	uint32_t ino;
	int error = et_resolve(fs, path, &ino);

	return error != 0 ? error : ext2_read(fs, ino, off, buf, 1024, &done);
}

/* Write a byte into PATH at OFF: ext2_write's result. */
static int
write_at(struct ext2_fs *fs, const char *path, uint64_t off)
{
	uint32_t ino;
	int error = et_resolve(fs, path, &ino);

	return error != 0 ? error : ext2_write(fs, ino, off, "x", 1, &done);
}

static void
test_ext2_bad_inodes_fail(void)
{
	const char *size[] = { "sif /dir size 1000", NULL };
	const char *huge[] = { "sif /dir size 0x7ffffc00", NULL };
	const char *hole[] = { "sif /many block[1] 0", NULL };
	const char *blk[] = { "sif /single block[3] 99999", NULL };
	const char *ind[] = { "sif /double block[IND] 99999", NULL };
	const char *clri[] = { "clri /hello.txt", NULL };
	const char *type[] = { "sif /hello.txt mode 0170644", NULL };
	const char *fast[] = { "sif /fast-link size 70", NULL };
	const char *slow[] = { "sif /slow-link block[0] 0", NULL };
	const char *link[] = { "sif /slow-link size 5000", NULL };
	uint32_t ino;
	struct etest t;
	unsigned char *snap;

	FAILS_CLEANLY(size, et_resolve(&t.fs, "/dir/hard-b", &ino),
	    "directory 13 has a bad size 1000");
	FAILS_CLEANLY(huge, et_resolve(&t.fs, "/dir/hard-b", &ino),
	    "has a bad size");
	FAILS_CLEANLY(hole, et_resolve(&t.fs,
	    "/many/file-149-with-a-longer-name.txt", &ino), "has a hole");
	FAILS_CLEANLY(blk, read_at(&t.fs, "/single", 3 * 1024),
	    "names block 99999");
	FAILS_CLEANLY(ind, read_at(&t.fs, "/double", 13 * 1024),
	    "names block 99999");
	FAILS_CLEANLY(clri, et_resolve(&t.fs, "/hello.txt", &ino) != 0 ? -1 :
	    ext2_getattr(&t.fs, ino, &attr), "is not in use");
	FAILS_CLEANLY(type, et_resolve(&t.fs, "/hello.txt", &ino) != 0 ? -1 :
	    ext2_getattr(&t.fs, ino, &attr), "bad type");
	FAILS_CLEANLY(fast, et_resolve(&t.fs, "/fast-link", &ino) != 0 ? -1 :
	    ext2_readlink(&t.fs, ino, (char *)buf, 100, &done),
	    "do not fit in the inode");
	FAILS_CLEANLY(slow, et_resolve(&t.fs, "/slow-link", &ino) != 0 ? -1 :
	    ext2_readlink(&t.fs, ino, (char *)buf, 100, &done), "no block");
	FAILS_CLEANLY(link, et_resolve(&t.fs, "/slow-link", &ino) != 0 ? -1 :
	    ext2_readlink(&t.fs, ino, (char *)buf, 100, &done), "bad size");
	FAILS_CLEANLY(NULL, ext2_getattr(&t.fs, 0, &attr), "out of range");
	FAILS_CLEANLY(NULL, ext2_getattr(&t.fs, 513, &attr), "out of range");
	/* the blocks before the damage still read */
	if (damaged_mount(&t, blk, &snap) == 0) {
		CU_ASSERT_EQUAL(read_at(&t.fs, "/single", 0), 0);
		CU_ASSERT_EQUAL(done, 1024);
		free(snap);
		et_close(&t);
	}
	/* an unreadable inode table */
	if (damaged_mount(&t, NULL, &snap) == 0) {
		hostdisk_fail(t.dev, 260 * 1024, 268 * 1024, 0);
		CU_ASSERT_EQUAL(ext2_getattr(&t.fs, EXT2_ROOT_INO, &attr), -EIO);
		CU_ASSERT_EQUAL(hostdisk_held(t.dev), 0);
		free(snap);
		et_close(&t);
	}
}

/* The number dumpe2fs prints after WHAT (the first group's). */
static uint64_t
dumpe2fs(const char *what)
{
	uint64_t v = 0;

	et_command_number("dumpe2fs " DAMAGED " 2>/dev/null", what, &v);
	return v;
}

static void
test_ext2_bitmaps_that_disagree_fail(void)
{
	char freeb[64], *meta[3] = { freeb, "set_bg 0 free_blocks_count 1",
	    NULL };
	const char *ifree[] = { "freei /hello.txt",
	    "set_bg 0 free_inodes_count 1", NULL };
	const char *icount[] = { "set_bg 0 free_inodes_count 3", NULL };
	const char *bcount[] = { "set_bg 0 free_blocks_count 3", NULL };
	char used[64], *twice[2] = { used, NULL };
	uint32_t ino;
	uint64_t blk;
	struct etest t;

	/* group 0's block bitmap marked free: the allocator must not take
	 * it for a new block of a file of group 0 (hello.txt's fifth) */
	if (damaged(&t, NULL) != 0)
		return;
	et_close(&t);
	snprintf(freeb, sizeof(freeb), "freeb %llu",
	    (unsigned long long)dumpe2fs("Block bitmap at"));
	FAILS_CLEANLY((const char *const *)meta, write_at(&t.fs, "/hello.txt",
	    5000), "holds the group's metadata");
	/* an inode in use marked free */
	FAILS_CLEANLY(ifree, ext2_create(&t.fs, EXT2_ROOT_INO, "new", 3, 0644,
	    &ino), "has 1 links");
	/* descriptors that count what the bitmaps do not have */
	FAILS_CLEANLY(icount, ext2_create(&t.fs, EXT2_ROOT_INO, "new", 3, 0644,
	    &ino), "its bitmap has none");
	FAILS_CLEANLY(bcount, write_at(&t.fs, "/hello.txt", 5000),
	    "its bitmap has none");
	/* a block of a file marked free: freeing the file fails there */
	if (et_debugfs_number(ET_DIR "/1k.img", "bmap /double 20", "", &blk))
		CU_FAIL("bmap");
	snprintf(used, sizeof(used), "freeb %llu", (unsigned long long)blk);
	{
		unsigned char *snap;

		if (damaged_mount(&t, (const char *const *)twice, &snap) == 0) {
			CU_ASSERT_EQUAL(et_resolve(&t.fs, "/double", &ino), 0);
			CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 0), -EIO);
			clean_failure(&t, "free already", __LINE__);
			CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &attr), 0);
			CU_ASSERT(attr.a_size > 0);	/* the size stays */
			free(snap);
			et_close(&t);
		}
	}
}

/* Make the 32-bit word at byte OFF of T's disk VALUE. */
static void
poke32(struct etest *t, uint64_t off, uint32_t value)
{
	memcpy(hostdisk_bytes(t->dev) + off, &value, 4);
}

static void
test_ext2_loops_on_the_disk_end(void)
{
	unsigned char *snap;
	uint64_t dind, at;
	uint32_t ino, dir, sub, gone;
	struct etest t;

	/* a double indirect block that names itself */
	if (damaged_mount(&t, NULL, &snap) == 0) {
		if (et_debugfs_number(DAMAGED, "stat /double", "(DIND):",
		    &dind) != 0)
			CU_FAIL("stat");
		poke32(&t, dind * 1024, (uint32_t)dind);
		CU_ASSERT_EQUAL(et_resolve(&t.fs, "/double", &ino), 0);
		CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 0), -EIO);
		clean_failure(&t, "on its own path", __LINE__);
		free(snap);
		et_close(&t);
	}
	/* ".." entries that loop: /dir's parent is /dir/sub */
	if (damaged_mount(&t, NULL, &snap) == 0) {
		CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir/sub", &sub), 0);
		CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir", &dir), 0);
		at = entry_at(&t, "/dir", "..");
		CU_ASSERT_NOT_EQUAL(at, 0);
		poke32(&t, at, sub);
		memcpy(snap, hostdisk_bytes(t.dev), hostdisk_size(t.dev));
		CU_ASSERT_EQUAL(ext2_rename(&t.fs, EXT2_ROOT_INO, "emptydir", 8,
		    sub, "x", 1, &gone), -EIO);
		unchanged(&t, snap, __LINE__);
		clean_failure(&t, "loop", __LINE__);
		free(snap);
		et_close(&t);
	}
}

static void
test_ext2_write_errors_are_reported(void)
{
	unsigned char *snap;
	uint32_t ino;
	struct etest t;

	if (damaged_mount(&t, NULL, &snap) != 0)
		return;
	hostdisk_fail(t.dev, 0, hostdisk_size(t.dev), 1);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "new", 3, 0644, &ino),
	    0);	/* into the cache, which keeps it dirty */
	CU_ASSERT_EQUAL(ext2_sync(&t.fs), -EIO);
	CU_ASSERT_EQUAL(ext2_unmount(&t.fs), -EIO);
	t.mounted = 0;
	unchanged(&t, snap, __LINE__);
	free(snap);
	et_close(&t);
}

int
add_ext2_corrupt_suite(void)
{
	static const struct unit_test tests[] = {
		{ "ext2_bad_superblocks_are_refused",
		    test_ext2_bad_superblocks_are_refused },
		{ "ext2_truncated_or_unreadable_disks_are_refused",
		    test_ext2_truncated_or_unreadable_disks_are_refused },
		{ "ext2_unknown_features_refuse_or_protect",
		    test_ext2_unknown_features_refuse_or_protect },
		{ "ext2_bad_group_descriptors_are_refused",
		    test_ext2_bad_group_descriptors_are_refused },
		{ "ext2_bad_directory_entries_fail",
		    test_ext2_bad_directory_entries_fail },
		{ "ext2_bad_inodes_fail", test_ext2_bad_inodes_fail },
		{ "ext2_bitmaps_that_disagree_fail",
		    test_ext2_bitmaps_that_disagree_fail },
		{ "ext2_loops_on_the_disk_end", test_ext2_loops_on_the_disk_end },
		{ "ext2_write_errors_are_reported",
		    test_ext2_write_errors_are_reported },
		{ NULL, NULL }
	};

	return add_suite("ext2_corrupt", tests);
}
