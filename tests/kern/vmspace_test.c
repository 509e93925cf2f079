/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * User address spaces (book/23-vmspace.nw), from a kernel thread that
 * runs in one with vmspace_adopt and touches user addresses directly:
 * demand-zero, faults outside a region or against its protection,
 * copy-on-write after vmspace_fork (the page counts say who shares
 * what), the kernel's part shared, the break, and a fork that runs out
 * of memory.  Each test checks that every page comes back.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/trap.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "vm/pmap.h"
#include "vm/vm_page.h"
#include "vm/vmspace.h"

#define A	(USER_MIN + 0x100000u)	/* a region's start */

/* The physical page VM maps at VA, or 0. */
static vm_paddr_t
user_pa(struct vmspace *vm, vm_offset_t va)
{
	pt_entry_t *pte = pmap_pte(&vm->vm_pmap, va, 0);

	return pte != NULL && (*pte & PG_V) != 0 ? *pte & PG_FRAME : 0;
}

/* A fresh address space with a region of NPAGES at A; NULL if none. */
static struct vmspace *
make(int npages, int prot)
{
	struct vmspace *vm = vmspace_alloc();

	if (vm != NULL && vmspace_map(vm, A, A + (vm_offset_t)npages *
	    PAGE_SIZE, prot, VR_PROGRAM) != 0) {
		vmspace_free(vm);
		vm = NULL;
	}
	return vm;
}

/* The free page count once the kernel heap has what vmspaces use. */
static unsigned
free_after_warmup(void)
{
	struct vmspace *vm = make(1, VM_PROT_READ);

	if (vm != NULL)
		vmspace_free(vm);
	return vm_page_count_free();
}

KTEST(vmspace_demand_zero)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm = make(3, VM_PROT_READ | VM_PROT_WRITE);

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	vmspace_adopt(vm);
	KT_EXPECT_EQ(0, vmspace_resident(vm));
	KT_EXPECT_EQ(0, *(volatile uint32_t *)(A + 100));
	KT_EXPECT_EQ(1, vmspace_resident(vm));
	*(volatile uint32_t *)(A + PAGE_SIZE + 8) = 7;
	KT_EXPECT_EQ(7, *(volatile uint32_t *)(A + PAGE_SIZE + 8));
	KT_EXPECT_EQ(2, vmspace_resident(vm));
	KT_EXPECT_EQ(1, vm_page_refcount(user_pa(vm, A)));
	/* The kernel sees the same page through the direct map. */
	KT_EXPECT_EQ(7, *(volatile uint32_t *)(uintptr_t)(user_pa(vm,
	    A + PAGE_SIZE) + 8));
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

static volatile uint32_t sink;

/* Read the word at ARG (for trap_catch). */
static void
read_at(void *arg)
{
	sink = *(volatile uint32_t *)arg;
}

/* Write a word at ARG (for trap_catch). */
static void
write_at(void *arg)
{
	*(volatile uint32_t *)arg = 1;
}

KTEST(vmspace_fault_outside_region)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm = make(1, VM_PROT_READ | VM_PROT_WRITE);
	struct trapframe tf;

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	vmspace_adopt(vm);
	KT_EXPECT_EQ(TRAP_PF, trap_catch(read_at, (void *)(A + PAGE_SIZE),
	    &tf));
	KT_EXPECT_EQ(A + PAGE_SIZE, tf.tf_cr2);
	KT_EXPECT_EQ(TRAP_PF, trap_catch(write_at, (void *)(A - 4), &tf));
	KT_EXPECT_EQ(0, vmspace_resident(vm));
	KT_EXPECT_EQ(-1, trap_catch(write_at, (void *)A, &tf));
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(vmspace_write_readonly_faults)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm = make(1, VM_PROT_READ);
	struct trapframe tf;
	uint32_t v = 0x5a5a;

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	/* The kernel may fill a read-only region (exec does). */
	KT_EXPECT_EQ(0, vmspace_write(vm, A + 8, &v, sizeof(v)));
	vmspace_adopt(vm);
	KT_EXPECT_EQ(0x5a5a, *(volatile uint32_t *)(A + 8));
	KT_EXPECT_EQ(TRAP_PF, trap_catch(write_at, (void *)(A + 8), &tf));
	KT_EXPECT_EQ(PGEX_P | PGEX_W, tf.tf_err & (PGEX_P | PGEX_W));
	KT_EXPECT_EQ(0x5a5a, *(volatile uint32_t *)(A + 8));
	KT_EXPECT_EQ(-EFAULT, vm_fault(vm, A, VM_PROT_WRITE));
	KT_EXPECT_EQ(0, vm_fault(vm, A, VM_PROT_READ));
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(vmspace_cow_isolates)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm1 = make(2, VM_PROT_READ | VM_PROT_WRITE), *vm2;
	volatile uint32_t *w = (volatile uint32_t *)A;
	vm_paddr_t pa;

	KT_ASSERT(vm1 != NULL);
	if (vm1 == NULL)
		return;
	vmspace_adopt(vm1);
	*w = 0x1111;
	KT_EXPECT_EQ(0, vmspace_fork(vm1, &vm2));
	pa = user_pa(vm1, A);
	KT_EXPECT_EQ(pa, user_pa(vm2, A));
	KT_EXPECT_EQ(2, vm_page_refcount(pa));
	KT_EXPECT_EQ(0, user_pa(vm2, A + PAGE_SIZE));	/* not there yet */
	/* The copy writes: it gets its own page; the original keeps its. */
	vmspace_adopt(vm2);
	KT_EXPECT_EQ(0x1111, *w);
	*w = 0x2222;
	KT_ASSERT(user_pa(vm2, A) != pa);
	KT_EXPECT_EQ(1, vm_page_refcount(pa));
	vmspace_adopt(vm1);
	KT_EXPECT_EQ(0x1111, *w);
	/* The original writes: the page is its alone now, no copy. */
	*w = 0x3333;
	KT_EXPECT_EQ(pa, user_pa(vm1, A));
	vmspace_adopt(vm2);
	KT_EXPECT_EQ(0x2222, *w);
	vmspace_adopt(NULL);
	vmspace_free(vm2);
	vmspace_free(vm1);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

