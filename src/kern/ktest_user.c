/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/cmdline.h"
#include "kern/copyio.h"
#include "kern/exec.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/kvcprintf.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/vminfo.h"
#include "vm/vm_page.h"

/* Run PATH with ARGV as a child of the kernel's process; its status,
 * or -1 if it could not start. */
static int
run_program(const char *path, char *const *argv)
{
	pid_t pid;
	int error, xstat;

	if ((error = proc_spawn(path, argv, NULL, &pid)) != 0) {
		kprintf("kbench: cannot start %s: error %d\n", path, -error);
		return -1;
	}
	kern_wait4(&proc0, pid, &xstat, 0);
	return xstat;
}

/* The boot step: with bench=, /bin/ubench before the kernel's benchmarks. */
static void
ubench_boot(void *arg)
{
	const char *pattern = cmdline_get("bench");
	const char *token = cmdline_get("token");
	char *argv[] = { "ubench", "-k", NULL, NULL, NULL };
	int xstat;

	(void)arg;
	if (pattern == NULL || !exec_image_exists("/bin/ubench"))
		return;
	if (token == NULL || !ktest_valid_token(token))
		token = "none";
	argv[2] = (char *)(uintptr_t)pattern;
	argv[3] = (char *)(uintptr_t)token;
	xstat = run_program("/bin/ubench", argv);
	if (xstat != 0)
		kprintf("kbench: /bin/ubench ended with status 0x%x\n", xstat);
}

SYSINIT(ubench, SI_SUB_USERTESTS, SI_ORDER_FIRST, ubench_boot, NULL);
/* vminfo(info): the allocator's page counts, now. */
int
sys_vminfo(struct vminfo_args *uap)
{
	struct vminfo vi;

	kmemset(&vi, 0, sizeof(vi));
	vi.vi_pages_total = vm_page_count_total();
	vi.vi_pages_free = vm_page_count_free();
	return copyout(&vi, uap->info, sizeof(vi));
}

SYSCALL_HANDLER(vminfo, sys_vminfo);
