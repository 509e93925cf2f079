/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the trace chapter: what a KTR_LOG hook costs with
 * tracing off (one branch) and on (the whole record, interrupts off and
 * back).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/kbench.h"
#include "kern/ktr.h"

/* One op: the hook as the scheduler writes it. */
static void
ktr_op(void *arg)
{
	KTR_LOG(KTR_MARK, arg, 0, "bench");
}

KBENCH(ktr_log_off)
{
	int was = ktr_enabled;

	ktr_disable();
	kbench_measure(kb, "ticks_per_event", ktr_op, NULL, 10000);
	if (was)
		ktr_enable();
}

KBENCH(ktr_log_on)
{
	int was = ktr_enabled;

	if (ktr_enable() != 0)
		return;
	kbench_measure(kb, "ticks_per_event", ktr_op, NULL, 10000);
	ktr_disable();
	ktr_clear();
	if (was)
		ktr_enable();
}
