/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * cpu_enter_user(tf): leave the kernel for the user frame TF, which
 * lies at the top of the current thread's stack (book/24-usermode.nw).
 */
	.text
	.globl	cpu_enter_user
cpu_enter_user:
	cli
	movl	4(%esp), %esp
	jmp	trapret

	.section .note.GNU-stack, "", @progbits
