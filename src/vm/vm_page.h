/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel's physical page allocator.  Any CPU may call these;
 * a spinlock protects the bitmaps.
 */
#ifndef NAIAD_VM_VM_PAGE_H
#define NAIAD_VM_VM_PAGE_H

#include "vm/physmap.h"
#include "vm/vm_param.h"

/** \brief Hand the pages of \a r[0..n) to the allocator; boot only. */
void vm_page_init_ranges(const struct phys_range *r, int n);
/** \brief A free page's physical address, or 0 when memory is exhausted. */
vm_paddr_t vm_page_alloc(void);
/** \brief \a npages contiguous free pages: the first's address, or 0. */
vm_paddr_t vm_page_alloc_contig(unsigned npages);
/** \brief Give back a page; a double free or a non-RAM page panics. */
void vm_page_free(vm_paddr_t pa);
/** \brief Give back the \a npages pages starting at \a pa. */
void vm_page_free_contig(vm_paddr_t pa, unsigned npages);
/** \brief How many pages are free now. */
unsigned vm_page_count_free(void);
/** \brief How many pages the allocator manages, free or not. */
unsigned vm_page_count_total(void);
/** \brief One past the highest page the allocator manages, an address. */
vm_paddr_t vm_page_top(void);

#endif /* !NAIAD_VM_VM_PAGE_H */
