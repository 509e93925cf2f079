/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Device names (book/37-device.nw): what make_dev accepts.
 */
#ifndef NAIAD_KERN_DEVNAME_H
#define NAIAD_KERN_DEVNAME_H

#define SPECNAMELEN	31	/**< the longest device name */

/**
 * \brief Is \a name a device name: 1 to SPECNAMELEN letters, digits,
 * '.', '_' or '-', the first a letter or a digit?  \return 1 or 0.
 */
int dev_name_valid(const char *name);

#endif /* !NAIAD_KERN_DEVNAME_H */
