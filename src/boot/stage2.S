/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * stage2.S: loaded at 0x8000 by the MBR.  Turns on A20, reads the memory
 * map, loads the kernel to 1 MiB and starts it in the Multiboot state.
 */
#include "arch/i386/multiboot.h"
#include "boot/boot.h"

#define DESC(field)	(BOOT_MBR_ADDR + BOOT_DESC_OFFSET + (field))
#define SMAP		0x534D4150	/* "SMAP": the E820 signature */
#define CODE_SEL	0x08		/* GDT entry 1: flat 32-bit code */
#define DATA_SEL	0x10		/* GDT entry 2: flat data */

	.code16
	.text
	.globl	start
start:
	movb	%dl, drive
#ifdef BOOT_TEST_A20
	call	a20_off_for_test
#endif
	call	enable_a20
	call	read_memory_sizes
	call	read_memory_map
	call	find_mem_upper
	call	find_cmdline
	call	load_kernel
	call	load_module
	jmp	enter_kernel

enable_a20:
	call	a20_on
	je	1f
#if BOOT_TEST_A20 < 2
	inb	$0x92, %al		/* the fast A20 gate */
	orb	$0x02, %al		/* bit 1: A20 on */
	andb	$0xFE, %al		/* bit 0 would reset the machine */
	outb	%al, $0x92
	call	a20_on
	je	1f
#endif
#if BOOT_TEST_A20 < 3
	call	kbc_wait		/* the keyboard controller's way */
	movb	$0xD1, %al		/* write the output port... */
	outb	%al, $0x64
	call	kbc_wait
	movb	$0xDF, %al		/* ...with A20 on */
	outb	%al, $0x60
	call	kbc_wait
	call	a20_on
	je	1f
#endif
	movw	$msg_a20, %si
	jmp	fail
1:	ret
/* Is the A20 line on?  ZF set if it is.  Uses %ax and %dx. */
a20_on:
	pushw	%es
	movw	$0xFFFF, %ax
	movw	%ax, %es
	movb	0x0500, %dl		/* save both bytes */
	movb	%es:0x0510, %dh
	movb	$0x00, 0x0500
	movb	$0xFF, %es:0x0510	/* 0xFFFF:0x0510 is 0x100500 */
	cmpb	$0x00, 0x0500		/* did that write wrap to 0x500? */
	movb	%dh, %es:0x0510
	movb	%dl, 0x0500
	popw	%es
	ret
kbc_wait:
	movw	$0xFFFF, %cx
1:	inb	$0x64, %al
	testb	$0x02, %al		/* input buffer still full? */
	loopnz	1b
	ret
#ifdef BOOT_TEST_A20
a20_off_for_test:
	inb	$0x92, %al
	andb	$0xFC, %al		/* A20 off, and no reset */
	outb	%al, $0x92
	ret
#endif
read_memory_sizes:
	int	$0x12			/* %ax = KiB below 640 KiB */
	movw	%ax, mbi + MBI_MEM_LOWER
	orl	$MULTIBOOT_INFO_MEMORY, mbi + MBI_FLAGS
	ret
read_memory_map:
	movw	$mmap, %di		/* %di: the next entry to fill */
	xorl	%ebx, %ebx		/* continuation: start */
1:	movl	$MMAP_ENTRY_SIZE, (%di)	/* Multiboot's size field */
	pushw	%di
	addw	$4, %di			/* the BIOS writes after it */
	movl	$0xE820, %eax
	movl	$MMAP_ENTRY_SIZE, %ecx
	movl	$SMAP, %edx
	int	$0x15
	popw	%di
	jc	2f			/* error, or past the last range */
	cmpl	$SMAP, %eax
	jne	2f
	movl	12(%di), %eax		/* empty range? keep the slot */
	orl	16(%di), %eax
	jz	3f
	addw	$4 + MMAP_ENTRY_SIZE, %di
	cmpw	$mmap_end, %di
	je	2f
3:	testl	%ebx, %ebx		/* that was the last range */
	jnz	1b
