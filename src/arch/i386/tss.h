/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief User mode: the task state segment, the user selectors, the
 * system call vector, entering and leaving ring 3.
 */
#ifndef NAIAD_ARCH_TSS_H
#define NAIAD_ARCH_TSS_H

#include <stdint.h>

#include "arch/i386/segments.h"

/** The 32-bit task state segment; Naiad uses esp0 and ss0 only. */
struct i386tss {
	uint32_t	tss_link;	/**< previous task (unused) */
	uint32_t	tss_esp0;	/**< the kernel stack, for ring-3 traps */
	uint32_t	tss_ss0;	/**< ... and its segment */
	uint32_t	tss_unused[22];	/**< rings 1-2, hardware task state */
	uint16_t	tss_trap;	/**< debug trap on task switch (unused) */
	uint16_t	tss_iomap;	/**< I/O bitmap offset: past the end */
};

/** Selector of the user code segment, RPL 3 (0x1b). */
#define GDT_UCODE_SEL	GDT_SEL(GDT_UCODE, 3)
/** Selector of the user data segment, RPL 3 (0x23). */
#define GDT_UDATA_SEL	GDT_SEL(GDT_UDATA, 3)
/** Selector of this CPU's TSS (0x28). */
#define GDT_TSS_SEL	GDT_SEL(GDT_TSS, 0)
/** Access type of an available 32-bit TSS (a system segment). */
#define SEG_TSS32	0x09
/** The vector of system calls. */
#define VEC_SYSCALL	0x80
/** Gate DPL 3: user code may raise the vector with int. */
#define GATE_DPL_USER	SEG_DPL(3)
/** EFLAGS of a program at its start: interrupts on, bit 1 set. */
#define PSL_USER	0x00000202u

struct thread;
struct trapframe;

/** Work to do before every return to user mode (userret). */
struct userret_hook {
	void		(*uh_func)(struct trapframe *tf); /**< the work */
	/** Has uh_func work for \a td?  Interrupts off; cheap; NULL: always. */
	int		(*uh_pending)(struct thread *td);
	const char	*uh_name;	/**< who, for messages */
	struct userret_hook *uh_next;	/**< the next, in order */
};

/** \brief Boot: add \a h to the work before every return to user mode. */
void userret_hook_register(struct userret_hook *h);
/** \brief Called by trapret before a return to user mode, interrupts off. */
void userret(struct trapframe *tf);
/** \brief Before \a td first runs: room for its user frame (td_frame). */
void cpu_thread_make_user(struct thread *td);
/** \brief Fill \a tf to start a program at \a eip with stack \a esp. */
void cpu_user_frame_init(struct trapframe *tf, uint32_t eip, uint32_t esp);
/** \brief Leave the kernel for user frame \a tf (the current thread's
 * td_frame); never returns. */
void cpu_enter_user(struct trapframe *tf) __attribute__((noreturn));
/**
 * \brief What a trap of user code does: \a sig is its signal.  Starts
 * by reporting and ending the thread; later chapters replace it.
 */
extern void (*user_trap_hook)(struct trapframe *tf, int sig);

#endif /* !NAIAD_ARCH_TSS_H */
