/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Deliberately broken tests for the grader's self-test (tests/grader/run).
 * They are linked only into build/selftest/kernel.elf (make
 * selftest-kernel), never into the kernel students and graders boot.
 * Each one misbehaves in one way the grader must name correctly.
 */
#include "arch/i386/cpufunc.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/panic.h"
#include "kern/poweroff.h"
#include "kern/thread.h"
#include "kern/thread2.h"

/* The control case: a test that passes. */
KTEST(grader_pass)
{
	KT_EXPECT_EQ(4, 2 + 2);
}

/* Never finishes: the grader's time limit must end it.  Interrupts are
 * off, so that with one CPU (as the self-test runs it) the kernel's own
 * watchdog (book/20-watchdog.nw) cannot see the hang: no tick, no other CPU. */
KTEST(grader_hang)
{
	cpu_disable_intr();
	for (;;)
		cpu_pause();
}

/* An empty IDT turns the breakpoint into a double, then a triple fault. */
KTEST(grader_triple)
{
	static const struct {
		uint16_t limit;
		uint32_t base;
	} __attribute__((packed)) empty_idt = { 0, 0 };

	__asm__ __volatile__("lidt %0; int3" : : "m"(empty_idt));
}

/* Prints without end: the grader must cap the log and stop the run. */
KTEST(grader_flood)
{
	unsigned long n;

	for (n = 0;; n++)
		kprintf("grader_flood: line %lu of a flood of output\n", n);
}

/* Claims success with a token the grader did not send. */
KTEST(grader_badtoken)
{
	kprintf("ktest result %s pass token=%s-forged\n", kt->name, kt->token);
	kprintf("ktest end %s token=%s-forged\n", kt->name, kt->token);
	kprintf("ktest done passed=1 failed=0 token=%s-forged\n", kt->token);
	poweroff(POWEROFF_OK);
}

/* Panics: the grader must report the panic message. */
KTEST(grader_panic)
{
	panic("grader_panic: deliberate panic for the grader's self-test");
}

/*
 * Stuck CPUs, for the watchdog (tests/watchdog/run, with two CPUs and
 * watchdog=1): the kernel must panic and name this code.  The loops
 * call a function the backtrace can name, and are not inlined away.
 */
static void __attribute__((noinline))
watchdog_spin_forever(void)
{
	for (;;)
		cpu_pause();
}

/* Spins in a critical section: its own CPU's tick must notice. */
KTEST(watchdog_stuck_in_crit)
{
	crit_enter();
	watchdog_spin_forever();
}

/* Spins with interrupts off: the neighbour CPU must notice, and NMI. */
KTEST(watchdog_stuck_intr_off)
{
	cpu_disable_intr();
	watchdog_spin_forever();
}

/* Sleeps for good (a wakeup that never comes): no CPU is stuck, but the
 * test never finishes, and the watchdog's test limit must name it. */
KTEST(watchdog_test_sleeps_forever)
{
	static int never;

	crit_enter();
	for (;;)
		tsleep(&never, 0, "never", 0);
}
