/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ext2 writes (book/47-ext2.nw) on the host: files written in pieces
 * through direct, single, double and triple indirect blocks, over
 * holes and over existing files; extended, truncated at every boundary
 * of the block map, with the inode's block count and the free counts
 * checked against what they must be; a disk filled to the last block.
 * After each test the image goes to e2fsck -fn, which must find it
 * clean, and what the test wrote is read back by debugfs, byte for
 * byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ext2/ext2test.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"
#include "suites.h"

/* e2fsck finds T's image clean (after unmounting it). */
#define FSCK_CLEAN(t, tag)						\
	CHECK_MSG(et_fsck((t), (tag)) == 0, __LINE__,			\
	    "%s: e2fsck -fn does not find the image clean", (tag))

/* debugfs reads PATH of T's saved image as LEN bytes of WANT. */
static void
debugfs_reads(struct etest *t, const char *path, const unsigned char *want,
    size_t len, int line)
{
	unsigned char *got;
	size_t n;

	if (et_debugfs_cat(t->img, path, &got, &n) != 0) {
		CHECK_MSG(0, line, "debugfs cannot read %s", path);
	} else {
		CHECK_MSG(n == len && memcmp(got, want, len) == 0, line,
		    "debugfs reads %zu bytes of %s, not the %zu written", n,
		    path, len);
	}
	free(got);
}

/* LEN pseudo-random bytes from SEED. */
static unsigned char *
random_bytes(size_t len, uint32_t seed)
{
	unsigned char *p = malloc(len ? len : 1);
	size_t i;

	for (i = 0; p != NULL && i < len; i++)
		p[i] = (unsigned char)et_random(&seed);
	return p;
}

/* Write LEN bytes of DATA into INO at OFF in random pieces: 1 if all
 * went. */
static int
write_in_pieces(struct ext2_fs *fs, uint32_t ino, uint64_t off,
    const unsigned char *data, size_t len, uint32_t *seed)
{
	size_t at = 0, n, done;

	while (at < len) {
		n = 1 + et_random(seed) % 9000;
		if (n > len - at)
			n = len - at;
		if (ext2_write(fs, ino, off + at, data + at, n, &done) != 0 ||
		    done != n)
			return 0;
		at += n;
	}
	return 1;
}

/* INO reads back as LEN bytes of WANT. */
static int
reads_back(struct ext2_fs *fs, uint32_t ino, const unsigned char *want,
    size_t len)
{
	unsigned char *got;
	size_t n;
	int ok = et_read_all(fs, ino, &got, &n, 1 << 27) == 0 && n == len &&
	    memcmp(got, want, len) == 0;

	free(got);
	return ok;
}

/* Blocks a file of BLOCKS data blocks (none a hole) uses with the map's
 * indirect blocks, for A block numbers per block. */
static uint64_t
blocks_with_map(uint64_t blocks, uint64_t a)
{
	uint64_t total = blocks, rest;

	if (blocks <= 12)
		return total;
	total += 1;				/* single indirect */
	if (blocks <= 12 + a)
		return total;
	rest = blocks - 12 - a;			/* below the double one */
	if (rest > a * a)
		rest = a * a;
	total += 1 + (rest + a - 1) / a;
	if (blocks <= 12 + a + a * a)
		return total;
	rest = blocks - 12 - a - a * a;		/* below the triple one */
	return total + 1 + (rest + a * a - 1) / (a * a) + (rest + a - 1) / a;
}

