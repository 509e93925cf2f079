/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The ranges of the integer types, from the compiler's macros.
 */
#ifndef NAIAD_USER_LIMITS_H
#define NAIAD_USER_LIMITS_H

/** Bits in a char. */
#define CHAR_BIT	__CHAR_BIT__
/** The largest int. */
#define INT_MAX		__INT_MAX__
/** The smallest int. */
#define INT_MIN		(-INT_MAX - 1)
/** The largest unsigned int. */
#define UINT_MAX	(INT_MAX * 2U + 1U)
/** The largest long. */
#define LONG_MAX	__LONG_MAX__
/** The smallest long. */
#define LONG_MIN	(-LONG_MAX - 1L)
/** The largest unsigned long. */
#define ULONG_MAX	(LONG_MAX * 2UL + 1UL)

#endif /* !NAIAD_USER_LIMITS_H */
