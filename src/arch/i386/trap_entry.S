/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The way into the kernel on every trap: one stub per vector, the common
 * entry alltraps, and trap_catch for tests (book/06-traps.nw).
 */
#include "arch/i386/segments.h"
#include "arch/i386/trap.h"

	.section .rodata
	.balign	4
	.globl	trap_stub_table
trap_stub_table:

	.text
	.balign	16
	.globl	trap_stubs
trap_stubs:
	.set	vector, 0
	.rept	TRAP_NVECTORS
	.balign	16
1:
	.if !(vector == TRAP_DF || (vector >= TRAP_TS && vector <= TRAP_PF) || \
	    vector == TRAP_AC || vector == TRAP_CP || vector == TRAP_VC || \
	    vector == TRAP_SX)
	pushl	$0			/* no error code: push one */
	.endif
	pushl	$vector
	jmp	alltraps
	.pushsection .rodata
	.long	1b
	.popsection
	.set	vector, vector + 1
	.endr

	.globl	alltraps
alltraps:
	cld
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movl	%cr2, %eax
	pushl	%eax
	movw	$GDT_KDATA_SEL, %ax
	movw	%ax, %ds
	movw	%ax, %es
	/* (the user mode chapter adds the per-CPU segment) */
	testl	$3, TF_CS(%esp)		/* from user mode? */
	jz	7f
	movw	$GDT_PERCPU_SEL, %ax	/* the kernel's mycpu */
	movw	%ax, %fs
	movw	$GDT_KDATA_SEL, %ax	/* and the kernel's %gs, as at boot */
	movw	%ax, %gs
7:
	movl	%esp, %eax		/* struct trapframe *tf */
	pushl	TF_EIP(%eax)		/* a frame record for backtraces: */
	pushl	TF_EBP(%eax)		/*   "called from" the trapped eip */
	movl	%esp, %ebp
	pushl	%eax
	call	trap
	addl	$12, %esp
	.globl	trapret
trapret:
	/* (the user mode chapter adds the work before a return to user) */
	testl	$3, TF_CS(%esp)		/* back to user mode? */
	jz	8f
	pushl	%esp			/* userret(tf) */
	call	userret
	addl	$4, %esp
8:
	addl	$4, %esp		/* tf_cr2 */
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* tf_trapno, tf_err */
	iret

	.globl	trap_catch
trap_catch:
	pushl	%ebp
	movl	%esp, %ebp
	pushfl
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	pushl	trap_catch_current	/* cp->prev */
	pushl	16(%ebp)		/* cp->out */
	movl	%esp, trap_catch_current
	pushl	12(%ebp)		/* arg */
	call	*8(%ebp)		/* fn(arg) */
	addl	$4, %esp
	movl	4(%esp), %eax		/* fn returned: unlink cp */
	movl	%eax, trap_catch_current
	movl	$-1, %eax
trap_catch_return:
	addl	$8, %esp		/* the catch point */
	popl	%edi
	popl	%esi
	popl	%ebx
	popfl
	popl	%ebp
	ret
	/* void trap_catch_resume(struct trap_catch_point *cp, int vector) */
	.globl	trap_catch_resume
trap_catch_resume:
	movl	8(%esp), %eax		/* vector: trap_catch's result */
	movl	4(%esp), %esp		/* back on trap_catch's stack */
	jmp	trap_catch_return

	/* No executable stack: tells the linker this code needs none. */
	.section .note.GNU-stack, "", @progbits
