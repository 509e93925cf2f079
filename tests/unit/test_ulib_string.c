/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The user C library's strings, character classes and numbers
 * (book/34-libc.nw) against the host's C library, which is the
 * specification: every case compares the two, nothing is typed in by
 * hand but the inputs.  strlcpy and strlcat, which the host lacks, are
 * checked against their definition.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "suites.h"

/* The host's functions, named before ulib.h renames the plain names. */
static int host_isclass(int which, int c)
{
	switch (which) {
	case 0: return isdigit(c) != 0;
	case 1: return isxdigit(c) != 0;
	case 2: return isalpha(c) != 0;
	case 3: return isalnum(c) != 0;
	case 4: return isspace(c) != 0;
	case 5: return isupper(c) != 0;
	case 6: return islower(c) != 0;
	case 7: return isprint(c) != 0;
	case 8: return toupper(c);
	default: return tolower(c);
	}
}
static long host_strtol(const char *s, char **end, int base, int *err)
{
	long v;

	errno = 0;
	v = strtol(s, end, base);
	*err = errno;
	return v;
}
static unsigned long host_strtoul(const char *s, char **end, int base,
    int *err)
{
	unsigned long v;

	errno = 0;
	v = strtoul(s, end, base);
	*err = errno;
	return v;
}
static size_t host_strlen(const char *s) { return strlen(s); }
static int host_strcmp(const char *a, const char *b) { return strcmp(a, b); }
static int host_strncmp(const char *a, const char *b, size_t n)
{
	return strncmp(a, b, n);
}
static int host_memcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}
static const char *host_strchr(const char *s, int c) { return strchr(s, c); }
static const char *host_strrchr(const char *s, int c) { return strrchr(s, c); }
static const char *host_strstr(const char *h, const char *n)
{
	return strstr(h, n);
}
static void host_memmove(void *d, const void *s, size_t n)
{
	memmove(d, s, n);
}

#include "ulib.h"

static int
sign(int x)
{
	return (x > 0) - (x < 0);
}

static const char *const words[] = { "", "a", "ab", "abc", "abd", "b",
    "\xff", "A", "abc\xff", "hello world" };
#define NWORDS	(sizeof(words) / sizeof(words[0]))

static void
test_compare_like_host(void)
{
	unsigned i, j;
	size_t n;

	for (i = 0; i < NWORDS; i++) {
		CHECK_MSG(strlen(words[i]) == host_strlen(words[i]), __LINE__,
		    "strlen(\"%s\")", words[i]);
		for (j = 0; j < NWORDS; j++) {
			CHECK_MSG(sign(strcmp(words[i], words[j])) ==
			    sign(host_strcmp(words[i], words[j])), __LINE__,
			    "strcmp(\"%s\", \"%s\")", words[i], words[j]);
			for (n = 0; n < 5; n++) {
				CHECK_MSG(sign(strncmp(words[i], words[j], n))
				    == sign(host_strncmp(words[i], words[j], n)),
				    __LINE__, "strncmp(\"%s\", \"%s\", %zu)",
				    words[i], words[j], n);
				if (n <= host_strlen(words[i]) &&
				    n <= host_strlen(words[j]))
					CHECK_MSG(sign(memcmp(words[i], words[j],
					    n)) == sign(host_memcmp(words[i],
					    words[j], n)), __LINE__,
					    "memcmp(\"%s\", \"%s\", %zu)",
					    words[i], words[j], n);
			}
		}
	}
}

static void
test_strnlen_stops_at_max(void)
{
	CU_ASSERT_EQUAL(strnlen("hello", 3), 3);
	CU_ASSERT_EQUAL(strnlen("hello", 9), 5);
	CU_ASSERT_EQUAL(strnlen("", 9), 0);
	CU_ASSERT_EQUAL(strnlen("abc", 0), 0);
}

static void
test_search_like_host(void)
{
	static const int chars[] = { 'a', 'b', 'l', 'o', '\0', 'z', 0xff,
	    ' ' };
	unsigned i, j;

	for (i = 0; i < NWORDS; i++) {
		for (j = 0; j < sizeof(chars) / sizeof(chars[0]); j++) {
			CHECK_MSG(strchr(words[i], chars[j]) ==
			    host_strchr(words[i], chars[j]), __LINE__,
			    "strchr(\"%s\", %d)", words[i], chars[j]);
			CHECK_MSG(strrchr(words[i], chars[j]) ==
			    host_strrchr(words[i], chars[j]), __LINE__,
			    "strrchr(\"%s\", %d)", words[i], chars[j]);
			CHECK_MSG(memchr(words[i], chars[j],
			    host_strlen(words[i]) + 1) ==
			    (void *)host_strchr(words[i], chars[j]), __LINE__,
			    "memchr(\"%s\", %d)", words[i], chars[j]);
		}
		for (j = 0; j < NWORDS; j++)
			CHECK_MSG(strstr(words[i], words[j]) ==
			    host_strstr(words[i], words[j]), __LINE__,
			    "strstr(\"%s\", \"%s\")", words[i], words[j]);
	}
}

