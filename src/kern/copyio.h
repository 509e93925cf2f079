/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The only ways the kernel touches user memory: copyin, copyout
 * and copyinstr, which never trust a user pointer.
 */
#ifndef NAIAD_KERN_COPYIO_H
#define NAIAD_KERN_COPYIO_H

#include <stddef.h>

/** \brief Copy \a len bytes from user \a uaddr to \a kaddr.
 * \return 0, or -EFAULT for any user address the program may not read. */
int copyin(const void *uaddr, void *kaddr, size_t len);
/** \brief Copy \a len bytes from \a kaddr to user \a uaddr.
 * \return 0, or -EFAULT for any user address the program may not write. */
int copyout(const void *kaddr, void *uaddr, size_t len);
/**
 * \brief Copy the string at user \a uaddr, NUL included, into \a kaddr
 * (\a max bytes); *\a done, when not NULL, gets the bytes copied.
 * \return 0, -EFAULT, or -ENAMETOOLONG when \a max bytes hold no NUL.
 */
int copyinstr(const void *uaddr, char *kaddr, size_t max, size_t *done);

#endif /* !NAIAD_KERN_COPYIO_H */
