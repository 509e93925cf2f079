/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
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

/* Is PATH in the boot archive? */
static int
in_archive(const char *path)
{
	struct archive_file af;
	char name[ARCHIVE_PATHMAX];

	return bootarchive_lookup(path, &af, name) == 0;
}

/* Run PATH with ARGV as a child of the kernel's process; its status,
 * or -1 if it could not start. */
static int
run_program(const char *path, char *const *argv)
{
	pid_t pid;
	int error, xstat;

	if ((error = proc_spawn(path, argv, NULL, &pid)) != 0) {
		kprintf("ktest: cannot start %s: error %d\n", path, -error);
		return -1;
	}
	kern_wait4(&proc0, pid, &xstat, 0);
	return xstat;
}

/* The user suite: /bin/usertests -k, which prints the done line. */
static int
usertests_suite(const char *pattern, unsigned long seed, const char *token,
    int *passed, int *failed)
{
	char seedbuf[16], pbuf[16], fbuf[16];
	char *argv[] = { "usertests", "-k", (char *)(uintptr_t)pattern,
	    seedbuf, (char *)(uintptr_t)token, pbuf, fbuf, NULL };
	int xstat;

	if (!in_archive("/bin/usertests"))
		return -1;
	ksnprintf(seedbuf, sizeof(seedbuf), "%lu", seed);
	ksnprintf(pbuf, sizeof(pbuf), "%d", *passed);
	ksnprintf(fbuf, sizeof(fbuf), "%d", *failed);
	xstat = run_program("/bin/usertests", argv);
	if (xstat != -1 && WIFEXITED(xstat) && WEXITSTATUS(xstat) <= 1)
		return WEXITSTATUS(xstat);
	if (xstat == -1)
		kprintf("ktest: /bin/usertests did not start\n");
	else if (WIFSIGNALED(xstat))
		kprintf("ktest: /bin/usertests killed by signal %d\n",
		    WTERMSIG(xstat));
	else
		kprintf("ktest: /bin/usertests exited with status %d\n",
		    WEXITSTATUS(xstat));
	(*failed)++;
	return -1;
}

KTEST_SUITE(usertests, usertests_suite);

/* The boot step: with bench=, /bin/ubench before the kernel's benchmarks. */
static void
ubench_boot(void *arg)
{
	const char *pattern = cmdline_get("bench");
	const char *token = cmdline_get("token");
	char *argv[] = { "ubench", "-k", NULL, NULL, NULL };
	int xstat;

	(void)arg;
	if (pattern == NULL || !in_archive("/bin/ubench"))
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
