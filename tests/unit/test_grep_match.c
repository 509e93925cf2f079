/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * grep's matcher (book/53-utilities.nw) on the host, against the host's
 * POSIX basic regular expressions (regcomp without REG_EXTENDED), the
 * specification of the subset: hand-picked cases of each rule, then
 * random patterns of characters, ".", "\.", "\*" (each maybe starred),
 * maybe anchored with ^ and $, on random lines.  The fixed-string
 * search is checked against strstr.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "suites.h"
#include "../../user/bin/grep/grep.h"

/* What the host's regexec says of RE on LINE: 1, 0, or -1 (refused). */
static int
host_match(const char *re, const char *line)
{
	regex_t rx;
	int r;

	if (regcomp(&rx, re, REG_NOSUB) != 0)
		return -1;
	r = regexec(&rx, line, 0, NULL, 0) == 0;
	regfree(&rx);
	return r;
}

static const char *const patterns[] = {
	"", "a", "abc", "a.c", "a*", "ab*c", "^ab", "bc$", "^abc$", "^$",
	".*", "^.*$", "a.*c", "\\.", "a\\.c", "\\*", "*a", "^*a", "a$b",
	"a^b", "x*y*z*", "^a*$", "$", "^", "\\$", "\\^a", "b*$", "..",
};
static const char *const lines[] = {
	"", "a", "abc", "axc", "aaa", "ac", "abbbc", "xabc", "abcx",
	"a.c", "*a", "a*", "a$b", "a^b", "xyz", "zzz", "b", "$", "^a", "ab",
};

static void
test_rules_like_posix(void)
{
	unsigned i, j;
	int want, got;

	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
		for (j = 0; j < sizeof(lines) / sizeof(lines[0]); j++) {
			want = host_match(patterns[i], lines[j]);
			got = grep_match(patterns[i], lines[j],
			    strlen(lines[j]));
			CHECK_MSG(want == got, __LINE__,
			    "/%s/ on \"%s\": %d, host %d", patterns[i],
			    lines[j], got, want);
		}
}

/* A random pattern of the subset into RE. */
static void
random_pattern(char *re, unsigned *seed)
{
	static const char *const atoms[] = { "a", "b", ".", "\\.", "\\*" };
	int n = rand_r(seed) % 5, i;

	re[0] = '\0';
	if (rand_r(seed) % 3 == 0)
		strcat(re, "^");
	for (i = 0; i < n; i++) {
		strcat(re, atoms[rand_r(seed) % 5]);
		if (rand_r(seed) % 3 == 0)
			strcat(re, "*");
	}
	if (rand_r(seed) % 3 == 0)
		strcat(re, "$");
}

static void
test_random_patterns_like_posix(void)
{
	unsigned seed = 1;
	char re[64], line[16];
	int k, n, i, want, got, bad = 0;

	for (k = 0; k < 20000 && bad < 5; k++) {
		random_pattern(re, &seed);
		n = rand_r(&seed) % 8;
		for (i = 0; i < n; i++)
			line[i] = "ab.*"[rand_r(&seed) % 4];
		line[n] = '\0';
		want = host_match(re, line);
		got = grep_match(re, line, (size_t)n);
		if (want != got)
			bad++;
		CHECK_MSG(want == got, __LINE__, "/%s/ on \"%s\": %d, host %d",
		    re, line, got, want);
	}
}

static void
test_fixed_strings_like_strstr(void)
{
	static const char *const s[] = { "", "a", "ab", "abc", "ba", ".*",
	    "zz" };
	static const char *const l[] = { "", "a", "abc", "xxabc", "bab",
	    "a.*b", "z" };
	unsigned i, j;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		for (j = 0; j < sizeof(l) / sizeof(l[0]); j++)
			CHECK_MSG(grep_fixed(s[i], strlen(s[i]), l[j],
			    strlen(l[j])) == (strstr(l[j], s[i]) != NULL),
			    __LINE__, "\"%s\" in \"%s\"", s[i], l[j]);
}

int
add_grep_match_suite(void)
{
	static const struct unit_test tests[] = {
		{ "rules_like_posix", test_rules_like_posix },
		{ "random_patterns_like_posix",
		    test_random_patterns_like_posix },
		{ "fixed_strings_like_strstr", test_fixed_strings_like_strstr },
		{ NULL, NULL }
	};

	return add_suite("grep_match", tests);
}
