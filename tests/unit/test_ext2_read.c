/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ext2 reads (book/47-ext2.nw) on the host: every file, link and
 * directory of the tree that mke2fs -d put into each image (1, 2 and 4
 * KiB blocks, revision 0) is found and read back, byte for byte, and
 * compared with the tree on the host: files through direct, single,
 * double and triple indirect blocks and holes, directories listed
 * entry for entry with their types, hard links, fast and slow symbolic
 * links; reads at random places; the errors of impossible requests.
 */
#define _GNU_SOURCE	/* SEEK_DATA */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "ext2/ext2test.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"
#include "suites.h"

static const char *const images[] = { "1k", "2k", "4k", "rev0" };
#define NIMAGES	(sizeof(images) / sizeof(images[0]))

#define CHUNK	(1 << 20)
static unsigned char host_chunk[CHUNK], ext2_chunk[CHUNK], zeros[CHUNK];

/* Compare ext2's inode INO with the host file PATH of SIZE bytes, a
 * megabyte at a time (a megabyte of the host file's hole is compared
 * with zeros without reading it): 1 if equal. */
static int
same_file(struct ext2_fs *fs, uint32_t ino, const char *path, uint64_t size)
{
	int fd = open(path, O_RDONLY), ok = fd >= 0;
	uint64_t off = 0;
	size_t n, done;
	off_t data;

	while (ok && off < size) {
		n = size - off < CHUNK ? (size_t)(size - off) : CHUNK;
		data = lseek(fd, (off_t)off, SEEK_DATA);
		if (data >= 0 && (uint64_t)data < off + n)
			ok = pread(fd, host_chunk, n, (off_t)off) == (ssize_t)n;
		else
			memcpy(host_chunk, zeros, n);	/* all a hole */
		ok = ok && ext2_read(fs, ino, off, ext2_chunk, CHUNK, &done) ==
		    0 && done == n && memcmp(host_chunk, ext2_chunk, n) == 0;
		off += n;
	}
	if (ok)		/* and nothing past the end */
		ok = ext2_read(fs, ino, size, ext2_chunk, 10, &done) == 0 &&
		    done == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

/* The EXT2_S_* type of a host mode. */
static unsigned
host_type(mode_t m)
{
	return S_ISREG(m) ? EXT2_S_IFREG : S_ISDIR(m) ? EXT2_S_IFDIR :
	    S_ISLNK(m) ? EXT2_S_IFLNK : S_ISFIFO(m) ? EXT2_S_IFIFO : 0;
}

/* Whether ext2 directory DIR lists exactly the entries of host directory
 * HOST (plus "." and "..", and lost+found in the root), each with its
 * inode and, with file types, its type.  *NSEEN counts the entries. */
static int
same_dir(struct ext2_fs *fs, uint32_t dir, const char *host, int root,
    int *nseen)
{
	struct ext2_dent d;
	struct stat st;
	uint64_t cookie = 0;
	char path[1024];
	uint32_t ino;
	int r, n = 0, ok = 1, expect = 2 + (root ? 1 : 0);
	DIR *dp;
	struct dirent *de;

	if ((dp = opendir(host)) == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, ".."))
			expect++;
	closedir(dp);
	while ((r = ext2_readdir(fs, dir, &cookie, &d)) == 1) {
		n++;
		ok &= ext2_lookup(fs, dir, d.d_name, d.d_namlen, &ino) == 0 &&
		    ino == d.d_ino && strlen(d.d_name) == d.d_namlen;
		if (strcmp(d.d_name, ".") == 0 || strcmp(d.d_name, "..") == 0 ||
		    (root && strcmp(d.d_name, "lost+found") == 0))
			continue;
		snprintf(path, sizeof(path), "%s/%s", host, d.d_name);
		if (lstat(path, &st) != 0) {
			CHECK_MSG(0, __LINE__, "%s is not on the host", path);
			ok = 0;
			continue;
		}
		if (fs->fs_flags & EXT2_FS_FILETYPE)
			ok &= d.d_type == (S_ISREG(st.st_mode) ? EXT2_FT_REG_FILE :
			    S_ISDIR(st.st_mode) ? EXT2_FT_DIR : S_ISLNK(st.st_mode) ?
			    EXT2_FT_SYMLINK : EXT2_FT_FIFO);
		else
			ok &= d.d_type == EXT2_FT_UNKNOWN;
	}
	*nseen += n;
	return ok && r == 0 && n == expect;
}

