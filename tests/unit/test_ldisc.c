/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The line discipline (src/kern/ldisc.c) on the host: characters typed
 * one at a time, then what a read returns and what was echoed.  Every
 * control character of the chapter's table, the line and queue limits,
 * one line per read, raw mode, and switching modes with input pending.
 */
#include <string.h>

#include "check.h"
#include "kernel_errno.h"
#include "kern/ldisc.h"
#include "suites.h"

static struct ldisc ld;
static char echo[1 << 14];		/* everything echoed since reset */
static int events;			/* LD_* bits of every input */

static void
reset(unsigned mode)
{
	ldisc_init(&ld);
	CU_ASSERT_EQUAL(ld.ld_lflag, TTY_ICANON | TTY_ECHO | TTY_ISIG);
	ldisc_setmode(&ld, mode);
	echo[0] = '\0';
	events = 0;
}

/* Type the N bytes of S; collect the echo and the events. */
static void
typen(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		events |= ldisc_input(&ld, (unsigned char)s[i]);
		CU_ASSERT(strlen(echo) + ld.ld_echolen < sizeof(echo));
		strncat(echo, ld.ld_echo, ld.ld_echolen);
		ld.ld_echolen = 0;
	}
}

static void
type(const char *s)
{
	typen(s, strlen(s));
}

/* Read with a buffer of N: the bytes as a string, or "<block>", or
 * "<eof>". */
static const char *
rd(unsigned n)
{
	static char buf[2048];
	int r;

	memset(buf, 0, sizeof(buf));
	r = ldisc_read(&ld, buf, n);
	if (r == -EWOULDBLOCK)
		return "<block>";
	if (r == 0)
		return "<eof>";
	CU_ASSERT(r > 0 && (unsigned)r <= n);
	buf[r] = '\0';
	return buf;
}

#define EXPECT_READ(n, want) do {					\
	const char *got_ = rd(n);					\
	CHECK_MSG(strcmp(got_, (want)) == 0, __LINE__,			\
	    "read(%u): \"%s\", expected \"%s\"", (unsigned)(n), got_,	\
	    (want));							\
} while (0)

#define EXPECT_ECHO(want) do {						\
	CHECK_MSG(strcmp(echo, (want)) == 0, __LINE__,			\
	    "echo \"%s\", expected \"%s\"", echo, (want));		\
	echo[0] = '\0';							\
} while (0)

static void
test_ldisc_line_waits_for_enter(void)
{
	reset(TTY_DEFAULT);
	type("hello");
	EXPECT_READ(100, "<block>");		/* no line yet */
	CU_ASSERT_EQUAL(ldisc_nread(&ld), 0);
	CU_ASSERT_EQUAL(events & LD_READABLE, 0);
	type("\r");				/* Enter sends \r: a \n */
	CU_ASSERT(events & LD_READABLE);
	EXPECT_ECHO("hello\n");
	CU_ASSERT_EQUAL(ldisc_nread(&ld), 6);
	EXPECT_READ(100, "hello\n");
	EXPECT_READ(100, "<block>");
	type("x\n");
	EXPECT_READ(100, "x\n");
}

static void
test_ldisc_one_line_per_read_and_short_buffers(void)
{
	reset(TTY_DEFAULT);
	type("one\ntwo\nthree");
	EXPECT_READ(100, "one\n");		/* not "one\ntwo\n" */
	EXPECT_READ(2, "tw");			/* the start of a line ... */
	EXPECT_READ(100, "o\n");		/* ... and its rest */
	EXPECT_READ(100, "<block>");		/* "three" is still typed */
	type("\n");
	EXPECT_READ(100, "three\n");
}

static void
test_ldisc_erase(void)
{
	reset(TTY_DEFAULT);
	type("abd\x7f");			/* Delete */
	EXPECT_ECHO("abd\b \b");
	type("\bc\n");				/* Backspace erases too */
	EXPECT_ECHO("\b \bc\n");
	EXPECT_READ(100, "ac\n");
	/* Erasing on an empty line does nothing, echoes nothing. */
	type("\x7f\x7f\b");
	EXPECT_ECHO("");
	/* A control character echoes as ^X and erases as two columns. */
	type("a\x01");
	EXPECT_ECHO("a^A");
	type("\x7f");
	EXPECT_ECHO("\b \b\b \b");
	type("\n");
	EXPECT_READ(100, "a\n");
}

