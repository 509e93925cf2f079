/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * What variant symlinks cost (book/46-varsym.nw):
 *  - varsym_expand_one: the expansion of "/usr/${ARCH}/lib", ARCH in
 *    the system's scope, through the kernel's scopes (the process's and
 *    the user's are searched first: three locks), and the same with the
 *    pure varsym_expand over one list (the expansion alone);
 *  - varsym_user_get: one varsym_get from a program, the variable in
 *    its process's scope: tests/user/varsymbench.c run with CALLS calls
 *    and with none, the best of RUNS runs each, the difference per call
 *    (starting and ending the program cancel out).
 * In Bochs the figures are instructions (book/09-bench.nw).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/exec.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/proc.h"
#include "kern/varsym.h"

#define CALLS		500
#define CALLS_STR	"500"	/* the same, as the program's argument */
#define RUNS		3

static const struct varsym_ctx root = { NULL, 0 };
static struct varsymset bench_proc;	/* an empty process scope */
static struct varsym_list bench_list;	/* ARCH, for the pure one */
static char out[64];

/* The kernel's expansion, for a process with an empty scope. */
static void
op_expand_ctx(void *arg)
{
	varsym_expand_ctx(arg, "/usr/${ARCH}/lib", out, sizeof(out));
}

/* varsym_expand's lookup in bench_list. */
static int
lookup_list(const void *arg, const char *name, size_t namelen, char *value)
{
	const struct varsym *vs = varsym_find(arg, name, namelen);
	const char *d;
	int i;

	if (vs == NULL)
		return -1;
	for (d = varsym_data(vs), i = 0; (value[i] = d[i]) != '\0'; i++)
		;
	return i;
}

/* The pure expansion over one list. */
static void
op_expand_pure(void *arg)
{
	varsym_expand("/usr/${ARCH}/lib", out, sizeof(out), lookup_list, arg);
}

KBENCH(varsym_expand_one)
{
	static char mem[64] __attribute__((aligned(8)));
	struct varsym_ctx c = { &bench_proc, 0 }, *cp = &c;
	struct varsym *old;

	if (varsym_set_ctx(&root, VARSYM_SYS, "ARCH", "i386") != 0 ||
	    !varsym_enabled()) {
		kprintf("kbench %s: cannot set ARCH, or expansion is off\n",
		    kb->name);
		return;
	}
	kbench_measure(kb, "ticks_per_expand", op_expand_ctx, cp, 1000);
	varsym_put(&bench_list, varsym_init(mem, "ARCH", "i386"), &old);
	kbench_measure(kb, "ticks_per_expand_pure", op_expand_pure,
	    &bench_list, 1000);
	varsym_take_all(&bench_list);
	varsym_set_ctx(&root, VARSYM_SYS, "ARCH", NULL);
}

/* Cycles (Bochs: instructions) of one run of varsymbench COUNT, or
 * UINT64_MAX if it failed. */
static uint64_t
run_once(const char *count)
{
	char *argv[] = { "varsymbench", (char *)count, NULL };
	uint64_t t0 = rdtsc();
	pid_t pid;
	int xstat;

	if (proc_spawn("/test/varsymbench", argv, NULL, &pid) != 0)
		return UINT64_MAX;
	if (kern_wait4(&proc0, pid, &xstat, 0) != pid || xstat != 0)
		return UINT64_MAX;
	return rdtsc() - t0;
}

/* The best of RUNS runs of varsymbench COUNT. */
static uint64_t
best_of(const char *count)
{
	uint64_t best = UINT64_MAX, t;
	int i;

	for (i = 0; i < RUNS; i++)
		if ((t = run_once(count)) < best)
			best = t;
	return best;
}

KBENCH(varsym_user_get)
{
	uint64_t none = best_of("0"), many = best_of(CALLS_STR);

	if (none == UINT64_MAX || many == UINT64_MAX || many < none) {
		kprintf("kbench %s: /test/varsymbench failed (boot with the "
		    "archive)\n", kb->name);
		return;
	}
	kbench_report(kb, "ticks_per_get", (many - none) / CALLS);
}
