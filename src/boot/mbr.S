/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * mbr.S: the first sector of a Naiad disk.  The BIOS loads it at 0x7C00;
 * it reads the parameter sector and stage 2 behind itself and jumps.
 */
#include "boot/boot.h"

	.code16
	.text
	.globl	start
start:
	cli
	xorw	%ax, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %ss
	movw	$BOOT_STACK_TOP, %sp
	ljmp	$0, $1f			/* %cs = 0, whatever the BIOS used */
1:	sti
	cld
	movb	%dl, drive		/* the BIOS's boot drive */
	movb	$0x41, %ah		/* int 13h 41h: extensions present? */
	movw	$0x55AA, %bx
	int	$0x13
	jc	no_edd
	cmpw	$0xAA55, %bx
	jne	no_edd
	testb	$1, %cl			/* the packet calls, AH=42h */
	jz	no_edd
	movw	BOOT_MBR_ADDR + BOOT_DESC_OFFSET + BD_STAGE2_SECTORS, %ax
	incw	%ax			/* and the parameter sector */
	movw	%ax, dap_count
	movw	$dap, %si
	movb	drive, %dl
	movb	$0x42, %ah		/* int 13h 42h: extended read */
	int	$0x13
	jc	read_error
	movb	drive, %dl		/* stage 2 wants the drive too */
	ljmp	$0, $BOOT_STAGE2_ADDR

no_edd:
	movw	$msg_no_edd, %si
	jmp	fail
read_error:
	movw	$msg_read, %si
	jmp	fail

fail:
	movw	$0x00E3, %ax		/* int 14h 0: COM1 at 9600 baud, 8N1 */
	xorw	%dx, %dx		/* port 0 is COM1 */
	int	$0x14
1:	lodsb				/* %al = *%si++ */
	testb	%al, %al
	jz	2f
	outb	%al, $0xE9		/* the emulators' debug port */
	pushw	%ax
	movb	$0x01, %ah		/* int 14h 1: send %al on COM1 */
	xorw	%dx, %dx
	int	$0x14
	popw	%ax
	movb	$0x0E, %ah		/* int 10h 0Eh: teletype %al */
	movw	$0x0007, %bx		/* page 0, light grey */
	int	$0x10
	jmp	1b
2:	cli
	hlt
	jmp	2b
	.p2align 2
dap:	.byte	16, 0			/* size of this packet, reserved */
dap_count:
	.word	0			/* sectors to read */
	.word	BOOT_PARAM_ADDR, 0	/* buffer: offset, segment */
	.quad	BOOT_PARAM_LBA		/* first sector */

drive:	.byte	0
msg_no_edd:
	.asciz	"naiad-boot: no BIOS extended disk reads\r\n"
msg_read:
	.asciz	"naiad-boot: cannot read stage 2\r\n"

	.org	BOOT_DESC_OFFSET
	.long	BOOT_DESC_MAGIC
	.org	510
	.byte	0x55, 0xAA

	/* No executable stack: tells the linker this code needs none. */
	.section .note.GNU-stack, "", @progbits