static void
test_ldisc_kill_line(void)
{
	reset(TTY_DEFAULT);
	type("first\n");
	type("oops\x02");
	echo[0] = '\0';
	type("\x15");				/* ^U */
	/* four columns of "oops" and two of ^B, each erased */
	EXPECT_ECHO("\b \b\b \b\b \b\b \b\b \b\b \b");
	type("good\n");
	EXPECT_READ(100, "first\n");		/* a finished line stays */
	EXPECT_READ(100, "good\n");
}

static void
test_ldisc_eof(void)
{
	reset(TTY_DEFAULT);
	type("\x04");				/* ^D on an empty line */
	CU_ASSERT(events & LD_READABLE);
	EXPECT_ECHO("");			/* ^D echoes nothing */
	EXPECT_READ(100, "<eof>");
	EXPECT_READ(100, "<block>");		/* one end per ^D */
	/* On a typed line, ^D sends it without a newline. */
	type("abc\x04");
	EXPECT_READ(100, "abc");
	EXPECT_READ(100, "<block>");
	/* Twice: the line, then the end. */
	type("xy\x04\x04");
	EXPECT_READ(100, "xy");
	EXPECT_READ(100, "<eof>");
	/* A short buffer stops before the mark, which is then read. */
	type("pq\x04");
	EXPECT_READ(2, "pq");
	EXPECT_READ(100, "<eof>");
}

static void
test_ldisc_signals(void)
{
	reset(TTY_DEFAULT);
	type("done\nhalf");
	events = 0;
	type("\x03");				/* ^C */
	CU_ASSERT_EQUAL(events, LD_SIGINT);
	EXPECT_ECHO("done\nhalf^C\n");
	EXPECT_READ(100, "<block>");		/* line and queue flushed */
	CU_ASSERT_EQUAL(ldisc_nread(&ld), 0);
	events = 0;
	type("\x1c");				/* ^\ */
	CU_ASSERT_EQUAL(events, LD_SIGQUIT);
	EXPECT_ECHO("^\\\n");
	/* Without TTY_ISIG they are characters like the others. */
	reset(TTY_ICANON | TTY_ECHO);
	type("a\x03\x1c\n");
	CU_ASSERT_EQUAL(events, LD_READABLE);
	EXPECT_ECHO("a^C^\\\n");
	EXPECT_READ(100, "a\x03\x1c\n");
	/* In raw mode with TTY_ISIG, ^C still signals. */
	reset(TTY_ISIG);
	type("z\x03");
	CU_ASSERT(events & LD_SIGINT);
	EXPECT_READ(100, "<block>");
}

static void
test_ldisc_line_limit(void)
{
	char line[TTY_MAXLINE + 10];
	unsigned i;

	reset(TTY_ICANON | TTY_ECHO);
	for (i = 0; i < sizeof(line); i++)
		line[i] = (char)('a' + i % 26);
	typen(line, TTY_MAXLINE - 1);		/* 255: fits */
	CU_ASSERT_EQUAL(strchr(echo, '\a'), NULL);
	CU_ASSERT_EQUAL(strlen(echo), TTY_MAXLINE - 1);
	echo[0] = '\0';
	type("XYZ");				/* no room: three bells */
	EXPECT_ECHO("\a\a\a");
	type("\x7f");				/* erasing makes room */
	type("!\n");
	line[TTY_MAXLINE - 2] = '!';
	line[TTY_MAXLINE - 1] = '\n';
	line[TTY_MAXLINE] = '\0';
	EXPECT_READ(sizeof(line), line);
}

