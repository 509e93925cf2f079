/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The memory chapter on the target: the page allocator, the heap and the
 * kernel page tables.  Expected values come from the memory map the
 * loader passed and from the linker's symbols, so the tests hold for any
 * amount of memory (-m 32, 128, 512).  Faults are caught with trap_catch
 * (book/06-traps.nw), and the page fault's %cr2 and error code checked.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/trap.h"
#include "kern/ktest.h"
#include "vm/kmalloc.h"
#include "vm/pmap.h"
#include "vm/vm.h"
#include "vm/vm_page.h"

extern char __kernel_start[], __kernel_end[];

/*
 * May the allocator hand out the page at pa?  Worked out from the
 * loader's map, not from the allocator's own ranges: above 1 MiB, below
 * the direct map's limit, inside a RAM entry, in no other entry, and not
 * part of the kernel image.
 */
static int
page_may_be_handed_out(vm_paddr_t pa)
{
	const struct phys_range *map;
	uint64_t s = pa, e = (uint64_t)pa + PAGE_SIZE;
	int i, n, in_ram = 0;

	if ((pa & PAGE_MASK) != 0 || s < VM_LOW_MEMORY || e > VM_DIRECT_MAX)
		return 0;
	if (e > (uintptr_t)__kernel_start && s < (uintptr_t)__kernel_end)
		return 0;
	map = vm_physmap(&n);
	for (i = 0; i < n; i++) {
		if (e <= map[i].start || s >= map[i].end)
			continue;
		if (map[i].type != PHYS_RAM)
			return 0;
		if (s >= map[i].start && e <= map[i].end)
			in_ram = 1;
	}
	return in_ram;
}

