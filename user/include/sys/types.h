/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The basic types of the system call interface (book/28-syscall.nw).
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

typedef unsigned int size_t;
typedef int ssize_t;
typedef int pid_t;
typedef unsigned int sigset_t;
typedef int int32_t;
typedef unsigned int uint32_t;

#endif
