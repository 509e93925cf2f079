/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The regions of a user address space: a small sorted array.  Pure: no
 * allocation, no locks; the address space's owner serializes.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "vm/vm_map.h"

/* A valid new region? 0 or -EINVAL; pure. */
static int
vm_map_check_range(vm_offset_t start, vm_offset_t end)
{
	if (start >= end || (start & PAGE_MASK) != 0 ||
	    (end & PAGE_MASK) != 0 || start < USER_MIN || end > USER_MAX)
		return -EINVAL;
	return 0;
}

/* Add [start, end) with PROT and KIND; 0, -EINVAL or -ENOMEM; pure. */
int
vm_map_insert(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    int prot, int kind)
{
	int i, j, error;

	if ((error = vm_map_check_range(start, end)) != 0)
		return error;
	for (i = 0; i < map->vm_nregions; i++)
		if (map->vm_regions[i].vr_start >= start)
			break;
	if (i < map->vm_nregions && map->vm_regions[i].vr_start < end)
		return -EINVAL;
	if (i > 0 && map->vm_regions[i - 1].vr_end > start)
		return -EINVAL;
	if (map->vm_nregions == VM_MAP_MAXREGIONS)
		return -ENOMEM;
	for (j = map->vm_nregions; j > i; j--)
		map->vm_regions[j] = map->vm_regions[j - 1];
	map->vm_regions[i] = (struct vm_region){ start, end, prot, kind };
	map->vm_nregions++;
	return 0;
}
/* The region holding VA, or NULL; pure. */
struct vm_region *
vm_map_lookup(struct vm_map *map, vm_offset_t va)
{
	int i;

	for (i = 0; i < map->vm_nregions; i++) {
		if (va < map->vm_regions[i].vr_start)
			break;
		if (va < map->vm_regions[i].vr_end)
			return &map->vm_regions[i];
	}
	return NULL;
}

/* The first region of kind KIND, or NULL; pure. */
struct vm_region *
vm_map_find_kind(struct vm_map *map, int kind)
{
	int i;

	for (i = 0; i < map->vm_nregions; i++)
		if (map->vm_regions[i].vr_kind == kind)
			return &map->vm_regions[i];
	return NULL;
}
/* Move R's end to END; 0, or -EINVAL, or -ENOMEM on a collision; pure. */
int
vm_map_resize(struct vm_map *map, struct vm_region *r, vm_offset_t end)
{
	int i = (int)(r - map->vm_regions);

	if (end <= r->vr_start || (end & PAGE_MASK) != 0 || end > USER_MAX)
		return end > USER_MAX ? -ENOMEM : -EINVAL;
	if (i + 1 < map->vm_nregions &&
	    end > map->vm_regions[i + 1].vr_start)
		return -ENOMEM;
	r->vr_end = end;
	return 0;
}

/* Take R out of the map; pure. */
void
vm_map_remove(struct vm_map *map, struct vm_region *r)
{
	int i;

	for (i = (int)(r - map->vm_regions); i + 1 < map->vm_nregions; i++)
		map->vm_regions[i] = map->vm_regions[i + 1];
	map->vm_nregions--;
}
