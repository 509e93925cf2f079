/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * kernel_main: where the kernel begins after the entry code.
 */
#include <stdint.h>

#include "arch/i386/machine.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/intr.h"
#include "arch/i386/mp.h"
#include "arch/i386/multiboot.h"
#include "arch/i386/trap.h"
#include "kern/cmdline.h"
#include "kern/cons.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/ktr.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/poweroff.h"
#include "kern/thread.h"
#include "kern/version.h"
#include "kern/watchdog.h"
#include "vm/vm.h"

void kernel_main(uint32_t magic, struct multiboot_info *mbi);

static void
print_banner(uint32_t magic, const struct multiboot_info *mbi)
{
	const char *loader = "unknown loader";

	if (magic == MULTIBOOT_BOOTLOADER_MAGIC &&
	    (mbi->flags & MULTIBOOT_INFO_LOADER_NAME) != 0)
		loader = (const char *)(uintptr_t)mbi->boot_loader_name;
	kprintf("Naiad %s (i386), started by %s\n", NAIAD_VERSION, loader);
	if (magic == MULTIBOOT_BOOTLOADER_MAGIC &&
	    (mbi->flags & MULTIBOOT_INFO_MEMORY) != 0)
		kprintf("memory: %u KiB low, %u KiB high\n",
		    mbi->mem_lower, mbi->mem_upper);
}

void
kernel_main(uint32_t magic, struct multiboot_info *mbi)
{
	cons_init();
	print_banner(magic, mbi);
	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a Multiboot loader (magic 0x%x)", magic);
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		cmdline_init((const char *)(uintptr_t)mbi->cmdline);
	else
		cmdline_init("");
	trap_init();
	mp_init_bsp();
	machine_init();
	vm_init(mbi);
	lwkt_init();
	intr_init();
	intr_enable();
	mp_start_aps();
	ktr_init();
	watchdog_init();

	if (cmdline_get("bench") != NULL) {
		kbench_main();
		poweroff(POWEROFF_OK);
	}
	if (cmdline_get("test") != NULL)
		poweroff(ktest_main() == 0 ? POWEROFF_OK :
		    POWEROFF_TESTS_FAILED);
	monitor_run();
	poweroff(POWEROFF_OK);
}
