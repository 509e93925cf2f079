/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The message buffer of src/kern/msgbuf.c on the host: what was written
 * since a mark comes back whole and in order, across the wrap of the
 * ring and of the 32-bit count; a ring that was lapped gives the newest
 * characters and says how many were written; a small buffer gets a
 * NUL-terminated prefix.  The expected text is generated beside the
 * writes, never typed in.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "kern/msgbuf.h"
#include "suites.h"

static const uint32_t starts[] = {
	0, 12345, UINT32_MAX - 10, UINT32_MAX - MSGBUF_SIZE + 3, UINT32_MAX,
};
#define NSTARTS	(sizeof(starts) / sizeof(starts[0]))

static struct msgbuf mb;
static char want[4 * MSGBUF_SIZE], got[4 * MSGBUF_SIZE];

/* The n-th character of a test's text: printable, position-dependent. */
static char
text_at(uint32_t n)
{
	return (char)('!' + (n * 7 + n / 95) % 94);
}

/* Write count characters, numbered from first; keep them in want. */
static void
write_text(uint32_t first, uint32_t count)
{
	uint32_t i;

	for (i = 0; i < count; i++) {
		want[i] = text_at(first + i);
		msgbuf_putc(&mb, want[i]);
	}
	want[count] = '\0';
}

static void
test_since_a_mark_whole_and_in_order(void)
{
	static const uint32_t counts[] = { 0, 1, 100, MSGBUF_SIZE - 1,
	    MSGBUF_SIZE };
	uint32_t mark, n;
	unsigned s, c;

	for (s = 0; s < NSTARTS; s++)
		for (c = 0; c < sizeof(counts) / sizeof(counts[0]); c++) {
			msgbuf_init(&mb, starts[s]);
			write_text(0, 37);		/* before the mark */
			mark = msgbuf_mark(&mb);
			write_text(1000, counts[c]);
			n = msgbuf_since(&mb, mark, got, sizeof(got));
			CHECK_MSG(n == counts[c], __LINE__, "start %u count %u:"
			    " %u written", starts[s], counts[c], n);
			CHECK_MSG(strcmp(got, want) == 0, __LINE__,
			    "start %u count %u: text differs", starts[s],
			    counts[c]);
		}
}

static void
test_a_lapped_ring_keeps_the_newest(void)
{
	uint32_t mark, n, count = 3 * MSGBUF_SIZE + 17;
	unsigned s;

	for (s = 0; s < NSTARTS; s++) {
		msgbuf_init(&mb, starts[s]);
		mark = msgbuf_mark(&mb);
		write_text(0, count);
		n = msgbuf_since(&mb, mark, got, sizeof(got));
		CHECK_MSG(n == count, __LINE__, "start %u: %u written, said %u",
		    starts[s], count, n);
		CU_ASSERT_EQUAL(strlen(got), MSGBUF_SIZE);
		CHECK_MSG(strcmp(got, want + count - MSGBUF_SIZE) == 0,
		    __LINE__, "start %u: not the newest %d characters",
		    starts[s], MSGBUF_SIZE);
	}
}

static void
test_a_small_buffer_gets_a_prefix(void)
{
	char small[8];
	uint32_t mark, n;

	msgbuf_init(&mb, UINT32_MAX - 2);
	mark = msgbuf_mark(&mb);
	write_text(5, 20);
	n = msgbuf_since(&mb, mark, small, sizeof(small));
	CU_ASSERT_EQUAL(n, 20);
	CU_ASSERT_EQUAL(strlen(small), sizeof(small) - 1);
	CU_ASSERT_EQUAL(memcmp(small, want, sizeof(small) - 1), 0);
	n = msgbuf_since(&mb, mark, small, 1);
	CU_ASSERT_EQUAL(n, 20);
	CU_ASSERT_EQUAL(small[0], '\0');
}

static void
test_oldest_is_the_start_until_lapped(void)
{
	unsigned s;
	uint32_t n;

	for (s = 0; s < NSTARTS; s++) {
		msgbuf_init(&mb, starts[s]);
		CU_ASSERT_EQUAL(msgbuf_oldest(&mb), starts[s]);
		write_text(0, MSGBUF_SIZE);		/* full, not lapped */
		CU_ASSERT_EQUAL(msgbuf_oldest(&mb), starts[s]);
		n = msgbuf_since(&mb, msgbuf_oldest(&mb), got, sizeof(got));
		CU_ASSERT_EQUAL(n, MSGBUF_SIZE);
		CU_ASSERT_EQUAL(strcmp(got, want), 0);
		write_text(7, 100);			/* lapped by 100 */
		CU_ASSERT_EQUAL(msgbuf_oldest(&mb), starts[s] + 100);
		n = msgbuf_since(&mb, msgbuf_oldest(&mb), got, sizeof(got));
		CU_ASSERT_EQUAL(n, MSGBUF_SIZE);
		CU_ASSERT_EQUAL(strlen(got), MSGBUF_SIZE);
		CU_ASSERT_EQUAL(strcmp(got + MSGBUF_SIZE - 100, want), 0);
	}
}

int
add_msgbuf_suite(void)
{
	static const struct unit_test tests[] = {
		{ "since_a_mark_whole_and_in_order",
		    test_since_a_mark_whole_and_in_order },
		{ "a_lapped_ring_keeps_the_newest",
		    test_a_lapped_ring_keeps_the_newest },
		{ "a_small_buffer_gets_a_prefix",
		    test_a_small_buffer_gets_a_prefix },
		{ "oldest_is_the_start_until_lapped",
		    test_oldest_is_the_start_until_lapped },
		{ NULL, NULL },
	};

	return add_suite("msgbuf", tests);
}
