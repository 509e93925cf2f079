/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/multiboot.h"
#include "kern/kprintf.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "vm/kmalloc.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_page.h"

#define VM_MAP_MAX	64

extern char __kernel_start[], __kernel_end[];

static struct phys_range vm_map[VM_MAP_MAX];	/* as the loader said */
static int vm_map_n;
static struct phys_range vm_usable[VM_MAP_MAX];	/* what we manage */
static int vm_usable_n;
#define VM_MODULES_MAX	4

static struct phys_range vm_modules[VM_MODULES_MAX]; /* the loader's files */
static int vm_modules_n;
/* Boot: vm_map from the loader's map, or from its memory size. */
static void
vm_copy_map(const struct multiboot_info *mbi)
{
	if (mbi == NULL)
		panic("vm: no Multiboot information");
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		vm_map_n = physmap_parse(
		    (const void *)(uintptr_t)mbi->mmap_addr, mbi->mmap_length,
		    vm_map, VM_MAP_MAX);
	} else if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		vm_map[0].start = VM_LOW_MEMORY;
		vm_map[0].end = VM_LOW_MEMORY + (uint64_t)mbi->mem_upper * 1024;
		vm_map[0].type = PHYS_RAM;
		vm_map_n = 1;
	}
	if (vm_map_n == 0)
		panic("vm: the loader passed no memory map");
	if (vm_map_n == VM_MAP_MAX)
		kprintf("vm: memory map cut to its first %d entries\n",
		    VM_MAP_MAX);
}
/* Boot: the modules' ranges, from the loader's list, into vm_modules. */
static void
vm_copy_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *m;
	uint32_t i;

	if ((mbi->flags & MULTIBOOT_INFO_MODS) == 0)
		return;
	m = (const struct multiboot_module *)(uintptr_t)mbi->mods_addr;
	for (i = 0; i < mbi->mods_count; i++) {
		if (m[i].mod_end <= m[i].mod_start)
			continue;
		if (vm_modules_n == VM_MODULES_MAX) {
			kprintf("vm: only the first %d modules are kept\n",
			    VM_MODULES_MAX);
			break;
		}
		vm_modules[vm_modules_n].start = m[i].mod_start;
		vm_modules[vm_modules_n].end = m[i].mod_end;
		vm_modules[vm_modules_n].type = PHYS_RESERVED;
		vm_modules_n++;
	}
}
/* Boot: the top of the direct map, a whole page table past the RAM. */
static vm_paddr_t
vm_direct_top(void)
{
	const uint64_t table = NPTEPG * PAGE_SIZE;	/* 4 MiB */
	uint64_t top = (uintptr_t)__kernel_end;
	int i;

	for (i = 0; i < vm_map_n; i++)
		if ((vm_map[i].type == PHYS_RAM ||
		    vm_map[i].type == PHYS_ACPI_RECLAIM ||
		    vm_map[i].type == PHYS_ACPI_NVS) && vm_map[i].end > top)
			top = vm_map[i].end;
	if (top > VM_DIRECT_MAX)
		top = VM_DIRECT_MAX;
	return (vm_paddr_t)((top + table - 1) / table * table);
}

/* The boot step: the map, the pages, paging, the heap.  Boot CPU. */
static void
vm_init(void *arg)
{
	struct phys_range keep[1 + VM_MODULES_MAX];
	int i;

	(void)arg;
	vm_copy_map(boot_info);
	vm_copy_modules(boot_info);
	keep[0].start = (uintptr_t)__kernel_start;
	keep[0].end = (uintptr_t)__kernel_end;
	keep[0].type = PHYS_RESERVED;
	for (i = 0; i < vm_modules_n; i++)
		keep[1 + i] = vm_modules[i];
	vm_usable_n = physmap_usable(vm_map, vm_map_n, keep,
	    1 + vm_modules_n, VM_LOW_MEMORY, VM_DIRECT_MAX, vm_usable,
	    VM_MAP_MAX);
	vm_page_init_ranges(vm_usable, vm_usable_n);
	if (vm_page_count_total() == 0)
		panic("vm: no usable memory above 1 MiB");
	pmap_init(vm_direct_top());
	kmalloc_init();
	kprintf("vm: %u KiB free, paging on, direct map below 0x%x\n",
	    vm_page_count_free() * (PAGE_SIZE / 1024), pmap_direct_top());
}

SYSINIT(vm, SI_BOOT2_VM, SI_ORDER_FIRST, vm_init, NULL);

/* Any thread: the table vm_init copied, read-only since. */
const struct phys_range *
vm_physmap(int *n)
{
	*n = vm_map_n;
	return vm_map;
}

/* Any thread: the ranges the page allocator manages. */
const struct phys_range *
vm_usable_ranges(int *n)
{
	*n = vm_usable_n;
	return vm_usable;
}

/* Any thread: the modules vm_init kept, read-only since. */
const struct phys_range *
vm_boot_modules(int *n)
{
	*n = vm_modules_n;
	return vm_modules;
}

/* Any thread: the map, the managed ranges, the page counts. */
void
vm_print_info(void)
{
	unsigned total = vm_page_count_total(), free = vm_page_count_free();
	int i;

	kprintf("memory map from the loader:\n");
	for (i = 0; i < vm_map_n; i++)
		kprintf("  0x%08llx-0x%08llx %s\n", vm_map[i].start,
		    vm_map[i].end - 1, physmap_type_name(vm_map[i].type));
	kprintf("managed by the page allocator:\n");
	for (i = 0; i < vm_usable_n; i++)
		kprintf("  0x%08llx-0x%08llx %llu KiB\n", vm_usable[i].start,
		    vm_usable[i].end - 1,
		    (vm_usable[i].end - vm_usable[i].start) / 1024);
	kprintf("kernel image 0x%x-0x%x, direct map below 0x%x\n",
	    (unsigned)(uintptr_t)__kernel_start,
	    (unsigned)(uintptr_t)__kernel_end - 1, pmap_direct_top());
	for (i = 0; i < vm_modules_n; i++)
		kprintf("module %d 0x%08llx-0x%08llx (%llu bytes)\n", i,
		    vm_modules[i].start, vm_modules[i].end - 1,
		    vm_modules[i].end - vm_modules[i].start);
	kprintf("pages: %u managed, %u free, %u in use (%u KiB each)\n",
	    total, free, total - free, PAGE_SIZE / 1024);
}

/* The monitor's mem command. */
static int
vm_mem_command(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	vm_print_info();
	return 0;
}

MONITOR_COMMAND(mem, "mem", "mem", "show the memory map and free pages",
    vm_mem_command);