static uint32_t kernel_word = 0x600dcafe;

KTEST(vmspace_kernel_shared)
{
	struct vmspace *vm = make(1, VM_PROT_READ);
	const pd_entry_t *kpd = (const pd_entry_t *)(uintptr_t)pmap_kernel_pd();
	int i, same = 1;

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	for (i = 0; i < NPTEPG; i++)
		if (i < (int)pmap_pde_index(USER_MIN) ||
		    i >= (int)pmap_pde_index(USER_MAX))
			same &= vm->vm_pmap.pm_pdir[i] == kpd[i];
	KT_ASSERT(same);
	vmspace_adopt(vm);
	KT_EXPECT_EQ(0x600dcafe, *(volatile uint32_t *)&kernel_word);
	KT_EXPECT_EQ(vm->vm_pmap.pm_pdirpa, mycpu->gd_cr3);
	vmspace_adopt(NULL);
	KT_EXPECT_EQ(pmap_kernel_pd(), mycpu->gd_cr3);
	vmspace_free(vm);
}

KTEST(vmspace_sbrk_grows_and_shrinks)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm = vmspace_alloc();
	vm_offset_t old, base = USER_MIN + 0x10000;

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	KT_EXPECT_EQ(0, vmspace_map(vm, USER_STACK_TOP - USER_STACK_MAX,
	    USER_STACK_TOP, VM_PROT_READ | VM_PROT_WRITE, VR_STACK));
	vm->vm_brk_base = vm->vm_brk = base;
	KT_EXPECT_EQ(0, vmspace_sbrk(vm, 3 * PAGE_SIZE + 1, &old));
	KT_EXPECT_EQ(base, old);
	KT_EXPECT_EQ(base + 3 * PAGE_SIZE + 1, vm->vm_brk);
	vmspace_adopt(vm);
	*(volatile uint32_t *)(base + 3 * PAGE_SIZE) = 9;	/* 4th page */
	*(volatile uint32_t *)base = 8;
	KT_EXPECT_EQ(2, vmspace_resident(vm));
	KT_EXPECT_EQ(0, vmspace_sbrk(vm, -(int32_t)(2 * PAGE_SIZE + 1),
	    &old));
	KT_EXPECT_EQ(1, vmspace_resident(vm));		/* one given back */
	KT_EXPECT_EQ(-EINVAL, vmspace_sbrk(vm, -(int32_t)(2 * PAGE_SIZE),
	    &old));
	KT_EXPECT_EQ(-ENOMEM, vmspace_sbrk(vm, (int32_t)(USER_STACK_TOP -
	    USER_STACK_MAX - base), &old));
	KT_EXPECT_EQ(base + PAGE_SIZE, vm->vm_brk);
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

/* With memory gone, fork fails, and the source is as it was. */
KTEST(vmspace_fork_out_of_memory)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm = make(4, VM_PROT_READ | VM_PROT_WRITE), *copy;
	vm_paddr_t hog = 0, pa;
	int i;

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	vmspace_adopt(vm);
	for (i = 0; i < 4; i++)
		*(volatile uint32_t *)(A + (vm_offset_t)i * PAGE_SIZE) = i;
	/* Take every free page, chained through the pages themselves. */
	while ((pa = vm_page_alloc()) != 0) {
		*(vm_paddr_t *)(uintptr_t)pa = hog;
		hog = pa;
	}
	KT_EXPECT_EQ(-ENOMEM, vmspace_fork(vm, &copy));
	while (hog != 0) {
		pa = hog;
		hog = *(vm_paddr_t *)(uintptr_t)pa;
		vm_page_free(pa);
	}
	for (i = 0; i < 4; i++) {
		KT_EXPECT_EQ(i, *(volatile uint32_t *)(A +
		    (vm_offset_t)i * PAGE_SIZE));
		KT_EXPECT_EQ(1, vm_page_refcount(user_pa(vm,
		    A + (vm_offset_t)i * PAGE_SIZE)));
	}
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}
