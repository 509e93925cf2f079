/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief CPU exceptions and interrupts: the IDT, the trap frame, the
 * handlers, the trap report, and catching traps in tests.
 */
#ifndef NAIAD_ARCH_TRAP_H
#define NAIAD_ARCH_TRAP_H

#define TRAP_DE		0	/**< divide error */
#define TRAP_DB		1	/**< debug */
#define TRAP_NMI	2	/**< non-maskable interrupt */
#define TRAP_BP		3	/**< breakpoint (int3) */
#define TRAP_OF		4	/**< overflow (into) */
#define TRAP_BR		5	/**< bound range exceeded */
#define TRAP_UD		6	/**< invalid opcode */
#define TRAP_NM		7	/**< device (FPU) not available */
#define TRAP_DF		8	/**< double fault; error code (0) */
#define TRAP_TS		10	/**< invalid TSS; error code */
#define TRAP_NP		11	/**< segment not present; error code */
#define TRAP_SS		12	/**< stack-segment fault; error code */
#define TRAP_GP		13	/**< general protection; error code */
#define TRAP_PF		14	/**< page fault; error code, %cr2 */
#define TRAP_MF		16	/**< x87 floating-point error */
#define TRAP_AC		17	/**< alignment check; error code */
#define TRAP_MC		18	/**< machine check */
#define TRAP_XM		19	/**< SIMD floating-point exception */
#define TRAP_VE		20	/**< virtualization exception */
#define TRAP_CP		21	/**< control protection; error code */
#define TRAP_VC		29	/**< VMM communication (AMD); error code */
#define TRAP_SX		30	/**< security exception (AMD); error code */
#define TRAP_NEXCEPTIONS 32	/**< vectors reserved for the CPU */
#define TRAP_NVECTORS	256	/**< entries in the IDT */
#define PGEX_P		0x01	/**< 1: protection violation; 0: not present */
#define PGEX_W		0x02	/**< 1: a write; 0: a read */
#define PGEX_U		0x04	/**< 1: the access came from user mode */
#define PGEX_RSV	0x08	/**< a reserved bit was set in a page table */
#define PGEX_I		0x10	/**< the access was an instruction fetch */
#define TF_EBP		12	/**< offsetof(struct trapframe, tf_ebp) */
#define TF_EIP		60	/**< offsetof(struct trapframe, tf_eip) */
#define TF_SIZE		80	/**< sizeof(struct trapframe) */
#define TF_CS		64	/**< offsetof(struct trapframe, tf_cs) */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/segments.h"

/** The machine state saved on the stack at every trap. */
struct trapframe {
	uint32_t	tf_cr2;	/**< %cr2: a page fault's address */
	uint32_t	tf_edi;	/**< general registers, saved by pushal */
	uint32_t	tf_esi;	/**< ... */
	uint32_t	tf_ebp;	/**< the interrupted frame pointer */
	uint32_t	tf_isp;	/**< %esp as pushal found it: &tf_gs */
	uint32_t	tf_ebx;	/**< ... */
	uint32_t	tf_edx;	/**< ... */
	uint32_t	tf_ecx;	/**< ... */
	uint32_t	tf_eax;	/**< ... */
	uint32_t	tf_gs;	/**< segment registers, saved by alltraps */
	uint32_t	tf_fs;	/**< ... */
	uint32_t	tf_es;	/**< ... */
	uint32_t	tf_ds;	/**< ... */
	uint32_t	tf_trapno; /**< the vector, pushed by the stub */
	uint32_t	tf_err;	/**< error code (CPU), or 0 (the stub) */
	uint32_t	tf_eip;	/**< where the trap happened */
	uint32_t	tf_cs;	/**< code segment; its low bits: the ring */
	uint32_t	tf_eflags; /**< flags at the trap */
	uint32_t	tf_esp;	/**< user stack: only from user mode */
	uint32_t	tf_ss;	/**< user stack segment: only from user mode */
};
/** \brief Did the trap come from user mode (ring 3)? */
static inline int
trapframe_from_user(const struct trapframe *tf)
{
	return (tf->tf_cs & 3) != 0;
}

/** \brief The stack pointer at the moment of the trap. */
static inline uint32_t
trapframe_esp(const struct trapframe *tf)
{
	if (trapframe_from_user(tf))
		return tf->tf_esp;
	return tf->tf_isp + (offsetof(struct trapframe, tf_esp) -
	    offsetof(struct trapframe, tf_gs));
}

/** \brief The stack segment at the moment of the trap. */
static inline uint32_t
trapframe_ss(const struct trapframe *tf)
{
	return trapframe_from_user(tf) ? tf->tf_ss : GDT_KDATA_SEL;
}
/** A trap handler: may read and change the frame, then returns. */
typedef void trap_handler_fn(struct trapframe *tf);

/**
 * \brief Make \a fn the handler of \a vector (NULL: none).
 * \return the previous handler, so a test can put it back.
 */
trap_handler_fn *trap_set_handler(int vector, trap_handler_fn *fn);

/** \brief The handler of \a vector, or NULL: for tests, which must not
 * swap out a handler that another CPU may need at that moment. */
trap_handler_fn *trap_get_handler(int vector);

/** \brief The C side of every trap: called by alltraps. */
void trap(struct trapframe *tf);

/**
 * \brief Deal with a trap nobody handles: deliver it to the innermost
 * trap_catch, or report it and panic.
 */
void trap_unhandled(struct trapframe *tf) __attribute__((noreturn));

/** \brief The name of \a vector: "divide error", ..., "interrupt". */
const char *trap_name(unsigned vector);

/** Room enough for any report of trap_format. */
#define TRAP_REPORT_MAX	512

/**
 * \brief Describe the trap of \a tf in \a buf (at most \a size bytes,
 * NUL-terminated when \a size > 0): its name, where it happened, every
 * register, and for a page fault the address and the decoded error code.
 * \return the length of the whole report, as ksnprintf returns it.
 */
int trap_format(const struct trapframe *tf, char *buf, size_t size);

/** A place to come back to when a trap happens: see trap_catch. */
struct trap_catch_point {
	struct trapframe *out;		/**< where to copy the frame */
	struct trap_catch_point *prev;	/**< the enclosing catch point */
};

/** The innermost active catch point; NULL when traps are fatal. */
extern struct trap_catch_point *trap_catch_current;

/**
 * \brief Call fn(arg), catching any exception it raises that no
 * handler takes: for tests.  The trap frame is copied to \a out (unless
 * NULL).
 * \return the vector of the caught exception, or -1 when fn returned.
 */
int trap_catch(void (*fn)(void *), void *arg, struct trapframe *out);
#endif /* !__ASSEMBLER__ */
#endif /* !NAIAD_ARCH_TRAP_H */
