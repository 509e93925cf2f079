/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include "kern/thread.h"

/*
 * struct thread *cpu_lwkt_switch(struct thread *otd, struct thread *ntd),
 * fastcall: otd in %ecx, ntd in %edx.  Called in a critical section.
 * Returns in ntd, with otd as its value.
 */
	.text
	.globl	cpu_lwkt_switch
cpu_lwkt_switch:
	movl	%ecx, %eax		/* otd, also the value we return */
	pushl	%ebp			/* otd's callee-saved registers */
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	pushfl				/* and its interrupt flag */
	movl	%esp, TD_SP(%eax)	/* otd is now fully saved */
	movl	TD_SP(%edx), %esp	/* from here on: ntd's stack */
	popfl
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret				/* to where ntd called us */

/*
 * The first instructions of every thread: cpu_lwkt_switch "returns"
 * here with %eax = the thread that ran before.
 */
	.globl	cpu_kthread_start
cpu_kthread_start:
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax			/* lwkt_thread_start(prev) */
	call	lwkt_thread_start
	ud2				/* it never returns */

	.section .note.GNU-stack, "", @progbits
