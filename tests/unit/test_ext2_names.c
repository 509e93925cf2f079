/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ext2's operations on names (book/47-ext2.nw) on the host: mkdir and
 * rmdir with their link counts, a directory grown over many blocks and
 * emptied, hard links, fast and slow symbolic links, rename in every
 * case POSIX names (within and across directories, over files and
 * directories, a directory whose ".." must follow, a directory into its
 * own subtree), an unlinked file still readable until its last use,
 * the refusals of bad names.  e2fsck -fn must find every image clean
 * afterwards, and debugfs read back what was written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ext2/ext2test.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"
#include "suites.h"
#include "vfs/ext2/ext2_var.h"

#define FSCK_CLEAN(t, tag)						\
	CHECK_MSG(et_fsck((t), (tag)) == 0, __LINE__,			\
	    "%s: e2fsck -fn does not find the image clean", (tag))

/* The link count of PATH, or -1. */
static int
nlink(struct ext2_fs *fs, const char *path)
{
	struct ext2_attr a;
	uint32_t ino;

	if (et_resolve(fs, path, &ino) != 0 || ext2_getattr(fs, ino, &a) != 0)
		return -1;
	return a.a_nlink;
}

/* Make the directory PATH: its inode, or 0. */
static uint32_t
mkdir_p(struct ext2_fs *fs, const char *path)
{
	const char *name;
	uint32_t dir, ino;

	if (et_parent(fs, path, &dir, &name) != 0 ||
	    ext2_mkdir(fs, dir, name, strlen(name), 0755, &ino) != 0)
		return 0;
	return ino;
}

/* Make the file PATH holding TEXT: its inode, or 0. */
static uint32_t
mkfile(struct ext2_fs *fs, const char *path, const char *text)
{
	const char *name;
	uint32_t dir, ino;
	size_t done;

	if (et_parent(fs, path, &dir, &name) != 0 ||
	    ext2_create(fs, dir, name, strlen(name), 0644, &ino) != 0 ||
	    ext2_write(fs, ino, 0, text, strlen(text), &done) != 0)
		return 0;
	return ino;
}

/* Remove PATH (a directory if DIR) and free its inode: 0 or the error. */
static int
rm(struct ext2_fs *fs, const char *path, int dir)
{
	const char *name;
	uint32_t d, ino;
	int error;

	if ((error = et_parent(fs, path, &d, &name)) != 0)
		return error;
	error = dir ? ext2_rmdir(fs, d, name, strlen(name), &ino) :
	    ext2_unlink(fs, d, name, strlen(name), &ino);
	return error != 0 ? error : ext2_inactive(fs, ino);
}

/* Rename FROM to TO (paths); free what was replaced: 0 or the error. */
static int
mv(struct ext2_fs *fs, const char *from, const char *to)
{
	const char *fname, *tname;
	uint32_t fdir, tdir, gone;
	int error;

	if ((error = et_parent(fs, from, &fdir, &fname)) != 0 ||
	    (error = et_parent(fs, to, &tdir, &tname)) != 0)
		return error;
	error = ext2_rename(fs, fdir, fname, strlen(fname), tdir, tname,
	    strlen(tname), &gone);
	if (error == 0 && gone != 0)
		error = ext2_inactive(fs, gone);
	return error;
}

/* PATH holds TEXT. */
static int
holds(struct ext2_fs *fs, const char *path, const char *text)
{
	unsigned char *buf;
	uint32_t ino;
	size_t n;
	int ok = et_resolve(fs, path, &ino) == 0 &&
	    et_read_all(fs, ino, &buf, &n, 1 << 20) == 0 &&
	    n == strlen(text) && memcmp(buf, text, n) == 0;

	if (ok)
		free(buf);
	return ok;
}

