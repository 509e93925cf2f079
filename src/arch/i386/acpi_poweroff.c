/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Switching the machine off through ACPI: the firmware's door of
 * poweroff, installed by machine_init when the tables say how.
 */
#include <stdint.h>

#include "arch/i386/acpi.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/machine.h"

#define ACPI_ENABLE_SPINS	3000000	/* port reads: about 3 s */

/* Write the sleep type and SLP_EN into one PM1 control register. */
static void
poweroff_acpi_write(uint16_t port, uint8_t slp_typ)
{
	uint16_t v = inw(port) & ~(7 << ACPI_PM1_SLP_TYP_SHIFT);

	outw(port, v | slp_typ << ACPI_PM1_SLP_TYP_SHIFT | ACPI_PM1_SLP_EN);
}

/* The door poweroff knocks on: switch off through ACPI's S5, if known. */
void
acpi_poweroff(void)
{
	const struct machine_info *mi = &machine;
	int i;

	if (!mi->has_fadt || !mi->has_s5 || mi->pm1a_cnt_port == 0)
		return;
	if ((inw(mi->pm1a_cnt_port) & ACPI_PM1_SCI_EN) == 0 &&
	    mi->smi_cmd != 0 && mi->acpi_enable != 0) {
		outb(mi->smi_cmd, mi->acpi_enable);
		for (i = 0; i < ACPI_ENABLE_SPINS &&
		    (inw(mi->pm1a_cnt_port) & ACPI_PM1_SCI_EN) == 0; i++)
			cpu_pause();
	}
	poweroff_acpi_write(mi->pm1a_cnt_port, mi->s5_slp_typa);
	if (mi->pm1b_cnt_port != 0)
		poweroff_acpi_write(mi->pm1b_cnt_port, mi->s5_slp_typb);
}
