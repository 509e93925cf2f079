/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ext2's geometry (book/47-ext2.nw) on the host: the path through the
 * block map at every boundary between direct, single, double and
 * triple indirect blocks, for 1 KiB and 4 KiB blocks; and what a mount
 * computes from each image's superblock against what dumpe2fs (an
 * independent reader) says of it; a read-only mount writes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ext2/ext2test.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"
#include "suites.h"
#include "vfs/ext2/ext2_var.h"

static const char *const images[] = { "1k", "2k", "4k", "rev0" };
#define NIMAGES	(sizeof(images) / sizeof(images[0]))

/* The logical block the path (SLOT, IDX, DEPTH) leads to, computed the
 * other way round, from the map's layout. */
static uint64_t
path_to_lb(uint64_t a, int slot, const uint32_t *idx, int depth)
{
	if (depth == 0)
		return (uint64_t)slot;
	if (depth == 1)
		return 12 + idx[0];
	if (depth == 2)
		return 12 + a + idx[0] * a + idx[1];
	return 12 + a + a * a + (idx[0] * a + idx[1]) * a + idx[2];
}

static void
test_ext2_bmap_path_boundaries(void)
{
	static const uint32_t shifts[] = { 8, 10 };	/* 1 KiB, 4 KiB */
	struct ext2_fs fs;
	uint32_t idx[3], seed = 7;
	unsigned s, k;
	int slot;

	for (s = 0; s < 2; s++) {
		uint64_t a = 1u << shifts[s];
		const struct { uint64_t lb; int depth; int slot; } cases[] = {
			{ 0, 0, 0 }, { 11, 0, 11 },
			{ 12, 1, 12 }, { 12 + a - 1, 1, 12 },
			{ 12 + a, 2, 13 }, { 12 + a + a * a - 1, 2, 13 },
			{ 12 + a + a * a, 3, 14 },
			{ 12 + a + a * a + a * a * a - 1, 3, 14 },
		};

		memset(&fs, 0, sizeof(fs));
		fs.fs_apb = (uint32_t)a;
		fs.fs_apb_shift = shifts[s];
		for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
			int d = ext2_bmap_path(&fs, cases[k].lb, &slot, idx);

			CHECK_MSG(d == cases[k].depth && slot == cases[k].slot,
			    __LINE__, "a=%llu lb=%llu: depth %d slot %d, "
			    "expected %d %d", (unsigned long long)a,
			    (unsigned long long)cases[k].lb, d, slot,
			    cases[k].depth, cases[k].slot);
			if (d >= 0)
				CHECK_MSG(path_to_lb(a, slot, idx, d) ==
				    cases[k].lb, __LINE__, "a=%llu lb=%llu: "
				    "the path leads elsewhere",
				    (unsigned long long)a,
				    (unsigned long long)cases[k].lb);
		}
		CU_ASSERT_EQUAL(ext2_bmap_path(&fs, 12 + a + a * a + a * a * a,
		    &slot, idx), -EFBIG);
		for (k = 0; k < 2000; k++) {
			uint64_t lb = et_random(&seed) %
			    (12 + a + a * a + a * a * a);
			int d = ext2_bmap_path(&fs, lb, &slot, idx);

			CHECK_MSG(d >= 0 && path_to_lb(a, slot, idx, d) == lb,
			    __LINE__, "lb %llu does not come back",
			    (unsigned long long)lb);
		}
	}
}

/* The number dumpe2fs -h prints after WHAT for IMG. */
static uint64_t
dumpe2fs(const char *img, const char *what)
{
	char cmd[300];
	uint64_t v = ~0ull;

	snprintf(cmd, sizeof(cmd), "dumpe2fs -h %s 2>/dev/null", img);
	if (et_command_number(cmd, what, &v) != 0)
		CHECK_MSG(0, __LINE__, "dumpe2fs %s: no \"%s\"", img, what);
	return v;
}

