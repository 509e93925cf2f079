/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * What a failed system call's stub calls (book/28-syscall.nw).
 */

/* errno: weak, so that the C library may define its own. */
__attribute__((weak)) int errno;

/* Set errno from the kernel's -ERROR; -1, the stub's result. */
int
__syscall_error(int error)
{
	errno = -error;
	return -1;
}
