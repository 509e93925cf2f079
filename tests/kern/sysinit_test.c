/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Boot steps (book/01-multiboot.nw): the set that kernel_main runs.  The
 * properties are derived from the set itself: every step lies strictly
 * between the two ends of the list of subsystems, and no two steps share
 * a subsystem and an order (which would leave their order to the order
 * of the files on the linker's command line).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/kprintf.h"
#include "kern/ktest.h"
#include "kern/sysinit.h"

extern const struct sysinit __start_sysinit_set[], __stop_sysinit_set[];

KTEST(sysinit_steps_have_places_of_their_own)
{
	const struct sysinit *a, *b;
	int n = 0;

	for (a = __start_sysinit_set; a < __stop_sysinit_set; a++, n++) {
		KT_ASSERT(a->func != NULL);
		KT_ASSERT(a->subsystem > SI_SUB_DUMMY);
		KT_ASSERT(a->subsystem < SI_SUB_LAST);
		for (b = a + 1; b < __stop_sysinit_set; b++) {
			if (a->subsystem != b->subsystem ||
			    a->order != b->order)
				continue;
			ktest_fail(kt, __FILE__, __LINE__, "steps %s and %s "
			    "share subsystem 0x%x, order 0x%x", a->name,
			    b->name, a->subsystem, a->order);
		}
	}
	/* The console, the traps and the run at least: a kernel that runs
	 * this test ran them. */
	KT_ASSERT(n >= 3);
	kprintf("sysinit_steps_have_places_of_their_own: %d steps\n", n);
}

/* The run steps come last: nothing a chapter sets up may come after the
 * step that runs the tests (this test runs inside it). */
KTEST(sysinit_run_is_the_last_subsystem)
{
	const struct sysinit *s;

	for (s = __start_sysinit_set; s < __stop_sysinit_set; s++)
		if (s->subsystem > SI_SUB_RUN)
			ktest_fail(kt, __FILE__, __LINE__, "step %s (0x%x) "
			    "comes after the run", s->name, s->subsystem);
}