static void
test_ext2_mkdir_rmdir_and_link_counts(void)
{
	struct ext2_statfs before, after;
	int root;
	struct etest t;
	uint32_t ino, up;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	root = nlink(&t.fs, "/");
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/a"), 0);
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/a/b"), 0);
	CU_ASSERT_NOT_EQUAL(ino = mkdir_p(&t.fs, "/a/b/c"), 0);
	CU_ASSERT_NOT_EQUAL(mkfile(&t.fs, "/a/b/c/f", "in c\n"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/"), root + 1);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/a"), 3);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/a/b"), 3);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/a/b/c"), 2);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/a/b/c/..", &up), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/a/b/c/.", &ino), 0);
	CU_ASSERT_EQUAL(mkdir_p(&t.fs, "/a/b"), 0);		/* EEXIST */
	CU_ASSERT_EQUAL(ext2_mkdir(&t.fs, EXT2_ROOT_INO, "a", 1, 0755, &ino),
	    -EEXIST);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/b", 1), -ENOTEMPTY);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/b/c/f", 1), -ENOTDIR);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/b/c", 0), -EISDIR);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/.", 1), -EINVAL);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/..", 1), -EINVAL);
	CU_ASSERT(holds(&t.fs, "/a/b/c/f", "in c\n"));
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/b/c/f", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/b/c", 1), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/a/b"), 2);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a/b", 1), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/a", 1), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/"), root);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree);
	CU_ASSERT_EQUAL(after.st_ifree, before.st_ifree);
	/* and again, to leave something for e2fsck to look at */
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/kept"), 0);
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/kept/sub"), 0);
	CU_ASSERT_NOT_EQUAL(mkfile(&t.fs, "/kept/sub/file", "kept\n"), 0);
	FSCK_CLEAN(&t, "mkdir");
	{
		unsigned char *got;
		size_t n;

		CU_ASSERT_EQUAL(et_debugfs_cat(t.img, "/kept/sub/file", &got,
		    &n), 0);
		CU_ASSERT(n == 5 && memcmp(got, "kept\n", 5) == 0);
		free(got);
	}
	et_close(&t);
}

static void
test_ext2_directory_grows_and_empties(void)
{
	struct ext2_dent d;
	struct ext2_attr a;
	uint64_t cookie;
	uint32_t dir, ino;
	char name[64], seen[300];
	struct etest t;
	int k, n, r;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_NOT_EQUAL(dir = mkdir_p(&t.fs, "/bigdir"), 0);
	for (k = 0; k < 300; k++) {
		n = snprintf(name, sizeof(name), "entry-number-%04d-%.*s", k,
		    k % 40, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop");
		CU_ASSERT_EQUAL(ext2_create(&t.fs, dir, name, (size_t)n, 0644,
		    &ino), 0);
	}
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, dir, &a), 0);
	CU_ASSERT(a.a_size > 12 * t.fs.fs_bsize);	/* past the direct blocks */
	for (k = 0; k < 300; k += 2) {			/* every other */
		n = snprintf(name, sizeof(name), "entry-number-%04d-%.*s", k,
		    k % 40, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop");
		CU_ASSERT_EQUAL(ext2_unlink(&t.fs, dir, name, (size_t)n, &ino),
		    0);
		CU_ASSERT_EQUAL(ext2_inactive(&t.fs, ino), 0);
	}
	memset(seen, 0, sizeof(seen));
	cookie = 0;
	n = 0;
	while ((r = ext2_readdir(&t.fs, dir, &cookie, &d)) == 1) {
		if (sscanf(d.d_name, "entry-number-%d-", &k) == 1 && k >= 0 &&
		    k < 300)
			seen[k]++;
		n++;
	}
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_EQUAL(n, 150 + 2);
	for (k = 0; k < 300; k++)
		CHECK_MSG(seen[k] == (k % 2), __LINE__, "entry %d seen %d times",
		    k, seen[k]);
	FSCK_CLEAN(&t, "bigdir");
	CU_ASSERT_EQUAL(et_mount(&t, 0), 0);
	for (k = 1; k < 300; k += 2) {
		n = snprintf(name, sizeof(name), "entry-number-%04d-%.*s", k,
		    k % 40, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop");
		CU_ASSERT_EQUAL(ext2_unlink(&t.fs, dir, name, (size_t)n, &ino),
		    0);
		CU_ASSERT_EQUAL(ext2_inactive(&t.fs, ino), 0);
	}
	CU_ASSERT_EQUAL(rm(&t.fs, "/bigdir", 1), 0);
	FSCK_CLEAN(&t, "bigdir-empty");
	et_close(&t);
}

static void
test_ext2_hard_links(void)
{
	struct ext2_statfs before, after;
	uint32_t ino, dir, gone;
	struct etest t;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/hello.txt", &ino), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir", &dir), 0);
	CU_ASSERT_EQUAL(ext2_link(&t.fs, dir, "again", 5, ino), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/hello.txt"), 2);
	CU_ASSERT_EQUAL(ext2_link(&t.fs, dir, "again", 5, ino), -EEXIST);
	CU_ASSERT_EQUAL(ext2_link(&t.fs, EXT2_ROOT_INO, "d2", 2, dir), -EPERM);
	CU_ASSERT_EQUAL(ext2_link(&t.fs, ino, "x", 1, ino), -ENOTDIR);
	CU_ASSERT_EQUAL(ext2_unlink(&t.fs, EXT2_ROOT_INO, "hello.txt", 9,
	    &gone), 0);
	CU_ASSERT_EQUAL(gone, ino);
	CU_ASSERT_EQUAL(ext2_inactive(&t.fs, gone), 0);	/* one link left */
	CU_ASSERT(holds(&t.fs, "/dir/again", "hello, ext2\n"));
	CU_ASSERT_EQUAL(nlink(&t.fs, "/dir/again"), 1);
	CU_ASSERT_EQUAL(ext2_unlink(&t.fs, EXT2_ROOT_INO, "hello.txt", 9,
	    &gone), -ENOENT);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree);
	FSCK_CLEAN(&t, "link");
	{
		unsigned char *got;
		size_t n;

		CU_ASSERT_EQUAL(et_debugfs_cat(t.img, "/dir/again", &got, &n),
		    0);
		CU_ASSERT(n == 12 && memcmp(got, "hello, ext2\n", 12) == 0);
		free(got);
	}
	et_close(&t);
}

