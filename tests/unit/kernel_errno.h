/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The kernel's error numbers in a host test.  CUnit brings the host's
 * <errno.h>, whose numbers differ from src/kern/errno.h's; include this
 * instead of kern/errno.h so that every name means the kernel's number.
 * (Include it after check.h and before any kernel header that uses them.)
 */
#ifndef NAIAD_TESTS_KERNEL_ERRNO_H
#define NAIAD_TESTS_KERNEL_ERRNO_H

#include <errno.h>

#undef EPERM
#undef ENOENT
#undef ESRCH
#undef EINTR
#undef EIO
#undef ENXIO
#undef E2BIG
#undef ENOEXEC
#undef EBADF
#undef ECHILD
#undef EAGAIN
#undef EWOULDBLOCK
#undef ENOMEM
#undef EACCES
#undef EFAULT
#undef EBUSY
#undef EEXIST
#undef ENODEV
#undef ENOTDIR
#undef EISDIR
#undef EINVAL
#undef ENFILE
#undef EMFILE
#undef ENOTTY
#undef EFBIG
#undef EMLINK
#undef ENOSPC
#undef ESPIPE
#undef EROFS
#undef EPIPE
#undef EDOM
#undef ERANGE
#undef ENAMETOOLONG
#undef ENOSYS
#undef ETIMEDOUT
#undef EMSGSIZE
#undef ENOTCONN
#undef ECONNRESET
#undef EOPNOTSUPP
#undef ENOTSUP
#undef EALREADY
#undef EINPROGRESS
#undef EDEADLK
#undef ENOTEMPTY
#undef ELOOP
#undef EOVERFLOW

#include "kern/errno.h"

#endif /* !NAIAD_TESTS_KERNEL_ERRNO_H */
