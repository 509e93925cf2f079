/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/pit.h"
#include "kern/globaldata.h"
#include "kern/panic.h"

#define PIT_CH2		0x42	/* counter 2's count */
#define PIT_CMD		0x43	/* the mode register */
#define PIT_CH2_MODE0	0xB0	/* counter 2, low then high byte, mode 0 */
#define PORT_B		0x61	/* system control port B */
#define PORT_B_GATE2	0x01	/* counter 2's gate */
#define PORT_B_KEEP	0x0C	/* the error-check enables */
#define PORT_B_OUT2	0x20	/* counter 2's output (read only) */

/* Load COUNT into counter 2 and start it; boot CPU only (asserted). */
void
pit_start(uint32_t count)
{
	uint8_t b = inb(PORT_B) & PORT_B_KEEP;

	KASSERT(mycpu->gd_cpuid == 0, ("the PIT belongs to the boot CPU"));
	KASSERT(count >= 1 && count <= PIT_MAX_COUNT, ("pit: count %u", count));
	outb(PORT_B, b);			/* gate low: hold */
	outb(PIT_CMD, PIT_CH2_MODE0);
	outb(PIT_CH2, count & 0xFF);
	outb(PIT_CH2, (count >> 8) & 0xFF);
	outb(PORT_B, b | PORT_B_GATE2);		/* gate high: count */
}

/* Has the count of the last pit_start run out? */
int
pit_expired(void)
{
	return (inb(PORT_B) & PORT_B_OUT2) != 0;
}
/* Wait COUNT PIT counts, polling; boot CPU. */
void
pit_wait(uint32_t count)
{
	pit_start(count);
	while (!pit_expired())
		cpu_pause();
}

/* Wait at least US microseconds, in pieces the PIT can count. */
void
pit_delay_us(uint32_t us)
{
	const uint32_t step = 50000;	/* 50 ms: below PIT_MAX_COUNT */
	uint32_t n;

	while (us > 0) {
		n = us < step ? us : step;
		if (pit_count_for_us(n) > 0)
			pit_wait(pit_count_for_us(n));
		us -= n;
	}
}
