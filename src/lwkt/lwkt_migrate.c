/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Migration: a thread moves itself to another CPU, which adopts it by
 * an IPI message once the old CPU is off the thread's stack.
 */
#include <stddef.h>

#include "arch/i386/cpufunc.h"
#include "ipi/ipiq.h"
#include "kern/globaldata.h"
#include "kern/thread.h"
#include "kern/thread2.h"

/* IPI message on the new CPU: adopt a migrating thread. */
static void
lwkt_setcpu_remote(void *arg)
{
	struct thread *td = arg;
	struct globaldata *gd = mycpu;

	while ((td->td_flags & TDF_RUNNING) != 0)
		cpu_pause();
	td->td_gd = gd;
	cpu_ccfence();			/* td_gd, then the flag */
	td->td_flags &= ~TDF_MIGRATING;
	TAILQ_INSERT_TAIL(&gd->gd_tdallq, td, td_allq);
	lwkt_schedule(td);
}

/* Move the current thread to CPU RGD; returns running there. */
void
lwkt_setcpu_self(struct globaldata *rgd)
{
	struct thread *td = curthread;

	if (td->td_gd == rgd)
		return;
	crit_enter();
	lwkt_deschedule_self(td);
	TAILQ_REMOVE(&td->td_gd->gd_tdallq, td, td_allq);
	td->td_flags |= TDF_MIGRATING;
	lwkt_send_ipiq(rgd, lwkt_setcpu_remote, td);
	lwkt_switch();
	crit_exit();
}
