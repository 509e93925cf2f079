/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Error numbers; kernel functions return them negated.
 */
#ifndef NAIAD_KERN_ERRNO_H
#define NAIAD_KERN_ERRNO_H

#define EPERM		1	/**< operation not permitted */
#define ENOENT		2	/**< no such file or directory */
#define EINTR		4	/**< interrupted */
#define EIO		5	/**< input/output error */
#define ENOMEM		12	/**< cannot allocate memory */
#define EFAULT		14	/**< bad address */
#define EBUSY		16	/**< device busy */
#define EINVAL		22	/**< invalid argument */
#define EWOULDBLOCK	35	/**< the operation would block */

#endif /* !NAIAD_KERN_ERRNO_H */