static void
test_ext2_mount_geometry_is_dumpe2fs(void)
{
	struct ext2_statfs st;
	struct etest t;
	char img[256];
	unsigned i;

	for (i = 0; i < NIMAGES; i++) {
		snprintf(img, sizeof(img), "%s/%s.img", ET_DIR, images[i]);
		if (et_open(&t, images[i], EXT2_MNT_RDONLY) != 0) {
			CU_FAIL("mount");
			continue;
		}
		CU_ASSERT_EQUAL(t.fs.fs_bsize, dumpe2fs(img, "Block size:"));
		CU_ASSERT_EQUAL(t.fs.fs_nblocks, dumpe2fs(img, "Block count:"));
		CU_ASSERT_EQUAL(t.fs.fs_ninodes, dumpe2fs(img, "Inode count:"));
		CU_ASSERT_EQUAL(t.fs.fs_bpg, dumpe2fs(img, "Blocks per group:"));
		CU_ASSERT_EQUAL(t.fs.fs_ipg, dumpe2fs(img, "Inodes per group:"));
		CU_ASSERT_EQUAL(t.fs.fs_itb,
		    dumpe2fs(img, "Inode blocks per group:"));
		CU_ASSERT_EQUAL(t.fs.fs_first_data_block,
		    dumpe2fs(img, "First block:"));
		if (strcmp(images[i], "rev0") != 0) {
			CU_ASSERT_EQUAL(t.fs.fs_isize, dumpe2fs(img,
			    "Inode size:"));
			CU_ASSERT_EQUAL(t.fs.fs_first_ino, dumpe2fs(img,
			    "First inode:"));
			CU_ASSERT_EQUAL(t.fs.fs_reserved_gdt, dumpe2fs(img,
			    "Reserved GDT blocks:"));
		}
		CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &st), 0);
		CU_ASSERT_EQUAL(st.st_bfree, dumpe2fs(img, "Free blocks:"));
		CU_ASSERT_EQUAL(st.st_ifree, dumpe2fs(img, "Free inodes:"));
		CU_ASSERT_EQUAL(t.fs.fs_ngroups, (t.fs.fs_nblocks -
		    t.fs.fs_first_data_block + t.fs.fs_bpg - 1) / t.fs.fs_bpg);
		CHECK_MSG(hostdisk_log()[0] == '\0', __LINE__,
		    "a sound image made messages: %s", hostdisk_log());
		et_close(&t);
	}
}

static void
test_ext2_readonly_mount_writes_nothing(void)
{
	uint32_t ino, dir;
	struct etest t;
	size_t done;

	if (et_open(&t, "1k", EXT2_MNT_RDONLY) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/hello.txt", &ino), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir", &dir), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 0, "x", 1, &done), -EROFS);
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 0), -EROFS);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, dir, "new", 3, 0644, &ino),
	    -EROFS);
	CU_ASSERT_EQUAL(ext2_mkdir(&t.fs, dir, "new", 3, 0755, &ino), -EROFS);
	CU_ASSERT_EQUAL(ext2_unlink(&t.fs, EXT2_ROOT_INO, "hello.txt", 9,
	    &ino), -EROFS);
	CU_ASSERT_EQUAL(ext2_rename(&t.fs, EXT2_ROOT_INO, "hello.txt", 9,
	    dir, "h", 1, &ino), -EROFS);
	CU_ASSERT_EQUAL(ext2_sync(&t.fs), 0);
	CU_ASSERT_EQUAL(ext2_unmount(&t.fs), 0);
	t.mounted = 0;
	CU_ASSERT_EQUAL(hostdisk_writes(t.dev), 0);
	CU_ASSERT_EQUAL(hostdisk_held(t.dev), 0);
	et_close(&t);
}

int
add_ext2_format_suite(void)
{
	static const struct unit_test tests[] = {
		{ "ext2_bmap_path_boundaries", test_ext2_bmap_path_boundaries },
		{ "ext2_mount_geometry_is_dumpe2fs",
		    test_ext2_mount_geometry_is_dumpe2fs },
		{ "ext2_readonly_mount_writes_nothing",
		    test_ext2_readonly_mount_writes_nothing },
		{ NULL, NULL }
	};

	return add_suite("ext2_format", tests);
}
