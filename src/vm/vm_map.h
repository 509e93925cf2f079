/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief User space: its layout, and the map of the regions a program
 * may use (pure logic, tested on the host).
 */
#ifndef NAIAD_VM_VM_MAP_H
#define NAIAD_VM_VM_MAP_H

#include <stdint.h>

#include "vm/vm_param.h"

/** The lowest user address (1 GiB): the direct map ends here. */
#define USER_MIN	0x40000000u
/** One past the highest user address (3 GiB). */
#define USER_MAX	0xC0000000u
/** Where programs are linked: the first page stays unmapped. */
#define USER_TEXT_START	0x40001000u
/** The top of every program's stack, which grows down. */
#define USER_STACK_TOP	0xC0000000u
/** The largest stack: its region's size. */
#define USER_STACK_MAX	(8u << 20)

/** Is [addr, addr + len) inside user space?  (No wrap-around.) */
#define USER_RANGE_OK(addr, len) \
	((uint32_t)(addr) >= USER_MIN && (uint32_t)(addr) <= USER_MAX && \
	 (uint32_t)(len) <= USER_MAX - (uint32_t)(addr))
#define VM_PROT_READ	0x1	/**< the region may be read */
#define VM_PROT_WRITE	0x2	/**< ... written */
#define VM_PROT_EXEC	0x4	/**< ... executed */

#define VR_PROGRAM	1	/**< code or data of the program's file */
#define VR_HEAP		2	/**< the heap that sbrk moves */
#define VR_STACK	3	/**< the stack */

/** Regions one address space may have. */
#define VM_MAP_MAXREGIONS 16

/** One range of user space the program may use. */
struct vm_region {
	vm_offset_t	vr_start;	/**< first address, page-aligned */
	vm_offset_t	vr_end;		/**< one past the last, page-aligned */
	int		vr_prot;	/**< VM_PROT_* */
	int		vr_kind;	/**< VR_* */
};

/** The regions of an address space: sorted by address, disjoint. */
struct vm_map {
	int		vm_nregions;	/**< entries used in vm_regions */
	struct vm_region vm_regions[VM_MAP_MAXREGIONS]; /**< sorted */
};

/** \brief An empty map. */
static inline void
vm_map_init(struct vm_map *map)
{
	map->vm_nregions = 0;
}

/**
 * \brief Add the region [\a start, \a end) with \a prot and \a kind.
 * \return 0; -EINVAL for an empty, unaligned, overlapping range or one
 * outside user space; -ENOMEM when the map is full.
 */
int vm_map_insert(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    int prot, int kind);
/** \brief The region that holds \a va, or NULL. */
struct vm_region *vm_map_lookup(struct vm_map *map, vm_offset_t va);
/** \brief The first region of kind \a kind, or NULL. */
struct vm_region *vm_map_find_kind(struct vm_map *map, int kind);
/**
 * \brief Move the end of region \a r to \a end (page-aligned, past its
 * start).  \return 0, -EINVAL, or -ENOMEM when it would reach the next
 * region or leave user space.
 */
int vm_map_resize(struct vm_map *map, struct vm_region *r, vm_offset_t end);
/** \brief Remove region \a r from the map. */
void vm_map_remove(struct vm_map *map, struct vm_region *r);

#endif /* !NAIAD_VM_VM_MAP_H */
