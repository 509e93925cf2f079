/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The first code an AP runs: real mode at AP_TRAMPOLINE_PADDR, to
 * protected mode with paging, to ap_main() on its own stack.  mp_boot.c
 * copies it below 1 MiB and fills in the parameters at its end.
 */
#include "arch/i386/mp.h"
#include "arch/i386/segments.h"

#define CR0_PE	0x00000001	/* protected mode */
#define CR0_WP	0x00010000	/* write protect, also for the kernel */
#define CR0_NW	0x20000000	/* not write-through (caches) */
#define CR0_CD	0x40000000	/* cache disable */
#define CR0_PG	0x80000000	/* paging */

/* The address, in the copy, of label x of the original. */
#define HERE(x)	(AP_TRAMPOLINE_PADDR + ((x) - ap_trampoline))

	.section .rodata
	.balign	16
	.globl	ap_trampoline, ap_trampoline_params, ap_trampoline_end
	.code16
ap_trampoline:
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	(ap_trampoline_params + AP_PARAM_GDTR - ap_trampoline)
	lidtl	(ap_trampoline_params + AP_PARAM_IDTR - ap_trampoline)
	movl	%cr0, %eax
	andl	$~(CR0_CD | CR0_NW), %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$GDT_KCODE_SEL, $HERE(ap_protected)
	.code32
ap_protected:
	movw	$GDT_KDATA_SEL, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	%ax, %gs
	movw	$GDT_PERCPU_SEL, %ax
	movw	%ax, %fs
	movl	HERE(ap_trampoline_params) + AP_PARAM_CR3, %eax
	movl	%eax, %cr3
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP), %eax
	movl	%eax, %cr0
	movl	HERE(ap_trampoline_params) + AP_PARAM_ESP, %esp
	xorl	%ebp, %ebp
	pushl	HERE(ap_trampoline_params) + AP_PARAM_CPUID
	movl	$ap_main, %eax
	call	*%eax
1:	hlt				/* ap_main does not return */
	jmp	1b
	.balign	4
ap_trampoline_params:
	.skip	AP_PARAM_SIZE
ap_trampoline_end:

	/* No executable stack: tells the linker this code needs none. */
	.section .note.GNU-stack, "", @progbits
