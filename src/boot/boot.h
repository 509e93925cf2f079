/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The boot loader's disk and memory layout, shared by mbr.S,
 * stage2.S and mkdisk.c.
 */
#ifndef NAIAD_BOOT_BOOT_H
#define NAIAD_BOOT_BOOT_H

/* The disk image, in 512-byte sectors counted from 0 (LBA). */
#define BOOT_SECTOR_SIZE	512	/**< bytes in a sector */
#define BOOT_PARAM_LBA		1	/**< "NAIADCMD" and the command line */
#define BOOT_STAGE2_LBA		2	/**< stage 2 follows the parameter sector */
#define BOOT_CMDLINE_MAGIC	"NAIADCMD"	/**< starts the parameter sector */
#define BOOT_CMDLINE_OFFSET	8	/**< the line follows the magic word */
#define BOOT_CMDLINE_MAX	503	/**< characters, without the NUL */
/* Memory while the loader runs (physical addresses, all below 1 MiB). */
#define BOOT_STACK_TOP		0x7C00	/**< grows down from the MBR */
#define BOOT_MBR_ADDR		0x7C00	/**< where the BIOS loads LBA 0 */
#define BOOT_PARAM_ADDR		0x7E00	/**< LBA 1 lands right after it */
#define BOOT_STAGE2_ADDR	0x8000	/**< ... and stage 2 after that */
#define BOOT_STAGE2_MAX_SECTORS	64	/**< so it ends at the bounce buffer */
#define BOOT_BOUNCE_SEG		0x1000	/**< real-mode segment of the buffer */
#define BOOT_BOUNCE_ADDR	0x10000	/**< ... and its physical address */
#define BOOT_BOUNCE_SECTORS	64	/**< 32 KiB read per BIOS call */

/* Where a kernel may be loaded: above the BIOS, below 16 MiB. */
#define BOOT_KERNEL_MIN		0x100000	/**< lowest address a kernel may use */
#define BOOT_KERNEL_MAX		0x1000000	/**< and the end of what it may use */
/* A module goes on the page after the kernel, and ends below 32 MiB. */
#define BOOT_MODULE_MAX		0x2000000	/**< the end of what a module may use */
/* The descriptor mkdisk writes into the MBR, BOOT_DESC_OFFSET bytes in. */
#define BOOT_DESC_OFFSET	0x190	/**< where the descriptor starts */
#define BOOT_DESC_MAGIC		0x3144424E	/**< "NBD1" in memory */
#define BD_MAGIC		0	/**< uint32_t: BOOT_DESC_MAGIC */
#define BD_STAGE2_SECTORS	4	/**< uint16_t: sectors of stage 2 */
#define BD_KERNEL_LBA		8	/**< uint32_t: first sector of the kernel */
#define BD_KERNEL_SECTORS	12	/**< uint32_t: sectors of the kernel */
#define BD_KERNEL_LOAD		16	/**< uint32_t: physical load address */
#define BD_KERNEL_ENTRY		20	/**< uint32_t: physical entry point */
#define BD_MODULE_LBA		24	/**< uint32_t: first sector of the module */
#define BD_MODULE_SECTORS	28	/**< uint32_t: its sectors; 0: none */
#define BD_MODULE_LOAD		32	/**< uint32_t: physical load address */
#define BD_MODULE_SIZE		36	/**< uint32_t: its size in bytes */
#define BOOT_DESC_SIZE		40	/**< bytes in the descriptor */
/* Offsets in struct multiboot_info; mkdisk.c checks them at compile time. */
#define MBI_FLAGS		0	/**< offset of flags */
#define MBI_MEM_LOWER		4	/**< offset of mem_lower */
#define MBI_MEM_UPPER		8	/**< offset of mem_upper */
#define MBI_CMDLINE		16	/**< offset of cmdline */
#define MBI_MODS_COUNT		20	/**< offset of mods_count */
#define MBI_MODS_ADDR		24	/**< offset of mods_addr */
#define MBI_MMAP_LENGTH		44	/**< offset of mmap_length */
#define MBI_MMAP_ADDR		48	/**< offset of mmap_addr */
#define MBI_LOADER_NAME		64	/**< offset of boot_loader_name */
#define MBI_SIZE		68	/**< bytes in struct multiboot_info */
#define MMAP_ENTRY_SIZE		20	/**< the size field of each map entry */
#define MMAP_MAX_ENTRIES	32	/**< entries the loader keeps at most */

#endif /* !NAIAD_BOOT_BOOT_H */
