/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief User address spaces: page tables that share the kernel's part,
 * regions, demand-zero and copy-on-write faults, page references.
 */
#ifndef NAIAD_VM_VMSPACE_H
#define NAIAD_VM_VMSPACE_H

#include <stddef.h>
#include <stdint.h>

#include "arch/i386/trap.h"
#include "vm/pmap.h"
#include "vm/vm_map.h"

/** The page tables of one user address space. */
struct pmap {
	pd_entry_t	*pm_pdir;	/**< the page directory (direct map) */
	vm_paddr_t	pm_pdirpa;	/**< ... its physical address */
	unsigned	pm_ptpages;	/**< page tables it has allocated */
};
/** A user address space: page tables, regions, and the heap's bounds. */
struct vmspace {
	struct pmap	vm_pmap;	/**< the machine's page tables */
	struct vm_map	vm_map;		/**< the regions that may be used */
	vm_offset_t	vm_brk_base;	/**< where the heap starts (a page) */
	vm_offset_t	vm_brk;		/**< the break: the heap's end */
};

/** \brief A zeroed user page with one reference, or 0. */
vm_paddr_t vm_page_alloc_user(void);
/** \brief Add a reference to the user page at \a pa. */
void vm_page_hold(vm_paddr_t pa);
/** \brief Drop a reference to \a pa; the last one frees the page. */
void vm_page_drop(vm_paddr_t pa);
/** \brief The references to \a pa at this moment. */
uint32_t vm_page_refcount(vm_paddr_t pa);

/** \brief A page directory sharing the kernel's part; 0 or -ENOMEM. */
int pmap_pinit(struct pmap *pm);
/** \brief Drop all user pages of \a pm and free its tables. */
void pmap_release(struct pmap *pm);
/** \brief \a pm's entry for user address \a va (a table is made if
 * \a create), or NULL. */
pt_entry_t *pmap_pte(struct pmap *pm, vm_offset_t va, int create);
/** \brief Map user page \a va to \a pa; 0 or -ENOMEM. */
int pmap_enter(struct pmap *pm, vm_offset_t va, vm_paddr_t pa,
    int writable);
/** \brief Unmap \a va; the old entry (0 if none). */
pt_entry_t pmap_remove(struct pmap *pm, vm_offset_t va);

/** \brief An empty address space, or NULL. */
struct vmspace *vmspace_alloc(void);
/** \brief Free an address space no thread runs in, and its pages. */
void vmspace_free(struct vmspace *vm);
/** \brief Add a region; vm_map_insert's result. */
int vmspace_map(struct vmspace *vm, vm_offset_t start, vm_offset_t end,
    int prot, int kind);
/**
 * \brief A copy of \a src that shares its pages copy-on-write, in
 * *\a dstp.  \return 0 or -ENOMEM (nothing left allocated).  Run by
 * \a src's owner thread.
 */
int vmspace_fork(struct vmspace *src, struct vmspace **dstp);
/** \brief Move the break of \a vm by \a incr; the old break in
 * *\a oldp.  \return 0, -ENOMEM or -EINVAL. */
int vmspace_sbrk(struct vmspace *vm, int32_t incr, vm_offset_t *oldp);
/** \brief Make an access (VM_PROT_*) of \a va possible.
 * \return 0, -EFAULT or -ENOMEM. */
int vm_fault(struct vmspace *vm, vm_offset_t va, int access);
/** \brief Copy \a len bytes to \a va in \a vm from the kernel, region
 * protections aside.  \return 0, -EFAULT or -ENOMEM. */
int vmspace_write(struct vmspace *vm, vm_offset_t va, const void *src,
    size_t len);
/** \brief Resolve the page fault of \a tf in the current thread's
 * address space.  \return 0, or why not. */
int vm_fault_trap_resolve(struct trapframe *tf);
/** \brief Pages of user memory \a vm maps now. */
unsigned vmspace_resident(struct vmspace *vm);

#endif /* !NAIAD_VM_VMSPACE_H */
