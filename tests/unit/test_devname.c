/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Device names (src/kern/devname.c): what make_dev accepts.  Every
 * character of the rule is tried in every position: letters and digits
 * anywhere, '.', '_' and '-' anywhere but first, nothing else; lengths
 * 0, 1, SPECNAMELEN and SPECNAMELEN + 1.
 */
#include <string.h>

#include "check.h"
#include "kern/devname.h"
#include "suites.h"

/* Does the rule allow C at position POS? */
static int
allowed(int c, int pos)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return pos > 0 && (c == '.' || c == '_' || c == '-');
}

static void
test_every_character_first_and_later(void)
{
	char name[4];
	int c;

	for (c = 1; c < 256; c++) {
		name[0] = (char)c;
		name[1] = '\0';
		CHECK_MSG(dev_name_valid(name) == allowed(c, 0), __LINE__,
		    "first character 0x%02x", c);
		name[0] = 'a';
		name[1] = (char)c;
		name[2] = '0';
		name[3] = '\0';
		CHECK_MSG(dev_name_valid(name) == allowed(c, 1), __LINE__,
		    "character 0x%02x in the middle", c);
		name[2] = '\0';
		CHECK_MSG(dev_name_valid(name) == allowed(c, 1), __LINE__,
		    "character 0x%02x last", c);
	}
}

static void
test_lengths(void)
{
	char name[SPECNAMELEN + 2];

	CU_ASSERT_EQUAL(dev_name_valid(""), 0);
	CU_ASSERT_EQUAL(dev_name_valid("x"), 1);
	memset(name, 'd', SPECNAMELEN);
	name[SPECNAMELEN] = '\0';
	CU_ASSERT_EQUAL(dev_name_valid(name), 1);
	name[SPECNAMELEN] = '0';
	name[SPECNAMELEN + 1] = '\0';
	CU_ASSERT_EQUAL(dev_name_valid(name), 0);
}

static void
test_usual_names(void)
{
	CU_ASSERT_EQUAL(dev_name_valid("ad0"), 1);
	CU_ASSERT_EQUAL(dev_name_valid("acd0"), 1);
	CU_ASSERT_EQUAL(dev_name_valid("md0.s1"), 1);
	CU_ASSERT_EQUAL(dev_name_valid("null"), 1);
	CU_ASSERT_EQUAL(dev_name_valid("ad0/s1"), 0);
	CU_ASSERT_EQUAL(dev_name_valid(".."), 0);
	CU_ASSERT_EQUAL(dev_name_valid("-r"), 0);
}

static const struct unit_test devname_tests[] = {
	{ "every_character_first_and_later",
	    test_every_character_first_and_later },
	{ "lengths", test_lengths },
	{ "usual_names", test_usual_names },
	{ NULL, NULL }
};

int
add_devname_suite(void)
{
	return add_suite("devname", devname_tests);
}
