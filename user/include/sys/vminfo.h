/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief vminfo: the kernel's page counts (book/36-usertests.nw).
 */
#ifndef NAIAD_USER_SYS_VMINFO_H
#define NAIAD_USER_SYS_VMINFO_H

#include <sys/syscall.h>
#include <sys/types.h>

/** The page counts of the kernel's allocator, for tests. */
struct vminfo {
	uint32_t	vi_pages_total;	/**< pages the allocator manages */
	uint32_t	vi_pages_free;	/**< of which free now */
};

#endif /* !NAIAD_USER_SYS_VMINFO_H */