static void
test_ext2_symbolic_links(void)
{
	char target[4096], got[4096];
	struct ext2_statfs before, mid, after;
	uint32_t fast, slow, longest, ino;
	struct ext2_attr a;
	struct etest t;
	size_t n;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	memset(target, 't', sizeof(target));
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "fast", 4,
	    "hello.txt", 9, &fast), 0);
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "at59", 4, target,
	    59, &ino), 0);
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "slow", 4, target,
	    60, &slow), 0);
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "longest", 7,
	    target, 1023, &longest), 0);
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "toolong", 7,
	    target, 1024, &ino), -ENAMETOOLONG);
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "empty", 5,
	    target, 0, &ino), -ENOENT);
	CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "fast", 4,
	    "x", 1, &ino), -EEXIST);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &mid), 0);
	CU_ASSERT_EQUAL(mid.st_bfree, before.st_bfree - 2);	/* two slow */
	CU_ASSERT_EQUAL(ext2_readlink(&t.fs, fast, got, sizeof(got), &n), 0);
	CU_ASSERT(n == 9 && memcmp(got, "hello.txt", 9) == 0);
	CU_ASSERT_EQUAL(ext2_readlink(&t.fs, slow, got, sizeof(got), &n), 0);
	CU_ASSERT(n == 60 && memcmp(got, target, 60) == 0);
	CU_ASSERT_EQUAL(ext2_readlink(&t.fs, longest, got, sizeof(got), &n),
	    0);
	CU_ASSERT(n == 1023 && memcmp(got, target, 1023) == 0);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, fast, &a), 0);
	CU_ASSERT_EQUAL(a.a_mode, EXT2_S_IFLNK | 0777);
	CU_ASSERT_EQUAL(a.a_blocks, 0);
	CU_ASSERT_EQUAL(a.a_size, 9);
	FSCK_CLEAN(&t, "symlink");
	{
		unsigned char *buf;

		CU_ASSERT_EQUAL(et_debugfs_cat(t.img, "/longest",
		    &buf, &n), 0);
		CU_ASSERT(n >= 1023 && memcmp(buf, target, 1023) == 0);
		free(buf);
	}
	CU_ASSERT_EQUAL(et_mount(&t, 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/fast", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/slow", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/longest", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/at59", 0), 0);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree);
	CU_ASSERT_EQUAL(after.st_ifree, before.st_ifree);
	FSCK_CLEAN(&t, "symlink-gone");
	et_close(&t);
}