/* Compare the tree below HOST with ext2's below DIR. */
static void
compare_tree(struct ext2_fs *fs, uint32_t dir, const char *host, int *nfiles)
{
	char path[1024], target[4096], link[4096];
	struct ext2_attr a;
	struct stat st;
	struct dirent *de;
	uint32_t ino;
	size_t n;
	ssize_t hn;
	DIR *dp;

	CHECK_MSG(same_dir(fs, dir, host, dir == EXT2_ROOT_INO, nfiles),
	    __LINE__, "directory %s differs", host);
	if ((dp = opendir(host)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", host, de->d_name);
		if (lstat(path, &st) != 0 || ext2_lookup(fs, dir, de->d_name,
		    strlen(de->d_name), &ino) != 0 ||
		    ext2_getattr(fs, ino, &a) != 0) {
			CHECK_MSG(0, __LINE__, "%s: not found in the image", path);
			continue;
		}
		CHECK_MSG((a.a_mode & EXT2_S_IFMT) == host_type(st.st_mode) &&
		    (a.a_mode & 07777) == (st.st_mode & 07777), __LINE__,
		    "%s: mode 0%o, host 0%o", path, a.a_mode, st.st_mode);
		if (!S_ISDIR(st.st_mode))
			CHECK_MSG(a.a_nlink == st.st_nlink, __LINE__,
			    "%s: %u links, host %u", path, a.a_nlink,
			    (unsigned)st.st_nlink);
		if (S_ISREG(st.st_mode)) {
			CHECK_MSG(a.a_size == (uint64_t)st.st_size &&
			    same_file(fs, ino, path, a.a_size), __LINE__,
			    "%s: content differs", path);
		} else if (S_ISLNK(st.st_mode)) {
			hn = readlink(path, target, sizeof(target));
			CHECK_MSG(hn >= 0 && ext2_readlink(fs, ino, link,
			    sizeof(link), &n) == 0 && n == (size_t)hn &&
			    memcmp(link, target, n) == 0 && a.a_size == n,
			    __LINE__, "%s: link target differs", path);
		} else if (S_ISDIR(st.st_mode)) {
			CHECK_MSG(a.a_nlink == st.st_nlink, __LINE__,
			    "%s: %u links, host %u", path, a.a_nlink,
			    (unsigned)st.st_nlink);
			compare_tree(fs, ino, path, nfiles);
		}
	}
	closedir(dp);
}

static void
test_ext2_every_file_reads_as_the_tree(void)
{
	struct etest t;
	unsigned i;
	int n;

	for (i = 0; i < NIMAGES; i++) {
		if (et_open(&t, images[i], EXT2_MNT_RDONLY) != 0) {
			CU_FAIL("mount");
			continue;
		}
		n = 0;
		compare_tree(&t.fs, EXT2_ROOT_INO, ET_TREE, &n);
		/* 150 in many/, the root's and the others' */
		CHECK_MSG(n > 180, __LINE__, "%s: only %d entries", images[i], n);
		CU_ASSERT_EQUAL(hostdisk_held(t.dev), 0);
		CU_ASSERT_EQUAL(hostdisk_violations(t.dev), 0);
		CU_ASSERT_EQUAL(hostdisk_writes(t.dev), 0);
		CHECK_MSG(hostdisk_log()[0] == '\0', __LINE__, "%s: messages: %s",
		    images[i], hostdisk_log());
		et_close(&t);
	}
}

static void
test_ext2_reads_at_random_places(void)
{
	static const char *const files[] = { "double", "big", "sparse" };
	size_t done, len, want;
	uint32_t ino, seed = 12345;
	uint64_t off;
	struct etest t;
	struct stat st;
	char path[256];
	unsigned i, f, k;
	int fd;

	for (i = 0; i < NIMAGES; i++) {
		if (et_open(&t, images[i], EXT2_MNT_RDONLY) != 0) {
			CU_FAIL("mount");
			continue;
		}
		for (f = 0; f < 3; f++) {
			snprintf(path, sizeof(path), "%s/%s", ET_TREE, files[f]);
			fd = open(path, O_RDONLY);
			if (fd < 0 || fstat(fd, &st) != 0 ||
			    et_resolve(&t.fs, path + strlen(ET_TREE), &ino)) {
				CU_FAIL("no such file");
				if (fd >= 0)
					close(fd);
				continue;
			}
			for (k = 0; k < 300; k++) {
				off = et_random(&seed) % ((uint64_t)st.st_size + 100);
				len = et_random(&seed) % 9000;
				want = off >= (uint64_t)st.st_size ? 0 :
				    (size_t)pread(fd, host_chunk, len, (off_t)off);
				if (ext2_read(&t.fs, ino, off, ext2_chunk, len,
				    &done) != 0) {
					CU_FAIL("read failed");
					break;
				}
				CHECK_MSG(done == want && memcmp(ext2_chunk,
				    host_chunk, done) == 0, __LINE__,
				    "%s %s: %zu bytes at %llu differ", images[i],
				    files[f], len, (unsigned long long)off);
			}
			close(fd);
		}
		et_close(&t);
	}
}

static void
test_ext2_hard_links_share_an_inode(void)
{
	struct ext2_attr a;
	uint32_t x, y;
	struct etest t;

	if (et_open(&t, "1k", EXT2_MNT_RDONLY) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/hard-a", &x), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir/hard-b", &y), 0);
	CU_ASSERT_EQUAL(x, y);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, x, &a), 0);
	CU_ASSERT_EQUAL(a.a_nlink, 2);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir/sub/..", &y), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir", &x), 0);
	CU_ASSERT_EQUAL(x, y);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/..", &y), 0);
	CU_ASSERT_EQUAL(y, EXT2_ROOT_INO);
	et_close(&t);
}

