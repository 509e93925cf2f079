/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Helpers the utilities share.
 */
#ifndef NAIAD_USER_UTIL_H
#define NAIAD_USER_UTIL_H

#include <stddef.h>

/**
 * \brief Write all \a n bytes of \a buf to \a fd, going on after a
 * partial or interrupted write; 0, or -1 with errno.
 */
int write_all(int fd, const char *buf, size_t n);

#endif /* !NAIAD_USER_UTIL_H */
