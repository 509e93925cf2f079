/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The physical memory map: what the loader says is where, and
 * the pages the kernel may use.
 */
#ifndef NAIAD_VM_PHYSMAP_H
#define NAIAD_VM_PHYSMAP_H

#include <stdint.h>

/** Memory type: RAM the kernel may use. */
#define PHYS_RAM		1
/** Memory type: reserved by the firmware. */
#define PHYS_RESERVED		2
/** Memory type: ACPI tables (RAM once they are read). */
#define PHYS_ACPI_RECLAIM	3
/** Memory type: ACPI non-volatile storage. */
#define PHYS_ACPI_NVS		4

/** A range [start, end) of physical memory and what is there. */
struct phys_range {
	uint64_t	start;	/**< first byte */
	uint64_t	end;	/**< one past the last byte */
	uint32_t	type;	/**< PHYS_RAM, PHYS_RESERVED, ... */
};

/**
 * \brief Copy a Multiboot memory map of \a length bytes into \a out.
 * \return the number of ranges stored, at most \a max; a malformed
 * entry ends the map.
 */
int physmap_parse(const void *mmap, uint32_t length, struct phys_range *out,
    int max);

/**
 * \brief The whole pages of RAM inside [\a lo, \a hi) that no other
 * range of \a map and no range of \a reserved touches, sorted.
 * \return the number of ranges stored in \a out, at most \a max.
 */
int physmap_usable(const struct phys_range *map, int n,
    const struct phys_range *reserved, int nreserved, uint64_t lo,
    uint64_t hi, struct phys_range *out, int max);

/** \brief A name for a memory type, for printing. */
const char *physmap_type_name(uint32_t type);

#endif /* !NAIAD_VM_PHYSMAP_H */
