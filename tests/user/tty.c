/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/tty: the console terminal (book/32-tty.nw), typed into with
 * TIOCSTI (the serial line itself is the grader's).  Without argument:
 * edited lines read from descriptor 0, ^D as the end, raw mode and echo
 * through ioctl, FIONREAD, tcsetpgrp's refusals.  "sigint": ^C kills
 * the foreground process group, both of its processes, and no other.
 */
#include <sys/ioctl.h>

#include "ut.h"

#define EBADF		9
#define EINVAL		22
#define ENOTTY		25
#define EPERM		1
#define SIGINT		2
#define SIGKILL		9
#define WNOHANG		1
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0)
#define WTERMSIG(s)	((s) & 0x7f)

/* Type S on the console, as if at the keyboard. */
static void
type(const char *s)
{
	for (; *s != '\0'; s++)
		UT_EQ(0, ioctl(0, TIOCSTI, (void *)s));
}

/* Read from the console: the bytes, terminated, in BUF; the count. */
static int
rd(char *buf, int n)
{
	int r = read(0, buf, (unsigned)n);

	buf[r > 0 ? r : 0] = '\0';
	return r;
}

/* Lines, erase, kill, the end, a short buffer. */
static void
canonical(void)
{
	struct tty_mode quiet = { TTY_ICANON | TTY_ISIG }, normal;
	char buf[300];
	int n = -1;

	/* Without echo: the console is also the test's report, whose
	 * lines must stay whole (the echo is tested in the kernel). */
	UT_EQ(0, ioctl(0, TIOCGMODE, &normal));
	UT_EQ(0, ioctl(0, TIOCSMODE, &quiet));
	type("ab\x7f" "c\r");
	UT_EQ(3, rd(buf, 100));
	UT_CHECK(ut_streq(buf, "ac\n"));
	type("junk\x15" "good\n" "next\n");
	UT_EQ(0, ioctl(0, FIONREAD, &n));
	UT_EQ(10, n);
	UT_EQ(5, rd(buf, 100));		/* one line per read */
	UT_CHECK(ut_streq(buf, "good\n"));
	UT_EQ(2, rd(buf, 2));		/* a short buffer */
	UT_CHECK(ut_streq(buf, "ne"));
	UT_EQ(3, rd(buf, 100));
	UT_CHECK(ut_streq(buf, "xt\n"));
	type("\x04");			/* ^D on an empty line */
	UT_EQ(0, rd(buf, 100));
	type("half\x04");		/* on a typed one */
	UT_EQ(4, rd(buf, 100));
	UT_CHECK(ut_streq(buf, "half"));
	UT_EQ(0, ioctl(0, TIOCSMODE, &normal));
}

/* Raw mode and echo off, through the mode requests. */
static void
raw(void)
{
	struct tty_mode m, saved;
	char buf[16];

	UT_EQ(0, ioctl(0, TIOCGMODE, &saved));
	UT_EQ(TTY_DEFAULT, saved.tm_lflag);
	m.tm_lflag = TTY_ISIG;			/* raw, no echo */
	UT_EQ(0, ioctl(0, TIOCSMODE, &m));
	UT_EQ(0, ioctl(0, TIOCGMODE, &m));
	UT_EQ(TTY_ISIG, m.tm_lflag);
	type("x\x7f");				/* no editing, no Enter */
	UT_EQ(2, rd(buf, 16));
	UT_CHECK(buf[0] == 'x' && buf[1] == 0x7f);
	m.tm_lflag = 0x100;			/* not a mode bit */
	UT_ERR(EINVAL, ioctl(0, TIOCSMODE, &m));
	UT_EQ(0, ioctl(0, TIOCSMODE, &saved));
	UT_ERR(ENOTTY, ioctl(0, 0, 0));		/* not a request */
	UT_ERR(ENOTTY, ioctl(0, 0x7fffffff, 0));
}

/* tcsetpgrp's refusals, and what it accepts. */
static void
pgrp(void)
{
	int fds[2], g = -1;

	UT_EQ(0, setpgid(0, 0));
	UT_EQ(0, pipe(fds));
	UT_ERR(ENOTTY, tcsetpgrp(fds[0], getpid()));
	UT_ERR(EBADF, tcsetpgrp(60, getpid()));
	UT_ERR(EINVAL, tcsetpgrp(0, 0));
	UT_ERR(EINVAL, tcsetpgrp(0, -5));
	UT_ERR(EPERM, tcsetpgrp(0, 99998));	/* no such group */
	UT_EQ(0, tcsetpgrp(0, getpid()));
	UT_EQ(0, ioctl(0, TIOCGPGRP, &g));
	UT_EQ(getpid(), g);
	UT_ERR(ENOTTY, ioctl(fds[1], TIOCGPGRP, &g));
	close(fds[0]);
	close(fds[1]);
}

/* A child in group PGID (0: its own) that waits on FD forever. */
static int
waiter(int pgid, int fd)
{
	char c;
	int pid = fork();

	if (pid == 0) {
		setpgid(0, pgid);
		read(fd, &c, 1);	/* nothing comes */
		exit(3);
	}
	setpgid(pid, pgid == 0 ? pid : pgid);	/* as a shell does */
	return pid;
}

/* ^C: SIGINT to both processes of the foreground group, not to the
 * other group's, nor to us. */
static void
sigint(void)
{
	int fds[2], a1, a2, b, status, i;

	UT_EQ(0, setpgid(0, 0));		/* our own group */
	UT_EQ(0, pipe(fds));
	a1 = waiter(0, fds[0]);
	a2 = waiter(a1, fds[0]);
	b = waiter(0, fds[0]);
	UT_EQ(a1, getpgid(a2));
	UT_EQ(b, getpgid(b));
	UT_EQ(0, tcsetpgrp(0, a1));
	for (i = 0; i < 20; i++)		/* let them block (or not) */
		yield();
	type("\x03");
	UT_EQ(a1, wait4(a1, &status, 0, 0));
	UT_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
	UT_EQ(a2, wait4(a2, &status, 0, 0));
	UT_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
	UT_EQ(0, wait4(b, &status, WNOHANG, 0));	/* still there */
	UT_EQ(0, kill(b, SIGKILL));
	UT_EQ(b, wait4(b, &status, 0, 0));
	UT_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	UT_EQ(0, tcsetpgrp(0, getpid()));
	close(fds[0]);
	close(fds[1]);
}

int
main(int argc, char **argv)
{
	ut_name = "tty";
	if (argc > 1 && ut_streq(argv[1], "sigint")) {
		sigint();
		return ut_status();
	}
	canonical();
	raw();
	pgrp();
	return ut_status();
}
