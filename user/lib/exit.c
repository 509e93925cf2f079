/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Flush every stream, then end the process. */
void
exit(int status)
{
	fflush(NULL);
	_exit(status);
}

/* Stop at once: the program found itself broken. */
void
abort(void)
{
	fflush(stdout);
	fputs("abort: the program stopped itself\n", stderr);
	_exit(134);
}
