/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The CD from user space (book/52-cd9660.nw): mount, list, read, stat,
 * refuse changes, unmount, through the system calls.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utest.h"

#define CDROM	"/tmp/ut_cdrom"

/* CALL must fail (-1) with errno ERR. */
#define EXPECT_ERR(err, call) do {					\
	errno = 0;							\
	UT_EXPECT_EQ(-1, (long)(call));					\
	UT_EXPECT_EQ((err), errno);					\
} while (0)

UTEST(cd9660_mount_ls_cat)
{
	char names[128] = "", buf[64];
	struct dirent *d;
	struct statfs sf;
	struct stat st;
	DIR *dir;
	int fd;

	UT_EXPECT_EQ(0, mkdir(CDROM, 0755));
	UT_ASSERT(mount("cd9660", "/dev/acd0", CDROM, 0, NULL) == 0);
	/* ls */
	dir = opendir(CDROM);
	UT_ASSERT(dir != NULL);
	while ((d = readdir(dir)) != NULL &&
	    strlen(names) + strlen(d->d_name) + 2 < sizeof(names)) {
		strcat(names, d->d_name);
		strcat(names, "/");
	}
	closedir(dir);
	UT_EXPECT_EQ(0, strcmp(names, "./../dir/PATTERN.BIN/README.TXT/"));
	/* cat, through a link too */
	fd = open(CDROM "/dir/link", O_RDONLY, 0);
	UT_ASSERT(fd >= 0);
	UT_EXPECT_EQ(18, read(fd, buf, sizeof(buf)));
	UT_EXPECT_EQ(0, memcmp(buf, "hello from the CD\n", 18));
	close(fd);
	UT_EXPECT_EQ(13, readlink(CDROM "/dir/link", buf, sizeof(buf)));
	UT_EXPECT_EQ(0, memcmp(buf, "sub/hello.txt", 13));
	fd = open(CDROM "/PATTERN.BIN", O_RDONLY, 0);
	UT_ASSERT(fd >= 0);
	UT_EXPECT_EQ(12, read(fd, buf, 12));
	UT_EXPECT_EQ(0, memcmp(buf, "NAIADCD!\0\0\0\0", 12));
	close(fd);
	/* stat, statfs */
	UT_EXPECT_EQ(0, stat(CDROM "/PATTERN.BIN", &st));
	UT_EXPECT_EQ(40 * 2048, (int)st.st_size);
	UT_EXPECT_EQ(1, S_ISREG(st.st_mode));
	UT_EXPECT_EQ(0, lstat(CDROM "/dir/link", &st));
	UT_EXPECT_EQ(1, S_ISLNK(st.st_mode));
	UT_EXPECT_EQ(0, statfs(CDROM, &sf));
	UT_EXPECT_EQ(0, strcmp(sf.f_fstypename, "cd9660"));
	UT_EXPECT_EQ(0, strcmp(sf.f_mntfromname, "/dev/acd0"));
	UT_EXPECT_EQ(MNT_RDONLY, sf.f_flags & MNT_RDONLY);
	/* Nothing changes; what is not there is not there. */
	EXPECT_ERR(EROFS, open(CDROM "/README.TXT", O_WRONLY, 0));
	EXPECT_ERR(EROFS, open(CDROM "/new", O_WRONLY | O_CREAT, 0644));
	EXPECT_ERR(EROFS, mkdir(CDROM "/new", 0755));
	EXPECT_ERR(EROFS, unlink(CDROM "/README.TXT"));
	EXPECT_ERR(ENOENT, open(CDROM "/nosuch", O_RDONLY, 0));
	EXPECT_ERR(ENOTDIR, open(CDROM "/README.TXT/x", O_RDONLY, 0));
	UT_EXPECT_EQ(0, umount(CDROM));
	UT_EXPECT_EQ(0, rmdir(CDROM));
}
