/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ls -l's mode string (book/53-utilities.nw) on the host: the type
 * letter of each file type, and for every one of the 512 permission
 * sets, each of the nine letters present exactly when its bit is set.
 */
#include <string.h>

#include "check.h"
#include "suites.h"
#include "../../user/bin/ls/ls.h"

static void
test_types_have_their_letters(void)
{
	static const struct { unsigned mode; const char *want; } t[] = {
		{ 0040755, "drwxr-xr-x" }, { 0100644, "-rw-r--r--" },
		{ 0120777, "lrwxrwxrwx" }, { 0020600, "crw-------" },
		{ 0010000, "p---------" }, { 0000000, "?---------" },
		{ 0140755, "?rwxr-xr-x" }, { 0100000, "----------" },
	};
	char out[11];
	unsigned i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(out, 'X', sizeof(out));
		ls_mode_string(t[i].mode, out);
		CHECK_MSG(strcmp(out, t[i].want) == 0, __LINE__,
		    "mode %o: \"%s\", want \"%s\"", t[i].mode, out,
		    t[i].want);
	}
}

static void
test_every_permission_bit_has_its_letter(void)
{
	char out[11];
	unsigned perm;
	int i;

	for (perm = 0; perm < 512; perm++) {
		ls_mode_string(0100000 | perm, out);
		for (i = 0; i < 9; i++) {
			char want = (perm & (0400u >> i)) ? "rwx"[i % 3] : '-';

			CHECK_MSG(out[1 + i] == want, __LINE__,
			    "mode %o, letter %d: '%c', want '%c'", perm, i,
			    out[1 + i], want);
		}
		CHECK_MSG(out[0] == '-' && out[10] == '\0', __LINE__,
		    "mode %o: \"%s\"", perm, out);
	}
}

int
add_ls_mode_suite(void)
{
	static const struct unit_test tests[] = {
		{ "types_have_their_letters", test_types_have_their_letters },
		{ "every_permission_bit_has_its_letter",
		    test_every_permission_bit_has_its_letter },
		{ NULL, NULL }
	};

	return add_suite("ls_mode", tests);
}
