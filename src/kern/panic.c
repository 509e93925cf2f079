/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/backtrace.h"
#include "arch/i386/cpufunc.h"
#include "kern/kprintf.h"
#include "kern/panic.h"
#include "kern/poweroff.h"

/* Stack, frame and control registers: a panic called from C has no frame. */
static void
panic_print_cpu(void)
{
	uint32_t esp, ebp;

	__asm__ __volatile__("movl %%esp, %0; movl %%ebp, %1"
	    : "=r"(esp), "=r"(ebp));
	kprintf("  esp 0x%08x  ebp 0x%08x  eflags 0x%08x\n", esp, ebp,
	    read_eflags());
	kprintf("  cr0 0x%08x  cr2 0x%08x  cr3 0x%08x\n", rcr0(), rcr2(),
	    rcr3());
}
static int panic_depth;
static const char *assert_expr, *assert_file;
static int assert_line;
static void (*panic_stop_others)(void);	/* written once at boot */

/* Boot CPU, at boot (the SMP chapter's boot step). */
void
panic_set_stop_others(void (*stop)(void))
{
	panic_stop_others = stop;
}

/* KASSERT's first half: remember where, for the panic that follows. */
void
panic_assertion(const char *expr, const char *file, int line)
{
	assert_expr = expr;
	assert_file = file;
	assert_line = line;
}

/* Every panic: stop the others, report once, switch the machine off. */
static void __attribute__((noreturn))
panic_common(uintptr_t pc, uintptr_t ebp, int show_cpu, const char *fmt,
    va_list ap)
{
	cpu_disable_intr();
	if (panic_stop_others != NULL)
		panic_stop_others();
	if (++panic_depth > 2)
		poweroff(POWEROFF_PANIC);
	kprintf(panic_depth == 1 ? "panic: " : "panic: recursive panic: ");
	kvprintf(fmt, ap);
	kprintf("\n");
	if (panic_depth > 1)
		poweroff(POWEROFF_PANIC);
	if (assert_expr != NULL)
		kprintf("  assertion \"%s\" failed at %s:%d\n", assert_expr,
		    assert_file, assert_line);
	if (show_cpu)
		panic_print_cpu();
	backtrace_print(pc, ebp);
	poweroff(POWEROFF_PANIC);
}

/* A broken invariant: report, backtrace from the caller, switch off. */
void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_common(0, (uintptr_t)__builtin_frame_address(0), 1, fmt, ap);
}

/* panic whose backtrace starts at PC and EBP (a trap's, a watchdog's). */
void
panic_at(uintptr_t pc, uintptr_t ebp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_common(pc, ebp, 0, fmt, ap);
}