static void
test_ext2_impossible_reads_fail(void)
{
	char name[300], buf[16];
	uint32_t file, link, dir, ino;
	struct ext2_attr a;
	struct etest t;
	size_t done;

	if (et_open(&t, "1k", EXT2_MNT_RDONLY) != 0) {
		CU_FAIL("mount");
		return;
	}
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/hello.txt", &file), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/fast-link", &link), 0);
	CU_ASSERT_EQUAL(et_resolve(&t.fs, "/dir", &dir), 0);
	CU_ASSERT_EQUAL(ext2_lookup(&t.fs, file, "x", 1, &ino), -ENOTDIR);
	CU_ASSERT_EQUAL(ext2_lookup(&t.fs, dir, "nothere", 7, &ino), -ENOENT);
	CU_ASSERT_EQUAL(ext2_lookup(&t.fs, dir, "", 0, &ino), -ENOENT);
	memset(name, 'n', sizeof(name));
	CU_ASSERT_EQUAL(ext2_lookup(&t.fs, EXT2_ROOT_INO, name, 255, &ino), 0);
	CU_ASSERT_EQUAL(ext2_lookup(&t.fs, EXT2_ROOT_INO, name, 256, &ino),
	    -ENAMETOOLONG);
	CU_ASSERT_EQUAL(ext2_read(&t.fs, link, 0, buf, 4, &done), -EINVAL);
	CU_ASSERT_EQUAL(ext2_readlink(&t.fs, file, buf, 4, &done), -EINVAL);
	CU_ASSERT_EQUAL(ext2_readlink(&t.fs, link, buf, 4, &done), 0);
	CU_ASSERT_EQUAL(done, 4);		/* "hello.txt", cut at 4 */
	CU_ASSERT_EQUAL(memcmp(buf, "hell", 4), 0);
	CU_ASSERT_EQUAL(ext2_read(&t.fs, file, 1000, buf, 4, &done), 0);
	CU_ASSERT_EQUAL(done, 0);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, 0, &a), -EIO);
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, t.fs.fs_ninodes + 1, &a), -EIO);
	/* the last inode is free: mke2fs used the first ones */
	CU_ASSERT_EQUAL(ext2_getattr(&t.fs, t.fs.fs_ninodes, &a), -EIO);
	et_close(&t);
}

int
add_ext2_read_suite(void)
{
	static const struct unit_test tests[] = {
		{ "ext2_every_file_reads_as_the_tree",
		    test_ext2_every_file_reads_as_the_tree },
		{ "ext2_reads_at_random_places",
		    test_ext2_reads_at_random_places },
		{ "ext2_hard_links_share_an_inode",
		    test_ext2_hard_links_share_an_inode },
		{ "ext2_impossible_reads_fail", test_ext2_impossible_reads_fail },
		{ NULL, NULL }
	};

	return add_suite("ext2_read", tests);
}
