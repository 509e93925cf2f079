/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief errno: the number of the last error a library call reported.
 *
 * The numbers are the kernel's (src/kern/errno.h, the same chunk).
 */
#ifndef NAIAD_USER_ERRNO_H
#define NAIAD_USER_ERRNO_H

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
/** Result too large: a number does not fit its type (strtol). */
#define ERANGE		34
/** Interrupted: a signal came while the call waited. */
#define EINTR		4

/** The error of the last call that failed; calls that succeed leave it. */
extern int errno;

#endif /* !NAIAD_USER_ERRNO_H */
