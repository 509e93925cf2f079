/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Single-instruction helpers: port I/O, halting, interrupt flag.
 */
#ifndef NAIAD_ARCH_CPUFUNC_H
#define NAIAD_ARCH_CPUFUNC_H

#include <stdint.h>

/** Write byte \a value to I/O port \a port. */
static inline void
outb(uint16_t port, uint8_t value)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(value), "Nd"(port));
}

/** Read a byte from I/O port \a port. */
static inline uint8_t
inb(uint16_t port)
{
	uint8_t value;

	__asm__ __volatile__("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

/** Write 16-bit \a value to I/O port \a port. */
static inline void
outw(uint16_t port, uint16_t value)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(value), "Nd"(port));
}

/** Read a 16-bit value from I/O port \a port. */
static inline uint16_t
inw(uint16_t port)
{
	uint16_t value;

	__asm__ __volatile__("inw %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

/** Disable maskable interrupts on this CPU. */
static inline void
cpu_disable_intr(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

/** Stop this CPU until the next interrupt. */
static inline void
cpu_halt(void)
{
	__asm__ __volatile__("hlt" : : : "memory");
}

/** Tell the CPU we are spinning (saves power, helps a hyperthread). */
static inline void
cpu_pause(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

/** Read the time-stamp counter. */
static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/** Run CPUID leaf \a leaf; \a regs receives eax, ebx, ecx, edx. */
static inline void
cpu_cpuid(uint32_t leaf, uint32_t regs[4])
{
	__asm__ __volatile__("cpuid"
	    : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
	    : "a"(leaf), "c"(0));
}

/** Read the model-specific register \a msr. */
static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

/** EFLAGS bit: maskable interrupts are enabled. */
#define PSL_I	0x0200

/** Read %eflags. */
static inline uint32_t
read_eflags(void)
{
	uint32_t v;

	__asm__ __volatile__("pushfl; popl %0" : "=r"(v));
	return v;
}

/** Enable maskable interrupts on this CPU. */
static inline void
cpu_enable_intr(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}
/* the helpers of later chapters follow */
/** Read %cr0: protection, paging and cache switches. */
static inline uint32_t
rcr0(void)
{
	uint32_t v;

	__asm__ __volatile__("movl %%cr0, %0" : "=r"(v));
	return v;
}

/** Read %cr2: the address of the last page fault. */
static inline uint32_t
rcr2(void)
{
	uint32_t v;

	__asm__ __volatile__("movl %%cr2, %0" : "=r"(v));
	return v;
}

/** Read %cr3: the physical address of the page directory. */
static inline uint32_t
rcr3(void)
{
	uint32_t v;

	__asm__ __volatile__("movl %%cr3, %0" : "=r"(v));
	return v;
}
/** Write \a value to the model-specific register \a msr. */
static inline void
wrmsr(uint32_t msr, uint64_t value)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((uint32_t)value),
	    "d"((uint32_t)(value >> 32)) : "memory");
}
#endif /* !NAIAD_ARCH_CPUFUNC_H */
