/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The version of Naiad that the banner prints.
 */
#ifndef NAIAD_KERN_VERSION_H
#define NAIAD_KERN_VERSION_H

/** Release number; the book's edition follows it. */
#define NAIAD_VERSION	"0.1"

#endif /* !NAIAD_KERN_VERSION_H */
