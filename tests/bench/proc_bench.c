/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of processes and system calls (book/28-syscall.nw,
 * "What it costs"): the kernel starts /test/bench (tests/user/bench.c) with the token, and the
 * program measures itself in ring 3 and prints the result lines under
 * the name proc_user: a null system call as a trap only and as a
 * message, fork+exit+wait, and the same with an exec.  Without the boot
 * archive a line says so and nothing is measured.
 */
#include <stdint.h>

#include "kern/exec.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/proc.h"

KBENCH(proc_user)
{
	char *argv[] = { "bench", (char *)(uintptr_t)kb->token, NULL };
	pid_t pid;
	int error, xstat = -1;

	if ((error = proc_spawn("/test/bench", argv, NULL, &pid)) != 0) {
		kprintf("kbench proc_user: cannot start /test/bench "
		    "(error %d): not on the root filesystem nor in a boot "
		    "archive\n", error);
		return;
	}
	if (kern_wait4(&proc0, pid, &xstat, 0) != pid || xstat != 0)
		kprintf("kbench proc_user: /test/bench ended with status "
		    "0x%x: its figures are not to be trusted\n", xstat);
}
