/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Ports for processes (book/33-uport.nw), between processes: the test
 * starts tests/user/uport.c with proc_spawn, waits for it as process 0
 * and checks its exit status (0 when its own checks passed), and that
 * its ports and messages (spares included) are all gone; then, on a
 * second run, that its processes, ports, messages, threads and free
 * pages are all back (counted after the first run, once the kernel heap
 * has what the first one made it keep).  Then the spin before a sleep,
 * counted by the kernel (uport_spin_counts): a waiter spins when
 * another CPU runs a program, its spin is rewarded when that program
 * answers quickly, and it sleeps after a spin in vain when the answer
 * is slow.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/exec.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/thread.h"
#include "kern/uport.h"
#include "vm/vm_page.h"
#include "lwkt_testlib.h"
#include "proc_testlib.h"

/* Own ports, a server and clients, the owner's rules, close, exit. */
KTEST(uport_between_processes)
{
	static char *argv[] = { "uport", NULL };
	int procs = proc_count(), ports = uport_count();
	int msgs = uport_messages();
	unsigned pages;

	if (!exec_image_exists("/test/uport")) {
		ktest_fail(kt, __FILE__, __LINE__, "no /test/uport: on no "
		    "root filesystem and in no boot archive");
		return;
	}
	KT_EXPECT_EQ(0, kt_run_program("/test/uport", argv, NULL));
	kt_wait_procs(procs);
	KT_EXPECT_EQ(ports, uport_count());
	KT_EXPECT_EQ(msgs, uport_messages());
	kt_settle();
	pages = vm_page_count_free();
	KT_EXPECT_EQ(0, kt_run_program("/test/uport", argv, NULL));
	kt_wait_procs(procs);
	kt_settle();
	KT_EXPECT_EQ(procs, proc_count());
	KT_EXPECT_EQ(ports, uport_count());
	KT_EXPECT_EQ(msgs, uport_messages());
	KT_EXPECT_EQ(pages, vm_page_count_free());
}

#define SPIN_ROUNDS	50	/* round trips of each spin test */

/* Run /test/uportbench MODE with SPIN_ROUNDS round trips (it checks
 * every reply); *REWARDED and *IN_VAIN, the spins it made. */
static void
kt_spin_run(struct ktest_ctx *kt, const char *mode, uint32_t *rewarded,
    uint32_t *in_vain)
{
	char *argv[] = { "uportbench", (char *)mode, "50", NULL };
	uint32_t r0, v0;
	int procs = proc_count();

	uport_spin_counts(&r0, &v0);
	KT_EXPECT_EQ(0, kt_run_program("/test/uportbench", argv, NULL));
	kt_wait_procs(procs);
	uport_spin_counts(rewarded, in_vain);
	*rewarded -= r0;
	*in_vain -= v0;
	kprintf("uport: %s, %d round trips on %d CPUs: %u spins rewarded, "
	    "%u in vain\n", mode, SPIN_ROUNDS, ncpus, *rewarded, *in_vain);
}

/*
 * Calls answered at once.  With two CPUs or more, client and server run
 * side by side, and each waits for the other (the reply, the next
 * request) while the other runs: each waits first by spinning, and the
 * answer comes during the spin, at least once a round trip.  Under
 * QEMU the host may stop a virtual CPU meanwhile, so only the run is
 * checked there.  With one CPU nobody can answer while a waiter spins:
 * no spin at all.
 */
KTEST(uport_waiter_spins_while_its_partner_runs)
{
	uint32_t rewarded, in_vain;

	if (!kt_have_program(kt, "/test/uportbench"))
		return;
	kt_spin_run(kt, "call", &rewarded, &in_vain);
	if (ncpus == 1) {
		KT_EXPECT_EQ(0, rewarded);
		KT_EXPECT_EQ(0, in_vain);
	} else if (!kt_on_qemu()) {
		KT_ASSERT(rewarded >= SPIN_ROUNDS);
	}
}

/*
 * Calls answered late.  The server computes for a few times the spin's
 * bound before each answer: the client, waiting for a reply while the
 * server runs, spins, in vain, then sleeps, and the reply still comes
 * (the program checks it), every round trip.  Under QEMU the host
 * decides when each virtual CPU runs: the server may still be waking
 * when the client asks, and the client then sleeps without a spin, or
 * the answer may come during the spin; only the run is checked there.
 * With one CPU, again, no spin.
 */
KTEST(uport_waiter_sleeps_after_a_spin_in_vain)
{
	uint32_t rewarded, in_vain;

	if (!kt_have_program(kt, "/test/uportbench"))
		return;
	kt_spin_run(kt, "slow", &rewarded, &in_vain);
	if (ncpus == 1) {
		KT_EXPECT_EQ(0, rewarded);
		KT_EXPECT_EQ(0, in_vain);
	} else if (!kt_on_qemu()) {
		KT_ASSERT(in_vain >= SPIN_ROUNDS);
	}
}
