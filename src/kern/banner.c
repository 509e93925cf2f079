/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The console's boot step: the UART, then the first line of the boot.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/multiboot.h"
#include "kern/cons.h"
#include "kern/kprintf.h"
#include "kern/sysinit.h"
#include "kern/version.h"

/* The first boot step: after it, anything may print. */
static void
cons_boot(void *arg)
{
	const char *loader = "unknown loader";

	(void)arg;
	cons_init();
	if (boot_info != NULL &&
	    (boot_info->flags & MULTIBOOT_INFO_LOADER_NAME) != 0)
		loader = (const char *)(uintptr_t)boot_info->boot_loader_name;
	kprintf("Naiad %s (i386), started by %s\n", NAIAD_VERSION, loader);
	if (boot_info != NULL &&
	    (boot_info->flags & MULTIBOOT_INFO_MEMORY) != 0)
		kprintf("memory: %u KiB low, %u KiB high\n",
		    boot_info->mem_lower, boot_info->mem_upper);
}

SYSINIT(console, SI_BOOT1_CONSOLE, SI_ORDER_FIRST, cons_boot, NULL);
