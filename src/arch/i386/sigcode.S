/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The signal trampoline (book/29-signal.nw), copied into a page of every
 * address space at USER_SIGCODE: a handler returns here.
 */
#include "kern/sysnum.h"

	.section .rodata
	.globl	sigcode, sigcode_end
sigcode:
	movl	4(%esp), %ebx		/* &sf_sc */
	movl	$SYS_sigreturn, %eax
	int	$0x80
	movl	$SYS_exit, %eax		/* sigreturn failed */
	int	$0x80
sigcode_end:

	.section .note.GNU-stack, "", @progbits
