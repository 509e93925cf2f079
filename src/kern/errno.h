/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Error numbers.  Kernel functions return 0 or a negated one.
 *
 * The values are the traditional BSD ones, so that a number printed by
 * the kernel can be looked up in errno(2).
 */
#ifndef NAIAD_KERN_ERRNO_H
#define NAIAD_KERN_ERRNO_H

/** No such entry: what was looked for is not there. */
#define ENOENT		2
/** Invalid argument: what was found or given cannot be used. */
#define EINVAL		22
/** Input/output error: a device does not work as it should. */
#define EIO		5
/** Timed out: a device or another CPU did not answer in time. */
#define ETIMEDOUT	60
/** Cannot allocate memory. */
#define ENOMEM		12
/** Device or resource busy. */
#define EBUSY		16
/** Interrupted: a wait was ended by an interruption (a signal). */
#define EINTR		4
/** Resource temporarily unavailable: try again. */
#define EAGAIN		35
/** The wait's time was up (BSD: the same number as EAGAIN). */
#define EWOULDBLOCK	EAGAIN
/** The port queued the message: its reply comes later (Naiad's number). */
#define EASYNC		99
/** Bad address: an access the address space does not allow. */
#define EFAULT		14
/** Function not implemented: no such system call. */
#define ENOSYS		78
/** A name or string longer than the kernel accepts. */
#define ENAMETOOLONG	63
/** No such process. */
#define ESRCH		3
/** No child processes to wait for. */
#define ECHILD		10
/** Argument list too long: execve's arguments pass ARG_MAX. */
#define E2BIG		7
/** Exec format error: not a program Naiad can run. */
#define ENOEXEC		8
/** Operation not permitted. */
#define EPERM		1
/** Bad file descriptor. */
#define EBADF		9
/** Too many open files in the system. */
#define ENFILE		23
/** Too many open files in the process. */
#define EMFILE		24
/** Not a terminal: a request the file does not know. */
#define ENOTTY		25
/** Broken pipe: nobody reads. */
#define EPIPE		32
/** Message too long: a body over its limit, or a buffer too small. */
#define EMSGSIZE	40
/** Resource deadlock avoided: a call that would wait for ever. */
#define EDEADLK		11
/** Result too large: a number does not fit its type (strtol). */
#define ERANGE		34
/** Device not configured: the device is gone, or a bio is off the disk. */
#define ENXIO		6
/** Operation not supported by device: the driver has no such function. */
#define ENODEV		19
/** Read-only file system (or device). */
#define EROFS		30
/** No space left on device. */
#define ENOSPC		28
/** File exists: the name is taken. */
#define EEXIST		17
/** Not a directory: a path goes through a file. */
#define ENOTDIR		20
/** Is a directory: an operation for files only. */
#define EISDIR		21
/** Cross-device link: a link or rename between two mounts. */
#define EXDEV		18
/** Operation not supported by the filesystem. */
#define EOPNOTSUPP	45
/** Directory not empty. */
#define ENOTEMPTY	66
/** File too large. */
#define EFBIG		27
/** Too many levels of symbolic links: a loop, most likely. */
#define ELOOP		62
/** Value too large for its buffer (varsym_list's first variable). */
#define EOVERFLOW	84
/** Too many links to one file. */
#define EMLINK		31
/** Illegal seek: the file has no offset (a pipe, a terminal). */
#define ESPIPE		29
/** Block device required. */
#define ENOTBLK		15
/** Permission denied (exec of a file that is not a program). */
#define EACCES		13

#endif /* !NAIAD_KERN_ERRNO_H */