static void
test_ext2_rename_every_case(void)
{
	struct ext2_statfs before, after;
	uint32_t a, b, up, x, y, gone;
	struct etest t;
	int root;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	root = nlink(&t.fs, "/");
	CU_ASSERT_NOT_EQUAL(a = mkdir_p(&t.fs, "/ra"), 0);
	CU_ASSERT_NOT_EQUAL(b = mkdir_p(&t.fs, "/rb"), 0);
	CU_ASSERT_NOT_EQUAL(x = mkfile(&t.fs, "/ra/f", "file f\n"), 0);
	CU_ASSERT_NOT_EQUAL(y = mkfile(&t.fs, "/ra/g", "file g\n"), 0);
	/* within a directory, then across */
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/f", "/ra/f2"), 0);
	CU_ASSERT(holds(&t.fs, "/ra/f2", "file f\n"));
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/ra/f", &gone), -ENOENT);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/f2", "/rb/f3"), 0);
	CU_ASSERT(holds(&t.fs, "/rb/f3", "file f\n"));
	/* over an existing file: it is replaced, and freed */
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/g", "/rb/f3"), 0);
	CU_ASSERT(holds(&t.fs, "/rb/f3", "file g\n"));
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, x, &(struct ext2_attr){ 0 }),
	    -EIO);
	/* onto another name of the same file: nothing happens */
	CU_ASSERT_EQUAL(ext2_link(&t.fs, a, "same", 4, y), 0);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/same", "/rb/f3"), 0);
	CU_ASSERT(holds(&t.fs, "/ra/same", "file g\n"));
	CU_ASSERT_EQUAL(nlink(&t.fs, "/rb/f3"), 2);
	/* a directory to another parent: its ".." follows */
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/ra/sub"), 0);
	CU_ASSERT_NOT_EQUAL(mkfile(&t.fs, "/ra/sub/inside", "inside\n"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/ra"), 3);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/sub", "/rb/sub"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/ra"), 2);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/rb"), 3);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/rb/sub/..", &up), 0);
	CU_ASSERT_EQUAL(up, b);
	CU_ASSERT(holds(&t.fs, "/rb/sub/inside", "inside\n"));
	/* the refusals */
	CU_ASSERT_EQUAL(mv(&t.fs, "/rb", "/rb/sub/below"), -EINVAL);
	CU_ASSERT_EQUAL(mv(&t.fs, "/rb", "/rb/sub"), -EINVAL);
	CU_ASSERT_EQUAL(mv(&t.fs, "/rb/f3", "/rb/sub"), -EISDIR);
	CU_ASSERT_EQUAL(mv(&t.fs, "/rb/sub", "/rb/f3"), -ENOTDIR);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra", "/rb"), -ENOTEMPTY);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/nothing", "/rb/x"), -ENOENT);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/..", "/rb/x"), -EINVAL);
	CU_ASSERT_EQUAL(mv(&t.fs, "/rb/f3", "/rb/."), -EINVAL);
	/* a directory over an empty directory, in another parent */
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/ra/empty"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/ra"), 3);
	CU_ASSERT_EQUAL(mv(&t.fs, "/rb/sub", "/ra/empty"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/ra"), 3);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/rb"), 2);
	CU_ASSERT(holds(&t.fs, "/ra/empty/inside", "inside\n"));
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/ra/empty/..", &up), 0);
	CU_ASSERT_EQUAL(up, a);
	/* ... and in the same parent */
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/ra/e2"), 0);
	CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/ra/e3"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/ra"), 5);
	CU_ASSERT_EQUAL(mv(&t.fs, "/ra/e2", "/ra/e3"), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/ra"), 4);
	FSCK_CLEAN(&t, "rename");
	{
		unsigned char *got;
		size_t n;

		CU_ASSERT_EQUAL(et_debugfs_cat(t.img, "/ra/empty/inside", &got,
		    &n), 0);
		CU_ASSERT(n == 7 && memcmp(got, "inside\n", 7) == 0);
		free(got);
	}
	CU_ASSERT_EQUAL(et_mount(&t, 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/ra/empty/inside", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/ra/empty", 1), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/ra/e3", 1), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/ra/same", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/rb/f3", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/ra", 1), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/rb", 1), 0);
	CU_ASSERT_EQUAL(nlink(&t.fs, "/"), root);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree);
	CU_ASSERT_EQUAL(after.st_ifree, before.st_ifree);
	FSCK_CLEAN(&t, "rename-gone");
	et_close(&t);
}

