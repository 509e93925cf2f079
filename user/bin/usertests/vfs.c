/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* CALL must fail (-1) with errno ERR. */
#define EXPECT_ERR(err, call) do {					\
	errno = 0;							\
	UT_EXPECT_EQ(-1, (long)(call));					\
	UT_EXPECT_EQ((err), errno);					\
} while (0)

/* Make file PATH holding TEXT: 0, or -1. */
static int
put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int n = (int)strlen(text);

	if (fd < 0)
		return -1;
	if (write(fd, text, (size_t)n) != n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* The contents of PATH (at most SIZE - 1 bytes, terminated) into BUF:
 * their length, or -1. */
static int
get_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY, 0), n, len = 0;

	if (fd < 0)
		return -1;
	while (len < size - 1 &&
	    (n = (int)read(fd, buf + len, (size_t)(size - 1 - len))) > 0)
		len += n;
	buf[len] = '\0';
	close(fd);
	return len;
}

/* How many times NAME is in directory PATH, read with getdents into a
 * buffer of NBYTES; -1 on an error. */
static int
count_entry(const char *path, const char *name, int nbytes)
{
	static char buf[4096] __attribute__((aligned(4)));
	int fd = open(path, O_RDONLY, 0), n, off, count = 0;
	struct dirent *d;

	if (fd < 0)
		return -1;
	while ((n = getdents(fd, buf, nbytes)) > 0)
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct dirent *)(buf + off);
			if (strcmp(d->d_name, name) == 0)
				count++;
		}
	close(fd);
	return n < 0 ? -1 : count;
}
UTEST(vfs_open_read_write_seek)
{
	const char *path = "/tmp/ut_rw";
	char buf[64];
	int fd;

	unlink(path);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	UT_ASSERT(fd >= 0);
	EXPECT_ERR(EEXIST, open(path, O_RDWR | O_CREAT | O_EXCL, 0600));
	UT_EXPECT_EQ(11, write(fd, "hello world", 11));
	UT_EXPECT_EQ(11, lseek(fd, 0, SEEK_CUR));
	UT_EXPECT_EQ(0, lseek(fd, 0, SEEK_SET));
	UT_EXPECT_EQ(5, read(fd, buf, 5));
	UT_ASSERT(memcmp(buf, "hello", 5) == 0);
	UT_EXPECT_EQ(7, lseek(fd, 2, SEEK_CUR));	/* past "hello w" */
	UT_EXPECT_EQ(4, read(fd, buf, sizeof(buf)));
	UT_ASSERT(memcmp(buf, "orld", 4) == 0);
	UT_EXPECT_EQ(0, read(fd, buf, sizeof(buf)));	/* the end */
	UT_EXPECT_EQ(6, lseek(fd, -5, SEEK_END));
	EXPECT_ERR(EINVAL, lseek(fd, -100, SEEK_CUR));
	EXPECT_ERR(EINVAL, lseek(fd, 0, 7));
	close(fd);
	/* O_APPEND writes at the end wherever the offset is. */
	fd = open(path, O_WRONLY | O_APPEND, 0);
	UT_ASSERT(fd >= 0);
	UT_EXPECT_EQ(0, lseek(fd, 0, SEEK_SET));
	UT_EXPECT_EQ(1, write(fd, "!", 1));
	close(fd);
	UT_EXPECT_EQ(12, get_file(path, buf, sizeof(buf)));
	UT_EXPECT_EQ(0, strcmp(buf, "hello world!"));
	/* O_TRUNC empties it; a read-only file cannot be written. */
	fd = open(path, O_RDONLY | O_TRUNC, 0);	/* not for writing: kept */
	close(fd);
	UT_EXPECT_EQ(12, get_file(path, buf, sizeof(buf)));
	fd = open(path, O_RDWR | O_TRUNC, 0);
	UT_EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	close(fd);
	fd = open(path, O_RDONLY, 0);
	EXPECT_ERR(EBADF, write(fd, "x", 1));
	close(fd);
	/* A directory: read-only; bad flags; no such file. */
	EXPECT_ERR(EISDIR, open("/tmp", O_WRONLY, 0));
	fd = open("/tmp", O_RDONLY, 0);
	UT_ASSERT(fd >= 0);
	EXPECT_ERR(EISDIR, read(fd, buf, sizeof(buf)));
	close(fd);
	EXPECT_ERR(EINVAL, open(path, O_ACCMODE, 0));
	EXPECT_ERR(EINVAL, open(path, 0x10000, 0));
	EXPECT_ERR(ENOENT, open("/tmp/ut_no_such_file", O_RDONLY, 0));
	EXPECT_ERR(ENOENT, open("", O_RDONLY, 0));
	UT_EXPECT_EQ(0, unlink(path));
}