static void
test_ldisc_queue_limit(void)
{
	char line[200], whole[201], want[40];
	unsigned i, room;

	reset(TTY_ICANON | TTY_ECHO);
	memset(line, 'q', sizeof(line));
	line[sizeof(line) - 1] = '\n';
	for (i = 0; i < TTY_INQ / sizeof(line); i++)
		typen(line, sizeof(line));
	CU_ASSERT_EQUAL(ld.ld_count, TTY_INQ / sizeof(line) * sizeof(line));
	CU_ASSERT_EQUAL(strchr(echo, '\a'), NULL);
	/* The next line gets what the queue can hold with its end; the
	 * rest rings the bell, and Enter commits exactly what was kept. */
	room = TTY_INQ - ld.ld_count - 1;
	echo[0] = '\0';
	typen(line, room + 7);
	CU_ASSERT_EQUAL(ld.ld_linelen, room);
	CU_ASSERT_EQUAL(strlen(echo), room + 7);
	CU_ASSERT_EQUAL(strspn(echo, "q"), room);
	CU_ASSERT_EQUAL(strspn(echo + room, "\a"), 7);
	type("\n");
	CU_ASSERT_EQUAL(ld.ld_count, TTY_INQ);	/* exactly full */
	/* Full: a character rings, and so does an Enter with nothing to
	 * commit room for. */
	echo[0] = '\0';
	type("w\n");
	EXPECT_ECHO("\a\a");
	for (i = 0; i < TTY_INQ / sizeof(line); i++) {
		memcpy(whole, line, sizeof(line));	/* ends in \n */
		whole[sizeof(line)] = '\0';
		EXPECT_READ(sizeof(line) + 1, whole);
	}
	memset(want, 'q', room);
	want[room] = '\n';
	want[room + 1] = '\0';
	CU_ASSERT(room + 2 <= sizeof(want));
	EXPECT_READ(sizeof(line), want);
	EXPECT_READ(sizeof(line), "<block>");
	/* A full raw queue drops what comes. */
	reset(0);
	for (i = 0; i < TTY_INQ + 5; i++)
		typen("r", 1);
	CU_ASSERT_EQUAL(ld.ld_count, TTY_INQ);
	CU_ASSERT_EQUAL(ldisc_nread(&ld), TTY_INQ);
}

static void
test_ldisc_raw(void)
{
	reset(TTY_ECHO);
	type("a");
	CU_ASSERT(events & LD_READABLE);
	EXPECT_READ(100, "a");			/* at once, no Enter */
	type("b\x7f\x15\x04\r");		/* no editing, no ^D, no \r->\n */
	EXPECT_ECHO("ab\x7f\x15\x04\r");	/* echoed as they are */
	EXPECT_READ(3, "b\x7f\x15");
	EXPECT_READ(100, "\x04\r");
	EXPECT_READ(100, "<block>");
	/* Echo off. */
	reset(0);
	type("secret\n");
	EXPECT_ECHO("");
	EXPECT_READ(100, "secret\n");
}

static void
test_ldisc_mode_switches(void)
{
	reset(TTY_DEFAULT);
	type("line\npart");
	/* To raw: the half-typed line is input now; the finished one too. */
	CU_ASSERT_EQUAL(ldisc_setmode(&ld, TTY_ECHO), LD_READABLE);
	EXPECT_READ(100, "line\npart");
	type("xy");
	/* Back to canonical: "xy" starts the next line, not readable yet. */
	CU_ASSERT_EQUAL(ldisc_setmode(&ld, TTY_DEFAULT), 0);
	EXPECT_READ(100, "<block>");
	type("z\n");
	EXPECT_READ(100, "xyz\n");
	/* A ^D mark left in the queue is skipped by a raw read. */
	type("k\x04");
	ldisc_setmode(&ld, 0);
	EXPECT_READ(100, "k");
	CU_ASSERT_EQUAL(ld.ld_count, 0);
	/* Mode bits beyond the three are not kept. */
	ldisc_setmode(&ld, 0xff00 | TTY_ECHO);
	CU_ASSERT_EQUAL(ld.ld_lflag, TTY_ECHO);
}

static const struct unit_test ldisc_tests[] = {
	{ "ldisc_line_waits_for_enter", test_ldisc_line_waits_for_enter },
	{ "ldisc_one_line_per_read_and_short_buffers",
	    test_ldisc_one_line_per_read_and_short_buffers },
	{ "ldisc_erase", test_ldisc_erase },
	{ "ldisc_kill_line", test_ldisc_kill_line },
	{ "ldisc_eof", test_ldisc_eof },
	{ "ldisc_signals", test_ldisc_signals },
	{ "ldisc_line_limit", test_ldisc_line_limit },
	{ "ldisc_queue_limit", test_ldisc_queue_limit },
	{ "ldisc_raw", test_ldisc_raw },
	{ "ldisc_mode_switches", test_ldisc_mode_switches },
	{ NULL, NULL }
};

int
add_ldisc_suite(void)
{
	return add_suite("ldisc", ldisc_tests);
}