static void
test_memmove_overlaps_both_ways(void)
{
	char want[32], got[32];
	unsigned from, to, n, i;

	for (from = 0; from < 12; from++)
		for (to = 0; to < 12; to++)
			for (n = 0; n + (from > to ? from : to) <= 20; n++) {
				for (i = 0; i < sizeof(want); i++)
					want[i] = got[i] = (char)('A' + i);
				host_memmove(want + to, want + from, n);
				CU_ASSERT_PTR_EQUAL(memmove(got + to,
				    got + from, n), got + to);
				CHECK_MSG(host_memcmp(want, got,
				    sizeof(want)) == 0, __LINE__,
				    "memmove(+%u, +%u, %u)", to, from, n);
			}
}

static void
test_memset_memcpy_copy_and_fill(void)
{
	unsigned char a[40], b[40];
	unsigned i;

	for (i = 0; i < sizeof(a); i++)
		a[i] = (unsigned char)(i * 13 + 1);
	CU_ASSERT_PTR_EQUAL(memcpy(b, a, sizeof(a)), b);
	CU_ASSERT_EQUAL(host_memcmp(a, b, sizeof(a)), 0);
	CU_ASSERT_PTR_EQUAL(memset(b + 3, 0x1AB, 30), b + 3);
	for (i = 0; i < sizeof(b); i++)
		CHECK_MSG(b[i] == (i >= 3 && i < 33 ? 0xAB : a[i]), __LINE__,
		    "byte %u", i);
}

static void
test_strcpy_strcat_build_a_string(void)
{
	char buf[32];

	CU_ASSERT_PTR_EQUAL(strcpy(buf, "sleep"), buf);
	CU_ASSERT_PTR_EQUAL(strcat(buf, " 1"), buf);
	CU_ASSERT_PTR_EQUAL(strcat(buf, ""), buf);
	CU_ASSERT_EQUAL(host_strcmp(buf, "sleep 1"), 0);
}

/* strlcpy by its definition: the prefix that fits, terminated. */
static void
test_strlcpy_cuts_and_terminates(void)
{
	char buf[8];
	size_t size, len;
	unsigned i;

	for (i = 0; i < NWORDS; i++)
		for (size = 0; size <= sizeof(buf); size++) {
			memset(buf, 'x', sizeof(buf));
			len = host_strlen(words[i]);
			CU_ASSERT_EQUAL(strlcpy(buf, words[i], size), len);
			if (size == 0) {
				CU_ASSERT_EQUAL(buf[0], 'x');
				continue;
			}
			len = len < size - 1 ? len : size - 1;
			CHECK_MSG(host_strncmp(buf, words[i], len) == 0 &&
			    buf[len] == '\0', __LINE__,
			    "strlcpy(\"%s\", %zu)", words[i], size);
			if (size < sizeof(buf))
				CU_ASSERT_EQUAL(buf[size], 'x');
		}
}

static void
test_strlcat_appends_what_fits(void)
{
	char buf[8];

	strcpy(buf, "ab");
	CU_ASSERT_EQUAL(strlcat(buf, "cd", sizeof(buf)), 4);
	CU_ASSERT_EQUAL(host_strcmp(buf, "abcd"), 0);
	CU_ASSERT_EQUAL(strlcat(buf, "efghij", sizeof(buf)), 10);
	CU_ASSERT_EQUAL(host_strcmp(buf, "abcdefg"), 0);
	/* a destination with no NUL in SIZE bytes: nothing is written */
	memset(buf, 'y', sizeof(buf));
	CU_ASSERT_EQUAL(strlcat(buf, "z", 4), 5);
	CU_ASSERT_EQUAL(buf[3], 'y');
}

static void
test_strdup_copies_into_the_heap(void)
{
	char *p = strdup("hello");

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(host_strcmp(p, "hello"), 0);
	CU_ASSERT((char *)p >= fake_heap && (char *)p < fake_heap +
	    FAKE_HEAP_SIZE);
	free(p);
}

