/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Stand-in for the IPI chapter: only messages to the current CPU.
 */
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/thread2.h"

int
lwkt_send_ipiq(struct globaldata *target, ipifunc1_t func, void *arg)
{
	if (target != mycpu)
		panic("lwkt_send_ipiq: IPI to cpu%d before the IPI chapter",
		    target->gd_cpuid);
	crit_enter();
	func(arg);
	crit_exit();
	return 0;
}

void
lwkt_process_ipiq(void)
{
}