static void
test_ext2_write_through_double_indirect(void)
{
	static const char *const images[] = { "1k", "2k", "4k" };
	unsigned char *data;
	uint32_t ino, seed = 99;
	struct ext2_attr a;
	struct etest t;
	char tag[32];
	size_t len, k;
	unsigned i;

	for (i = 0; i < 3; i++) {
		if (et_open(&t, images[i], 0) != 0) {
			CU_FAIL("mount");
			continue;
		}
		/* 10 KiB into the double indirect blocks */
		len = (12 + t.fs.fs_apb) * (size_t)t.fs.fs_bsize + 10240;
		data = random_bytes(len, 1000 + i);
		CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "written", 7,
		    0644, &ino), 0);
		CU_ASSERT(write_in_pieces(&t.fs, ino, 0, data, len, &seed));
		for (k = 0; k < 50; k++) {	/* and over it, anywhere */
			size_t off = et_random(&seed) % len, n = 1 +
			    et_random(&seed) % 3000, done;

			if (n > len - off)
				n = len - off;
			memset(data + off, (int)k, n);
			CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, off, data + off, n,
			    &done), 0);
		}
		CU_ASSERT(reads_back(&t.fs, ino, data, len));
		CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), 0);
		CU_ASSERT_EQUAL(a.a_size, len);
		CU_ASSERT_EQUAL(a.a_blocks, blocks_with_map((len + t.fs.fs_bsize
		    - 1) / t.fs.fs_bsize, t.fs.fs_apb) * (t.fs.fs_bsize / 512));
		CU_ASSERT_EQUAL(a.a_mtime, ET_NOW);
		snprintf(tag, sizeof(tag), "double-%s", images[i]);
		FSCK_CLEAN(&t, tag);
		debugfs_reads(&t, "/written", data, len, __LINE__);
		free(data);
		et_close(&t);
	}
}

static void
test_ext2_sparse_write_reaches_triple_indirect(void)
{
	static const uint64_t offs[] = { 5u << 20, 66u << 20, 3000, 0 };
	unsigned char *want, piece[700];
	size_t len = (66u << 20) + sizeof(piece), done;
	uint32_t ino;
	struct ext2_attr a;
	struct etest t;
	unsigned k;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	want = calloc(1, len);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "holes", 5, 0600,
	    &ino), 0);
	for (k = 0; k < 4 && want != NULL; k++) {
		memset(piece, 'a' + k, sizeof(piece));
		memcpy(want + offs[k], piece, sizeof(piece));
		CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, offs[k], piece,
		    sizeof(piece), &done), 0);
		CU_ASSERT_EQUAL(done, sizeof(piece));
	}
	CU_ASSERT(reads_back(&t.fs, ino, want, len));
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), 0);
	/* direct blocks 0 (bytes 0-699) and 2-3 (3000-3699); 5 MiB is one
	 * data block below the double indirect block and one single
	 * indirect; 66 MiB one below the triple, a double and a single */
	CU_ASSERT_EQUAL(a.a_blocks, (3 + 3 + 4) * 2);
	FSCK_CLEAN(&t, "triple");
	debugfs_reads(&t, "/holes", want, len, __LINE__);
	free(want);
	et_close(&t);
}

static void
test_ext2_truncate_at_every_boundary(void)
{
	struct ext2_statfs before, after;
	unsigned char *data, *zeros;
	uint32_t ino, seed = 5;
	struct ext2_attr a;
	struct etest t;
	size_t len, sizes[12], k;
	uint64_t a1;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	a1 = t.fs.fs_apb;
	len = (12 + a1 + 2 * a1) * 1024 + 100;	/* three double-indirect */
	data = random_bytes(len, 77);
	zeros = calloc(1, len);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "cut", 3, 0644,
	    &ino), 0);
	sizes[0] = len - 1;			/* inside the last block */
	sizes[1] = (12 + a1 + a1 + 1) * 1024;	/* a double's boundary */
	sizes[2] = (12 + a1 + a1) * 1024 - 1;
	sizes[3] = (12 + a1) * 1024 + 1;	/* one double-indirect block */
	sizes[4] = (12 + a1) * 1024;		/* no double indirect */
	sizes[5] = (12 + 1) * 1024;
	sizes[6] = 12 * 1024;			/* no single indirect */
	sizes[7] = 12 * 1024 - 1;
	sizes[8] = 1;
	sizes[9] = 0;
	for (k = 0; k < 10; k++) {
		CU_ASSERT(write_in_pieces(&t.fs, ino, 0, data, len, &seed));
		CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, sizes[k]), 0);
		CU_ASSERT(reads_back(&t.fs, ino, data, sizes[k]));
		CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), 0);
		CHECK_MSG(a.a_blocks == blocks_with_map((sizes[k] + 1023) /
		    1024, a1) * 2, __LINE__, "size %zu: %u sectors, not %llu",
		    sizes[k], a.a_blocks, (unsigned long long)
		    blocks_with_map((sizes[k] + 1023) / 1024, a1) * 2);
	}
	/* growing leaves zeros, also where the old last block had bytes */
	CU_ASSERT(write_in_pieces(&t.fs, ino, 0, data, 5000, &seed));
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 3000), 0);
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 300000), 0);
	memcpy(zeros, data, 3000);
	CU_ASSERT(reads_back(&t.fs, ino, zeros, 300000));
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 0), 0);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree);
	CU_ASSERT_EQUAL(after.st_ifree, before.st_ifree - 1);
	FSCK_CLEAN(&t, "truncate");
	free(data);
	free(zeros);
	et_close(&t);
}

