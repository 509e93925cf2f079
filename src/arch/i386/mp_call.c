/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/mp.h"
#include "arch/i386/pit.h"
#include "kern/errno.h"
#include "kern/globaldata.h"

#define MP_CALL_WAIT_MS	1000

/* Run FN(ARG) on CPU at its next tick and wait; boot CPU, tests only. */
int
mp_call_on(int cpu, void (*fn)(void *), void *arg)
{
	struct globaldata *gd = globaldata_find(cpu);
	int ms;

	if (cpu < 0 || cpu >= ncpus || gd == NULL || fn == NULL)
		return -EINVAL;
	if (gd == mycpu) {
		fn(arg);
		return 0;
	}
	gd->gd_call_fn = fn;
	gd->gd_call_arg = arg;
	__asm__ __volatile__("" : : : "memory");
	gd->gd_call_state = MP_CALL_POSTED;
	for (ms = 0; gd->gd_call_state != MP_CALL_EMPTY; ms++) {
		if (ms >= MP_CALL_WAIT_MS && __sync_bool_compare_and_swap(
		    &gd->gd_call_state, MP_CALL_POSTED, MP_CALL_EMPTY))
			return -ETIMEDOUT;
		pit_delay_us(1000);
	}
	return 0;
}
/* Run GD's posted call, if any; its own CPU's tick. */
void
mp_call_poll(struct globaldata *gd)
{
	if (gd->gd_call_state == MP_CALL_POSTED &&
	    __sync_bool_compare_and_swap(&gd->gd_call_state, MP_CALL_POSTED,
	    MP_CALL_RUNNING)) {
		gd->gd_call_fn(gd->gd_call_arg);
		__asm__ __volatile__("" : : : "memory");
		gd->gd_call_state = MP_CALL_EMPTY;
	}
}
/* The mailbox's share of every tick of every CPU: interrupts off. */
static void
mp_call_tick(struct globaldata *gd, struct trapframe *tf)
{
	(void)tf;
	mp_call_poll(gd);
}

struct tick_hook mp_call_tick_hook = { mp_call_tick, TICK_ORDER_MIDDLE,
    "mailbox", NULL };
