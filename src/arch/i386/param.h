/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Machine parameters: the most CPUs the kernel uses.
 */
#ifndef NAIAD_ARCH_PARAM_H
#define NAIAD_ARCH_PARAM_H

/** Most CPUs Naiad uses; usable CPUs beyond it are only counted. */
#define MAXCPU			8

#endif /* !NAIAD_ARCH_PARAM_H */
