/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Processes, programs and system calls, end to end (book/26-proc.nw,
 * book/27-exec.nw, book/28-syscall.nw): each test starts a program of
 * tests/user/ (from the root filesystem) with proc_spawn, waits for it as the
 * kernel's process 0, and checks how it ended (the programs exit 0 when
 * their own checks pass).  Every test also checks that the processes
 * are gone and the memory is back: the free page count after the run
 * equals the count before (measured after a first run, so that the
 * kernel heap's own pages, kept for reuse, are already in place).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/signal.h"
#include "kern/thread.h"
#include "vm/vm_page.h"
#include "lwkt_testlib.h"
#include "proc_testlib.h"

static int threads_before = -1;		/* threads when the test began */

/* Let the programs of this CPU run: yield below their priority. */
static void
yield_to_programs(void)
{
	int pri = curthread->td_pri;

	lwkt_setpri_self(TDPRI_USER_IDLE);
	lwkt_yield();
	lwkt_setpri_self(pri);
}

/* Are the test programs there (on the root, or in the archive)? */
static int
have_programs(struct ktest_ctx *kt)
{
	threads_before = lwkt_threads_allocated();
	if (exec_image_exists("/test/args"))
		return 1;
	ktest_fail(kt, __FILE__, __LINE__,
	    "no /test/args: on no root filesystem and in no boot archive");
	return 0;
}

/* Wait until the processes the test made are all gone and their
 * threads freed (each by the next thread of its CPU). */
static void
wait_procs_gone(int before)
{
	kt_wait_procs(before);
	if (threads_before >= 0)
		kt_wait_threads_freed(threads_before);
}

/*
 * Run the program twice; check each status against EXPECT, and that the
 * second run gives back every page and process.
 */
static void
run_twice(struct ktest_ctx *kt, const char *path, char *const *argv,
    char *const *envp, int expect)
{
	unsigned before;
	int procs;

	KT_EXPECT_EQ(expect, kt_run_program(path, argv, envp));
	wait_procs_gone(0);
	procs = proc_count();
	before = vm_page_count_free();
	KT_EXPECT_EQ(expect, kt_run_program(path, argv, envp));
	wait_procs_gone(procs);
	KT_EXPECT_EQ(procs, proc_count());
	if (procs != proc_count()) {
		struct proc *p;
		TAILQ_FOREACH(p, &allproc, p_list)
			kprintf("pid %d at %p pptr %p stat %d flags %x\n",
			    p->p_pid, p, p->p_pptr, p->p_stat, p->p_flags);
	}
	KT_EXPECT_EQ(before, vm_page_count_free());
}

KTEST(proc_args_reach_main)
{
	static char *argv[] = { "args", "one", "", "three words", NULL };
	static char *envp[] = { "A=1", "EMPTY=", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/args", argv, envp, 0);
}

KTEST(proc_fork_exit_wait)
{
	static char *argv[] = { "fork", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/fork", argv, NULL, 0);
}

KTEST(proc_cow_isolates)
{
	static char *argv[] = { "cow", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/cow", argv, NULL, 0);
}

KTEST(proc_bad_pointers_get_efault)
{
	static char *argv[] = { "badptr", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/badptr", argv, NULL, 0);
}

KTEST(proc_exec_replaces_or_refuses)
{
	static char *argv[] = { "exec", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/exec", argv, NULL, 0);
}

KTEST(proc_sbrk_moves_the_break)
{
	static char *argv[] = { "sbrk", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/sbrk", argv, NULL, 0);
}

/* Each misdeed ends the program with its signal, and the kernel lives. */
KTEST(proc_traps_end_the_program)
{
	static const struct {
		const char	*how;
		int		sig;
	} cases[] = {
		{ "null", SIGSEGV }, { "kernel", SIGSEGV },
		{ "rodata", SIGSEGV }, { "stack_top", SIGSEGV },
		{ "ud2", SIGILL }, { "cli", SIGSEGV }, { "int30", SIGSEGV },
		{ "div0", SIGFPE }, { "x87", SIGFPE }, { "hlt", SIGSEGV },
	};
	char *argv[3];
	unsigned i;

	if (!have_programs(kt))
		return;
	argv[0] = "segv";
	argv[2] = NULL;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		argv[1] = (char *)(uintptr_t)cases[i].how;
		KT_EXPECT_EQ(W_EXITCODE(0, cases[i].sig),
		    kt_run_program("/test/segv", argv, NULL));
	}
	argv[1] = "ud2";
	run_twice(kt, "/test/segv", argv, NULL, W_EXITCODE(0, SIGILL));
}

/* What cannot start is an error to the kernel's caller, not a process. */
KTEST(proc_spawn_refuses_what_cannot_run)
{
	static char *argv[] = { "x", NULL };
	unsigned before;
	int procs;

	if (!have_programs(kt))
		return;
	KT_EXPECT_EQ(-1000 - ENOENT,
	    kt_run_program("/test/no_such_program", argv, NULL));
	procs = proc_count();
	before = vm_page_count_free();
	KT_EXPECT_EQ(-1000 - ENOENT,
	    kt_run_program("/test/no_such_program", argv, NULL));
	KT_EXPECT_EQ(-1000 - ENOEXEC,
	    kt_run_program("/test/data/not_a_program", argv, NULL));
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(before, vm_page_count_free());
}

/* A program that forks until it cannot: EAGAIN at the process limit;
 * its orphans are collected and everything comes back. */
KTEST(proc_limit_gives_eagain)
{
	static char *argv[] = { "forkmany", "35", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/forkmany", argv, NULL, 0);
}

/* With most memory taken, fork fails with ENOMEM, and all is returned. */
KTEST(proc_out_of_memory_gives_enomem)
{
	static char *argv[] = { "forkmany", "12", NULL };
	static char *warm[] = { "forkmany", "35", NULL };
	vm_paddr_t *hog, reserve;
	unsigned before, keep = 200, n = 0, cap;
	uint32_t refused;
	int procs, xstat;

	if (!have_programs(kt))
		return;
	KT_EXPECT_EQ(0, kt_run_program("/test/forkmany", warm, NULL));
	wait_procs_gone(0);
	procs = proc_count();
	before = vm_page_count_free();
	cap = before;
	hog = (vm_paddr_t *)(uintptr_t)vm_page_alloc_contig(
	    (cap * sizeof(vm_paddr_t) + PAGE_SIZE - 1) / PAGE_SIZE);
	KT_ASSERT(hog != NULL);
	if (hog == NULL)
		return;
	/* Keep a run of pages for exec's buffers, which are contiguous;
	 * the program's forks then find only scattered pages. */
	reserve = vm_page_alloc_contig(64);
	KT_ASSERT(reserve != 0);
	while (vm_page_count_free() > keep &&
	    (hog[n] = vm_page_alloc()) != 0)
		n++;
	if (reserve != 0)
		vm_page_free_contig(reserve, 64);
	refused = proc_forks_refused_memory;
	/* The program sees ENOMEM and says so (0), unless a page it had
	 * to copy on its next write could not be had either: then the
	 * kernel ends it with SIGSEGV.  Either way fork was refused for
	 * memory, and everything comes back. */
	xstat = kt_run_program("/test/forkmany", argv, NULL);
	KT_ASSERT(xstat == 0 || xstat == W_EXITCODE(0, SIGSEGV));
	KT_ASSERT(proc_forks_refused_memory > refused);
	wait_procs_gone(procs);
	while (n > 0)
		vm_page_free(hog[--n]);
	vm_page_free_contig((vm_paddr_t)(uintptr_t)hog,
	    (cap * sizeof(vm_paddr_t) + PAGE_SIZE - 1) / PAGE_SIZE);
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(before, vm_page_count_free());
}

/* Start 8 copies of /test/fork 3 at once, wait for each: 0 if all
 * ended well. */
static int
run_eight(struct ktest_ctx *kt)
{
	static char *argv[] = { "fork", "3", NULL };
	pid_t pids[8];
	int i, n, xstat, bad = 0;

	for (n = 0; n < 8; n++)
		if (proc_spawn("/test/fork", argv, NULL, &pids[n]) != 0)
			break;
	KT_EXPECT_EQ(8, n);
	for (i = 0; i < n; i++) {
		KT_EXPECT_EQ(pids[i], kern_wait4(&proc0, pids[i], &xstat, 0));
		bad |= xstat != 0;
	}
	return bad || n != 8;
}

/* Many programs at once, on every CPU: each forks and waits its own.
 * (The first round warms the kernel heap to the same peak.) */
KTEST(proc_many_at_once)
{
	unsigned before;
	int procs;

	if (!have_programs(kt))
		return;
	KT_EXPECT_EQ(0, run_eight(kt));
	wait_procs_gone(0);
	procs = proc_count();
	before = vm_page_count_free();
	KT_EXPECT_EQ(0, run_eight(kt));
	wait_procs_gone(procs);
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(before, vm_page_count_free());
}

/* Calls started with sendsys, collected with waitsys, in flight at exit. */
KTEST(proc_async_calls)
{
	static char *argv[] = { "async", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/async", argv, NULL, 0);
}

/* Handlers, masks, defaults, SIGCHLD, EINTR, sigreturn, exec. */
KTEST(proc_signals_work)
{
	static char *argv[] = { "signal", NULL };

	if (have_programs(kt))
		run_twice(kt, "/test/signal", argv, NULL, 0);
}

/* The kernel sends SIGINT to a process group, as the terminal will for
 * ^C; the program's handler sees it and its sleep ends. */
KTEST(proc_pgsignal_reaches_the_group)
{
	static char *argv[] = { "signal", "wait", NULL };
	struct thread *td;
	struct proc *p;
	pid_t pid;
	int xstat, i, n = 0;

	if (!have_programs(kt))
		return;
	KT_EXPECT_EQ(0, proc_spawn("/test/signal", argv, NULL, &pid));
	if (kt->failures > 0)
		return;
	/* Its group is proc0's (0) until it makes its own: send to the
	 * group of the process's own pid after moving it there. */
	proc_tree_lock();
	pfind(pid)->p_pgid = pid;
	proc_tree_unlock();
	/* Once its handler is in place and it sleeps in nanosleep (it may
	 * not have run yet).  A signal sent before the sleep is handled at
	 * once, and the 60 s sleep then outlasts the test: on another CPU
	 * the program runs while we look, so the sleep itself is awaited. */
	for (i = 0; i < 100000 && n == 0; i++) {
		yield_to_programs();
		proc_tree_lock();
		p = pfind(pid);
		td = p->p_thread;
		n = p->p_sigact[SIGINT].sa_handler > SIG_IGN && td != NULL &&
		    (td->td_flags & TDF_TSLEEPQ) != 0 &&
		    td->td_wmesg != NULL &&
		    kstrcmp(td->td_wmesg, "nanosleep") == 0;
		proc_tree_unlock();
	}
	KT_EXPECT_EQ(1, n);
	n = pgsignal(pid, SIGINT);
	KT_EXPECT_EQ(1, n);
	KT_EXPECT_EQ(pid, kern_wait4(&proc0, pid, &xstat, 0));
	KT_EXPECT_EQ(0, xstat);
}
