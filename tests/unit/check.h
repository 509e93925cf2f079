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

#define CHECK_MSG(cond, line, ...) do {					\
	char check_msg_[512];						\
	snprintf(check_msg_, sizeof(check_msg_), __VA_ARGS__);		\
	CU_assertImplementation((cond) ? CU_TRUE : CU_FALSE, (line),	\
	    check_msg_, __FILE__, "", CU_FALSE);			\
} while (0)

#endif
