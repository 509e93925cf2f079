/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief grep (book/53-utilities.nw): the matcher, tested on the host.
 */
#ifndef NAIAD_USER_GREP_H
#define NAIAD_USER_GREP_H

#include <stddef.h>

/**
 * \brief Does the pattern \a re (characters, . * ^ $ and \\) match in
 * the \a len bytes of \a line (no newline)?  \return 1 or 0.
 */
int grep_match(const char *re, const char *line, size_t len);
/**
 * \brief Do the \a n bytes of \a s occur in the \a len bytes of
 * \a line?  \return 1 or 0.
 */
int grep_fixed(const char *s, size_t n, const char *line, size_t len);

#endif /* !NAIAD_USER_GREP_H */
