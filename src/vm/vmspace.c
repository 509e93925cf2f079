/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * User address spaces: page tables sharing the kernel's part, page
 * references, demand-zero and copy-on-write faults, fork, the break.
 * An address space is changed only by the thread that runs in it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/trap.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "vm/kmalloc.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"
#include "vm/vmspace.h"

static volatile uint32_t *vm_page_refs;	/* one count per physical page */
static uint32_t vm_page_nrefs;		/* entries in vm_page_refs */

/* Add V to *P atomically; the old value. */
static inline uint32_t
atomic_fetchadd_int(volatile uint32_t *p, uint32_t v)
{
	__asm__ __volatile__("lock xaddl %0, %1"
	    : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

/* The count of the page at PA; asserts that it is a managed page. */
static volatile uint32_t *
vm_page_ref_slot(vm_paddr_t pa)
{
	KASSERT((pa & PAGE_MASK) == 0 && pa / PAGE_SIZE < vm_page_nrefs,
	    ("vm_page_ref: 0x%x is not a managed page", pa));
	return &vm_page_refs[pa / PAGE_SIZE];
}

/* A new user page with one reference, zeroed; 0 when memory is out. */
vm_paddr_t
vm_page_alloc_user(void)
{
	vm_paddr_t pa = vm_page_alloc();

	if (pa == 0)
		return 0;
	kmemset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	*vm_page_ref_slot(pa) = 1;
	return pa;
}

/* One more reference to PA; any CPU. */
void
vm_page_hold(vm_paddr_t pa)
{
	atomic_fetchadd_int(vm_page_ref_slot(pa), 1);
}

/* One reference less to PA; the last one frees the page.  Any CPU. */
void
vm_page_drop(vm_paddr_t pa)
{
	uint32_t old = atomic_fetchadd_int(vm_page_ref_slot(pa), -1u);

	KASSERT(old > 0, ("vm_page_drop: 0x%x has no reference", pa));
	if (old == 1)
		vm_page_free(pa);
}

/* The references to PA now; exact only if nobody else can change it. */
uint32_t
vm_page_refcount(vm_paddr_t pa)
{
	return *vm_page_ref_slot(pa);
}

/* Boot: an array with a count for every page the allocator has. */
static void
vm_page_ref_init(void)
{
	uint32_t bytes;

	vm_page_nrefs = vm_page_top() / PAGE_SIZE;
	bytes = vm_page_nrefs * sizeof(vm_page_refs[0]);
	vm_page_refs = (volatile uint32_t *)(uintptr_t)vm_page_alloc_contig(
	    round_page(bytes) / PAGE_SIZE);
	if (vm_page_refs == NULL)
		panic("vmspace: no memory for %u page counts", vm_page_nrefs);
	kmemset((void *)(uintptr_t)vm_page_refs, 0, bytes);
}
/* A page directory sharing the kernel's entries; 0 or -ENOMEM. */
int
pmap_pinit(struct pmap *pm)
{
	const pd_entry_t *kpd =
	    (const pd_entry_t *)(uintptr_t)pmap_kernel_pd();
	vm_paddr_t pa = vm_page_alloc();
	uint32_t i;

	if (pa == 0)
		return -ENOMEM;
	pm->pm_pdir = (pd_entry_t *)(uintptr_t)pa;
	pm->pm_pdirpa = pa;
	pm->pm_ptpages = 0;
	for (i = 0; i < NPTEPG; i++)
		pm->pm_pdir[i] = (i >= pmap_pde_index(USER_MIN) &&
		    i < pmap_pde_index(USER_MAX)) ? 0 : kpd[i];
	return 0;
}

/* Drop every user page PM maps, free its tables and directory.  PM
 * must not be loaded on any CPU. */
void
pmap_release(struct pmap *pm)
{
	pt_entry_t *pt;
	uint32_t i, j;

	for (i = pmap_pde_index(USER_MIN); i < pmap_pde_index(USER_MAX); i++) {
		if ((pm->pm_pdir[i] & PG_V) == 0)
			continue;
		pt = (pt_entry_t *)(uintptr_t)(pm->pm_pdir[i] & PG_FRAME);
		for (j = 0; j < NPTEPG; j++)
			if (pt[j] & PG_V)
				vm_page_drop(pt[j] & PG_FRAME);
		vm_page_free((uintptr_t)pt);
		pm->pm_pdir[i] = 0;
	}
	vm_page_free(pm->pm_pdirpa);
	pm->pm_pdir = NULL;
}
/* PM's entry for VA, or NULL (no table, and !CREATE or no memory). */
pt_entry_t *
pmap_pte(struct pmap *pm, vm_offset_t va, int create)
{
	pd_entry_t *pde = &pm->pm_pdir[pmap_pde_index(va)];
	vm_paddr_t pa;

	KASSERT(va >= USER_MIN && va < USER_MAX,
	    ("pmap_pte: 0x%x is not a user address", va));
	if ((*pde & PG_V) == 0) {
		if (!create || (pa = vm_page_alloc()) == 0)
			return NULL;
		kmemset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
		*pde = pa | PG_V | PG_RW | PG_U;
		pm->pm_ptpages++;
	}
	return (pt_entry_t *)(uintptr_t)(*pde & PG_FRAME) +
	    pmap_pte_index(va);
}
/* Forget VA's translation if PM is the page directory loaded here. */
static void
pmap_invalidate(struct pmap *pm, vm_offset_t va)
{
	if (mycpu->gd_cr3 == pm->pm_pdirpa)
		__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

/* Map user page VA to PA, writable if WRITABLE; 0 or -ENOMEM.  The
 * caller gives PM its reference to PA and owns the old one, if any. */
int
pmap_enter(struct pmap *pm, vm_offset_t va, vm_paddr_t pa, int writable)
{
	pt_entry_t *pte = pmap_pte(pm, va, 1);

	if (pte == NULL)
		return -ENOMEM;
	*pte = pa | PG_V | PG_U | (writable ? PG_RW : 0);
	pmap_invalidate(pm, va);
	return 0;
}

/* Unmap VA; the old entry, whose reference passes to the caller. */
pt_entry_t
pmap_remove(struct pmap *pm, vm_offset_t va)
{
	pt_entry_t *pte = pmap_pte(pm, va, 0), old;

	if (pte == NULL || (*pte & PG_V) == 0)
		return 0;
	old = *pte;
	*pte = 0;
	pmap_invalidate(pm, va);
	return old;
}

/* Make VA read-only (copy-on-write), if it is mapped. */
static void
pmap_write_protect(struct pmap *pm, vm_offset_t va)
{
	pt_entry_t *pte = pmap_pte(pm, va, 0);

	if (pte != NULL && (*pte & PG_RW) != 0) {
		*pte &= ~PG_RW;
		pmap_invalidate(pm, va);
	}
}
/* An empty address space; NULL when memory is out. */
struct vmspace *
vmspace_alloc(void)
{
	struct vmspace *vm = kmalloc(sizeof(*vm), M_ZERO);

	if (vm == NULL)
		return NULL;
	if (pmap_pinit(&vm->vm_pmap) != 0) {
		kfree(vm);
		return NULL;
	}
	vm_map_init(&vm->vm_map);
	return vm;
}

/* Free VM and every page only it maps; no thread may run in it. */
void
vmspace_free(struct vmspace *vm)
{
	KASSERT(mycpu->gd_cr3 != vm->vm_pmap.pm_pdirpa,
	    ("vmspace_free: the address space is in use"));
	pmap_release(&vm->vm_pmap);
	kfree(vm);
}

/* Add a region to VM: vm_map_insert's result. */
int
vmspace_map(struct vmspace *vm, vm_offset_t start, vm_offset_t end,
    int prot, int kind)
{
	return vm_map_insert(&vm->vm_map, start, end, prot, kind);
}
/* Unmap [start, end) of VM, dropping its pages; page-aligned. */
static void
vmspace_unmap_pages(struct vmspace *vm, vm_offset_t start, vm_offset_t end)
{
	vm_offset_t va;
	pt_entry_t old;

	for (va = start; va < end; va += PAGE_SIZE) {
		if ((va & ((NPTEPG * PAGE_SIZE) - 1)) == 0 &&
		    (vm->vm_pmap.pm_pdir[pmap_pde_index(va)] & PG_V) == 0) {
			va += NPTEPG * PAGE_SIZE - PAGE_SIZE;	/* no table */
			continue;
		}
		if ((old = pmap_remove(&vm->vm_pmap, va)) != 0)
			vm_page_drop(old & PG_FRAME);
	}
}
/* Write %cr3: another page directory, and a flushed TLB. */
static inline void
vmspace_load_cr3(uint32_t pa)
{
	__asm__ __volatile__("movl %0, %%cr3" : : "r"(pa) : "memory");
}

/* At a switch to NTD on GD (mycpu), critical section: its directory. */
void
vmspace_switch(struct globaldata *gd, struct thread *ntd)
{
	uint32_t pd = ntd->td_cr3 != 0 ? ntd->td_cr3 : pmap_kernel_pd();

	if (gd->gd_cr3 != pd) {
		vmspace_load_cr3(pd);
		gd->gd_cr3 = pd;
	}
}

/* The current thread runs in VM (NULL: the kernel's space) from now on. */
void
vmspace_adopt(struct vmspace *vm)
{
	struct globaldata *gd;
	struct thread *td;

	crit_enter();
	gd = mycpu;
	td = gd->gd_curthread;
	td->td_vmspace = vm;
	td->td_cr3 = vm != NULL ? vm->vm_pmap.pm_pdirpa : 0;
	vmspace_switch(gd, td);
	crit_exit();
}

/* Every CPU starts on the kernel's page directory. */
static void
vmspace_gdinit(struct globaldata *gd)
{
	gd->gd_cr3 = pmap_kernel_pd();
}

static struct gdinit vmspace_gdinit_hook = { vmspace_gdinit, "vmspace",
    NULL };
/* Copy-on-write at VA, mapped to PA in PM: 0 or -ENOMEM. */
static int
vm_fault_cow(struct pmap *pm, vm_offset_t va, pt_entry_t *pte)
{
	vm_paddr_t pa = *pte & PG_FRAME, npa;

	if (vm_page_refcount(pa) == 1) {	/* ours alone now */
		*pte |= PG_RW;
		pmap_invalidate(pm, va);
		return 0;
	}
	if ((npa = vm_page_alloc_user()) == 0)
		return -ENOMEM;
	kmemcpy((void *)(uintptr_t)npa, (const void *)(uintptr_t)pa,
	    PAGE_SIZE);
	*pte = npa | PG_V | PG_U | PG_RW;
	pmap_invalidate(pm, va);
	vm_page_drop(pa);
	return 0;
}

/* Make an ACCESS (VM_PROT_*) of VA in VM possible: 0, -EFAULT (no
 * region, or not allowed) or -ENOMEM.  VM's owner thread only. */
int
vm_fault(struct vmspace *vm, vm_offset_t va, int access)
{
	struct vm_region *r = vm_map_lookup(&vm->vm_map, va);
	struct pmap *pm = &vm->vm_pmap;
	pt_entry_t *pte;
	vm_paddr_t pa;

	if (r == NULL)
		return -EFAULT;
	if ((access & VM_PROT_EXEC) != 0)
		access = (access & ~VM_PROT_EXEC) | VM_PROT_READ;
	if ((r->vr_prot & access) != access)
		return -EFAULT;
	va = trunc_page(va);
	if ((pte = pmap_pte(pm, va, 1)) == NULL)
		return -ENOMEM;
	if ((*pte & PG_V) != 0) {
		if ((access & VM_PROT_WRITE) == 0 || (*pte & PG_RW) != 0) {
			pmap_invalidate(pm, va);	/* a stale TLB entry */
			return 0;
		}
		return vm_fault_cow(pm, va, pte);
	}
	if ((pa = vm_page_alloc_user()) == 0)
		return -ENOMEM;
	*pte = pa | PG_V | PG_U |
	    ((r->vr_prot & VM_PROT_WRITE) != 0 ? PG_RW : 0);
	pmap_invalidate(pm, va);
	return 0;
}
/* Copy LEN bytes from SRC to VA in VM, region protections aside; the
 * pages must lie in regions.  0, -EFAULT or -ENOMEM. */
int
vmspace_write(struct vmspace *vm, vm_offset_t va, const void *src,
    size_t len)
{
	const char *from = src;
	pt_entry_t *pte;
	vm_paddr_t pa;
	size_t n;

	while (len > 0) {
		if (vm_map_lookup(&vm->vm_map, va) == NULL)
			return -EFAULT;
		if ((pte = pmap_pte(&vm->vm_pmap, trunc_page(va), 1)) == NULL)
			return -ENOMEM;
		if ((*pte & PG_V) == 0) {
			if ((pa = vm_page_alloc_user()) == 0)
				return -ENOMEM;
			*pte = pa | PG_V | PG_U;
			if (vm_map_lookup(&vm->vm_map, va)->vr_prot &
			    VM_PROT_WRITE)
				*pte |= PG_RW;
		} else if (vm_page_refcount(*pte & PG_FRAME) != 1)
			return -EFAULT;		/* shared: not for the kernel */
		n = PAGE_SIZE - (va & PAGE_MASK);
		if (n > len)
			n = len;
		kmemcpy((char *)(uintptr_t)(*pte & PG_FRAME) + (va & PAGE_MASK),
		    from, n);
		va += n;
		from += n;
		len -= n;
	}
	return 0;
}
/* Share SRC's page at VA (if any) with DST, copy-on-write; 0/-ENOMEM. */
static int
vmspace_fork_page(struct vmspace *src, struct vmspace *dst,
    struct vm_region *r, vm_offset_t va)
{
	pt_entry_t *pte = pmap_pte(&src->vm_pmap, va, 0);
	vm_paddr_t pa;

	if (pte == NULL || (*pte & PG_V) == 0)
		return 0;
	pa = *pte & PG_FRAME;
	if (pmap_enter(&dst->vm_pmap, va, pa, 0) != 0)
		return -ENOMEM;
	vm_page_hold(pa);
	if ((r->vr_prot & VM_PROT_WRITE) != 0)
		pmap_write_protect(&src->vm_pmap, va);
	return 0;
}

/* A copy of SRC sharing its pages copy-on-write; SRC's owner thread. */
int
vmspace_fork(struct vmspace *src, struct vmspace **dstp)
{
	struct vmspace *dst = vmspace_alloc();
	struct vm_region *r;
	vm_offset_t va;
	int i;

	if (dst == NULL)
		return -ENOMEM;
	dst->vm_map = src->vm_map;
	dst->vm_brk_base = src->vm_brk_base;
	dst->vm_brk = src->vm_brk;
	for (i = 0; i < src->vm_map.vm_nregions; i++) {
		r = &src->vm_map.vm_regions[i];
		for (va = r->vr_start; va < r->vr_end; va += PAGE_SIZE) {
			if ((src->vm_pmap.pm_pdir[pmap_pde_index(va)] &
			    PG_V) == 0) {
				va |= NPTEPG * PAGE_SIZE - PAGE_SIZE;
				continue;
			}
			if (vmspace_fork_page(src, dst, r, va) != 0) {
				vmspace_free(dst);
				return -ENOMEM;
			}
		}
	}
	*dstp = dst;
	return 0;
}

/* Pages of user memory VM maps now: for ps and the tests. */
unsigned
vmspace_resident(struct vmspace *vm)
{
	const pt_entry_t *pt;
	unsigned n = 0;
	uint32_t i, j;

	for (i = pmap_pde_index(USER_MIN); i < pmap_pde_index(USER_MAX); i++) {
		if ((vm->vm_pmap.pm_pdir[i] & PG_V) == 0)
			continue;
		pt = (const pt_entry_t *)(uintptr_t)(vm->vm_pmap.pm_pdir[i] &
		    PG_FRAME);
		for (j = 0; j < NPTEPG; j++)
			n += (pt[j] & PG_V) != 0;
	}
	return n;
}
/* sbrk: move VM's break by INCR; the old break in *OLDP.  Owner only. */
int
vmspace_sbrk(struct vmspace *vm, int32_t incr, vm_offset_t *oldp)
{
	struct vm_region *r = vm_map_find_kind(&vm->vm_map, VR_HEAP);
	uint64_t nbrk = (uint64_t)vm->vm_brk + (int64_t)incr;
	vm_offset_t end, oldend;
	int error;

	if (vm->vm_brk_base == 0)
		return -ENOMEM;			/* no heap set up */
	if (nbrk < vm->vm_brk_base)
		return -EINVAL;
	if (nbrk > USER_MAX)
		return -ENOMEM;
	end = round_page((vm_offset_t)nbrk);
	oldend = r != NULL ? r->vr_end : vm->vm_brk_base;
	if (end > oldend) {
		error = r != NULL ? vm_map_resize(&vm->vm_map, r, end) :
		    vm_map_insert(&vm->vm_map, vm->vm_brk_base, end,
		    VM_PROT_READ | VM_PROT_WRITE, VR_HEAP);
		if (error != 0)
			return error == -EINVAL ? -ENOMEM : error;
	} else if (end < oldend) {
		vmspace_unmap_pages(vm, end, oldend);
		if (end == vm->vm_brk_base)
			vm_map_remove(&vm->vm_map, r);
		else
			vm_map_resize(&vm->vm_map, r, end);
	}
	*oldp = vm->vm_brk;
	vm->vm_brk = (vm_offset_t)nbrk;
	return 0;
}
/* A fault that vm_fault may resolve: 0 if it did, -EFAULT/-ENOMEM if
 * not (or not a fault in the current thread's user space). */
int
vm_fault_trap_resolve(struct trapframe *tf)
{
	struct vmspace *vm = curthread->td_vmspace;
	int access, error;

	if (vm == NULL || tf->tf_cr2 < USER_MIN || tf->tf_cr2 >= USER_MAX)
		return -EFAULT;
	access = (tf->tf_err & PGEX_W) != 0 ? VM_PROT_WRITE : VM_PROT_READ;
	if ((tf->tf_eflags & PSL_I) != 0)
		cpu_enable_intr();
	error = vm_fault(vm, tf->tf_cr2, access);
	cpu_disable_intr();
	return error;
}

/* TRAP_PF: resolve it, or treat it as any unhandled trap. */
static void
vm_fault_trap(struct trapframe *tf)
{
	if (vm_fault_trap_resolve(tf) != 0)
		trap_unhandled(tf);
}
/* Boot: page counts, every CPU's %cr3 known, the fault handler. */
static void
vmspace_init(void *arg)
{
	(void)arg;
	vm_page_ref_init();
	gdinit_register(&vmspace_gdinit_hook);
	trap_set_handler(TRAP_PF, vm_fault_trap);
}

SYSINIT(vmspace, SI_SUB_VMSPACE, SI_ORDER_FIRST, vmspace_init, NULL);
