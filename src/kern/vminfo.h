/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief vminfo: the page counts, copied out to a program.
 */
#ifndef NAIAD_KERN_VMINFO_H
#define NAIAD_KERN_VMINFO_H

#include <stdint.h>

/** The page counts of the kernel's allocator, for tests. */
struct vminfo {
	uint32_t	vi_pages_total;	/**< pages the allocator manages */
	uint32_t	vi_pages_free;	/**< of which free now */
};

#endif /* !NAIAD_KERN_VMINFO_H */
