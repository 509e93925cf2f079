/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * What the kernel tests that start programs share: whether there is a
 * program (on the root filesystem, or in the boot archive), running one
 * as a child of process 0 and waiting for it, and waiting until the
 * processes a test made are gone.
 */
#ifndef NAIAD_TESTS_KERN_PROC_TESTLIB_H
#define NAIAD_TESTS_KERN_PROC_TESTLIB_H

#include <stddef.h>

#include "kern/exec.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/thread.h"

/* Is there a program PATH (on the root filesystem, or in the boot
 * archive)?  A failure of KT if not. */
static inline int
kt_have_program(struct ktest_ctx *kt, const char *path)
{
	if (exec_image_exists(path))
		return 1;
	ktest_fail(kt, __FILE__, __LINE__, "no %s: on no root filesystem and "
	    "in no boot archive", path);
	return 0;
}

/* Run PATH with ARGV and ENVP (NULL: none) as a child of process 0:
 * its wait status, or -1000 + the error when it could not start. */
static inline int
kt_run_program(const char *path, char *const *argv, char *const *envp)
{
	pid_t pid;
	int error, xstat;

	if ((error = proc_spawn(path, argv, envp, &pid)) != 0)
		return -1000 + error;
	if (kern_wait4(&proc0, pid, &xstat, 0) != pid)
		return -2000;
	return xstat;
}

/* Wait until at most N processes are left (orphans finish their exit
 * on their own), at a priority below the programs', so that one that
 * spins on this CPU is not starved by our yields.  Bounded in ticks, not
 * in yields: under the user scheduler a process waiting for its turn is
 * blocked, not runnable, so our yields may come back at once
 * (book/30-usched.nw). */
static inline void
kt_wait_procs(int n)
{
	int pri = curthread->td_pri;
	uint32_t t0 = globaldata0.gd_ticks;

	lwkt_setpri_self(TDPRI_USER_IDLE);
	while (proc_count() > n && globaldata0.gd_ticks - t0 < 3000)
		lwkt_yield();
	lwkt_setpri_self(pri);
}

/* Wait until the count of allocated threads holds still for three ticks
 * (a program's dead threads are freed by their CPUs, which a loaded
 * host's QEMU may not run for a while), bounded in ticks, so that the
 * pages those CPUs free are back before a test counts free pages.  A
 * count, not a target: a kernel thread that a run started may stay. */
static inline void
kt_settle(void)
{
	static int chan;
	uint32_t t0 = globaldata0.gd_ticks;
	int n, i;

	do {
		n = lwkt_threads_allocated();
		for (i = 0; i < 3; i++)
			tsleep(&chan, 0, "ktsettle", 1);
	} while (lwkt_threads_allocated() != n &&
	    globaldata0.gd_ticks - t0 < 3000);
}

#endif /* !NAIAD_TESTS_KERN_PROC_TESTLIB_H */
