/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The boot archive's ustar parser, src/kern/archive.c
 * (book/27-exec.nw): archives are made here in memory, with the rules
 * of mkarchive (and a long name split into prefix and name, as tar
 * writes it), then walked and searched; damaged ones are refused.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kern/archive.h"
#include "kerrno.h"
#include "suites.h"

static unsigned char ar[16 * 512];	/* the archive being made */
static size_t ar_len;

/* Append a member: PREFIX (may be "") / NAME, TYPE, SIZE bytes of C. */
static void
add(const char *prefix, const char *name, char type, unsigned size, int c)
{
	unsigned char *h = ar + ar_len;

	memset(h, 0, 512);
	memcpy(h, name, strlen(name));
	memcpy(h + 345, prefix, strlen(prefix));
	snprintf((char *)h + 124, 12, "%011o", size);
	h[156] = (unsigned char)type;
	memcpy(h + 257, "ustar", 6);
	ar_len += 512;
	memset(ar + ar_len, c, size);
	ar_len += (size + 511) / 512 * 512;
}

/* An archive of three files and a directory, then the end. */
static void
make_archive(void)
{
	memset(ar, 0, sizeof(ar));
	ar_len = 0;
	add("", "sbin/init", '0', 700, 'i');
	add("", "bin", '5', 0, 0);
	add("", "bin/sh", '0', 512, 's');
	add("a_directory_with_a_rather_long_name_that_pushes_the_path_past_"
	    "the_hundred_bytes_of_the_name_field", "and_then_a_file", '\0',
	    3, 'x');
	ar_len += 1024;				/* two zero blocks */
}

static void
test_walk_sees_every_member(void)
{
	struct archive_file af;
	char name[ARCHIVE_PATHMAX];
	size_t off = 0;
	int n = 0;

	make_archive();
	while (archive_next(ar, ar_len, &off, &af, name) == 1) {
		n++;
		if (n == 1) {
			CU_ASSERT_STRING_EQUAL(af.af_name, "sbin/init");
			CU_ASSERT_EQUAL(af.af_size, 700);
			CU_ASSERT_EQUAL(((const char *)af.af_data)[699], 'i');
			CU_ASSERT_EQUAL(af.af_type, '0');
		}
		if (n == 2)
			CU_ASSERT_EQUAL(af.af_type, '5');
		if (n == 4) {
			CU_ASSERT_EQUAL(strlen(af.af_name), 97 + 1 + 15);
			CU_ASSERT_EQUAL(af.af_type, '0');	/* NUL: a file */
		}
	}
	CU_ASSERT_EQUAL(n, 4);
}

static void
test_lookup_finds_by_any_spelling(void)
{
	struct archive_file af;
	char name[ARCHIVE_PATHMAX];

	make_archive();
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "/bin/sh", &af, name), 0);
	CU_ASSERT_EQUAL(af.af_size, 512);
	CU_ASSERT_EQUAL(((const char *)af.af_data)[0], 's');
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "bin/sh", &af, name), 0);
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "./bin/sh", &af, name), 0);
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "//sbin/init", &af, name),
	    0);
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "/bin/s", &af, name),
	    -ENOENT);
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "/bin", &af, name),
	    -ENOENT);				/* a directory is no file */
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "", &af, name), -ENOENT);
}

static void
test_damage_is_refused(void)
{
	struct archive_file af;
	char name[ARCHIVE_PATHMAX];
	size_t off;

	make_archive();
	memcpy(ar + 124, "00000100000", 11);	/* 32 KiB: past the end */
	off = 0;
	CU_ASSERT_EQUAL(archive_next(ar, ar_len, &off, &af, name), -EINVAL);
	make_archive();
	memcpy(ar + 124, "77777777777", 11);	/* more than 32 bits */
	off = 0;
	CU_ASSERT_EQUAL(archive_next(ar, ar_len, &off, &af, name), -EINVAL);
	make_archive();
	memcpy(ar + 124, "00000001x00", 11);	/* not octal */
	off = 0;
	CU_ASSERT_EQUAL(archive_next(ar, ar_len, &off, &af, name), -EINVAL);
	make_archive();
	memcpy(ar + 257, "ustor", 5);		/* bad magic */
	CU_ASSERT_EQUAL(archive_lookup(ar, ar_len, "/bin/sh", &af, name),
	    -EINVAL);
	make_archive();				/* truncated header */
	off = 0;
	CU_ASSERT_EQUAL(archive_next(ar, 300, &off, &af, name), -EINVAL);
	off = 0;				/* empty: the end */
	CU_ASSERT_EQUAL(archive_next(ar, 0, &off, &af, name), 0);
	/* the data runs past the end of a cut archive */
	make_archive();
	off = 0;
	CU_ASSERT_EQUAL(archive_next(ar, 512 + 512, &off, &af, name),
	    -EINVAL);
	CU_ASSERT_EQUAL(archive_lookup(ar, 512 + 512, "/bin/sh", &af, name),
	    -EINVAL);
}

int
add_archive_suite(void)
{
	static const struct unit_test tests[] = {
		{ "walk_sees_every_member", test_walk_sees_every_member },
		{ "lookup_finds_by_any_spelling",
		    test_lookup_finds_by_any_spelling },
		{ "damage_is_refused", test_damage_is_refused },
		{ NULL, NULL },
	};

	return add_suite("archive", tests);
}
