/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The host's stand-in for user/include/sys/types.h (book/28-syscall.nw),
 * whose sizes are the target's (size_t is an unsigned int there): when
 * make unit compiles the user C library for the host, these types,
 * as wide as the host's, come first on the include path.
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

#include <stddef.h>
#include <stdint.h>

typedef long ssize_t;
typedef int pid_t;
typedef unsigned int sigset_t;

#endif
