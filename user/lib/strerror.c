/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
	[ENOENT] = "no such entry",
	[EIO] = "input/output error",
	[ENOMEM] = "cannot allocate memory",
	[EBUSY] = "device or resource busy",
	[EINVAL] = "invalid argument",
	[ERANGE] = "result too large",
	[ETIMEDOUT] = "timed out",
};

/* The message of ERROR, or "error N" for a number without one. */
char *
strerror(int error)
{
	static char unknown[24];

	if (error > 0 && (size_t)error < sizeof(messages) / sizeof(messages[0])
	    && messages[error] != NULL)
		return (char *)messages[error];
	snprintf(unknown, sizeof(unknown), "error %d", error);
	return unknown;
}
