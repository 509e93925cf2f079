/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * kernel_main: where the kernel begins after the entry code.  It runs
 * the boot steps that the chapters register with SYSINIT.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/multiboot.h"
#include "kern/sysinit.h"

uint32_t boot_magic;
const struct multiboot_info *boot_info;

void kernel_main(uint32_t magic, struct multiboot_info *mbi);

extern const struct sysinit __start_sysinit_set[], __stop_sysinit_set[];

/* Does step a come before step b?  Ties by place in the set. */
static int
sysinit_before(const struct sysinit *a, const struct sysinit *b)
{
	if (a->subsystem != b->subsystem)
		return a->subsystem < b->subsystem;
	if (a->order != b->order)
		return a->order < b->order;
	return a < b;
}

/* Run every boot step of sysinit_set, each once, in order. */
static void
sysinit_run(void)
{
	const struct sysinit *s, *next, *done = NULL;

	for (;;) {
		next = NULL;
		for (s = __start_sysinit_set; s < __stop_sysinit_set; s++)
			if ((done == NULL || sysinit_before(done, s)) &&
			    (next == NULL || sysinit_before(s, next)))
				next = s;
		if (next == NULL)
			return;
		next->func(next->arg);
		done = next;
	}
}

/* Called once by entry.S on the boot stack, interrupts off. */
void
kernel_main(uint32_t magic, struct multiboot_info *mbi)
{
	boot_magic = magic;
	boot_info = magic == MULTIBOOT_BOOTLOADER_MAGIC ? mbi : NULL;
	sysinit_run();
}
