/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Sizes and addresses of the memory system: pages, the direct
 * map, the device window.
 */
#ifndef NAIAD_VM_VM_PARAM_H
#define NAIAD_VM_VM_PARAM_H

#include <stdint.h>

/** A physical address; 32 bits without PAE. */
typedef uint32_t vm_paddr_t;
/** A kernel virtual address, held as an integer. */
typedef uint32_t vm_offset_t;

/** log2 of the page size. */
#define PAGE_SHIFT	12
/** Bytes in a page: the unit of allocation and of mapping. */
#define PAGE_SIZE	(1u << PAGE_SHIFT)
/** The bits of an address that are its offset inside its page. */
#define PAGE_MASK	(PAGE_SIZE - 1)
/** \a x rounded down to a page boundary (any unsigned type). */
#define trunc_page(x)	((x) - ((x) & PAGE_MASK))
/** \a x rounded up to a page boundary (any unsigned type). */
#define round_page(x)	trunc_page((x) + PAGE_MASK)

/** Physical memory below this (1 MiB) is never allocated. */
#define VM_LOW_MEMORY	0x00100000u
/** The direct map covers physical memory below this address (1 GiB). */
#define VM_DIRECT_MAX	0x40000000u
/** From here to the top of the address space: the device window. */
#define VM_DEVICE_START	0xFE000000u

#endif /* !NAIAD_VM_VM_PARAM_H */
