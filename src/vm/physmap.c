/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/multiboot.h"
#include "vm/physmap.h"
#include "vm/vm_param.h"

/* The loader's map as ranges; pure, host-tested.  The count kept. */
int
physmap_parse(const void *mmap, uint32_t length, struct phys_range *out,
    int max)
{
	const uint8_t *p = mmap, *end = p + length;
	const struct multiboot_mmap_entry *e;
	int n = 0;

	while (n < max && end - p >= (long)sizeof(*e)) {
		e = (const struct multiboot_mmap_entry *)p;
		if (e->size < sizeof(*e) - sizeof(e->size) ||
		    e->size > (uint32_t)(end - p) - sizeof(e->size))
			break;
		if (e->len != 0) {
			out[n].start = e->addr;
			out[n].end = e->len > UINT64_MAX - e->addr ?
			    UINT64_MAX : e->addr + e->len;
			out[n].type = e->type;
			n++;
		}
		p += sizeof(e->size) + e->size;
	}
	return n;
}
/* Take [S, E) out of the ranges R, splitting one if needed. */
static int
physmap_subtract(struct phys_range *r, int n, int max, uint64_t s,
    uint64_t e)
{
	int i;

	s = trunc_page(s);
	e = e > UINT64_MAX - PAGE_MASK ? UINT64_MAX : round_page(e);
	for (i = 0; i < n; i++) {
		if (e <= r[i].start || s >= r[i].end)
			continue;			/* no overlap */
		if (s <= r[i].start && e >= r[i].end) {
			r[i--] = r[--n];		/* all of it: remove */
		} else if (s <= r[i].start) {
			r[i].start = e;			/* its low end */
		} else if (e >= r[i].end) {
			r[i].end = s;			/* its high end */
		} else {				/* its middle: split */
			if (n < max) {
				r[n] = r[i];
				r[n++].start = e;
			}
			r[i].end = s;
		}
	}
	return n;
}

/* Sort ranges by start (insertion sort: a few dozen at most). */
static void
physmap_sort(struct phys_range *r, int n)
{
	struct phys_range t;
	int i, j;

	for (i = 1; i < n; i++) {
		t = r[i];
		for (j = i; j > 0 && r[j - 1].start > t.start; j--)
			r[j] = r[j - 1];
		r[j] = t;
	}
}

/* RAM minus the holes, between LOW and HIGH, sorted; pure. */
int
physmap_usable(const struct phys_range *map, int n,
    const struct phys_range *reserved, int nreserved, uint64_t lo,
    uint64_t hi, struct phys_range *out, int max)
{
	uint64_t s, e;
	int i, k = 0;

	for (i = 0; i < n && k < max; i++) {
		if (map[i].type != PHYS_RAM)
			continue;
		s = round_page(map[i].start > lo ? map[i].start : lo);
		e = trunc_page(map[i].end < hi ? map[i].end : hi);
		if (s < e) {
			out[k].start = s;
			out[k].end = e;
			out[k].type = PHYS_RAM;
			k++;
		}
	}
	for (i = 0; i < n; i++)
		if (map[i].type != PHYS_RAM)
			k = physmap_subtract(out, k, max, map[i].start,
			    map[i].end);
	for (i = 0; i < nreserved; i++)
		k = physmap_subtract(out, k, max, reserved[i].start,
		    reserved[i].end);
	physmap_sort(out, k);
	return k;
}

/* A word for a memory map type. */
const char *
physmap_type_name(uint32_t type)
{
	switch (type) {
	case PHYS_RAM:
		return "usable";
	case PHYS_RESERVED:
		return "reserved";
	case PHYS_ACPI_RECLAIM:
		return "ACPI tables";
	case PHYS_ACPI_NVS:
		return "ACPI NVS";
	case 5:
		return "bad memory";
	default:
		return "unknown";
	}
}