static void
test_ctype_like_host(void)
{
	static int (*const ours[])(int) = { isdigit, isxdigit, isalpha,
	    isalnum, isspace, isupper, islower, isprint, toupper, tolower };
	unsigned which;
	int c;

	for (which = 0; which < sizeof(ours) / sizeof(ours[0]); which++)
		for (c = -1; c < 256; c++)
			CHECK_MSG((which < 8 ? ours[which](c) != 0 :
			    ours[which](c)) == host_isclass(which, c), __LINE__,
			    "class %u of %d", which, c);
}

static void
test_strtol_like_host(void)
{
	static const char *const inputs[] = { "0", "42", "-42", "  +17x",
	    "\t\n 99", "0x1f", "0X1F", "0x", "0xg", "017", "08", "-",
	    "+", "", "abc", "zz", "Zz9", "9223372036854775807",
	    "9223372036854775808", "-9223372036854775808",
	    "-9223372036854775809", "99999999999999999999999",
	    "-99999999999999999999999", "18446744073709551615",
	    "18446744073709551616", "-1", "  -0x10", "1e5", "0x7fffffffffffffff",
	    "777777777777777777777", "1777777777777777777777" };
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };
	unsigned i, j;
	char *end_host, *end_ours;
	int err_host;
	long want;
	unsigned long uwant;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
		for (j = 0; j < sizeof(bases) / sizeof(bases[0]); j++) {
			want = host_strtol(inputs[i], &end_host, bases[j],
			    &err_host);
			errno = 0;
			CHECK_MSG(strtol(inputs[i], &end_ours, bases[j]) ==
			    want && end_ours == end_host &&
			    (errno == ERANGE) == (err_host == ERANGE),
			    __LINE__, "strtol(\"%s\", %d): host %ld, end +%td",
			    inputs[i], bases[j], want, end_host - inputs[i]);
			uwant = host_strtoul(inputs[i], &end_host, bases[j],
			    &err_host);
			errno = 0;
			CHECK_MSG(strtoul(inputs[i], &end_ours, bases[j]) ==
			    uwant && end_ours == end_host &&
			    (errno == ERANGE) == (err_host == ERANGE),
			    __LINE__, "strtoul(\"%s\", %d): host %lu",
			    inputs[i], bases[j], uwant);
		}
}

static void
test_strtol_leaves_errno_on_success(void)
{
	errno = EBUSY;
	CU_ASSERT_EQUAL(strtol("123", NULL, 10), 123);
	CU_ASSERT_EQUAL(errno, EBUSY);
	CU_ASSERT_EQUAL(atoi("-7 apples"), -7);
	CU_ASSERT_EQUAL(atoi("none"), 0);
	CU_ASSERT_EQUAL(abs(-5), 5);
	CU_ASSERT_EQUAL(abs(5), 5);
}

static void
test_strerror_names_known_and_unknown(void)
{
	CU_ASSERT_EQUAL(host_strcmp(strerror(ENOMEM), "cannot allocate memory"),
	    0);
	CU_ASSERT_EQUAL(host_strcmp(strerror(ERANGE), "result too large"), 0);
	CU_ASSERT_EQUAL(host_strcmp(strerror(999), "error 999"), 0);
	CU_ASSERT_EQUAL(host_strcmp(strerror(-3), "error -3"), 0);
	CU_ASSERT_EQUAL(host_strcmp(strerror(0), "error 0"), 0);
}

int
add_ulib_string_suite(void)
{
	static const struct unit_test tests[] = {
		{ "compare_like_host", test_compare_like_host },
		{ "strnlen_stops_at_max", test_strnlen_stops_at_max },
		{ "search_like_host", test_search_like_host },
		{ "memmove_overlaps_both_ways", test_memmove_overlaps_both_ways },
		{ "memset_memcpy_copy_and_fill",
		    test_memset_memcpy_copy_and_fill },
		{ "strcpy_strcat_build_a_string",
		    test_strcpy_strcat_build_a_string },
		{ "strlcpy_cuts_and_terminates",
		    test_strlcpy_cuts_and_terminates },
		{ "strlcat_appends_what_fits", test_strlcat_appends_what_fits },
		{ "strdup_copies_into_the_heap",
		    test_strdup_copies_into_the_heap },
		{ "ctype_like_host", test_ctype_like_host },
		{ "strtol_like_host", test_strtol_like_host },
		{ "strtol_leaves_errno_on_success",
		    test_strtol_leaves_errno_on_success },
		{ "strerror_names_known_and_unknown",
		    test_strerror_names_known_and_unknown },
		{ NULL, NULL }
	};

	return add_suite("ulib_string", tests);
}