UTEST(vfs_dev_null_zero)
{
	char buf[100];
	int fd, i, zeros = 1;

	fd = open("/dev/null", O_RDWR, 0);
	UT_ASSERT(fd >= 0);
	UT_EXPECT_EQ(5, write(fd, "gone!", 5));
	UT_EXPECT_EQ(0, read(fd, buf, sizeof(buf)));
	close(fd);
	fd = open("/dev/zero", O_RDONLY, 0);
	UT_ASSERT(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	UT_EXPECT_EQ((long)sizeof(buf), read(fd, buf, sizeof(buf)));
	for (i = 0; i < (int)sizeof(buf); i++)
		zeros &= buf[i] == 0;
	UT_EXPECT_EQ(1, zeros);
	close(fd);
}

UTEST(vfs_stat_and_getdents_of_dev)
{
	static const char *const devs[] = { "null", "zero", "console", NULL };
	struct stat sb, sb2;
	struct dirent *d;
	int fds[2], i, n = 0;
	DIR *dir;

	UT_EXPECT_EQ(0, stat("/dev/null", &sb));
	UT_ASSERT(S_ISCHR(sb.st_mode));
	UT_EXPECT_EQ(0, stat("/dev/zero", &sb2));
	UT_ASSERT(sb.st_ino != sb2.st_ino);
	UT_EXPECT_EQ(sb.st_dev, sb2.st_dev);
	UT_EXPECT_EQ(0, stat("/tmp", &sb));
	UT_ASSERT(S_ISDIR(sb.st_mode));
	UT_ASSERT(sb.st_dev != sb2.st_dev);	/* two mounts */
	UT_EXPECT_EQ(0, fstat(1, &sb));		/* the console */
	UT_ASSERT(S_ISCHR(sb.st_mode));
	UT_EXPECT_EQ(0, pipe(fds));
	UT_EXPECT_EQ(0, fstat(fds[0], &sb));
	UT_ASSERT(S_ISFIFO(sb.st_mode));
	EXPECT_ERR(ESPIPE, lseek(fds[0], 0, SEEK_SET));
	close(fds[0]);
	close(fds[1]);
	/* Every device once, whatever the buffer. */
	for (i = 0; devs[i] != NULL; i++) {
		UT_EXPECT_EQ(1, count_entry("/dev", devs[i], 4096));
		UT_EXPECT_EQ(1, count_entry("/dev", devs[i],
		    (int)sizeof(struct dirent)));
	}
	UT_EXPECT_EQ(1, count_entry("/dev", "..", 4096));
	i = open("/dev", O_RDONLY, 0);
	EXPECT_ERR(EINVAL, getdents(i, (char *)&sb, (int)sizeof(sb)));
	close(i);
	i = open("/dev/null", O_RDONLY, 0);
	EXPECT_ERR(ENOTDIR, getdents(i, (char *)&sb, 4096));
	close(i);
	/* The C library's way. */
	UT_ASSERT((dir = opendir("/dev")) != NULL);
	while ((d = readdir(dir)) != NULL)
		n += strcmp(d->d_name, "zero") == 0;
	UT_EXPECT_EQ(0, closedir(dir));
	UT_EXPECT_EQ(1, n);
	UT_ASSERT(opendir("/dev/nothing") == NULL);
	UT_EXPECT_EQ(ENOENT, errno);
}

UTEST(vfs_root_is_the_archive)
{
	struct statfs sf;
	struct stat sb;
	char buf[4];
	int fd;

	UT_EXPECT_EQ(0, statfs("/", &sf));
	UT_EXPECT_EQ(0, stat("/bin/sh", &sb));
	UT_ASSERT(S_ISREG(sb.st_mode) && sb.st_size > 1000);
	fd = open("/bin/sh", O_RDONLY, 0);
	UT_EXPECT_EQ(4, read(fd, buf, 4));
	UT_ASSERT(memcmp(buf, "\177ELF", 4) == 0);
	close(fd);
	UT_EXPECT_EQ(1, count_entry("/", "bin", 4096));
	UT_EXPECT_EQ(1, count_entry("/", "dev", 4096));
	UT_EXPECT_EQ(1, count_entry("/bin", "usertests", 4096));
	if (strcmp(sf.f_fstypename, "ext2") == 0) {
		/* The root on the boot disk (book/51-ext2-vfs.nw): the
		 * archive's files, and writable. */
		UT_EXPECT_EQ(0, sf.f_flags & MNT_RDONLY);
		UT_EXPECT_EQ(0, stat("/etc/motd", &sb));
		fd = open("/utest.root", O_RDWR | O_CREAT | O_EXCL, 0644);
		UT_ASSERT(fd >= 0);
		UT_EXPECT_EQ(4, write(fd, "root", 4));
		UT_EXPECT_EQ(0, close(fd));
		UT_EXPECT_EQ(0, unlink("/utest.root"));
		return;
	}
	UT_EXPECT_EQ(0, strcmp(sf.f_fstypename, "bootfs"));
	UT_EXPECT_EQ(MNT_RDONLY, sf.f_flags & MNT_RDONLY);
	EXPECT_ERR(EROFS, open("/bin/sh", O_RDWR, 0));
	EXPECT_ERR(EROFS, open("/new", O_RDWR | O_CREAT, 0644));
	EXPECT_ERR(EROFS, mkdir("/bin/d", 0755));
	EXPECT_ERR(EROFS, unlink("/bin/sh"));
	EXPECT_ERR(EROFS, rename("/bin/sh", "/bin/sh2"));
	EXPECT_ERR(EROFS, symlink("sh", "/bin/l"));
	EXPECT_ERR(EROFS, truncate("/bin/sh", 0));
}
UTEST(vfs_names)
{
	char buf[64];
	struct stat sb;
	int i;

	UT_EXPECT_EQ(0, mkdir("/tmp/ut_n", 0755));
	EXPECT_ERR(EEXIST, mkdir("/tmp/ut_n", 0755));
	EXPECT_ERR(EEXIST, mkdir("/tmp/ut_n/.", 0755));
	UT_EXPECT_EQ(0, mkdir("/tmp/ut_n/d", 0755));
	UT_EXPECT_EQ(0, put_file("/tmp/ut_n/f", "data"));
	EXPECT_ERR(ENOTDIR, mkdir("/tmp/ut_n/f/x", 0755));
	EXPECT_ERR(ENOENT, mkdir("/tmp/ut_n/none/x", 0755));
	/* rmdir and unlink, each for its kind. */
	EXPECT_ERR(ENOTEMPTY, rmdir("/tmp/ut_n"));
	EXPECT_ERR(ENOTDIR, rmdir("/tmp/ut_n/f"));
	EXPECT_ERR(EPERM, unlink("/tmp/ut_n/d"));
	EXPECT_ERR(EINVAL, rmdir("/tmp/ut_n/d/."));
	EXPECT_ERR(ENOENT, unlink("/tmp/ut_n/nothing"));
	/* Hard links. */
	UT_EXPECT_EQ(0, link("/tmp/ut_n/f", "/tmp/ut_n/g"));
	UT_EXPECT_EQ(0, stat("/tmp/ut_n/f", &sb));
	UT_EXPECT_EQ(2, sb.st_nlink);
	EXPECT_ERR(EEXIST, link("/tmp/ut_n/f", "/tmp/ut_n/g"));
	EXPECT_ERR(EPERM, link("/tmp/ut_n/d", "/tmp/ut_n/dl"));
	EXPECT_ERR(EXDEV, link("/tmp/ut_n/f", "/dev/f"));
	/* Symbolic links and readlink. */
	UT_EXPECT_EQ(0, symlink("f", "/tmp/ut_n/l"));
	UT_EXPECT_EQ(1, readlink("/tmp/ut_n/l", buf, sizeof(buf)));
	UT_EXPECT_EQ('f', buf[0]);
	EXPECT_ERR(EINVAL, readlink("/tmp/ut_n/f", buf, sizeof(buf)));
	EXPECT_ERR(ENOENT, symlink("", "/tmp/ut_n/empty"));
	UT_EXPECT_EQ(4, get_file("/tmp/ut_n/l", buf, sizeof(buf)));
	UT_EXPECT_EQ(0, lstat("/tmp/ut_n/l", &sb));
	UT_ASSERT(S_ISLNK(sb.st_mode));
	UT_EXPECT_EQ(0, stat("/tmp/ut_n/l", &sb));
	UT_ASSERT(S_ISREG(sb.st_mode));
	/* rename: over a file, into itself, across mounts. */
	UT_EXPECT_EQ(0, put_file("/tmp/ut_n/h", "other"));
	UT_EXPECT_EQ(0, rename("/tmp/ut_n/h", "/tmp/ut_n/g"));
	UT_EXPECT_EQ(5, get_file("/tmp/ut_n/g", buf, sizeof(buf)));
	UT_EXPECT_EQ(0, stat("/tmp/ut_n/f", &sb));
	UT_EXPECT_EQ(1, sb.st_nlink);
	EXPECT_ERR(ENOENT, stat("/tmp/ut_n/h", &sb));
	EXPECT_ERR(EINVAL, rename("/tmp/ut_n", "/tmp/ut_n/d/n"));
	EXPECT_ERR(EXDEV, rename("/tmp/ut_n/f", "/dev/f"));
	EXPECT_ERR(EISDIR, rename("/tmp/ut_n/f", "/tmp/ut_n/d"));
	UT_EXPECT_EQ(0, rename("/tmp/ut_n/f", "/tmp/ut_n/d/f"));
	UT_EXPECT_EQ(4, get_file("/tmp/ut_n/d/f", buf, sizeof(buf)));
	/* A mount point cannot go, nor move. */
	EXPECT_ERR(EBUSY, rmdir("/tmp"));
	UT_EXPECT_EQ(0, mkdir("/tmp/ut_n/mp", 0755));
	UT_EXPECT_EQ(0, mount("memfs", NULL, "/tmp/ut_n/mp", 0, NULL));
	EXPECT_ERR(EBUSY, rename("/tmp/ut_n/mp", "/tmp/ut_n/mp2"));
	EXPECT_ERR(EBUSY, rmdir("/tmp/ut_n/mp"));
	UT_EXPECT_EQ(0, umount("/tmp/ut_n/mp"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_n/mp"));
	/* Clean up, checking each step. */
	static const char *const files[] = { "/tmp/ut_n/d/f", "/tmp/ut_n/g",
	    "/tmp/ut_n/l", NULL };
	for (i = 0; files[i] != NULL; i++)
		UT_EXPECT_EQ(0, unlink(files[i]));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_n/d"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_n"));
	EXPECT_ERR(ENOENT, stat("/tmp/ut_n", &sb));
}

UTEST(vfs_symlink_loop_eloop)
{
	struct stat sb;

	UT_EXPECT_EQ(0, mkdir("/tmp/ut_loop", 0755));
	UT_EXPECT_EQ(0, symlink("l2", "/tmp/ut_loop/l1"));
	UT_EXPECT_EQ(0, symlink("l1", "/tmp/ut_loop/l2"));
	UT_EXPECT_EQ(0, symlink("/tmp/ut_loop/self/x", "/tmp/ut_loop/self"));
	EXPECT_ERR(ELOOP, open("/tmp/ut_loop/l1", O_RDONLY, 0));
	EXPECT_ERR(ELOOP, stat("/tmp/ut_loop/l2", &sb));
	EXPECT_ERR(ELOOP, stat("/tmp/ut_loop/self", &sb));
	EXPECT_ERR(ELOOP, open("/tmp/ut_loop/l1", O_RDWR | O_CREAT, 0644));
	UT_EXPECT_EQ(0, lstat("/tmp/ut_loop/l1", &sb));
	UT_ASSERT(S_ISLNK(sb.st_mode));
	UT_EXPECT_EQ(0, unlink("/tmp/ut_loop/l1"));
	UT_EXPECT_EQ(0, unlink("/tmp/ut_loop/l2"));
	UT_EXPECT_EQ(0, unlink("/tmp/ut_loop/self"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_loop"));
}

UTEST(vfs_nametoolong)
{
	static char path[1100];
	struct stat sb;

	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	EXPECT_ERR(ENAMETOOLONG, stat(path, &sb));
	strcpy(path, "/tmp/");
	memset(path + 5, 'n', 256);
	path[261] = '\0';
	EXPECT_ERR(ENAMETOOLONG, open(path, O_RDWR | O_CREAT, 0644));
	path[260] = '\0';			/* 255: a fine name */
	EXPECT_ERR(ENOENT, stat(path, &sb));
}
/* The child's part: relative names from the directory inherited. */
static int
cwd_child(void *arg)
{
	char buf[64];

	(void)arg;
	if (getcwd(buf, sizeof(buf)) == NULL ||
	    strcmp(buf, "/tmp/ut_cwd/m/sub") != 0)
		return 1;
	return put_file("made_by_child", "c") == 0 ? 0 : 2;
}

UTEST(vfs_chdir_getcwd_fork)
{
	char buf[64];
	struct stat sb;
	int pid;

	UT_EXPECT_EQ(0, mkdir("/tmp/ut_cwd", 0755));
	UT_EXPECT_EQ(0, mkdir("/tmp/ut_cwd/m", 0755));
	UT_EXPECT_EQ(0, mount("memfs", NULL, "/tmp/ut_cwd/m", 0, NULL));
	UT_EXPECT_EQ(0, mkdir("/tmp/ut_cwd/m/sub", 0755));
	UT_EXPECT_EQ(0, chdir("/tmp/ut_cwd/m/sub"));
	UT_ASSERT(getcwd(buf, sizeof(buf)) == buf);
	UT_EXPECT_EQ(0, strcmp(buf, "/tmp/ut_cwd/m/sub"));
	UT_ASSERT(getcwd(buf, 5) == NULL);
	UT_EXPECT_EQ(ERANGE, errno);
	pid = ut_spawn(cwd_child, NULL);
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	UT_EXPECT_EQ(0, stat("/tmp/ut_cwd/m/sub/made_by_child", &sb));
	EXPECT_ERR(EBUSY, umount("/tmp/ut_cwd/m"));	/* our cwd is in it */
	/* Relative paths, "..", and back to the root. */
	UT_EXPECT_EQ(0, chdir("../.."));
	UT_ASSERT(getcwd(buf, sizeof(buf)) == buf);
	UT_EXPECT_EQ(0, strcmp(buf, "/tmp/ut_cwd"));
	EXPECT_ERR(ENOTDIR, chdir("/dev/null"));
	UT_EXPECT_EQ(0, chdir("/"));
	UT_ASSERT(getcwd(buf, sizeof(buf)) == buf);
	UT_EXPECT_EQ(0, strcmp(buf, "/"));
	UT_EXPECT_EQ(0, unlink("/tmp/ut_cwd/m/sub/made_by_child"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_cwd/m/sub"));
	UT_EXPECT_EQ(0, umount("/tmp/ut_cwd/m"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_cwd/m"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_cwd"));
}

UTEST(vfs_truncate_fsync_sync)
{
	const char *path = "/tmp/ut_trunc";
	struct stat sb;
	char buf[16];
	int fd, fds[2];

	UT_EXPECT_EQ(0, put_file(path, "0123456789"));
	UT_EXPECT_EQ(0, truncate(path, 3));
	UT_EXPECT_EQ(3, get_file(path, buf, sizeof(buf)));
	UT_EXPECT_EQ(0, strcmp(buf, "012"));
	fd = open(path, O_RDWR, 0);
	UT_EXPECT_EQ(0, ftruncate(fd, 6));
	UT_EXPECT_EQ(0, fstat(fd, &sb));
	UT_EXPECT_EQ(6, sb.st_size);
	UT_EXPECT_EQ(0, fsync(fd));
	close(fd);
	fd = open(path, O_RDONLY, 0);
	EXPECT_ERR(EINVAL, ftruncate(fd, 0));
	close(fd);
	EXPECT_ERR(EINVAL, truncate(path, -1));
	EXPECT_ERR(EISDIR, truncate("/tmp", 0));
	UT_EXPECT_EQ(0, pipe(fds));
	EXPECT_ERR(EINVAL, fsync(fds[0]));	/* a pipe: nothing stored */
	close(fds[0]);
	close(fds[1]);
	sync();
	UT_EXPECT_EQ(6, get_file(path, buf, sizeof(buf)));
	UT_EXPECT_EQ(0, memcmp(buf, "012\0\0\0", 6));
	UT_EXPECT_EQ(0, unlink(path));
}

UTEST(vfs_mount_umount_statfs)
{
	struct statfs sf;
	int fd;

	UT_EXPECT_EQ(0, mkdir("/tmp/ut_mnt", 0755));
	UT_EXPECT_EQ(0, put_file("/tmp/ut_mnt/hidden", "h"));
	EXPECT_ERR(ENODEV, mount("nosuchfs", NULL, "/tmp/ut_mnt", 0, NULL));
	EXPECT_ERR(EINVAL, mount("memfs", NULL, "/tmp/ut_mnt", 0, "bogus"));
	EXPECT_ERR(ENOTDIR, mount("memfs", NULL, "/tmp/ut_mnt/hidden", 0,
	    NULL));
	UT_EXPECT_EQ(0, mount("memfs", "mine", "/tmp/ut_mnt", 0,
	    "threads=1"));
	EXPECT_ERR(ENOENT, open("/tmp/ut_mnt/hidden", O_RDONLY, 0));
	UT_EXPECT_EQ(0, statfs("/tmp/ut_mnt", &sf));
	UT_EXPECT_EQ(0, strcmp(sf.f_fstypename, "memfs"));
	UT_EXPECT_EQ(0, strcmp(sf.f_mntonname, "/tmp/ut_mnt"));
	UT_EXPECT_EQ(0, strcmp(sf.f_mntfromname, "mine"));
	fd = open("/tmp/ut_mnt/open", O_RDWR | O_CREAT, 0644);
	UT_ASSERT(fd >= 0);
	EXPECT_ERR(EBUSY, umount("/tmp/ut_mnt"));
	EXPECT_ERR(EINVAL, umount("/tmp/ut_mnt/open"));
	close(fd);
	UT_EXPECT_EQ(0, unlink("/tmp/ut_mnt/open"));
	UT_EXPECT_EQ(0, umount("/tmp/ut_mnt"));
	UT_EXPECT_EQ(0, statfs("/tmp/ut_mnt", &sf));
	UT_EXPECT_EQ(0, strcmp(sf.f_mntonname, "/tmp"));
	fd = open("/tmp/ut_mnt/hidden", O_RDONLY, 0);	/* seen again */
	UT_ASSERT(fd >= 0);
	close(fd);
	/* A read-only mount refuses every change. */
	UT_EXPECT_EQ(0, mount("memfs", NULL, "/tmp/ut_mnt", MNT_RDONLY,
	    NULL));
	EXPECT_ERR(EROFS, open("/tmp/ut_mnt/x", O_RDWR | O_CREAT, 0644));
	EXPECT_ERR(EROFS, mkdir("/tmp/ut_mnt/x", 0755));
	UT_EXPECT_EQ(0, statfs("/tmp/ut_mnt", &sf));
	UT_EXPECT_EQ(MNT_RDONLY, sf.f_flags & MNT_RDONLY);
	UT_EXPECT_EQ(0, umount("/tmp/ut_mnt"));
	EXPECT_ERR(EBUSY, umount("/"));
	UT_EXPECT_EQ(0, unlink("/tmp/ut_mnt/hidden"));
	UT_EXPECT_EQ(0, rmdir("/tmp/ut_mnt"));
}
/* The bad pointers; the last is a string that runs off user memory. */
static const uintptr_t bad_ptrs[] = { 0, 0x1000, 0xc0000000u,
    0xfffff000u, 0xbffffff8u };

/* The real pointer of bad pointer I. */
static void *
bad_ptr(int i)
{
	if (bad_ptrs[i] == 0xbffffff8u)
		memset((void *)bad_ptrs[i], 'x', 8);
	return (void *)bad_ptrs[i];
}

UTEST(vfs_bad_pointers_efault)
{
	const int n = (int)(sizeof(bad_ptrs) / sizeof(bad_ptrs[0]));
	char *p, buf[64];
	struct stat sb;
	int i, fd, dfd;

	UT_EXPECT_EQ(0, put_file("/tmp/ut_bad", "x"));
	UT_EXPECT_EQ(0, symlink("ut_bad", "/tmp/ut_badl"));
	fd = open("/tmp/ut_bad", O_RDWR, 0);
	dfd = open("/tmp", O_RDONLY, 0);
	for (i = 0; i < n; i++) {
		p = bad_ptr(i);
		UT_EXPECT_EQ(-EFAULT, __sys_open(p, O_RDONLY, 0));
		UT_EXPECT_EQ(-EFAULT, __sys_open(p, O_RDWR | O_CREAT, 0644));
		UT_EXPECT_EQ(-EFAULT, __sys_stat(p, &sb));
		UT_EXPECT_EQ(-EFAULT, __sys_lstat(p, &sb));
		UT_EXPECT_EQ(-EFAULT, __sys_mkdir(p, 0755));
		UT_EXPECT_EQ(-EFAULT, __sys_rmdir(p));
		UT_EXPECT_EQ(-EFAULT, __sys_unlink(p));
		UT_EXPECT_EQ(-EFAULT, __sys_link(p, "/tmp/ut_badn"));
		UT_EXPECT_EQ(-EFAULT, __sys_link("/tmp/ut_bad", p));
		UT_EXPECT_EQ(-EFAULT, __sys_symlink(p, "/tmp/ut_badn"));
		UT_EXPECT_EQ(-EFAULT, __sys_symlink("x", p));
		UT_EXPECT_EQ(-EFAULT, __sys_readlink(p, buf, sizeof(buf)));
		UT_EXPECT_EQ(-EFAULT, __sys_rename(p, "/tmp/ut_badn"));
		UT_EXPECT_EQ(-EFAULT, __sys_rename("/tmp/ut_bad", p));
		UT_EXPECT_EQ(-EFAULT, __sys_chdir(p));
		UT_EXPECT_EQ(-EFAULT, __sys_truncate(p, 0));
		UT_EXPECT_EQ(-EFAULT, __sys_mount("memfs", NULL, p, 0, NULL));
		UT_EXPECT_EQ(-EFAULT, __sys_mount(p, NULL, "/tmp", 0, NULL));
		UT_EXPECT_EQ(-EFAULT, __sys_umount(p));
		UT_EXPECT_EQ(-EFAULT, __sys_statfs(p, (struct statfs *)buf));
		if (bad_ptrs[i] == 0xbffffff8u)
			continue;	/* a string: not for what is written */
		UT_EXPECT_EQ(-EFAULT, __sys_stat("/tmp/ut_bad", (void *)p));
		UT_EXPECT_EQ(-EFAULT, __sys_fstat(fd, (void *)p));
		UT_EXPECT_EQ(-EFAULT, __sys_readlink("/tmp/ut_badl", p, 16));
		UT_EXPECT_EQ(-EFAULT, __sys_getcwd(p, 64));
		UT_EXPECT_EQ(-EFAULT, __sys_getdents(dfd, p, 4096));
		UT_EXPECT_EQ(-EFAULT, __sys_statfs("/tmp", (void *)p));
		UT_EXPECT_EQ(-EFAULT, __sys_read(fd, p, 1));
	}
	/* A read into our own code: the code cannot be written. */
	UT_EXPECT_EQ(-EFAULT, __sys_read(fd, (void *)(uintptr_t)&bad_ptr,
	    1));
	/* Nothing was made, and the directory still reads from the start. */
	EXPECT_ERR(ENOENT, stat("/tmp/ut_badn", &sb));
	UT_EXPECT_EQ(1, count_entry("/tmp", "ut_bad", 4096));
	close(fd);
	close(dfd);
	UT_EXPECT_EQ(0, unlink("/tmp/ut_badl"));
	UT_EXPECT_EQ(0, unlink("/tmp/ut_bad"));
}

#define WRITERS		4
#define RECORDS		50
#define RECLEN		8

/* A writer: RECORDS records "wNrRRRR\n" of RECLEN bytes, appended. */
static int
append_child(void *arg)
{
	int w = (int)(intptr_t)arg, fd, r;
	char rec[RECLEN + 1];

	if ((fd = open("/tmp/ut_append", O_WRONLY | O_APPEND, 0)) < 0)
		return 1;
	for (r = 0; r < RECORDS; r++) {
		snprintf(rec, sizeof(rec), "w%dr%04d\n", w, r);
		if (write(fd, rec, RECLEN) != RECLEN)
			return 2;
	}
	return close(fd) == 0 ? 0 : 3;
}

UTEST(vfs_many_writers_append)
{
	static char buf[WRITERS * RECORDS * RECLEN + 16];
	static char seen[WRITERS][RECORDS];
	int pids[WRITERS], w, r, i, n, bad = 0;

	UT_EXPECT_EQ(0, put_file("/tmp/ut_append", ""));
	for (w = 0; w < WRITERS; w++)
		pids[w] = ut_spawn(append_child, (void *)(intptr_t)w);
	for (w = 0; w < WRITERS; w++)
		UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pids[w])));
	n = get_file("/tmp/ut_append", buf, sizeof(buf));
	UT_EXPECT_EQ(WRITERS * RECORDS * RECLEN, n);
	for (i = 0; i + RECLEN <= n; i += RECLEN) {
		if (buf[i] != 'w' || buf[i + 2] != 'r' ||
		    buf[i + RECLEN - 1] != '\n') {
			bad++;
			continue;
		}
		w = buf[i + 1] - '0';
		r = atoi(buf + i + 3);
		if (w < 0 || w >= WRITERS || r < 0 || r >= RECORDS ||
		    seen[w][r]++)
			bad++;
	}
	UT_EXPECT_EQ(0, bad);
	UT_EXPECT_EQ(0, unlink("/tmp/ut_append"));
}
