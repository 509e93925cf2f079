/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * wc's counting (book/35-shell.nw) on the host: for each text, the
 * counts must be those of a plain count over the whole text, made here,
 * whichever way the text is cut into reads (every single cut, and
 * byte by byte).
 */
#include <ctype.h>
#include <string.h>

#include "check.h"
#include "suites.h"
#include "../../user/bin/wc/wc.h"

/* The counts of TEXT, the obvious way: a whole string at once. */
static void
reference(const char *text, size_t n, unsigned long *l, unsigned long *w)
{
	size_t i;

	*l = *w = 0;
	for (i = 0; i < n; i++) {
		if (text[i] == '\n')
			(*l)++;
		if (!isspace((unsigned char)text[i]) &&
		    (i == 0 || isspace((unsigned char)text[i - 1])))
			(*w)++;
	}
}

static const char *const texts[] = { "", "hello\n", "hello world\n",
    "  two  words  ", "no newline", "\n\n\n", "tab\tsep\vvt\fff\rcr\n",
    "a", " a", "a ", "one\ntwo three\n  four\n", "\xff\xfe bytes \x01\n" };

static void
check_split(const char *text, size_t cut, int bytewise)
{
	struct wc_counts c;
	unsigned long l, w;
	size_t n = strlen(text), i;

	memset(&c, 0, sizeof(c));
	if (bytewise) {
		for (i = 0; i < n; i++)
			wc_count(&c, text + i, 1);
	} else {
		wc_count(&c, text, cut);
		wc_count(&c, text + cut, n - cut);
	}
	reference(text, n, &l, &w);
	CHECK_MSG(c.lines == l && c.words == w && c.bytes == n, __LINE__,
	    "\"%s\" cut at %zu%s: %lu %lu %lu, want %lu %lu %zu", text, cut,
	    bytewise ? " (bytewise)" : "", c.lines, c.words, c.bytes, l, w, n);
}

static void
test_counts_do_not_depend_on_the_reads(void)
{
	unsigned i;
	size_t cut;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		for (cut = 0; cut <= strlen(texts[i]); cut++)
			check_split(texts[i], cut, 0);
		check_split(texts[i], 0, 1);
	}
}

static void
test_echo_hello_is_one_line_one_word_six_bytes(void)
{
	struct wc_counts c;

	memset(&c, 0, sizeof(c));
	wc_count(&c, "hello\n", 6);
	CU_ASSERT_EQUAL(c.lines, 1);
	CU_ASSERT_EQUAL(c.words, 1);
	CU_ASSERT_EQUAL(c.bytes, 6);
}

int
add_wc_count_suite(void)
{
	static const struct unit_test tests[] = {
		{ "counts_do_not_depend_on_the_reads",
		    test_counts_do_not_depend_on_the_reads },
		{ "echo_hello_is_one_line_one_word_six_bytes",
		    test_echo_hello_is_one_line_one_word_six_bytes },
		{ NULL, NULL }
	};

	return add_suite("wc_count", tests);
}
