/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "kern/cmdline.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/poweroff.h"
#include "kern/sysinit.h"

extern const struct kbench __start_kbench_set[], __stop_kbench_set[];

/* One result line of the running benchmark. */
void
kbench_report(struct kbench_ctx *kb, const char *metric, uint64_t value)
{
	kprintf("kbench result %s %s=%llu token=%s\n", kb->name, metric,
	    (unsigned long long)value, kb->token);
}

/* The least cost per call of OP over KBENCH_ROUNDS rounds, reported. */
void
kbench_measure(struct kbench_ctx *kb, const char *metric,
    void (*op)(void *), void *arg, uint32_t ops)
{
	uint64_t best = UINT64_MAX, t0, t1;
	uint32_t round, i;

	for (round = 0; round < KBENCH_ROUNDS; round++) {
		t0 = rdtsc();
		for (i = 0; i < ops; i++)
			op(arg);
		t1 = rdtsc();
		if ((t1 - t0) / ops < best)
			best = (t1 - t0) / ops;
	}
	kbench_report(kb, metric, best);
}

/* Run the benchmarks that bench= selects, then say done. */
void
kbench_main(void)
{
	const char *pattern = cmdline_get("bench");
	const char *token = cmdline_get("token");
	const struct kbench *b;
	struct kbench_ctx kb;

	if (token == NULL || !ktest_valid_token(token))
		token = "none";
	kb.token = token;
	for (b = __start_kbench_set; b < __stop_kbench_set; b++) {
		if (!ktest_match(pattern, b->name))
			continue;
		kb.name = b->name;
		b->fn(&kb);
	}
	kprintf("kbench done token=%s\n", token);
}

/* The first step of the run: with bench=, benchmarks, then power-off. */
static void
kbench_boot(void *arg)
{
	(void)arg;
	if (cmdline_get("bench") != NULL) {
		kbench_main();
		poweroff(POWEROFF_OK);
	}
}

SYSINIT(kbench, SI_SUB_RUN, SI_ORDER_FIRST, kbench_boot, NULL);
