/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The command line's boot step: parse what the loader passed.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/multiboot.h"
#include "kern/cmdline.h"
#include "kern/kprintf.h"
#include "kern/sysinit.h"

/* Boot CPU, once, right after the console. */
static void
cmdline_boot(void *arg)
{
	const char *line = "";
	int dropped;

	(void)arg;
	if (boot_info != NULL &&
	    (boot_info->flags & MULTIBOOT_INFO_CMDLINE) != 0)
		line = (const char *)(uintptr_t)boot_info->cmdline;
	dropped = cmdline_init(line);
	if (dropped != 0)
		kprintf("cmdline: %d characters or words dropped\n", dropped);
}

SYSINIT(cmdline, SI_BOOT1_CMDLINE, SI_ORDER_FIRST, cmdline_boot, NULL);