2:	movw	%di, mmap_next
	subw	$mmap, %di		/* %di = bytes in the map */
	jz	no_mmap
	movw	%di, mbi + MBI_MMAP_LENGTH
	movl	$mmap, mbi + MBI_MMAP_ADDR
	orl	$MULTIBOOT_INFO_MEM_MAP, mbi + MBI_FLAGS
	ret
no_mmap:
	movw	$msg_mmap, %si
	jmp	fail
find_mem_upper:
	movw	$mmap, %si
1:	cmpw	mmap_next, %si
	jae	4f			/* no range contains 1 MiB */
	cmpl	$1, 20(%si)		/* usable RAM? */
	jne	3f
	cmpl	$0, 8(%si)		/* starts below 4 GiB? */
	jne	3f
	movl	4(%si), %eax
	cmpl	$0x100000, %eax		/* starts at or below 1 MiB? */
	ja	3f
	movl	12(%si), %edx
	addl	%eax, %edx		/* %edx = end of the range */
	jc	2f
	cmpl	$0, 16(%si)
	jne	2f
	cmpl	$0x100000, %edx		/* ends above 1 MiB? */
	ja	5f
	jmp	3f
2:	movl	$0xFFFFFFFF, %edx	/* ends above 4 GiB: cut it there */
5:	subl	$0x100000, %edx
	shrl	$10, %edx		/* bytes to KiB */
	movl	%edx, mbi + MBI_MEM_UPPER
	ret
3:	addw	$4 + MMAP_ENTRY_SIZE, %si
	jmp	1b
4:	ret
find_cmdline:
	movw	$cmd_magic, %si
	movw	$BOOT_PARAM_ADDR, %di
	movw	$BOOT_CMDLINE_OFFSET, %cx
	repe cmpsb
	jne	1f
	movb	$0, BOOT_PARAM_ADDR + BOOT_SECTOR_SIZE - 1
	movl	$BOOT_PARAM_ADDR + BOOT_CMDLINE_OFFSET, mbi + MBI_CMDLINE
	orl	$MULTIBOOT_INFO_CMDLINE, mbi + MBI_FLAGS
1:	ret
load_kernel:
	movl	DESC(BD_KERNEL_LBA), %eax
	movl	%eax, dap_lba
	movl	DESC(BD_KERNEL_LOAD), %eax
	movl	%eax, load_dest
	movl	DESC(BD_KERNEL_SECTORS), %eax
	movl	%eax, load_left
load_run:
1:	movl	load_left, %eax
	testl	%eax, %eax
	jz	3f
	cmpl	$BOOT_BOUNCE_SECTORS, %eax	/* %eax = min(left, 64) */
	jbe	2f
	movl	$BOOT_BOUNCE_SECTORS, %eax
2:	movw	%ax, chunk
	movw	%ax, dap_count
	movw	$dap, %si
	movb	drive, %dl
	movb	$0x42, %ah		/* int 13h 42h: extended read */
	int	$0x13
	jc	read_error
	call	copy_chunk
	movzwl	chunk, %eax
	addl	%eax, dap_lba
	subl	%eax, load_left
	shll	$9, %eax		/* sectors to bytes */
	addl	%eax, load_dest
	jmp	1b
3:	ret
read_error:
	movw	$msg_read, %si
	jmp	fail
load_module:
	movl	DESC(BD_MODULE_SECTORS), %eax
	testl	%eax, %eax
	jz	1f
	movl	%eax, load_left
	movl	DESC(BD_MODULE_LBA), %eax
	movl	%eax, dap_lba
	movl	DESC(BD_MODULE_LOAD), %eax
	movl	%eax, load_dest
	call	load_run
	movl	DESC(BD_MODULE_LOAD), %eax
	movl	%eax, module		/* mod_start */
	addl	DESC(BD_MODULE_SIZE), %eax
	movl	%eax, module + 4	/* mod_end */
	movl	$1, mbi + MBI_MODS_COUNT
	movl	$module, mbi + MBI_MODS_ADDR
	orl	$MULTIBOOT_INFO_MODS, mbi + MBI_FLAGS
