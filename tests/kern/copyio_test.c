/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * copyin, copyout and copyinstr (book/25-copyio.nw) against every kind
 * of bad user pointer, from a kernel thread running in an address space
 * laid out as
 *
 *   A            A+2P        A+3P          A+4P        USER_MAX-P  USER_MAX
 *   | writable   | (hole)    | read-only   |    ...    | writable  |
 *
 * Every bad case must return -EFAULT (never fault the kernel), the good
 * ones must move the right bytes, and every page must come back.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "vm/vm_page.h"
#include "vm/vmspace.h"

#define P	PAGE_SIZE
#define A	(USER_MIN + 0x200000u)
#define TOPREG	(USER_MAX - P)

static char ro_text[] = "read-only bytes";

/* The layout of the picture above; NULL if memory is out. */
static struct vmspace *
make_layout(void)
{
	struct vmspace *vm = vmspace_alloc();
	char fill[64];

	if (vm == NULL)
		return NULL;
	kmemset(fill, 'z', sizeof(fill));
	if (vmspace_map(vm, A, A + 2 * P, VM_PROT_READ | VM_PROT_WRITE,
	    VR_PROGRAM) != 0 ||
	    vmspace_map(vm, A + 3 * P, A + 4 * P, VM_PROT_READ,
	    VR_PROGRAM) != 0 ||
	    vmspace_map(vm, TOPREG, USER_MAX, VM_PROT_READ | VM_PROT_WRITE,
	    VR_PROGRAM) != 0 ||
	    vmspace_write(vm, A + 3 * P, ro_text, sizeof(ro_text)) != 0 ||
	    vmspace_write(vm, USER_MAX - sizeof(fill), fill,
	    sizeof(fill)) != 0) {
		vmspace_free(vm);
		return NULL;
	}
	return vm;
}

/* Warm the kernel heap, then count the free pages. */
static unsigned
free_after_warmup(void)
{
	struct vmspace *vm = make_layout();

	if (vm != NULL)
		vmspace_free(vm);
	return vm_page_count_free();
}

/* The user pointers every copy must refuse. */
static const struct {
	uint32_t	addr;
	uint32_t	len;
	int		str_bad;	/* copyinstr fails too (no NUL) */
	const char	*what;
} bad[] = {
	{ 0, 4, 1, "NULL" },
	{ 0x100000, 4, 1, "a kernel address" },
	{ USER_MIN - 4, 8, 1, "across the bottom of user space" },
	{ A + 2 * P + 16, 4, 1, "the hole" },
	{ A + 2 * P - 4, 8, 0, "running into the hole" },
	{ USER_MAX - 4, 8, 1, "across the top of user space" },
	{ A, 0xFFFFFFFFu, 0, "a huge length" },
	{ 0xFFFFFFF0u, 0x20, 1, "a range that wraps around" },
	{ 0xC0001000u, 4, 1, "above user space" },
};

KTEST(copyio_refuses_every_bad_pointer)
{
	unsigned before = free_after_warmup(), i;
	struct vmspace *vm = make_layout();
	static char buf[64];

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	vmspace_adopt(vm);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* (a huge length is refused before anything is copied) */
		KT_EXPECT_EQ(-EFAULT, copyin(
		    (const void *)(uintptr_t)bad[i].addr, buf, bad[i].len));
		KT_EXPECT_EQ(-EFAULT, copyout(buf,
		    (void *)(uintptr_t)bad[i].addr, bad[i].len));
		if (bad[i].str_bad)
			KT_EXPECT_EQ(-EFAULT, copyinstr(
			    (const void *)(uintptr_t)bad[i].addr, buf,
			    sizeof(buf), NULL));
	}
	/* The read-only region: readable, not writable. */
	KT_EXPECT_EQ(-EFAULT, copyout("x", (void *)(A + 3 * P), 1));
	KT_EXPECT_EQ(0, copyin((const void *)(A + 3 * P), buf,
	    sizeof(ro_text)));
	KT_EXPECT_STREQ(ro_text, buf);
	/* Zero bytes: nothing to check, nothing to refuse. */
	KT_EXPECT_EQ(0, copyin(NULL, buf, 0));
	KT_EXPECT_EQ(0, copyout(buf, (void *)0x100000, 0));
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(copyio_moves_the_right_bytes)
{
	unsigned before = free_after_warmup(), i;
	struct vmspace *vm = make_layout(), *copy;
	char out[16], in[16];

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	vmspace_adopt(vm);
	/* Across a page boundary, and from a demand-zero page. */
	for (i = 0; i < sizeof(out); i++)
		out[i] = (char)('a' + i);
	KT_EXPECT_EQ(0, copyout(out, (void *)(A + P - 7), sizeof(out)));
	KT_EXPECT_EQ(0, copyin((const void *)(A + P - 7), in, sizeof(in)));
	KT_ASSERT(kstrncmp(in, out, sizeof(in)) == 0);
	KT_EXPECT_EQ(0, copyin((const void *)(TOPREG + 8), in, 4));
	KT_EXPECT_EQ(0, in[0]);
	/* Into a copy-on-write page: the copy gets its own page, the
	 * other address space keeps its bytes. */
	KT_EXPECT_EQ(0, vmspace_fork(vm, &copy));
	vmspace_adopt(copy);
	KT_EXPECT_EQ(0, copyout("ZZ", (void *)(A + P - 7), 2));
	vmspace_adopt(vm);
	KT_EXPECT_EQ(0, copyin((const void *)(A + P - 7), in, 2));
	KT_EXPECT_EQ('a', in[0]);
	vmspace_adopt(copy);
	KT_EXPECT_EQ(0, copyin((const void *)(A + P - 7), in, 2));
	KT_EXPECT_EQ('Z', in[0]);
	vmspace_adopt(NULL);
	vmspace_free(copy);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(copyinstr_stops_at_nul_or_says_why)
{
	unsigned before = free_after_warmup();
	struct vmspace *vm = make_layout();
	char buf[32];
	size_t done;

	KT_ASSERT(vm != NULL);
	if (vm == NULL)
		return;
	vmspace_adopt(vm);
	KT_EXPECT_EQ(0, copyout("hello", (void *)(A + P - 3), 6));
	KT_EXPECT_EQ(0, copyinstr((const void *)(A + P - 3), buf,
	    sizeof(buf), &done));
	KT_EXPECT_STREQ("hello", buf);
	KT_EXPECT_EQ(6, done);
	/* Exactly enough room, and one byte short. */
	KT_EXPECT_EQ(0, copyinstr((const void *)(A + P - 3), buf, 6, &done));
	KT_EXPECT_EQ(-ENAMETOOLONG, copyinstr((const void *)(A + P - 3), buf,
	    5, &done));
	KT_EXPECT_EQ(5, done);
	KT_EXPECT_EQ(-ENAMETOOLONG, copyinstr((const void *)(A + P - 3), buf,
	    0, &done));
	/* A string that runs into the hole, or off the top of user space. */
	kmemset(buf, 'q', sizeof(buf));
	KT_EXPECT_EQ(0, copyout(buf, (void *)(A + 2 * P - 8), 8));
	KT_EXPECT_EQ(-EFAULT, copyinstr((const void *)(A + 2 * P - 8), buf,
	    sizeof(buf), &done));
	KT_EXPECT_EQ(-EFAULT, copyinstr((const void *)(USER_MAX - 10), buf,
	    sizeof(buf), &done));
	vmspace_adopt(NULL);
	vmspace_free(vm);
	KT_EXPECT_EQ(before, vm_page_count_free());
}
