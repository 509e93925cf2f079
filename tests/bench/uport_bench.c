/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Round trips between two processes (book/33-uport.nw): through a port
 * (a 4-byte message sent, received, replied to and collected: with
 * port_send and port_wait, and with one port_call) and through two
 * pipes (a byte there and back).  The kernel runs
 * tests/user/uportbench.c with ROUNDTRIPS round trips and with none,
 * the best of a few runs each, and reports the difference per round
 * trip: starting, forking and ending the programs cancel out.  In
 * Bochs the figures are instructions (book/09-bench.nw).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/exec.h"
#include "kern/globaldata.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/proc.h"

#define ROUNDTRIPS	200
#define ROUNDTRIPS_STR	"200"	/* the same, as the program's argument */
#define RUNS		3

/* Thread switches so far, all CPUs together. */
static uint64_t
switches_now(void)
{
	uint64_t n = 0;
	int cpu;

	for (cpu = 0; cpu < ncpus; cpu++)
		n += globaldata_find(cpu)->gd_cnt_switch;
	return n;
}

/* Cycles (Bochs: instructions) of one run of uportbench MODE COUNT,
 * or UINT64_MAX if it failed; *SWITCHES, the thread switches in it. */
static uint64_t
run_once(const char *mode, const char *count, uint64_t *switches)
{
	char *argv[] = { "uportbench", (char *)mode, (char *)count, NULL };
	uint64_t t0 = rdtsc(), s0 = switches_now();
	pid_t pid;
	int xstat;

	if (proc_spawn("/test/uportbench", argv, NULL, &pid) != 0)
		return UINT64_MAX;
	if (kern_wait4(&proc0, pid, &xstat, 0) != pid || xstat != 0)
		return UINT64_MAX;
	*switches = switches_now() - s0;
	return rdtsc() - t0;
}

/* The best of RUNS runs of uportbench MODE COUNT; *SWITCHES, the
 * thread switches of that best run. */
static uint64_t
best_of(const char *mode, const char *count, uint64_t *switches)
{
	uint64_t best = UINT64_MAX, t, s = 0;
	int i;

	for (i = 0; i < RUNS; i++)
		if ((t = run_once(mode, count, &s)) < best) {
			best = t;
			*switches = s;
		}
	return best;
}

/* Report METRIC: the cost of one round trip of MODE; and SWMETRIC:
 * its thread switches, in hundredths (where the cost goes). */
static void
roundtrip(struct kbench_ctx *kb, const char *mode, const char *metric,
    const char *swmetric)
{
	uint64_t snone = 0, smany = 0;
	uint64_t none = best_of(mode, "0", &snone);
	uint64_t many = best_of(mode, ROUNDTRIPS_STR, &smany);

	if (none == UINT64_MAX || many == UINT64_MAX || many < none) {
		kprintf("kbench %s: /test/uportbench %s failed (boot with "
		    "the archive)\n", kb->name, mode);
		return;
	}
	kbench_report(kb, metric, (many - none) / ROUNDTRIPS);
	kbench_report(kb, swmetric, smany < snone ? 0 :
	    (smany - snone) * 100 / ROUNDTRIPS);
}

KBENCH(uport_user_roundtrip)
{
	roundtrip(kb, "port", "port_roundtrip", "port_switches_x100");
	roundtrip(kb, "call", "call_roundtrip", "call_switches_x100");
	roundtrip(kb, "pipe", "pipe_roundtrip", "pipe_switches_x100");
}