static void
test_ext2_write_past_the_end_leaves_zeros(void)
{
	unsigned char want[9000];
	uint32_t ino;
	size_t done;
	struct etest t;

	if (et_open(&t, "2k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	memset(want, 0, sizeof(want));
	memset(want, 'x', 1500);
	memset(want + 8000, 'y', 1000);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "gap", 3, 0644,
	    &ino), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 0, want, 1900, &done), 0);
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 1500), 0);	/* bytes stay */
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 8000, want + 8000, 1000,
	    &done), 0);
	CU_ASSERT(reads_back(&t.fs, ino, want, sizeof(want)));
	FSCK_CLEAN(&t, "gap");
	debugfs_reads(&t, "/gap", want, sizeof(want), __LINE__);
	et_close(&t);
}

static void
test_ext2_overwrite_a_file_of_the_tree(void)
{
	unsigned char *data, *patch;
	size_t len, done;
	uint32_t ino;
	struct etest t;

	if (et_open(&t, "4k", 0) != 0 ||
	    et_host_file(ET_TREE "/double", &data, &len) != 0) {
		CU_FAIL("mount");
		return;
	}
	patch = random_bytes(20000, 3);
	data = realloc(data, len + 20000);
	memcpy(data + 1000, patch, 20000);		/* over the middle */
	memcpy(data + len, patch, 20000);		/* and past the end */
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/double", &ino), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 1000, patch, 20000, &done), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, len, patch, 20000, &done), 0);
	CU_ASSERT(reads_back(&t.fs, ino, data, len + 20000));
	FSCK_CLEAN(&t, "overwrite");
	debugfs_reads(&t, "/double", data, len + 20000, __LINE__);
	free(data);
	free(patch);
	et_close(&t);
}

static void
test_ext2_fill_the_disk_then_free_it(void)
{
	struct ext2_statfs before, full, after;
	static unsigned char chunk[65536];
	uint64_t off = 0;
	uint32_t ino, gone;
	struct ext2_attr a;
	size_t done = 0;
	struct etest t;
	int error = 0;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	memset(chunk, 'f', sizeof(chunk));
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "fill", 4, 0644,
	    &ino), 0);
	while (error == 0 && off < (64u << 20)) {
		error = ext2_write(&t.fs, ino, off, chunk, sizeof(chunk), &done);
		off += done;
	}
	CU_ASSERT_EQUAL(error, -ENOSPC);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &full), 0);
	CU_ASSERT_EQUAL(full.st_bfree, 0);
	/* every free block went to the file, its data and its map, and
	 * its size is what it got */
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), 0);
	CU_ASSERT_EQUAL(a.a_blocks / 2, before.st_bfree);
	CU_ASSERT_EQUAL(a.a_size, off);
	/* the map of OFF bytes, and maybe the indirect blocks taken for
	 * the data block that found no room */
	CU_ASSERT(blocks_with_map(off / 1024, 256) <= before.st_bfree &&
	    before.st_bfree <= blocks_with_map(off / 1024, 256) + 2);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "more", 4, 0644,
	    &gone), 0);		/* an inode needs no block */
	CU_ASSERT_EQUAL(ext2_mkdir(&t.fs, EXT2_ROOT_INO, "d", 1, 0755,
	    &gone), -ENOSPC);
	FSCK_CLEAN(&t, "full");
	CU_ASSERT_EQUAL(et_mount(&t, 0), 0);
	CU_ASSERT_EQUAL(ext2_unlink(&t.fs, EXT2_ROOT_INO, "fill", 4, &gone), 0);
	CU_ASSERT_EQUAL(ext2_inactive(&t.fs, gone), 0);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree);
	FSCK_CLEAN(&t, "emptied");
	et_close(&t);
}

