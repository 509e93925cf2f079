/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/pipe: pipes and descriptors between processes (book/31-file.nw).
 * Several children write records into one pipe that the parent reads:
 * every record whole, the end only once every writer has gone (the
 * parent's own write end closed too); EPIPE with SIGPIPE ignored, death
 * by SIGPIPE by default; descriptors inherited by fork; dup, dup2 and
 * close with bad descriptors (EBADF), a full table (EMFILE); bad
 * pointers (EFAULT) that leak no descriptor; the wrong end (EBADF).
 */
#include <sys/ioctl.h>

#include "ut.h"

#define EBADF		9
#define EFAULT		14
#define EINVAL		22
#define EMFILE		24
#define EPIPE		32
#define SIGKILL		9
#define SIGPIPE		13
#define SIG_DFL		0
#define SIG_IGN		1
#define NOFILE		64
#define PIPE_BUF	512

/* The kernel's struct sigaction, as a program declares it. */
struct sigaction {
	void		(*sa_handler)(int);
	sigset_t	sa_mask;
	int		sa_flags;
};

#define WIFSIGNALED(s)	(((s) & 0x7f) != 0)
#define WTERMSIG(s)	((s) & 0x7f)
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)

/* Set SIG's action to H (SIG_DFL or SIG_IGN). */
static void
set_action(int sig, long h)
{
	struct sigaction sa = { (void (*)(int))h, 0, 0 };

	sigaction(sig, &sa, 0);
}