1:	ret
copy_chunk:
	cli
	call	enter_unreal
	movl	$BOOT_BOUNCE_ADDR, %esi
	movl	load_dest, %edi
	movzwl	chunk, %ecx
	shll	$7, %ecx		/* 128 longs per sector */
	addr32 rep movsl
	sti
	ret
/* Make %ds and %es reach 4 GiB, in real mode.  Interrupts must be off. */
enter_unreal:
	lgdtl	gdt_desc
	movl	%cr0, %eax
	orb	$1, %al			/* PE: protected mode */
	movl	%eax, %cr0
	movw	$DATA_SEL, %bx
	movw	%bx, %ds		/* caches: base 0, limit 4 GiB */
	movw	%bx, %es
	andb	$0xFE, %al		/* back to real mode */
	movl	%eax, %cr0
	xorw	%bx, %bx
	movw	%bx, %ds		/* base 0 again; the limit stays */
	movw	%bx, %es
	ret
enter_kernel:
	movl	$loader_name, mbi + MBI_LOADER_NAME
	orl	$MULTIBOOT_INFO_LOADER_NAME, mbi + MBI_FLAGS
	cli
	lgdtl	gdt_desc
	movl	%cr0, %eax
	orb	$1, %al			/* PE: protected mode */
	movl	%eax, %cr0
	ljmp	$CODE_SEL, $protected	/* reload %cs: 32-bit code */

	.code32
protected:
	movw	$DATA_SEL, %ax
	movw	%ax, %ds
	movw	%ax, %es
	movw	%ax, %fs
	movw	%ax, %gs
	movw	%ax, %ss
	movl	$MULTIBOOT_BOOTLOADER_MAGIC, %eax
	movl	$mbi, %ebx
	jmp	*DESC(BD_KERNEL_ENTRY)
	.code16
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
	.p2align 3
gdt:
	.quad	0			/* the null descriptor */
	/* CODE_SEL: limit 15:0, base 15:0, base 23:16, access, G D and
	 * limit 19:16, base 31:24 */
	.word	0xFFFF, 0x0000
	.byte	0x00, 0x9A, 0xCF, 0x00
	/* DATA_SEL: the same, but data, writable */
	.word	0xFFFF, 0x0000
	.byte	0x00, 0x92, 0xCF, 0x00
gdt_desc:
	.word	gdt_desc - gdt - 1	/* limit: size - 1 */
	.long	gdt			/* base */
	.p2align 2
dap:	.byte	16, 0			/* the disk address packet, as in */
dap_count:				/* the MBR, but for the kernel */
	.word	0
	.word	0, BOOT_BOUNCE_SEG	/* buffer: 0x1000:0000 */
dap_lba:
	.quad	0

load_dest:	.long	0		/* where the next chunk goes */
load_left:	.long	0		/* sectors still to read */
chunk:		.word	0		/* sectors in this chunk */
mmap_next:	.word	0		/* the end of the memory map */
drive:		.byte	0		/* the BIOS's boot drive */

cmd_magic:	.ascii	BOOT_CMDLINE_MAGIC
loader_name:	.asciz	"naiad-boot"
msg_a20:	.asciz	"naiad-boot: cannot turn on the A20 line\r\n"
msg_mmap:	.asciz	"naiad-boot: no E820 memory map\r\n"
msg_read:	.asciz	"naiad-boot: cannot read the kernel\r\n"
module_name:	.asciz	"archive"
	.p2align 2
mbi:	.fill	MBI_SIZE, 1, 0		/* struct multiboot_info */
module:	.long	0, 0, module_name, 0	/* the module list: one entry */
mmap:	.fill	MMAP_MAX_ENTRIES * (4 + MMAP_ENTRY_SIZE), 1, 0
mmap_end:

	.section .note.GNU-stack, "", @progbits
