/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of Part I (book/09-bench.nw): the method's own overhead,
 * the start-up cost, a trap round trip and a formatted line.
 */
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/trap.h"
#include "kern/kbench.h"
#include "kern/kvcprintf.h"

#define TRAP_BREAKPOINT	3

static void
nothing(void *arg)
{
	(void)arg;
}

KBENCH(kbench_null)
{
	kbench_measure(kb, "ticks_per_op", nothing, 0, 1000);
}

KBENCH(boot_tsc)
{
	kbench_report(kb, "ticks_since_reset", rdtsc());
}

static void
ignore_trap(struct trapframe *tf)
{
	(void)tf;
}

static void
breakpoint(void *arg)
{
	(void)arg;
	__asm__ __volatile__("int3");
}

KBENCH(trap_roundtrip)
{
	trap_handler_fn *old = trap_set_handler(TRAP_BREAKPOINT, ignore_trap);

	kbench_measure(kb, "ticks_per_op", breakpoint, 0, 200);
	trap_set_handler(TRAP_BREAKPOINT, old);
}

static void
format_line(void *arg)
{
	char buf[64];

	ksnprintf(buf, sizeof(buf), "cpu %d: %08x %-6s %lld", 1, 0xbeefu,
	    "idle", -1234567890123LL);
	*(volatile char *)arg = buf[0];
}

KBENCH(kprintf_line)
{
	char sink;

	kbench_measure(kb, "ticks_per_op", format_line, &sink, 200);
}