static void
test_ext2_unlinked_file_lives_until_inactive(void)
{
	struct ext2_attr a;
	uint32_t ino, gone, dir;
	struct etest t;
	size_t done;
	char buf[32];

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_NOT_EQUAL(ino = mkfile(&t.fs, "/open", "still here\n"), 0);
	CU_ASSERT_EQUAL(ext2_unlink(&t.fs, EXT2_ROOT_INO, "open", 4, &gone),
	    0);
	CU_ASSERT_EQUAL(gone, ino);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), 0);
	CU_ASSERT_EQUAL(a.a_nlink, 0);
	CU_ASSERT_EQUAL(ext2_read(&t.fs, ino, 0, buf, sizeof(buf), &done), 0);
	CU_ASSERT(done == 11 && memcmp(buf, "still here\n", 11) == 0);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 11, "more", 4, &done), 0);
	CU_ASSERT_EQUAL(ext2_inactive(&t.fs, ino), 0);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, ino, &a), -EIO);
	CU_ASSERT_EQUAL(ext2_inactive(&t.fs, ino), 0);	/* twice: nothing */
	/* a removed directory takes no new entries */
	CU_ASSERT_NOT_EQUAL(dir = mkdir_p(&t.fs, "/gone"), 0);
	CU_ASSERT_EQUAL(ext2_rmdir(&t.fs, EXT2_ROOT_INO, "gone", 4, &gone), 0);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, dir, "x", 1, 0644, &ino), -ENOENT);
	CU_ASSERT_EQUAL(ext2_inactive(&t.fs, dir), 0);
	FSCK_CLEAN(&t, "inactive");
	et_close(&t);
}

static void
test_ext2_bad_names_are_refused(void)
{
	char name[300];
	uint32_t ino, file;
	struct etest t;

	if (et_open(&t, "1k", 0) != 0) {
		CU_FAIL("mount");
		return;
	}
	memset(name, 'q', sizeof(name));
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "a/b", 3, 0644,
	    &ino), -EINVAL);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "a\0b", 3, 0644,
	    &ino), -EINVAL);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, "", 0, 0644, &ino),
	    -EINVAL);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, ".", 1, 0644, &ino),
	    -EINVAL);
	CU_ASSERT_EQUAL(ext2_mkdir(&t.fs, EXT2_ROOT_INO, "..", 2, 0755, &ino),
	    -EINVAL);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, name, 256, 0644,
	    &ino), -ENAMETOOLONG);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, EXT2_ROOT_INO, name, 255, 0644,
	    &ino), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/hello.txt", &file), 0);
	CU_ASSERT_EQUAL(ext2_create(&t.fs, file, "x", 1, 0644, &ino),
	    -ENOTDIR);
	CU_ASSERT_EQUAL(ext2_write(&t.fs, EXT2_ROOT_INO, 0, "x", 1,
	    &(size_t){ 0 }), -EISDIR);
	CU_ASSERT_EQUAL(ext2_truncate(&t.fs, EXT2_ROOT_INO, 0), -EISDIR);
	FSCK_CLEAN(&t, "names");
	et_close(&t);
}

static void
test_ext2_changes_on_every_kind_of_image(void)
{
	static const char *const images[] = { "2k", "rev0" };
	char tag[32], big[5000];
	uint32_t ino;
	struct etest t;
	size_t done;
	unsigned i;

	memset(big, 'b', sizeof(big));
	for (i = 0; i < 2; i++) {
		if (et_open(&t, images[i], 0) != 0) {
			CU_FAIL("mount");
			continue;
		}
		CU_ASSERT_NOT_EQUAL(mkdir_p(&t.fs, "/n"), 0);
		CU_ASSERT_NOT_EQUAL(ino = mkfile(&t.fs, "/n/f", "text\n"), 0);
		CU_ASSERT_EQUAL(ext2_write(&t.fs, ino, 100000, big, sizeof(big),
		    &done), 0);
		CU_ASSERT_EQUAL(mv(&t.fs, "/n", "/dir/n"), 0);
		CU_ASSERT_EQUAL(mv(&t.fs, "/hello.txt", "/dir/n/h"), 0);
		CU_ASSERT_EQUAL(rm(&t.fs, "/many/file-007-with-a-longer-name.txt",
		    0), 0);
		CU_ASSERT_EQUAL(ext2_symlink(&t.fs, EXT2_ROOT_INO, "sl", 2,
		    big, 100, &ino), 0);
		CU_ASSERT_EQUAL(rm(&t.fs, "/double", 0), 0);
		CU_ASSERT_EQUAL(rm(&t.fs, "/emptydir", 1), 0);
		CU_ASSERT(holds(&t.fs, "/dir/n/h", "hello, ext2\n"));
		snprintf(tag, sizeof(tag), "kinds-%s", images[i]);
		FSCK_CLEAN(&t, tag);
		et_close(&t);
	}
}

