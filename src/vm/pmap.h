/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel's page tables: two-level i386 paging, the direct
 * map, and single-page kernel mappings for devices.
 */
#ifndef NAIAD_VM_PMAP_H
#define NAIAD_VM_PMAP_H

#include <stddef.h>
#include <stdint.h>

#include "vm/vm_param.h"

/** Entry bit: present; without it every other bit is ignored. */
#define PG_V		0x001
/** Entry bit: writable. */
#define PG_RW		0x002
/** Entry bit: user mode may access. */
#define PG_U		0x004
/** Entry bit: write-through caching. */
#define PG_NC_PWT	0x008
/** Entry bit: caching disabled. */
#define PG_NC_PCD	0x010
/** Entry bit: accessed (set by the processor). */
#define PG_A		0x020
/** Entry bit: dirty, written to (set by the processor). */
#define PG_M		0x040
/** Directory entry bit: a 4 MiB page (unused by Naiad). */
#define PG_PS		0x080
/** Entry bit: global, kept in the TLB across %cr3 loads. */
#define PG_G		0x100
/** Uncached, for device memory: pmap_kenter(va, pa, PG_N). */
#define PG_N		(PG_NC_PWT | PG_NC_PCD)
/** The physical page address in an entry. */
#define PG_FRAME	0xFFFFF000u

/** Entries in a page table or page directory. */
#define NPTEPG		1024
/** log2 of the bytes one directory entry maps (4 MiB). */
#define PDRSHIFT	22
/** Index in the page directory of virtual address \a va. */
#define pmap_pde_index(va)	((uint32_t)(va) >> PDRSHIFT)
/** Index in its page table of virtual address \a va. */
#define pmap_pte_index(va)	(((uint32_t)(va) >> PAGE_SHIFT) & (NPTEPG - 1))

/** A page table entry. */
typedef uint32_t pt_entry_t;
/** A page directory entry. */
typedef uint32_t pd_entry_t;

/**
 * \brief Build the kernel page tables (the direct map of physical memory
 * below \a direct_top, page 0 excepted, and the device window's tables)
 * and turn paging on.  Boot only.
 */
void pmap_init(vm_paddr_t direct_top);
/**
 * \brief Map the kernel page \a va to physical page \a pa, writable;
 * \a flags is 0, or PG_N for device memory.
 */
void pmap_kenter(vm_offset_t va, vm_paddr_t pa, int flags);
/** \brief Unmap the kernel page \a va; touching it then faults. */
void pmap_kremove(vm_offset_t va);
/** \brief The physical address \a va maps to, or 0 when it is unmapped. */
vm_paddr_t pmap_kextract(vm_offset_t va);
/** The kernel's page directory, physical (pmap_init sets it). */
extern vm_paddr_t pmap_kernel_pdpa;
/**
 * \brief The physical address of the kernel's page directory, for %cr3
 * (APs load it too); inline, since every thread switch asks for it.
 */
static inline vm_paddr_t
pmap_kernel_pd(void)
{
	return pmap_kernel_pdpa;
}
/** \brief One past the last address of the direct map. */
vm_paddr_t pmap_direct_top(void);
/**
 * \brief Map the \a size bytes of device memory at physical \a pa into
 * the device window, uncached; the same range asked for again gets the
 * same address.  \return the address of \a pa, or NULL when the window
 * is full.
 */
void *pmap_mapdev(vm_paddr_t pa, size_t size);

#endif /* !NAIAD_VM_PMAP_H */
