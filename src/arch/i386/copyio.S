/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The only code that touches user memory (book/25-copyio.nw).  A fault
 * between copyio_begin and copyio_fault that the kernel cannot resolve
 * resumes at copyio_fault, which returns -EFAULT; both copies have
 * pushed exactly %esi and %edi at every instruction that may fault.
 */
#include "kern/errno.h"

	.text
	.globl	copyio_begin, copyio_fault, copyio_bytes, copyio_string
copyio_begin:

/* int copyio_bytes(void *dst, const void *src, size_t len) */
copyio_bytes:
	pushl	%esi
	pushl	%edi
	movl	12(%esp), %edi
	movl	16(%esp), %esi
	movl	20(%esp), %ecx
	cld
	rep movsb
	xorl	%eax, %eax
	popl	%edi
	popl	%esi
	ret

/* int copyio_string(char *dst, const char *src, size_t max, size_t *done) */
copyio_string:
	pushl	%esi
	pushl	%edi
	movl	12(%esp), %edi
	movl	16(%esp), %esi
	movl	20(%esp), %ecx
	xorl	%edx, %edx		/* bytes moved */
1:	testl	%ecx, %ecx
	jz	2f
	movb	(%esi), %al
	movb	%al, (%edi)
	incl	%esi
	incl	%edi
	incl	%edx
	decl	%ecx
	testb	%al, %al
	jnz	1b
	xorl	%eax, %eax		/* the NUL is copied */
	jmp	3f
2:	movl	$-ENAMETOOLONG, %eax	/* max bytes, no NUL */
3:	movl	24(%esp), %ecx
	testl	%ecx, %ecx
	jz	4f
	movl	%edx, (%ecx)
4:	popl	%edi
	popl	%esi
	ret

/* A user page could not be had: undo the two pushes, -EFAULT. */
copyio_fault:
	movl	$-EFAULT, %eax
	popl	%edi
	popl	%esi
	ret

	.section .note.GNU-stack, "", @progbits
