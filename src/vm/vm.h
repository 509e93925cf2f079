/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Bringing up memory management, and what it found.
 */
#ifndef NAIAD_VM_VM_H
#define NAIAD_VM_VM_H

#include "vm/physmap.h"

/** \brief The loader's memory map as copied at boot; *\a n its length. */
const struct phys_range *vm_physmap(int *n);
/** \brief The ranges the page allocator manages; *\a n their number. */
const struct phys_range *vm_usable_ranges(int *n);
/** \brief The modules the loader placed, as kept at boot; *\a n their
 * number.  Their memory is never allocated. */
const struct phys_range *vm_boot_modules(int *n);
/** \brief Print the memory map and the page counts (monitor: mem). */
void vm_print_info(void);

#endif /* !NAIAD_VM_VM_H */