static void
test_ext2_attribute_block_is_freed(void)
{
	struct ext2_statfs before, after;
	struct etest t;
	uint32_t gone;
	char img[128];

	/* an extended attribute, in a block of its own (128-byte inodes) */
	if (et_load(&t, "1k") != 0) {
		CU_FAIL("load");
		return;
	}
	snprintf(img, sizeof(img), "%s/xattr.img", ET_TMP);
	CU_ASSERT_EQUAL(hostdisk_save(t.dev, img), 0);
	et_close(&t);
	CU_ASSERT_EQUAL(et_debugfs_write(img,
	    "ea_set /hard-a user.naiad some-value"), 0);
	t.dev = hostdisk_load(img);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t.dev);
	CU_ASSERT_EQUAL(et_mount(&t, 0), 0);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &before), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/hard-a", 0), 0);
	CU_ASSERT_EQUAL(rm(&t.fs, "/dir/hard-b", 0), 0);
	CU_ASSERT_EQUAL(ext2_statfs(&t.fs, &after), 0);
	/* its data block and its attribute block */
	CU_ASSERT_EQUAL(after.st_bfree, before.st_bfree + 2);
	(void)gone;
	FSCK_CLEAN(&t, "xattr");
	et_close(&t);
}

static void
test_ext2_hashed_directory_loses_its_index(void)
{
	char name[64], img[128];
	uint32_t dir, ino;
	struct etest t;
	int k, n;

	/* e2fsck -D builds the hash index of /many (Linux's htree) */
	if (et_load(&t, "1k") != 0)
		return;
	snprintf(img, sizeof(img), "%s/htree.img", ET_TMP);
	CU_ASSERT_EQUAL(hostdisk_save(t.dev, img), 0);
	et_close(&t);
	snprintf(name, sizeof(name), "e2fsck -fyD %s >/dev/null 2>&1", img);
	CU_ASSERT(system(name) != -1);
	t.dev = hostdisk_load(img);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t.dev);
	CU_ASSERT_EQUAL(et_mount(&t, 0), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/many", &dir), 0);
	{
		struct ext2_inode in;

		CU_ASSERT_EQUAL(ext2_iget(&t.fs, dir, &in), 0);
		CU_ASSERT(in.i_din.i_flags & EXT2_INDEX_FL);
	}
	for (k = 0; k < 150; k++) {	/* the index is read as entries */
		n = snprintf(name, sizeof(name),
		    "file-%03d-with-a-longer-name.txt", k);
		CHECK_MSG(ext2_lookup(&t.fs, dir, name, (size_t)n, &ino) == 0,
		    __LINE__, "%s not found in the hashed directory", name);
	}
	for (k = 0; k < 60; k++) {
		n = snprintf(name, sizeof(name), "added-%03d", k);
		CU_ASSERT_EQUAL(ext2_create(&t.fs, dir, name, (size_t)n, 0644,
		    &ino), 0);
	}
	for (k = 0; k < 150; k += 3) {
		n = snprintf(name, sizeof(name),
		    "file-%03d-with-a-longer-name.txt", k);
		CU_ASSERT_EQUAL(ext2_unlink(&t.fs, dir, name, (size_t)n, &ino),
		    0);
		CU_ASSERT_EQUAL(ext2_inactive(&t.fs, ino), 0);
	}
	{
		struct ext2_inode in;

		CU_ASSERT_EQUAL(ext2_iget(&t.fs, dir, &in), 0);
		CU_ASSERT(!(in.i_din.i_flags & EXT2_INDEX_FL));
	}
	FSCK_CLEAN(&t, "htree");
	et_close(&t);
}

int
add_ext2_names_suite(void)
{
	static const struct unit_test tests[] = {
		{ "ext2_mkdir_rmdir_and_link_counts",
		    test_ext2_mkdir_rmdir_and_link_counts },
		{ "ext2_directory_grows_and_empties",
		    test_ext2_directory_grows_and_empties },
		{ "ext2_hard_links", test_ext2_hard_links },
		{ "ext2_symbolic_links", test_ext2_symbolic_links },
		{ "ext2_rename_every_case", test_ext2_rename_every_case },
		{ "ext2_unlinked_file_lives_until_inactive",
		    test_ext2_unlinked_file_lives_until_inactive },
		{ "ext2_bad_names_are_refused", test_ext2_bad_names_are_refused },
		{ "ext2_changes_on_every_kind_of_image",
		    test_ext2_changes_on_every_kind_of_image },
		{ "ext2_attribute_block_is_freed",
		    test_ext2_attribute_block_is_freed },
		{ "ext2_hashed_directory_loses_its_index",
		    test_ext2_hashed_directory_loses_its_index },
		{ NULL, NULL }
	};

	return add_suite("ext2_names", tests);
}
