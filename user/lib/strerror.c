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
	[EPERM] = "operation not permitted",
	[ENOENT] = "no such file or directory",
	[ESRCH] = "no such process",
	[EINTR] = "interrupted system call",
	[EIO] = "input/output error",
	[E2BIG] = "argument list too long",
	[ENOEXEC] = "exec format error",
	[EBADF] = "bad file descriptor",
	[ECHILD] = "no child processes",
	[ENOMEM] = "cannot allocate memory",
	[EFAULT] = "bad address",
	[EBUSY] = "device or resource busy",
	[EINVAL] = "invalid argument",
	[EPIPE] = "broken pipe",
	[ERANGE] = "result too large",
	[EAGAIN] = "resource temporarily unavailable",
	[ETIMEDOUT] = "timed out",
	[ENAMETOOLONG] = "file name too long",
	[ENOSYS] = "function not implemented",
	[ENFILE] = "too many open files in system",
	[EMFILE] = "too many open files",
	[ENOTTY] = "inappropriate ioctl for device",
	[EMSGSIZE] = "message too long",
	[EDEADLK] = "resource deadlock avoided",
	[EASYNC] = "operation started asynchronously",
	[ENXIO] = "device not configured",
	[ENODEV] = "operation not supported by device",
	[EROFS] = "read-only file system",
	[ENOSPC] = "no space left on device",
	[EEXIST] = "file exists",
	[ENOTDIR] = "not a directory",
	[EISDIR] = "is a directory",
	[EXDEV] = "cross-device link",
	[EOPNOTSUPP] = "operation not supported",
	[ENOTEMPTY] = "directory not empty",
	[EFBIG] = "file too large",
	[ELOOP] = "too many levels of symbolic links",
	[EOVERFLOW] = "value too large for its buffer",
	[EMLINK] = "too many links",
	[ESPIPE] = "illegal seek",
	[ENOTBLK] = "block device required",
	[EACCES] = "permission denied",
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
