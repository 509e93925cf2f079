/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Error numbers.  Kernel functions return 0 or a negated one.
 */
#ifndef NAIAD_KERN_ERRNO_H
#define NAIAD_KERN_ERRNO_H

/** Cannot allocate memory. */
#define ENOMEM		12

#endif /* !NAIAD_KERN_ERRNO_H */
