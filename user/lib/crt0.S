/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * _start: the first instructions of every program (book/28-syscall.nw).
 * At entry %esp points at argc, then argv[], NULL, envp[], NULL.
 */
	.text
	.globl	_start
_start:
	xorl	%ebp, %ebp		/* the end of the frame chain */
	movl	(%esp), %eax		/* argc */
	leal	4(%esp), %ebx		/* argv */
	leal	8(%esp,%eax,4), %ecx	/* envp = argv + argc + 1 */
	movl	%ecx, environ
	subl	$4, %esp		/* 16-byte aligned at the call */
	pushl	%ecx
	pushl	%ebx
	pushl	%eax
	call	main
	addl	$16, %esp
	pushl	%eax
	call	exit
	hlt				/* exit does not return */

	.comm	environ, 4, 4

	.section .note.GNU-stack, "", @progbits
