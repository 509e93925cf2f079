/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "utest.h"

UTEST(vnfile_console_descriptors_are_dev_console)
{
	struct stat cons, sb;
	int fd, seen = 0, pgrp = -1;

	UT_EXPECT_EQ(0, stat("/dev/console", &cons));
	UT_ASSERT(S_ISCHR(cons.st_mode) && cons.st_ino != 0);
	for (fd = 0; fd < 3; fd++) {
		UT_EXPECT_EQ(0, fstat(fd, &sb));
		if (!S_ISCHR(sb.st_mode))
			continue;		/* redirected to a file */
		seen++;
		UT_EXPECT_EQ(cons.st_dev, sb.st_dev);
		UT_EXPECT_EQ(cons.st_ino, sb.st_ino);
	}
	UT_ASSERT(seen > 0);
	fstat(0, &sb);
	if (!S_ISCHR(sb.st_mode))
		return;
	UT_EXPECT_EQ(0, tcsetpgrp(0, getpgid(0)));
	UT_EXPECT_EQ(0, ioctl(0, TIOCGPGRP, &pgrp));
	UT_EXPECT_EQ(getpgid(0), pgrp);
}

UTEST(vnfile_pipe_ends_are_one_fifo)
{
	struct stat r, w, other;
	int fds[2], fds2[2];

	UT_EXPECT_EQ(0, pipe(fds));
	UT_EXPECT_EQ(0, pipe(fds2));
	UT_EXPECT_EQ(0, fstat(fds[0], &r));
	UT_EXPECT_EQ(0, fstat(fds[1], &w));
	UT_EXPECT_EQ(0, fstat(fds2[0], &other));
	UT_ASSERT(S_ISFIFO(r.st_mode) && S_ISFIFO(w.st_mode));
	UT_ASSERT(r.st_ino != 0);
	UT_EXPECT_EQ(r.st_ino, w.st_ino);
	UT_EXPECT_EQ(r.st_dev, w.st_dev);
	UT_EXPECT_EQ(r.st_dev, other.st_dev);
	UT_ASSERT(r.st_ino != other.st_ino);
	UT_EXPECT_EQ(3, write(fds[1], "abc", 3));
	UT_EXPECT_EQ(0, fstat(fds[0], &r));
	UT_EXPECT_EQ(3, r.st_size);		/* the bytes waiting */
	errno = 0;
	UT_EXPECT_EQ(-1, (long)lseek(fds[0], 0, SEEK_SET));
	UT_EXPECT_EQ(ESPIPE, errno);
	errno = 0;
	UT_EXPECT_EQ(-1, (long)lseek(fds[1], 0, SEEK_SET));
	UT_EXPECT_EQ(ESPIPE, errno);
	errno = 0;
	UT_EXPECT_EQ(-1, tcsetpgrp(fds[0], getpgid(0)));
	UT_EXPECT_EQ(ENOTTY, errno);
	close(fds[0]);
	close(fds[1]);
	close(fds2[0]);
	close(fds2[1]);
}
