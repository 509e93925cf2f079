/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The user C library's stdio (book/34-libc.nw) over fake read and write
 * calls (ulib_fake.c): when a buffer is written out (a line of stdout is
 * one write; stderr once per call), writes that are partial, interrupted
 * or failing, formatting through the kernel's kvcprintf, and reading
 * lines across reads, past the end and through a signal.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "suites.h"

static int host_snprintf_same(const char *got, size_t len, const char *fmt,
    long a, const char *b)
{
	char want[256];
	int n = snprintf(want, sizeof(want), fmt, a, b);

	return (size_t)n == len && memcmp(want, got, len) == 0;
}
static int host_memeq(const void *a, const char *b, size_t n)
{
	return strlen(b) == n && memcmp(a, b, n) == 0;
}
static size_t host_strlen(const char *s) { return strlen(s); }

#include "ulib.h"

#define OUT_IS(fd, text) CHECK_MSG(host_memeq(fake_fd[fd].data, (text), \
	fake_fd[fd].len), __LINE__, "fd %d holds \"%.*s\", not \"%s\"", fd, \
	(int)fake_fd[fd].len, fake_fd[fd].data, (text))

/* Every test starts with empty fake outputs and empty stdio buffers. */
static void
start(void)
{
	fflush(NULL);
	clearerr(stdout);
	clearerr(stderr);
	fake_out_reset();
}

static void
test_a_line_of_stdout_is_one_write(void)
{
	start();
	CU_ASSERT_EQUAL(printf("%d apples", 3), 8);
	CU_ASSERT_EQUAL(fake_fd[1].writes, 0);	/* no newline yet */
	CU_ASSERT_EQUAL(printf(" and %s\n", "pears"), 11);
	CU_ASSERT_EQUAL(fake_fd[1].writes, 1);
	OUT_IS(1, "3 apples and pears\n");
	CU_ASSERT_EQUAL(puts("x"), 0);
	CU_ASSERT_EQUAL(putchar('y'), 'y');
	CU_ASSERT_EQUAL(fputs("z\n", stdout), 0);
	CU_ASSERT_EQUAL(fake_fd[1].writes, 3);
	OUT_IS(1, "3 apples and pears\nx\nyz\n");
}

static void
test_a_full_buffer_is_written_without_a_newline(void)
{
	int i;

	start();
	for (i = 0; i < BUFSIZ + 10; i++)
		putchar('a' + i % 26);
	CU_ASSERT_EQUAL(fake_fd[1].writes, 1);
	CU_ASSERT_EQUAL(fake_fd[1].len, BUFSIZ);
	CU_ASSERT_EQUAL(fflush(stdout), 0);
	CU_ASSERT_EQUAL(fake_fd[1].writes, 2);
	CU_ASSERT_EQUAL(fake_fd[1].len, BUFSIZ + 10);
	for (i = 0; i < BUFSIZ + 10; i++)
		CHECK_MSG(fake_fd[1].data[i] == 'a' + i % 26, __LINE__,
		    "byte %d", i);
}

static void
test_stderr_is_written_once_per_call(void)
{
	start();
	CU_ASSERT_EQUAL(fprintf(stderr, "x=%d, ", 5), 5);
	CU_ASSERT_EQUAL(fake_fd[2].writes, 1);
	CU_ASSERT_EQUAL(fputs("no newline", stderr), 0);
	CU_ASSERT_EQUAL(fake_fd[2].writes, 2);
	CU_ASSERT_EQUAL(fputc('!', stderr), '!');
	CU_ASSERT_EQUAL(fake_fd[2].writes, 3);
	OUT_IS(2, "x=5, no newline!");
	CU_ASSERT_EQUAL(fake_fd[1].writes, 0);
}

static void
test_partial_and_interrupted_writes_are_continued(void)
{
	start();
	fake_fd[1].max_per_write = 3;
	fake_fd[1].eintr_once = 1;
	CU_ASSERT_EQUAL(printf("%s|%d\n", "abcdefgh", -12345), 16);
	OUT_IS(1, "abcdefgh|-12345\n");
	CU_ASSERT_EQUAL(fake_fd[1].writes, 7);	/* EINTR, then 6 of 3 */
}

static void
test_a_failed_write_is_reported_and_dropped(void)
{
	start();
	fake_fd[1].fail = EIO;
	CU_ASSERT_EQUAL(printf("lost\n"), -1);
	CU_ASSERT(ferror(stdout));
	CU_ASSERT_EQUAL(errno, EIO);
	CU_ASSERT_EQUAL(puts("lost too"), EOF);
	fake_fd[1].fail = 0;
	clearerr(stdout);
	CU_ASSERT(!ferror(stdout));
	CU_ASSERT_EQUAL(printf("kept\n"), 5);
	OUT_IS(1, "kept\n");		/* the failed bytes are gone */
	CU_ASSERT_EQUAL(fputc('x', stdin), EOF);	/* stdin is for input */
	CU_ASSERT(ferror(stdin));
	clearerr(stdin);
}

