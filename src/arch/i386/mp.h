/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Starting the other CPUs (application processors), and a
 * mailbox through which the boot CPU asks one to run a function.
 */
#ifndef NAIAD_ARCH_MP_H
#define NAIAD_ARCH_MP_H

/** Where the AP trampoline is copied: a page below 1 MiB. */
#define AP_TRAMPOLINE_PADDR	0x8000
/** Offset in the parameter block: the lgdt operand (at +2). */
#define AP_PARAM_GDTR		2
/** Offset in the parameter block: the lidt operand (at +10). */
#define AP_PARAM_IDTR		10
/** Offset in the parameter block: the page directory for %cr3. */
#define AP_PARAM_CR3		16
/** Offset in the parameter block: the top of the AP's stack. */
#define AP_PARAM_ESP		20
/** Offset in the parameter block: the AP's CPU number. */
#define AP_PARAM_CPUID		24
/** Size of the parameter block. */
#define AP_PARAM_SIZE		28

#ifndef __ASSEMBLER__
#include <stdint.h>

struct globaldata;
struct tick_hook;
struct trapframe;

/** What the BSP hands an AP through the trampoline's last bytes. */
struct ap_params {
	uint16_t	ap_pad0;	/**< aligns the base below */
	uint16_t	ap_gdt_limit;	/**< the AP's GDT: limit ... */
	uint32_t	ap_gdt_base;	/**< ... and address */
	uint16_t	ap_pad1;	/**< aligns the base below */
	uint16_t	ap_idt_limit;	/**< the shared IDT: limit ... */
	uint32_t	ap_idt_base;	/**< ... and address */
	uint32_t	ap_cr3;		/**< the kernel's page directory */
	uint32_t	ap_esp;		/**< the top of the AP's stack */
	uint32_t	ap_cpuid;	/**< the AP's CPU number */
};

/** \brief Where an AP enters C, on its own stack; never returns. */
void ap_main(int cpuid) __attribute__((noreturn));
/**
 * \brief Make \a idle what every AP runs at the end of its start-up
 * (by default: halt, serving interrupts).  Boot CPU, at boot.
 */
void mp_set_ap_idle(void (*idle)(void));
/** \brief Print every CPU: APIC ID, starts, ticks (monitor: cpus). */
void mp_print_cpus(void);
/**
 * \brief At a panic, with interrupts off: stop every other CPU with an
 * NMI; a CPU that panics while another one does halts here instead.
 */
void mp_stop_others(void);
/** \brief The CPU that is panicking, or -1: the console's lock yields
 * to it (a CPU it stopped may have held the lock). */
int mp_panic_owner(void);
/**
 * \brief Make \a fn see every NMI that no panic sent; it returns if the
 * NMI is not its own.  Boot CPU, at boot.
 */
void mp_nmi_register(void (*fn)(struct trapframe *tf));

#define MP_CALL_EMPTY	0	/**< mailbox state: nothing posted */
#define MP_CALL_POSTED	1	/**< mailbox state: waiting for a tick */
#define MP_CALL_RUNNING	2	/**< mailbox state: the target runs it */

/**
 * \brief Run fn(arg) on CPU \a cpu (at its next timer tick, in its
 * interrupt handler) and wait for it to return.  Boot CPU only (it
 * waits with the PIT); for tests (the IPI chapter's messages are
 * the real tool).
 * \return 0; -EINVAL for a bad cpu or fn; -ETIMEDOUT when the target
 * did not take the call within a second (it then never runs it).
 */
int mp_call_on(int cpu, void (*fn)(void *), void *arg);

/** \brief Run the call posted in \a gd's mailbox, if any (the tick). */
void mp_call_poll(struct globaldata *gd);
/** The mailbox's share of the tick (mp_call.c), registered at boot. */
extern struct tick_hook mp_call_tick_hook;
#endif /* !__ASSEMBLER__ */
#endif /* !NAIAD_ARCH_MP_H */
