/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 */
#include <stdarg.h>
#include <stdio.h>

#include <CUnit/CUnit.h>

#include "check.h"
#include "suites.h"

void
check_msg(int ok, int line, const char *file, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg,
	    file, "", CU_FALSE);
}

int
add_suite(const char *name, const struct unit_test *tests)
{
	CU_pSuite suite = CU_add_suite(name, NULL, NULL);

	if (suite == NULL)
		return -1;
	for (; tests->name != NULL; tests++)
		if (CU_add_test(suite, tests->name, tests->fn) == NULL)
			return -1;
	return 0;
}