static void
test_printf_formats_like_the_host(void)
{
	static const char *const fmts[] = { "%ld|%s", "%-6ld|%8s|",
	    "%06ld %s", "%lx %-3s|", "%lu%%%s" };
	char buf[64];
	unsigned i;
	int n;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		start();
		n = printf(fmts[i], -42L, "naiad");
		fflush(stdout);
		CHECK_MSG(n >= 0 && (size_t)n == fake_fd[1].len &&
		    host_snprintf_same(fake_fd[1].data, fake_fd[1].len, fmts[i],
		    -42L, "naiad"), __LINE__, "printf(\"%s\")", fmts[i]);
		n = snprintf(buf, sizeof(buf), fmts[i], 7L, "x");
		CHECK_MSG(n >= 0 && host_snprintf_same(buf, host_strlen(buf),
		    fmts[i], 7L, "x"), __LINE__, "snprintf(\"%s\")", fmts[i]);
	}
	CU_ASSERT_EQUAL(snprintf(buf, 4, "%s", "abcdef"), 6);	/* cut */
	CU_ASSERT(host_memeq(buf, "abc", host_strlen(buf)));
}

/* Read stdin to its end, so the next test starts with an empty buffer. */
static void
drain_stdin(void)
{
	while (!feof(stdin)) {
		if (fgetc(stdin) == EOF && ferror(stdin))
			clearerr(stdin);
	}
	clearerr(stdin);
}

static void
test_fgets_reads_lines_across_reads(void)
{
	static const char *const in[] = { "ech", "o hi\nwc\n", "last" };
	char line[16];

	start();
	fake_in_set(in, 3);
	CU_ASSERT_PTR_EQUAL(fgets(line, sizeof(line), stdin), line);
	CU_ASSERT(host_memeq(line, "echo hi\n", host_strlen(line)));
	CU_ASSERT_PTR_EQUAL(fgets(line, sizeof(line), stdin), line);
	CU_ASSERT(host_memeq(line, "wc\n", host_strlen(line)));
	CU_ASSERT_PTR_EQUAL(fgets(line, sizeof(line), stdin), line);
	CU_ASSERT(host_memeq(line, "last", host_strlen(line)));
	CU_ASSERT(feof(stdin));
	CU_ASSERT_PTR_NULL(fgets(line, sizeof(line), stdin));
	CU_ASSERT_EQUAL(getchar(), EOF);
	drain_stdin();
}

static void
test_a_long_line_comes_in_pieces(void)
{
	static const char *const in[] = { "abcdefghij\n" };
	char line[5];

	start();
	fake_in_set(in, 1);
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), stdin));
	CU_ASSERT(host_memeq(line, "abcd", host_strlen(line)));
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), stdin));
	CU_ASSERT(host_memeq(line, "efgh", host_strlen(line)));
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), stdin));
	CU_ASSERT(host_memeq(line, "ij\n", host_strlen(line)));
	drain_stdin();
}

static void
test_a_signal_while_reading_is_an_error_to_clear(void)
{
	static const char *const in[] = { NULL, "after\n" };
	char line[16];

	start();
	fake_in_set(in, 2);
	errno = 0;
	CU_ASSERT_PTR_NULL(fgets(line, sizeof(line), stdin));
	CU_ASSERT(ferror(stdin));
	CU_ASSERT(!feof(stdin));
	CU_ASSERT_EQUAL(errno, EINTR);
	clearerr(stdin);
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), stdin));
	CU_ASSERT(host_memeq(line, "after\n", host_strlen(line)));
	drain_stdin();
}

static void
test_reading_stdin_writes_the_prompt_first(void)
{
	static const char *const in[] = { "ls\n" };

	start();
	fake_in_set(in, 1);
	printf("$ ");
	CU_ASSERT_EQUAL(fake_fd[1].len, 0);
	CU_ASSERT_EQUAL(getchar(), 'l');
	OUT_IS(1, "$ ");
	CU_ASSERT_EQUAL(fake_reads, 1);
	drain_stdin();
}

static void
test_perror_names_the_error(void)
{
	start();
	errno = ENOMEM;
	perror("sh");
	OUT_IS(2, "sh: cannot allocate memory\n");
	fake_out_reset();
	errno = 12345;
	perror(NULL);
	OUT_IS(2, "error 12345\n");
}

int
add_ulib_stdio_suite(void)
{
	static const struct unit_test tests[] = {
		{ "a_line_of_stdout_is_one_write",
		    test_a_line_of_stdout_is_one_write },
		{ "a_full_buffer_is_written_without_a_newline",
		    test_a_full_buffer_is_written_without_a_newline },
		{ "stderr_is_written_once_per_call",
		    test_stderr_is_written_once_per_call },
		{ "partial_and_interrupted_writes_are_continued",
		    test_partial_and_interrupted_writes_are_continued },
		{ "a_failed_write_is_reported_and_dropped",
		    test_a_failed_write_is_reported_and_dropped },
		{ "printf_formats_like_the_host",
		    test_printf_formats_like_the_host },
		{ "fgets_reads_lines_across_reads",
		    test_fgets_reads_lines_across_reads },
		{ "a_long_line_comes_in_pieces",
		    test_a_long_line_comes_in_pieces },
		{ "a_signal_while_reading_is_an_error_to_clear",
		    test_a_signal_while_reading_is_an_error_to_clear },
		{ "reading_stdin_writes_the_prompt_first",
		    test_reading_stdin_writes_the_prompt_first },
		{ "perror_names_the_error", test_perror_names_the_error },
		{ NULL, NULL }
	};

	return add_suite("ulib_stdio", tests);
}
