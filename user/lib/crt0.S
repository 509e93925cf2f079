/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/* The entry point of every program: from the exec stack to C. */
	.text
	.globl	_start
_start:
	xorl	%ebp, %ebp		/* the outermost frame */
	movl	(%esp), %eax		/* argc */
	leal	4(%esp), %ecx		/* argv */
	leal	8(%esp,%eax,4), %edx	/* envp: just past argv's NULL */
	subl	$4, %esp		/* 4 + 3 * 4: aligned at the call */
	pushl	%edx
	pushl	%ecx
	pushl	%eax
	call	libc_start
	hlt				/* libc_start never returns */
