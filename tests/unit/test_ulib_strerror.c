/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The C library's strerror (book/34-libc.nw, book/53-utilities.nw) on
 * the host: every error number the kernel defines, read from
 * src/kern/errno.h when the test runs (so a number added later is
 * checked too), has a message of its own, not the "error N" of a
 * number without one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "suites.h"

#define MAXNUMS	128

static char names[MAXNUMS][24];
static int numbers[MAXNUMS];

/* Read "#define ENAME NUMBER" lines of src/kern/errno.h (names defined
 * as another name are aliases, skipped): how many, or -1. */
static int
read_errnos(void)
{
	FILE *f = fopen("src/kern/errno.h", "r");
	char line[256], name[64];
	int n = 0, v;

	if (f == NULL)
		return -1;
	while (n < MAXNUMS && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "#define %63s %d", name, &v) == 2 &&
		    name[0] == 'E' && strlen(name) < sizeof(names[0])) {
			strcpy(names[n], name);
			numbers[n++] = v;
		}
	fclose(f);
	return n;
}

static int host_strcmp(const char *a, const char *b) { return strcmp(a, b); }
static int host_snprintf_error(char *buf, size_t size, int v)
{
	return snprintf(buf, size, "error %d", v);
}

#include "ulib.h"

static void
test_every_kernel_error_has_a_message(void)
{
	char unknown[32];
	const char *msg;
	int n = read_errnos(), i;

	CHECK_MSG(n >= 40, __LINE__, "read %d error numbers from "
	    "src/kern/errno.h (run from the tree's top)", n);
	for (i = 0; i < n; i++) {
		host_snprintf_error(unknown, sizeof(unknown), numbers[i]);
		msg = strerror(numbers[i]);
		CHECK_MSG(host_strcmp(msg, unknown) != 0 && msg[0] != '\0',
		    __LINE__, "%s (%d) has no message: \"%s\"", names[i],
		    numbers[i], msg);
	}
}

int
add_ulib_strerror_suite(void)
{
	static const struct unit_test tests[] = {
		{ "every_kernel_error_has_a_message",
		    test_every_kernel_error_has_a_message },
		{ NULL, NULL }
	};

	return add_suite("ulib_strerror", tests);
}
