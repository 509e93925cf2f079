/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include "arch/i386/multiboot.h"

#define BOOT_STACK_SIZE	16384

	.section .multiboot, "a"
	.balign 4
multiboot_header:
	.long	MULTIBOOT_HEADER_MAGIC
	.long	MULTIBOOT_HEADER_WANT_MEMORY
	.long	-(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_WANT_MEMORY)

	.text
	.globl	_start
_start:
	cli
	cld
	movl	%eax, %edx
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb
	movl	%edx, %eax
	movl	$boot_stack_top, %esp
	xorl	%ebp, %ebp		/* the end of every backtrace */
	pushl	%ebx			/* struct multiboot_info * */
	pushl	%eax			/* the loader's magic number */
	call	kernel_main
	/* kernel_main does not return; if it does, stop here. */
1:	cli
	hlt
	jmp	1b

	.bss
	.balign	16
	.globl	boot_stack, boot_stack_top
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:

	/* No executable stack: tells the linker this code needs none. */
	.section .note.GNU-stack, "", @progbits
