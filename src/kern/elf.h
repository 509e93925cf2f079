/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ELF executables: the structures, and the check that refuses a
 * bad program with a reason (pure).
 */
#ifndef NAIAD_KERN_ELF_H
#define NAIAD_KERN_ELF_H

#include <stddef.h>
#include <stdint.h>

/** The ELF file header of a 32-bit file. */
typedef struct {
	unsigned char	e_ident[16];	/**< magic, class, data, version */
	uint16_t	e_type;		/**< ET_EXEC */
	uint16_t	e_machine;	/**< EM_386 */
	uint32_t	e_version;	/**< EV_CURRENT */
	uint32_t	e_entry;	/**< the entry point */
	uint32_t	e_phoff;	/**< program headers' file offset */
	uint32_t	e_shoff;	/**< section headers' (unused) */
	uint32_t	e_flags;	/**< none on i386 */
	uint16_t	e_ehsize;	/**< this header's size */
	uint16_t	e_phentsize;	/**< one program header's size */
	uint16_t	e_phnum;	/**< how many */
	uint16_t	e_shentsize;	/**< (unused) */
	uint16_t	e_shnum;	/**< (unused) */
	uint16_t	e_shstrndx;	/**< (unused) */
} Elf32_Ehdr;

/** An ELF program header: one segment. */
typedef struct {
	uint32_t	p_type;		/**< PT_LOAD, PT_INTERP, ... */
	uint32_t	p_offset;	/**< its bytes in the file */
	uint32_t	p_vaddr;	/**< where they go */
	uint32_t	p_paddr;	/**< (unused) */
	uint32_t	p_filesz;	/**< bytes from the file */
	uint32_t	p_memsz;	/**< bytes in memory (zeros after) */
	uint32_t	p_flags;	/**< PF_R, PF_W, PF_X */
	uint32_t	p_align;	/**< alignment */
} Elf32_Phdr;

#define ELFCLASS32	1	/**< e_ident[4]: 32-bit */
#define ELFDATA2LSB	1	/**< e_ident[5]: little-endian */
#define EV_CURRENT	1	/**< e_ident[6], e_version */
#define ET_EXEC		2	/**< an executable */
#define EM_386		3	/**< for the i386 */
#define PT_LOAD		1	/**< a segment to load */
#define PT_DYNAMIC	2	/**< dynamic linking: refused */
#define PT_INTERP	3	/**< an interpreter: refused */
#define PF_X		1	/**< executable */
#define PF_W		2	/**< writable */
#define PF_R		4	/**< readable */

/** Loadable segments a program may have. */
#define ELF_MAXSEGS	8

/** What elf_check found: the segments to load and the entry point. */
struct elf_image {
	uint32_t	ei_entry;	/**< where the program starts */
	int		ei_nsegs;	/**< loadable segments */
	Elf32_Phdr	ei_segs[ELF_MAXSEGS]; /**< them, in file order */
	uint32_t	ei_end;		/**< one past the highest byte */
};

/**
 * \brief Check \a img (\a size bytes) as a program Naiad can run.
 * \return 0 and the segments in *\a ei, or -ENOEXEC and the reason in
 * *\a why.
 */
int elf_check(const void *img, size_t size, struct elf_image *ei,
    const char **why);

#endif /* !NAIAD_KERN_ELF_H */
