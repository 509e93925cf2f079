/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/multiboot.h"
#include "arch/i386/segments.h"
#include "arch/i386/trap.h"
#include "kern/panic.h"
#include "kern/sysinit.h"

_Static_assert(offsetof(struct trapframe, tf_ebp) == TF_EBP, "TF_EBP");
_Static_assert(offsetof(struct trapframe, tf_eip) == TF_EIP, "TF_EIP");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

/* In trap_entry.S. */
extern const uintptr_t trap_stub_table[TRAP_NVECTORS];
void trap_catch_resume(struct trap_catch_point *cp, int vector)
    __attribute__((noreturn));

static struct gate_descriptor idt[TRAP_NVECTORS];

/* Make VECTOR an interrupt gate to HANDLER, kernel code, DPL 0. */
static void
idt_set_gate(int vector, uintptr_t handler)
{
	struct gate_descriptor *g = &idt[vector];

	g->gd_offset_lo = handler & 0xffff;
	g->gd_selector = GDT_KCODE_SEL;
	g->gd_zero = 0;
	g->gd_type = SEG_P | SEG_DPL(0) | GATE_INTR32;
	g->gd_offset_hi = handler >> 16;
}

/* Point every vector at its stub and load the IDT. */
static void
idt_init(void)
{
	struct region_descriptor rd;
	int v;

	for (v = 0; v < TRAP_NVECTORS; v++)
		idt_set_gate(v, trap_stub_table[v]);
	rd.rd_limit = sizeof(idt) - 1;
	rd.rd_base = (uint32_t)(uintptr_t)idt;
	__asm__ __volatile__("lidt (%0)" : : "r"(&rd) : "memory");
}

/* The traps' boot step: our GDT, then the IDT.  Boot CPU, once. */
static void
trap_init(void *arg)
{
	(void)arg;
	gdt_init();
	idt_init();
}

SYSINIT(traps, SI_BOOT1_TRAPS, SI_ORDER_FIRST, trap_init, NULL);

/* Right after: a kernel that no Multiboot loader started stops here,
 * the first place that can say so and switch the machine off. */
static void
trap_check_loader(void *arg)
{
	(void)arg;
	if (boot_info == NULL)
		panic("not started by a Multiboot loader (magic 0x%x)",
		    boot_magic);
}

SYSINIT(multiboot, SI_BOOT1_TRAPS, SI_ORDER_SECOND, trap_check_loader,
    NULL);

static trap_handler_fn *trap_handlers[TRAP_NVECTORS];

/* Install FN for VECTOR; the old handler, so a test can put it back. */
trap_handler_fn *
trap_set_handler(int vector, trap_handler_fn *fn)
{
	trap_handler_fn *old;

	KASSERT(vector >= 0 && vector < TRAP_NVECTORS,
	    ("trap_set_handler: bad vector %d", vector));
	old = trap_handlers[vector];
	trap_handlers[vector] = fn;
	return old;
}

/* VECTOR's handler, or NULL; any CPU. */
trap_handler_fn *
trap_get_handler(int vector)
{
	KASSERT(vector >= 0 && vector < TRAP_NVECTORS,
	    ("trap_get_handler: bad vector %d", vector));
	return trap_handlers[vector];
}

/* Every trap, from trap_entry.S, interrupts off: its handler or a report. */
void
trap(struct trapframe *tf)
{
	trap_handler_fn *fn = trap_handlers[tf->tf_trapno];

	if (fn != NULL)
		fn(tf);
	else
		trap_unhandled(tf);
}
struct trap_catch_point *trap_catch_current;

/* Unwind to the catch point of the trap that was expected; never returns. */
static void __attribute__((noreturn))
trap_catch_deliver(struct trapframe *tf)
{
	struct trap_catch_point *cp = trap_catch_current;

	trap_catch_current = cp->prev;
	if (cp->out != NULL)
		*cp->out = *tf;
	trap_catch_resume(cp, (int)tf->tf_trapno);
}
/* A trap no handler takes: to its catcher, else a panic with the report. */
void
trap_unhandled(struct trapframe *tf)
{
	static char report[TRAP_REPORT_MAX];

	if (trap_catch_current != NULL && tf->tf_trapno < TRAP_NEXCEPTIONS)
		trap_catch_deliver(tf);
	trap_format(tf, report, sizeof(report));
	panic_at(tf->tf_eip, tf->tf_ebp, "%s", report);
}
