/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * CHECK_MSG: a CUnit assertion that carries a formatted message, so a
 * failure inside a loop or a helper says which case failed.
 */
#ifndef NAIAD_TESTS_UNIT_CHECK_H
#define NAIAD_TESTS_UNIT_CHECK_H

#include <stdio.h>

#include <CUnit/CUnit.h>

#define CHECK_MSG(cond, line, ...)					\
	check_msg((cond) ? 1 : 0, (line), __FILE__, __VA_ARGS__)

/* CHECK_MSG's body, a function so that the host's snprintf formats the
 * message even in a test that renames snprintf (tests/unit/ulib.h). */
void check_msg(int ok, int line, const char *file, const char *fmt, ...)
    __attribute__((format(__printf__, 4, 5)));

#endif
