/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>

#include "arch/i386/cpufunc.h"
#include "arch/i386/machine.h"
#include "arch/i386/pic.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_CMD	0xA0
#define PIC_SLAVE_DATA	0xA1

#define PIC_ICW1_INIT	0x11	/* initialise; an ICW4 follows */
#define PIC_ICW3_MASTER	0x04	/* the slave is on IRQ 2 (a bit mask) */
#define PIC_ICW3_SLAVE	0x02	/* my cascade identity is 2 (a number) */
#define PIC_ICW4_8086	0x01	/* 8086 mode, normal EOI */
#define PIC_OCW3_ISR	0x0B	/* next read of the command port: ISR */
#define PIC_EOI		0x20	/* non-specific end of interrupt */

volatile uint32_t pic_spurious_count;

/* The four ICWs of one 8259, then all its inputs masked. */
static void
pic_program(uint16_t cmd, uint16_t data, uint8_t base, uint8_t cascade)
{
	outb(cmd, PIC_ICW1_INIT);
	outb(data, base);		/* ICW2: the vector of IRQ 0 */
	outb(data, cascade);		/* ICW3 */
	outb(data, PIC_ICW4_8086);	/* ICW4 */
	outb(data, 0xFF);		/* mask all eight inputs */
}
/* The PICs' spurious IRQ 7 and 15: count them, EOI the master for 15. */
static void
pic_spurious(struct trapframe *tf)
{
	int slave = tf->tf_trapno == VEC_PIC_SPURIOUS_SLAVE;
	uint16_t cmd = slave ? PIC_SLAVE_CMD : PIC_MASTER_CMD;
	uint8_t isr;

	outb(cmd, PIC_OCW3_ISR);
	isr = inb(cmd);
	if (isr & 0x80)
		trap_unhandled(tf);	/* a real IRQ 7 or 15: masked, yet here */
	__sync_fetch_and_add(&pic_spurious_count, 1);
	if (slave)
		outb(PIC_MASTER_CMD, PIC_EOI);	/* the master saw IRQ 2 */
}
#define IMCR_SELECT	0x22
#define IMCR_DATA	0x23
#define IMCR_REGISTER	0x70	/* the IMCR's address behind IMCR_SELECT */
#define IMCR_APIC	0x01	/* route interrupts through the APICs */

/* Route interrupts through the APICs where an IMCR exists. */
static void
imcr_select_apic(void)
{
	if (machine.imcr) {
		outb(IMCR_SELECT, IMCR_REGISTER);
		outb(IMCR_DATA, IMCR_APIC);
	}
}
/* Remap and mask both 8259s; boot CPU, interrupts off. */
void
pic_init(void)
{
	pic_program(PIC_MASTER_CMD, PIC_MASTER_DATA, VEC_PIC_BASE,
	    PIC_ICW3_MASTER);
	pic_program(PIC_SLAVE_CMD, PIC_SLAVE_DATA, VEC_PIC_BASE + 8,
	    PIC_ICW3_SLAVE);
	trap_set_handler(VEC_PIC_SPURIOUS_MASTER, pic_spurious);
	trap_set_handler(VEC_PIC_SPURIOUS_SLAVE, pic_spurious);
	imcr_select_apic();
}

/* The two mask registers, for the tests. */
uint16_t
pic_masks(void)
{
	return (uint16_t)(inb(PIC_MASTER_DATA) | inb(PIC_SLAVE_DATA) * 256);
}
