/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel heap: kmalloc and kfree.  Any CPU may call them; a
 * spinlock protects the heap.
 */
#ifndef NAIAD_VM_KMALLOC_H
#define NAIAD_VM_KMALLOC_H

#include <stddef.h>

#include "vm/slab.h"

/** \brief Set up the heap over the page allocator's memory; boot only. */
void kmalloc_init(void);
/**
 * \brief Allocate \a size bytes, aligned to the next power of two up to
 * a page (M_ZERO: zeroed).
 * \return the memory, or NULL when none is left.
 */
void *kmalloc(size_t size, int flags);
/** \brief Free memory from kmalloc; NULL is ignored, a bad pointer panics. */
void kfree(void *p);

#endif /* !NAIAD_VM_KMALLOC_H */