/* Wait for PID: its status, or -1. */
static int
reap(int pid)
{
	int status = -1;

	if (wait4(pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

#define WRITERS		4
#define RECORDS		200

/* A writer's record: who, which, and a pattern up to its length. */
static void
make_record(unsigned char *r, int id, int seq, int len)
{
	int k;

	r[0] = (unsigned char)id;
	r[1] = (unsigned char)seq;
	r[2] = (unsigned char)(seq >> 8);
	r[3] = (unsigned char)len;
	r[4] = (unsigned char)(len >> 8);
	for (k = 5; k < len; k++)
		r[k] = (unsigned char)(id * 7 + seq * 13 + k);
}

/* A child that writes RECORDS records into FD, then exits. */
static void
writer(int fd, int id)
{
	unsigned char r[PIPE_BUF];
	int seq, len;

	for (seq = 0; seq < RECORDS; seq++) {
		len = 5 + (seq * 97 + id * 31) % (PIPE_BUF - 4);
		make_record(r, id, seq, len);
		if (write(fd, r, (unsigned)len) != len)
			exit(1);
	}
	exit(0);
}

/* Many writers, one reader: whole records, the end after the last. */
static void
many_writers(void)
{
	static unsigned char stream[4 * PIPE_BUF];
	unsigned char want[PIPE_BUF];
	int fds[2], pid[WRITERS], next[WRITERS], i, n, have = 0, len, id;
	int records = 0, bad = 0;

	UT_EQ(0, pipe(fds));
	for (i = 0; i < WRITERS; i++) {
		next[i] = 0;
		pid[i] = fork();
		if (pid[i] == 0) {
			close(fds[0]);
			writer(fds[1], i);
		}
		UT_CHECK(pid[i] > 0);
	}
	close(fds[1]);		/* or the end never comes */
	while ((n = read(fds[0], stream + have, 1 + (records * 37) % 700)) > 0) {
		have += n;
		while (have >= 5 && !bad) {
			id = stream[0];
			len = stream[3] | stream[4] << 8;
			if (id >= WRITERS || len < 5 || len > PIPE_BUF ||
			    (stream[1] | stream[2] << 8) != next[id]) {
				bad = 1;
				break;
			}
			if (have < len)
				break;
			make_record(want, id, next[id], len);
			for (i = 0; i < len; i++)
				if (stream[i] != want[i])
					bad = 1;
			next[id]++;
			records++;
			have -= len;
			for (i = 0; i < have; i++)
				stream[i] = stream[i + len];
		}
		if (bad)
			break;
	}
	UT_EQ(0, bad);
	UT_EQ(0, n);
	UT_EQ(WRITERS * RECORDS, records);
	for (i = 0; i < WRITERS; i++) {
		UT_EQ(RECORDS, next[i]);
		UT_EQ(0, reap(pid[i]));
	}
	close(fds[0]);
}

/* A reader sees the end only when the last of two writers closes. */
static void
end_after_last_writer(void)
{
	int fds[2], copy, pid;
	char c;

	UT_EQ(0, pipe(fds));
	copy = dup(fds[1]);
	UT_CHECK(copy > fds[1]);
	pid = fork();
	if (pid == 0) {			/* inherited: three write ends */
		close(fds[0]);
		write(copy, "k", 1);
		exit(0);
	}
	close(fds[1]);
	UT_EQ(1, read(fds[0], &c, 1));
	UT_EQ('k', c);
	UT_EQ(0, reap(pid));		/* the child's ends are gone... */
	close(copy);			/* ... and now ours */
	UT_EQ(0, read(fds[0], &c, 1));
	close(fds[0]);
}

/* Writing with no reader: EPIPE when SIGPIPE is ignored, death if not. */
static void
no_reader(void)
{
	int fds[2], pid, status;

	UT_EQ(0, pipe(fds));
	close(fds[0]);
	set_action(SIGPIPE, SIG_IGN);
	UT_ERR(EPIPE, write(fds[1], "x", 1));
	set_action(SIGPIPE, SIG_DFL);
	pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		exit(7);		/* not reached */
	}
	status = reap(pid);
	UT_CHECK(WIFSIGNALED(status));
	UT_EQ(SIGPIPE, WTERMSIG(status));
	close(fds[1]);
	/* A writer blocked on a full pipe when the reader goes: it
	 * reports what it wrote, then its next write is EPIPE. */
	UT_EQ(0, pipe(fds));
	pid = fork();
	if (pid == 0) {
		static char big[8192];
		int r, r2;

		close(fds[0]);
		set_action(SIGPIPE, SIG_IGN);
		r = write(fds[1], big, sizeof(big));
		r2 = write(fds[1], big, 1);
		exit(r == 4096 && r2 == -1 && errno == EPIPE ? 0 : 1);
	}
	close(fds[1]);
	{
		int n = 0, i;

		for (i = 0; i < 100000 && n < 4096; i++) {
			yield();
			UT_EQ(0, ioctl(fds[0], FIONREAD, &n));
		}
		UT_EQ(4096, n);			/* full: the writer waits */
	}
	close(fds[0]);
	UT_EQ(0, reap(pid));
}

/* Bad descriptors, a full table, dup2 onto itself. */
static void
descriptors(void)
{
	static const int bad[] = { -1, -100, NOFILE, 1000, 0x7fffffff,
	    (int)0x80000000 };
	int fds[2], i, fd, first;
	char c;

	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
		UT_ERR(EBADF, close(bad[i]));
		UT_ERR(EBADF, dup(bad[i]));
		UT_ERR(EBADF, dup2(bad[i], 10));
		UT_ERR(EBADF, dup2(1, bad[i]));
		UT_ERR(EBADF, read(bad[i], &c, 1));
		UT_ERR(EBADF, write(bad[i], "x", 1));
	}
	UT_ERR(EBADF, close(40));		/* possible, but closed */
	UT_ERR(EBADF, dup2(41, 41));
	UT_EQ(1, dup2(1, 1));			/* onto itself */
	UT_EQ(0, pipe(fds));
	UT_EQ(3, fds[0]);			/* the lowest free ones */
	UT_EQ(4, fds[1]);
	UT_ERR(EBADF, write(fds[0], "x", 1));	/* the wrong ends */
	UT_ERR(EBADF, read(fds[1], &c, 1));
	/* Fill the table. */
	for (fd = 5; fd < NOFILE; fd++)
		UT_EQ(fd, dup(fds[0]));
	UT_ERR(EMFILE, dup(fds[0]));
	UT_ERR(EMFILE, pipe(fds));
	UT_EQ(NOFILE - 1, dup2(fds[1], NOFILE - 1));	/* still works */
	UT_EQ(1, write(NOFILE - 1, "w", 1));
	for (fd = 3; fd < NOFILE; fd++)
		UT_EQ(0, close(fd));
	/* A pipe whose numbers cannot be copied out leaks nothing. */
	UT_ERR(EFAULT, pipe((int *)0));
	UT_ERR(EFAULT, pipe((int *)0x100000));
	UT_EQ(0, pipe(fds));
	first = fds[0];
	UT_EQ(3, first);
	/* Bad buffers and counts. */
	UT_ERR(EFAULT, write(fds[1], (void *)0, 1));
	UT_ERR(EFAULT, write(fds[1], (void *)0xc0000000, 1));
	UT_ERR(EINVAL, write(fds[1], "x", 0x80000000u));
	UT_ERR(EFAULT, write(fds[1], "x", 0x7fffffff));
	UT_EQ(2, write(fds[1], "ok", 2));
	UT_ERR(EFAULT, read(fds[0], (void *)0x100000, 2));
	UT_ERR(EFAULT, read(fds[0], (void *)0xbffffffe, 100));
	UT_EQ(0, write(fds[1], "x", 0));	/* nothing: no wait either */
	UT_EQ(0, read(fds[0], &c, 0));
	close(fds[0]);
	close(fds[1]);
}

int
main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	ut_name = "pipe";
	descriptors();
	many_writers();
	end_after_last_writer();
	no_reader();
	return ut_status();
}
