/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The Multiboot (version 1) contract between a boot loader and the
 * kernel.
 */
#ifndef NAIAD_ARCH_MULTIBOOT_H
#define NAIAD_ARCH_MULTIBOOT_H

/** Magic number a kernel puts in its header. */
#define MULTIBOOT_HEADER_MAGIC		0x1BADB002
/** Header flag: please fill in the memory fields of the information. */
#define MULTIBOOT_HEADER_WANT_MEMORY	0x00000002
/** Magic number a loader leaves in %eax for the kernel. */
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002

/** Information flag: mem_lower and mem_upper are valid. */
#define MULTIBOOT_INFO_MEMORY		0x00000001
/** Information flag: cmdline is valid. */
#define MULTIBOOT_INFO_CMDLINE		0x00000004
/** Information flag: mods_count and mods_addr are valid. */
#define MULTIBOOT_INFO_MODS		0x00000008
/** Information flag: mmap_length and mmap_addr are valid. */
#define MULTIBOOT_INFO_MEM_MAP		0x00000040
/** Information flag: boot_loader_name is valid. */
#define MULTIBOOT_INFO_LOADER_NAME	0x00000200

#ifndef __ASSEMBLER__
#include <stdint.h>

/** The Multiboot information a loader hands to the kernel in %ebx. */
struct multiboot_info {
	uint32_t flags;		/**< which fields below are valid */
	uint32_t mem_lower;	/**< KiB of memory below 1 MiB */
	uint32_t mem_upper;	/**< KiB of memory above 1 MiB */
	uint32_t boot_device;	/**< BIOS disk the loader came from */
	uint32_t cmdline;	/**< physical address of a C string */
	uint32_t mods_count;	/**< number of modules loaded */
	uint32_t mods_addr;	/**< physical address of the module list */
	uint32_t syms[4];	/**< a.out or ELF symbol information */
	uint32_t mmap_length;	/**< bytes in the memory map */
	uint32_t mmap_addr;	/**< physical address of the memory map */
	uint32_t drives_length;	/**< bytes in the drive list */
	uint32_t drives_addr;	/**< physical address of the drive list */
	uint32_t config_table;	/**< BIOS configuration table */
	uint32_t boot_loader_name; /**< physical address of a C string */
};

/** One entry of the module list: a file the loader placed in memory. */
struct multiboot_module {
	uint32_t mod_start;	/**< physical address of its first byte */
	uint32_t mod_end;	/**< one past its last byte */
	uint32_t string;	/**< physical address of its name, or 0 */
	uint32_t reserved;	/**< must be 0 */
};

/** One entry of the memory map; size does not count itself. */
struct multiboot_mmap_entry {
	uint32_t size;		/**< bytes in this entry after this field */
	uint64_t addr;		/**< first byte of the range */
	uint64_t len;		/**< length of the range in bytes */
	uint32_t type;		/**< 1 for usable RAM */
} __attribute__((packed));
/** The magic number the loader left in %eax (set by kernel_main). */
extern uint32_t boot_magic;
/**
 * The Multiboot information the loader left in %ebx, or NULL if the
 * magic number was not Multiboot's.  Set by kernel_main, then read-only.
 */
extern const struct multiboot_info *boot_info;
#endif /* !__ASSEMBLER__ */
#endif /* !NAIAD_ARCH_MULTIBOOT_H */
