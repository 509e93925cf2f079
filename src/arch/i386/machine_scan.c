/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Which tables describe the machine: ACPI's if usable, else the MP
 * tables.  No hardware access; the unit tests run it on the host.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/acpi.h"
#include "arch/i386/machine.h"
#include "arch/i386/mptable.h"
#include "kern/errno.h"
#include "kern/kstring.h"

/* A failed scan's CPUs and interrupts go; its notes and FADT stay. */
static void
machine_forget_cpus(struct machine_info *mi)
{
	struct machine_info keep = *mi;

	machine_clear(mi);
	mi->has_fadt = keep.has_fadt;
	mi->pm1a_cnt_port = keep.pm1a_cnt_port;
	mi->pm1b_cnt_port = keep.pm1b_cnt_port;
	mi->smi_cmd = keep.smi_cmd;
	mi->acpi_enable = keep.acpi_enable;
	mi->has_s5 = keep.has_s5;
	mi->s5_slp_typa = keep.s5_slp_typa;
	mi->s5_slp_typb = keep.s5_slp_typb;
	mi->nnotes = keep.nnotes;
	kmemcpy(mi->notes, keep.notes, sizeof(mi->notes));
}

/* Any context, any memory: the ACPI tables, else the MP tables. */
int
machine_scan(struct machine_info *mi, const struct physmem *mem)
{
	int acpi, mp;

	machine_clear(mi);
	if ((acpi = acpi_scan(mi, mem)) == 0) {
		mi->source = "ACPI";
		return 0;
	}
	machine_forget_cpus(mi);
	if ((mp = mp_scan(mi, mem)) == 0) {
		mi->source = "MP";
		return 0;
	}
	machine_forget_cpus(mi);
	return acpi == -EINVAL || mp == -EINVAL ? -EINVAL : -ENOENT;
}