KTEST(vm_page_alloc_gives_distinct_usable_pages)
{
	enum { N = 64 };
	vm_paddr_t pages[N];
	unsigned before = vm_page_count_free();
	int i, j, n;

	for (n = 0; n < N; n++)
		if ((pages[n] = vm_page_alloc()) == 0)
			break;
	KT_EXPECT_EQ(N, n);
	for (i = 0; i < n; i++) {
		if (!page_may_be_handed_out(pages[i]))
			ktest_fail(kt, __FILE__, __LINE__,
			    "page 0x%x is not usable RAM", pages[i]);
		for (j = 0; j < i; j++)
			if (pages[j] == pages[i])
				ktest_fail(kt, __FILE__, __LINE__,
				    "page 0x%x handed out twice", pages[i]);
	}
	KT_EXPECT_EQ(before - (unsigned)n, vm_page_count_free());
	for (i = 0; i < n; i++)
		vm_page_free(pages[i]);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(vm_page_random_alloc_free_keeps_count)
{
	enum { MAXHELD = 256, STEPS = 4000 };
	static vm_paddr_t held[MAXHELD];
	static uint32_t tag[MAXHELD];
	unsigned before = vm_page_count_free(), nheld = 0, step, i;
	volatile uint32_t *word;
	uint32_t r;
	vm_paddr_t pa;

	for (step = 0; step < STEPS; step++) {
		r = ktest_random(kt);
		if (nheld == 0 || (nheld < MAXHELD && (r & 1))) {
			pa = vm_page_alloc();
			KT_ASSERT(pa != 0 && page_may_be_handed_out(pa));
			if (pa == 0)
				break;
			/* A page handed out twice gets two different tags. */
			tag[nheld] = r;
			word = (volatile uint32_t *)(uintptr_t)pa;
			word[0] = r;
			word[PAGE_SIZE / 4 - 1] = ~r;
			held[nheld++] = pa;
		} else {
			i = (r >> 1) % nheld;
			word = (volatile uint32_t *)(uintptr_t)held[i];
			KT_EXPECT_EQ(tag[i], word[0]);
			KT_EXPECT_EQ(~tag[i], word[PAGE_SIZE / 4 - 1]);
			vm_page_free(held[i]);
			held[i] = held[--nheld];
			tag[i] = tag[nheld];
		}
		if (vm_page_count_free() != before - nheld) {
			ktest_fail(kt, __FILE__, __LINE__,
			    "step %u: %u free, expected %u", step,
			    vm_page_count_free(), before - nheld);
			break;
		}
	}
	while (nheld > 0)
		vm_page_free(held[--nheld]);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(vm_page_exhaustion_returns_0)
{
	unsigned before = vm_page_count_free(), n = 0;
	vm_paddr_t pa, chain = 0;

	/* Take every page, chaining each to the last through its first word. */
	while ((pa = vm_page_alloc()) != 0) {
		*(volatile vm_paddr_t *)(uintptr_t)pa = chain;
		chain = pa;
		n++;
	}
	KT_EXPECT_EQ(before, n);
	KT_EXPECT_EQ(0, vm_page_count_free());
	KT_EXPECT_EQ(0, vm_page_alloc());
	KT_EXPECT_EQ(0, vm_page_alloc_contig(1));
	KT_ASSERT(kmalloc(2 * PAGE_SIZE, 0) == NULL);
	while (chain != 0) {
		pa = chain;
		chain = *(volatile vm_paddr_t *)(uintptr_t)pa;
		vm_page_free(pa);
	}
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(vm_page_alloc_contig_gives_a_run)
{
	enum { RUN = 8 };
	unsigned before = vm_page_count_free(), i;
	vm_paddr_t pa, one;

	pa = vm_page_alloc_contig(RUN);
	KT_ASSERT(pa != 0);
	if (pa == 0)
		return;
	for (i = 0; i < RUN; i++) {
		KT_ASSERT(page_may_be_handed_out(pa + i * PAGE_SIZE));
		*(volatile uint32_t *)(uintptr_t)(pa + i * PAGE_SIZE) = i;
	}
	KT_EXPECT_EQ(before - RUN, vm_page_count_free());
	one = vm_page_alloc();
	KT_ASSERT(one != 0 && (one < pa || one >= pa + RUN * PAGE_SIZE));
	if (one != 0)
		vm_page_free(one);
	KT_EXPECT_EQ(0, vm_page_alloc_contig(vm_page_count_free() + 1));
	vm_page_free_contig(pa, RUN);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

/* The alignment kmalloc promises: the block size, or a page for runs. */
static uintptr_t
kmalloc_alignment(size_t size)
{
	uintptr_t a = 16;

	while (a < size)
		a *= 2;
	return a > 2048 ? PAGE_SIZE : a;
}

KTEST(kmalloc_blocks_are_aligned_disjoint_and_writable)
{
	enum { N = 300 };
	static uint8_t *p[N];
	static size_t len[N];
	unsigned before = vm_page_count_free();
	size_t k;
	int i, j;

	for (i = 0; i < N; i++) {
		len[i] = 1 + ktest_random(kt) % 3000;
		p[i] = kmalloc(len[i], 0);
		KT_ASSERT(p[i] != NULL);
		if (p[i] == NULL)
			return;
		KT_EXPECT_EQ(0, (uintptr_t)p[i] % kmalloc_alignment(len[i]));
		KT_EXPECT_EQ((uintptr_t)p[i], pmap_kextract((uintptr_t)p[i]));
		kmemset(p[i], i & 0xff, len[i]);
	}
	for (i = 0; i < N; i++) {
		for (k = 0; k < len[i]; k++)
			if (p[i][k] != (i & 0xff)) {
				ktest_fail(kt, __FILE__, __LINE__,
				    "block %d overwritten at byte %u", i,
				    (unsigned)k);
				break;
			}
		for (j = 0; j < i; j++)
			if (p[i] < p[j] + len[j] && p[j] < p[i] + len[i])
				ktest_fail(kt, __FILE__, __LINE__,
				    "blocks %d and %d overlap", j, i);
	}
	for (i = 0; i < N; i++)
		kfree(p[i]);
	/* All given back but at most one slab per size class. */
	KT_ASSERT(vm_page_count_free() + SLAB_NCLASSES >= before);
}

static int
all_zero(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

KTEST(kmalloc_zero_and_large_runs)
{
	size_t big = 3 * PAGE_SIZE + 1;		/* four pages */
	unsigned before;
	uint8_t *p;

	before = vm_page_count_free();
	p = kmalloc(big, 0);
	KT_ASSERT(p != NULL);
	if (p == NULL)
		return;
	KT_EXPECT_EQ(0, (uintptr_t)p % PAGE_SIZE);
	KT_EXPECT_EQ(before - 4, vm_page_count_free());
	kmemset(p, 0xAA, 4 * PAGE_SIZE);
	kfree(p);
	KT_EXPECT_EQ(before, vm_page_count_free());
	p = kmalloc(big, M_ZERO);
	KT_ASSERT(p != NULL && all_zero(p, 4 * PAGE_SIZE));
	kfree(p);

	p = kmalloc(200, 0);			/* a 256-byte block */
	KT_ASSERT(p != NULL);
	kmemset(p, 0x55, 256);
	kfree(p);
	p = kmalloc(200, M_ZERO);
	KT_ASSERT(p != NULL && all_zero(p, 256));
	kfree(p);
	kfree(NULL);				/* allowed, does nothing */
	p = kmalloc(0, 0);
	KT_ASSERT(p != NULL);
	kfree(p);
}

KTEST(pmap_paging_is_on_with_the_kernel_directory)
{
	KT_ASSERT((rcr0() & 0x80000000u) != 0);	/* CR0.PG */
	KT_ASSERT((rcr0() & 0x00010000u) != 0);	/* CR0.WP */
	KT_EXPECT_EQ(pmap_kernel_pd(), rcr3() & PG_FRAME);
}

KTEST(pmap_direct_map_is_identity_without_page_0)
{
	static int a_global;
	vm_paddr_t top = pmap_direct_top(), pa;

	KT_EXPECT_EQ((uintptr_t)&a_global, pmap_kextract((uintptr_t)&a_global));
	KT_EXPECT_EQ((uintptr_t)kt, pmap_kextract((uintptr_t)kt));
	pa = vm_page_alloc();
	KT_ASSERT(pa != 0);
	KT_EXPECT_EQ(pa + 123, pmap_kextract(pa + 123));
	if (pa != 0)
		vm_page_free(pa);
	KT_EXPECT_EQ(0, pmap_kextract(0));
	KT_EXPECT_EQ(0, pmap_kextract(PAGE_SIZE - 1));
	KT_EXPECT_EQ(PAGE_SIZE, pmap_kextract(PAGE_SIZE));
	KT_EXPECT_EQ(top - 4, pmap_kextract(top - 4));
	KT_EXPECT_EQ(0, pmap_kextract(top));
	KT_EXPECT_EQ(0, pmap_kextract(VM_DIRECT_MAX));
	/* Everything the allocator manages is mapped. */
	KT_ASSERT(vm_page_top() <= top);
}

/* A page of the device window nobody has mapped. */
static vm_offset_t
unused_device_va(void)
{
	vm_offset_t va;

	for (va = VM_DEVICE_START; va != 0; va += PAGE_SIZE)
		if (pmap_kextract(va) == 0)
			return va;
	return 0;
}

KTEST(pmap_kenter_alias_sees_writes_both_ways)
{
	vm_paddr_t pa = vm_page_alloc();
	vm_offset_t va = unused_device_va();
	volatile uint32_t *direct, *alias;
	uint32_t x = ktest_random(kt);

	KT_ASSERT(pa != 0 && va != 0);
	if (pa == 0 || va == 0)
		return;
	pmap_kenter(va, pa, 0);
	KT_EXPECT_EQ(pa, pmap_kextract(va));
	KT_EXPECT_EQ(pa + 0x10, pmap_kextract(va + 0x10));
	direct = (volatile uint32_t *)(uintptr_t)pa;
	alias = (volatile uint32_t *)va;
	alias[5] = x;
	KT_EXPECT_EQ(x, direct[5]);
	direct[1000] = ~x;
	KT_EXPECT_EQ(~x, alias[1000]);
	pmap_kremove(va);
	KT_EXPECT_EQ(0, pmap_kextract(va));
	vm_page_free(pa);
}

KTEST(pmap_kenter_over_a_mapping_flushes_the_tlb)
{
	vm_paddr_t pa1 = vm_page_alloc(), pa2 = vm_page_alloc();
	vm_offset_t va = unused_device_va();
	volatile uint32_t *alias = (volatile uint32_t *)va;
	uint32_t x = ktest_random(kt);

	KT_ASSERT(pa1 != 0 && pa2 != 0 && va != 0);
	if (pa1 == 0 || pa2 == 0 || va == 0)
		return;
	*(volatile uint32_t *)(uintptr_t)pa1 = x;
	*(volatile uint32_t *)(uintptr_t)pa2 = ~x;
	pmap_kenter(va, pa1, 0);
	KT_EXPECT_EQ(x, alias[0]);		/* the TLB now holds va -> pa1 */
	pmap_kenter(va, pa2, PG_N);		/* replaced, and uncached */
	KT_EXPECT_EQ(pa2, pmap_kextract(va));
	KT_EXPECT_EQ(~x, alias[0]);		/* not the stale pa1 */
	pmap_kremove(va);
	vm_page_free(pa1);
	vm_page_free(pa2);
}

/* ---- what faults ------------------------------------------------------ */

#define FAULT_KIND	(PGEX_P | PGEX_W | PGEX_U)
#define WRITTEN		0x5a5a5a5au

static void
read_word(void *addr)
{
	(void)*(volatile uint32_t *)addr;
}

static void
write_word(void *addr)
{
	*(volatile uint32_t *)addr = WRITTEN;
}

KTEST(pmap_null_page_faults)
{
	struct trapframe tf;

	/* A read of NULL: page not present, a read, from the kernel. */
	KT_EXPECT_EQ(TRAP_PF, trap_catch(read_word, NULL, &tf));
	KT_EXPECT_EQ(0, tf.tf_cr2);
	KT_EXPECT_EQ(0, tf.tf_err & FAULT_KIND);
	/* A write near the end of page 0: the same, but a write. */
	KT_EXPECT_EQ(TRAP_PF, trap_catch(write_word, (void *)(PAGE_SIZE - 4),
	    &tf));
	KT_EXPECT_EQ(PAGE_SIZE - 4, tf.tf_cr2);
	KT_EXPECT_EQ(PGEX_W, tf.tf_err & FAULT_KIND);
	/* Page 1 is ordinary memory. */
	KT_EXPECT_EQ(-1, trap_catch(read_word, (void *)PAGE_SIZE, &tf));
}

KTEST(pmap_kremove_makes_the_page_fault)
{
	vm_paddr_t pa = vm_page_alloc();
	vm_offset_t va = unused_device_va();
	struct trapframe tf;

	KT_ASSERT(pa != 0 && va != 0);
	if (pa == 0 || va == 0)
		return;
	pmap_kenter(va, pa, 0);
	KT_EXPECT_EQ(-1, trap_catch(write_word, (void *)(va + 8), &tf));
	KT_EXPECT_EQ(WRITTEN, ((volatile uint32_t *)(uintptr_t)pa)[2]);
	pmap_kremove(va);
	KT_EXPECT_EQ(TRAP_PF, trap_catch(read_word, (void *)(va + 12), &tf));
	KT_EXPECT_EQ(va + 12, tf.tf_cr2);
	KT_EXPECT_EQ(0, tf.tf_err & FAULT_KIND);
	KT_EXPECT_EQ(TRAP_PF, trap_catch(write_word, (void *)(va + 8), &tf));
	KT_EXPECT_EQ(va + 8, tf.tf_cr2);
	KT_EXPECT_EQ(PGEX_W, tf.tf_err & FAULT_KIND);
	vm_page_free(pa);
}

KTEST(pmap_above_the_direct_map_faults)
{
	vm_offset_t va = VM_DIRECT_MAX + 0x123;
	struct trapframe tf;

	/* No page table at all there: a fault all the same. */
	KT_EXPECT_EQ(TRAP_PF, trap_catch(read_word, (void *)va, &tf));
	KT_EXPECT_EQ(va, tf.tf_cr2);
	KT_EXPECT_EQ(0, tf.tf_err & FAULT_KIND);
	va = pmap_direct_top() + 4;	/* just past the end of the map */
	KT_EXPECT_EQ(TRAP_PF, trap_catch(write_word, (void *)va, &tf));
	KT_EXPECT_EQ(va, tf.tf_cr2);
	KT_EXPECT_EQ(PGEX_W, tf.tf_err & FAULT_KIND);
}
