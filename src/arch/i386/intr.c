/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/intr.h"
#include "arch/i386/ioapic.h"
#include "arch/i386/lapic.h"
#include "arch/i386/machine.h"
#include "arch/i386/pic.h"
#include "kern/cmdline.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/sysinit.h"

/* Every CPU, once, at the end of its start-up: interrupts on. */
void
intr_enable(void)
{
	mycpu->gd_intr_enabled = 1;
	cpu_enable_intr();
}

/* The boot step: controllers, the clock, then sti on the boot CPU. */
static void
intr_init(void *arg)
{
	uint32_t regs[4];
	int error;

	(void)arg;
	cpu_cpuid(1, regs);
	globaldata0.gd_apic_id = (uint8_t)(regs[1] >> 24);
	pic_init();
	lapic_init();
	ioapic_init();
	kprintf("apic: local APIC ID %u, %d I/O APIC inputs, 8259s masked\n",
	    lapic_id(), ioapic_npins());
	error = apic_timer_calibrate();
	if (error != 0) {
		kprintf("apic: the timer does not count (error %d): no clock\n",
		    error);
	} else {
		apic_timer_start();
		kprintf("apic: timer %u counts per tick at %d Hz, jittered "
		    "by seed %lu\n", apic_timer_base, HZ, cmdline_seed());
	}
	intr_enable();
}

SYSINIT(intr, SI_BOOT2_INTR, SI_ORDER_FIRST, intr_init, NULL);
