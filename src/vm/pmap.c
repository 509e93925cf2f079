/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"

static pd_entry_t *kernel_pd;		/* the kernel's page directory */
vm_paddr_t pmap_kernel_pdpa;		/* ... its physical address */
static vm_paddr_t pmap_direct_end;	/* the direct map ends here */

#define CR0_WP	0x00010000u	/* write protect, also for the kernel */
#define CR0_PG	0x80000000u	/* paging */

/* Write %cr0 (paging and write protection go on here). */
static inline void
load_cr0(uint32_t v)
{
	__asm__ __volatile__("movl %0, %%cr0" : : "r"(v) : "memory");
}

/* Switch to page directory PD; also flushes the TLB. */
static inline void
load_cr3(vm_paddr_t pd)
{
	__asm__ __volatile__("movl %0, %%cr3" : : "r"(pd) : "memory");
}

/* Forget the TLB entry of VA on this CPU. */
static inline void
invlpg(vm_offset_t va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}
/* A zeroed page for a page table, or a panic: boot needs it. */
static pt_entry_t *
pmap_new_table(void)
{
	vm_paddr_t pa = vm_page_alloc();

	if (pa == 0)
		panic("pmap: no memory for the kernel's page tables");
	kmemset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return (pt_entry_t *)(uintptr_t)pa;
}
/* Map physical [4 KiB, TOP) at the same addresses, page 0 left out. */
static void
pmap_map_direct(vm_paddr_t top)
{
	pt_entry_t *pt = NULL;
	vm_offset_t va;

	for (va = 0; va < top; va += PAGE_SIZE) {
		if (pmap_pte_index(va) == 0) {
			pt = pmap_new_table();
			kernel_pd[pmap_pde_index(va)] =
			    (uintptr_t)pt | PG_V | PG_RW;
		}
		if (va != 0)		/* page 0 stays unmapped: NULL faults */
			pt[pmap_pte_index(va)] = va | PG_V | PG_RW;
	}
}
/* The page tables of the device window, made once at boot. */
static void
pmap_make_device_tables(void)
{
	uint32_t i;

	for (i = pmap_pde_index(VM_DEVICE_START); i < NPTEPG; i++)
		kernel_pd[i] = (uintptr_t)pmap_new_table() | PG_V | PG_RW;
}

/* Build the kernel's page tables and turn paging on; boot CPU, once. */
void
pmap_init(vm_paddr_t direct_top)
{
	KASSERT(kernel_pd == NULL, ("pmap_init called twice"));
	KASSERT(direct_top <= VM_DIRECT_MAX &&
	    direct_top % (NPTEPG * PAGE_SIZE) == 0,
	    ("pmap_init: bad direct map end 0x%x", direct_top));
	kernel_pd = pmap_new_table();
	pmap_map_direct(direct_top);
	pmap_make_device_tables();
	pmap_direct_end = direct_top;
	pmap_kernel_pdpa = (uintptr_t)kernel_pd;
	load_cr3((uintptr_t)kernel_pd);
	load_cr0(rcr0() | CR0_PG | CR0_WP);
}

/* The page table entry of kernel VA, or NULL outside mapped tables. */
static pt_entry_t *
pmap_kpte(vm_offset_t va)
{
	pd_entry_t pde;

	KASSERT(kernel_pd != NULL, ("pmap used before pmap_init"));
	pde = kernel_pd[pmap_pde_index(va)];
	if ((pde & PG_V) == 0)
		return NULL;
	return (pt_entry_t *)(uintptr_t)(pde & PG_FRAME) +
	    pmap_pte_index(va);
}
/* Map VA to PA with FLAGS; the caller owns VA. */
void
pmap_kenter(vm_offset_t va, vm_paddr_t pa, int flags)
{
	pt_entry_t *pte = pmap_kpte(va), old;

	KASSERT(pte != NULL, ("pmap_kenter: 0x%x is not kernel space", va));
	KASSERT(((va | pa) & PAGE_MASK) == 0,
	    ("pmap_kenter: 0x%x -> 0x%x not page-aligned", va, pa));
	KASSERT((flags & ~PG_N) == 0, ("pmap_kenter: flags 0x%x", flags));
	old = *pte;
	*pte = pa | PG_V | PG_RW | (pt_entry_t)flags;
	if (old & PG_V)
		invlpg(va);
}

/* Unmap VA and flush it from this CPU's TLB. */
void
pmap_kremove(vm_offset_t va)
{
	pt_entry_t *pte = pmap_kpte(va);

	KASSERT(pte != NULL, ("pmap_kremove: 0x%x is not kernel space", va));
	*pte = 0;
	invlpg(va);
}

/* The physical address VA maps to, or 0. */
vm_paddr_t
pmap_kextract(vm_offset_t va)
{
	pt_entry_t *pte = pmap_kpte(va);

	if (pte == NULL || (*pte & PG_V) == 0)
		return 0;
	return (*pte & PG_FRAME) | (va & PAGE_MASK);
}


/* The end of the direct map; 0 while paging is off. */
vm_paddr_t
pmap_direct_top(void)
{
	return pmap_direct_end;
}
#define PMAP_DEVMAPS	32	/* ranges pmap_mapdev remembers */

static struct pmap_devmap {
	uint64_t	pa;		/* first physical page mapped */
	uint64_t	end;		/* one past the last */
	vm_offset_t	va;		/* where pa appears */
} pmap_devmaps[PMAP_DEVMAPS];
static int pmap_ndevmaps;
static uint64_t pmap_devnext = VM_DEVICE_START; /* first free address */
static struct spinlock pmap_devlock = SPINLOCK_INITIALIZER;

/* Map device registers at PA uncached in the device window; NULL if full. */
void *
pmap_mapdev(vm_paddr_t pa, size_t size)
{
	uint64_t first = trunc_page((uint64_t)pa);
	uint64_t end = round_page((uint64_t)pa + size);
	void *p = NULL;
	vm_offset_t va;
	int i;

	spin_lock(&pmap_devlock);
	for (i = 0; i < pmap_ndevmaps && p == NULL; i++)
		if (first >= pmap_devmaps[i].pa && end <= pmap_devmaps[i].end)
			p = (void *)(uintptr_t)(pmap_devmaps[i].va +
			    (pa - pmap_devmaps[i].pa));
	if (p == NULL && pmap_ndevmaps < PMAP_DEVMAPS &&
	    end - first <= (1ULL << 32) - pmap_devnext && end > first) {
		va = (vm_offset_t)pmap_devnext;
		for (i = 0; first + (uint64_t)i * PAGE_SIZE < end; i++)
			pmap_kenter(va + i * PAGE_SIZE,
			    (vm_paddr_t)first + i * PAGE_SIZE, PG_N);
		pmap_devmaps[pmap_ndevmaps++] =
		    (struct pmap_devmap){ first, end, va };
		pmap_devnext += end - first;
		p = (void *)(uintptr_t)(va + (pa - first));
	}
	spin_unlock(&pmap_devlock);
	return p;
}