static void
test_ext2_large_files_and_their_limits(void)
{
	static const char piece[] = "past four gibibytes";
	uint64_t off = 5ull << 30, v = 0;
	char buf[sizeof(piece)], cmd[300];
	struct ext2_attr a;
	struct etest t;
	uint32_t ino;
	size_t done;

	/* a disk without large_file: the first file past 2 GiB turns it on */
	if (et_copy("4k", ET_TMP "/large.img") != 0 ||
	    et_debugfs_write(ET_TMP "/large.img", "feature -large_file") != 0 ||
	    (t.dev = hostdisk_load(ET_TMP "/large.img")) == NULL ||
	    et_mount(&t, 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT(!(t.fs.fs_flags & EXT2_FS_LARGEFILE));
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "huge", 4, 0644,
	    &ino), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, off, piece, sizeof(piece),
	    &done), 0);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), 0);
	CU_ASSERT_EQUAL(a.a_size, off + sizeof(piece));
	CU_ASSERT_EQUAL(ext2_read(&t.fs, ino, off, buf, sizeof(buf), &done), 0);
	CU_ASSERT(done == sizeof(piece) && memcmp(buf, piece, done) == 0);
	CU_ASSERT_EQUAL(ext2_read(&t.fs, ino, off - 10, buf, 10, &done), 0);
	CU_ASSERT(done == 10 && memcmp(buf, "\0\0\0\0\0\0\0\0\0\0", 10) == 0);
	FSCK_CLEAN(&t, "large");
	snprintf(cmd, sizeof(cmd), "dumpe2fs -h %s 2>/dev/null | grep -c "
	    "large_file", t.img);
	CU_ASSERT(et_command_number(cmd, "", &v) == 0 && v == 1);
	CU_ASSERT(et_debugfs_number(t.img, "stat /huge", "Size:", &v) == 0 &&
	    v == off + sizeof(piece));
	et_close(&t);
	/* the map's limit, with 1 KiB blocks: 12 + 256 + 256^2 + 256^3 */
	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	off = (12ull + 256 + 65536 + 16777216) * 1024;
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "edge", 4, 0644,
	    &ino), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, off - 1, "x", 1, &done), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, off, "x", 1, &done), -EFBIG);
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, off + 1), -EFBIG);
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, ino, 0), 0);
	FSCK_CLEAN(&t, "edge");
	et_close(&t);
	/* revision 0 has no large_file: 2 GiB - 1 */
	if (et_open(&t, "rev0", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "big2", 4, 0644,
	    &ino), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 0x7FFFFFFEu, "x", 1, &done), 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 0x7FFFFFFFu, "x", 1, &done),
	    -EFBIG);
	FSCK_CLEAN(&t, "rev0-2g");
	et_close(&t);
}

int
add_ext2_write_suite(void)
{
	static const struct unit_test tests[] = {
		{ "ext2_write_through_double_indirect",
		    test_ext2_write_through_double_indirect },
		{ "ext2_sparse_write_reaches_triple_indirect",
		    test_ext2_sparse_write_reaches_triple_indirect },
		{ "ext2_truncate_at_every_boundary",
		    test_ext2_truncate_at_every_boundary },
		{ "ext2_write_past_the_end_leaves_zeros",
		    test_ext2_write_past_the_end_leaves_zeros },
		{ "ext2_overwrite_a_file_of_the_tree",
		    test_ext2_overwrite_a_file_of_the_tree },
		{ "ext2_fill_the_disk_then_free_it",
		    test_ext2_fill_the_disk_then_free_it },
		{ "ext2_large_files_and_their_limits",
		    test_ext2_large_files_and_their_limits },
		{ NULL, NULL }
	};

	return add_suite("ext2_write", tests);
}
