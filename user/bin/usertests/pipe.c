/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

UTEST(a_pipe_carries_bytes_in_order)
{
	int fds[2];
	char buf[16];

	UT_EXPECT_EQ(0, pipe(fds));
	UT_EXPECT_EQ(5, write(fds[1], "hello", 5));
	UT_EXPECT_EQ(3, write(fds[1], "abc", 3));
	UT_EXPECT_EQ(8, read(fds[0], buf, sizeof(buf)));
	UT_ASSERT(memcmp(buf, "helloabc", 8) == 0);
	close(fds[0]);
	close(fds[1]);
}

#define BIG	(256 * 1024)

/* Write BIG bytes of a pattern into the pipe, then close it. */
static int
write_big(void *arg)
{
	int *fds = arg, i;
	static unsigned char buf[4096 + 13];
	unsigned sent = 0, n;

	close(fds[0]);
	while (sent < BIG) {
		n = BIG - sent < sizeof(buf) ? BIG - sent : sizeof(buf);
		for (i = 0; i < (int)n; i++)
			buf[i] = (unsigned char)((sent + (unsigned)i) * 31);
		if (write(fds[1], buf, n) != (ssize_t)n)
			return 1;
		sent += n;
	}
	return 0;
}

UTEST(a_pipe_blocks_when_full_and_loses_nothing)
{
	int fds[2], pid, n, i, bad = 0;
	unsigned got = 0;
	unsigned char buf[1000];

	UT_EXPECT_EQ(0, pipe(fds));
	pid = ut_spawn(write_big, fds);
	close(fds[1]);
	while ((n = (int)read(fds[0], buf, 1 + ut_random(ut) % sizeof(buf)))
	    > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] != (unsigned char)((got + (unsigned)i) * 31))
				bad++;
		got += (unsigned)n;
	}
	UT_EXPECT_EQ(0, n);			/* the end, not an error */
	UT_EXPECT_EQ(BIG, got);
	UT_EXPECT_EQ(0, bad);
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_wait(pid)));
	close(fds[0]);
}

UTEST(a_reader_sees_the_end_when_every_writer_closes)
{
	int fds[2], copy;
	char c;

	UT_EXPECT_EQ(0, pipe(fds));
	copy = dup(fds[1]);
	UT_ASSERT(copy > 2);
	close(fds[1]);
	UT_EXPECT_EQ(1, write(copy, "x", 1));
	UT_EXPECT_EQ(1, read(fds[0], &c, 1));
	close(copy);
	UT_EXPECT_EQ(0, read(fds[0], &c, 1));
	close(fds[0]);
}

UTEST(writing_to_a_pipe_without_readers_fails)
{
	struct sigaction sa;
	int fds[2];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	UT_EXPECT_EQ(0, pipe(fds));
	close(fds[0]);
	errno = 0;
	UT_EXPECT_EQ(-1, write(fds[1], "x", 1));
	UT_EXPECT_EQ(EPIPE, errno);
	close(fds[1]);
}

/* A child that writes to a pipe nobody reads, with SIGPIPE's default. */
static int
write_to_nobody(void *arg)
{
	int *fds = arg;

	close(fds[0]);
	write(fds[1], "x", 1);
	return 0;
}

UTEST(sigpipe_ends_a_writer_without_readers)
{
	int fds[2], pid, status;

	UT_EXPECT_EQ(0, pipe(fds));
	close(fds[0]);
	pid = ut_spawn(write_to_nobody, fds);
	close(fds[1]);
	status = ut_wait(pid);
	UT_ASSERT(WIFSIGNALED(status));
	UT_EXPECT_EQ(SIGPIPE, WTERMSIG(status));
}

UTEST(dup2_puts_a_pipe_where_stdout_was)
{
	int fds[2], saved;
	char buf[8];

	fflush(stdout);
	UT_EXPECT_EQ(0, pipe(fds));
	saved = dup(1);
	UT_EXPECT_EQ(1, dup2(fds[1], 1));
	UT_EXPECT_EQ(3, write(1, "out", 3));
	UT_EXPECT_EQ(1, dup2(saved, 1));
	close(saved);
	UT_EXPECT_EQ(3, read(fds[0], buf, sizeof(buf)));
	UT_ASSERT(memcmp(buf, "out", 3) == 0);
	errno = 0;
	UT_EXPECT_EQ(-1, dup2(fds[0], -1));
	UT_EXPECT_EQ(EBADF, errno);
	close(fds[0]);
	close(fds[1]);
}

UTEST(the_shell_runs_a_pipeline)
{
	char out[128];
	char *wc[] = { "sh", "-c", "echo hello | wc", NULL };
	char *three[] = { "sh", "-c", "echo 'a  b' c | cat | cat", NULL };
	char *seq[] = { "sh", "-c", "echo one; echo two", NULL };
	char *bad[] = { "sh", "-c", "echo |", NULL };

	UT_EXPECT_EQ(0, WEXITSTATUS(ut_run_capture("/bin/sh", wc, out,
	    sizeof(out))));
	UT_ASSERT(strcmp(out, "       1       1       6\n") == 0);
	ut_run_capture("/bin/sh", three, out, sizeof(out));
	UT_ASSERT(strcmp(out, "a  b c\n") == 0);
	ut_run_capture("/bin/sh", seq, out, sizeof(out));
	UT_ASSERT(strcmp(out, "one\ntwo\n") == 0);
	UT_EXPECT_EQ(2, WEXITSTATUS(ut_run_capture("/bin/sh", bad, out,
	    sizeof(out))));
}

UTEST(yes_stops_when_its_reader_goes)
{
	char out[64];
	char *argv[] = { "sh", "-c", "yes | true", NULL };

	/* true exits at once; yes must then die of SIGPIPE, or this hangs */
	UT_EXPECT_EQ(0, WEXITSTATUS(ut_run_capture("/bin/sh", argv, out,
	    sizeof(out))));
}
