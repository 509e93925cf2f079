/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The kernel's error numbers in a host test.  CUnit brings the host's
 * <errno.h>, whose numbers differ (ENOSYS is 38 there, 78 in BSD and
 * Naiad): every name src/kern/errno.h defines is undefined first.
 */
#ifndef NAIAD_TESTS_UNIT_KERRNO_H
#define NAIAD_TESTS_UNIT_KERRNO_H

#include <errno.h>

#undef ENOENT
#undef EINVAL
#undef EIO
#undef ETIMEDOUT
#undef ENOMEM
#undef EBUSY
#undef EINTR
#undef EAGAIN
#undef EWOULDBLOCK
#undef EFAULT
#undef ENOSYS
#undef ENAMETOOLONG
#undef ESRCH
#undef ECHILD
#undef E2BIG
#undef ENOEXEC
#undef EPERM
#undef EBADF
#include "kern/errno.h"

#endif
