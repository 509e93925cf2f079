/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * elf_check: is this file a program Naiad can load?  Pure.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/elf.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "vm/vm_map.h"

/* Are a and b's pages disjoint? */
static int
elf_pages_disjoint(const Elf32_Phdr *a, const Elf32_Phdr *b)
{
	uint64_t a0 = trunc_page((uint64_t)a->p_vaddr);
	uint64_t a1 = round_page((uint64_t)a->p_vaddr + a->p_memsz);
	uint64_t b0 = trunc_page((uint64_t)b->p_vaddr);
	uint64_t b1 = round_page((uint64_t)b->p_vaddr + b->p_memsz);

	return a1 <= b0 || b1 <= a0;
}

/* Check one PT_LOAD segment PH of a file of SIZE bytes; NULL or why. */
static const char *
elf_check_segment(const Elf32_Phdr *ph, size_t size)
{
	if (ph->p_memsz == 0)
		return "a loadable segment is empty";
	if (ph->p_filesz > ph->p_memsz)
		return "a segment has more bytes in the file than in memory";
	if ((uint64_t)ph->p_offset + ph->p_filesz > size)
		return "a segment's bytes run past the end of the file";
	if (ph->p_vaddr < USER_MIN || (uint64_t)ph->p_vaddr + ph->p_memsz >
	    USER_STACK_TOP - USER_STACK_MAX)
		return "a segment lies outside user space (or in the stack)";
	if ((ph->p_vaddr & PAGE_MASK) != (ph->p_offset & PAGE_MASK))
		return "a segment's address and offset differ within a page";
	return NULL;
}

/* Check the header of IMG (SIZE bytes) into *EH; NULL or why. */
static const char *
elf_check_header(const void *img, size_t size, Elf32_Ehdr *eh)
{
	if (size < sizeof(*eh))
		return "too short for an ELF header";
	kmemcpy(eh, img, sizeof(*eh));
	if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' ||
	    eh->e_ident[2] != 'L' || eh->e_ident[3] != 'F')
		return "not an ELF file";
	if (eh->e_ident[4] != ELFCLASS32 || eh->e_ident[5] != ELFDATA2LSB)
		return "not a 32-bit little-endian ELF file";
	if (eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return "unknown ELF version";
	if (eh->e_type != ET_EXEC)
		return "not an executable";
	if (eh->e_machine != EM_386)
		return "not an i386 program";
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0)
		return "no usable program headers";
	if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum *
	    sizeof(Elf32_Phdr) > size)
		return "the program headers run past the end of the file";
	return NULL;
}

/* Check IMG (SIZE bytes) as a program: 0 and *EI, or -ENOEXEC with the
 * reason in *WHY.  Pure. */
int
elf_check(const void *img, size_t size, struct elf_image *ei,
    const char **why)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	int i, j, entry_ok = 0;

	ei->ei_nsegs = 0;
	ei->ei_end = 0;
	if ((*why = elf_check_header(img, size, &eh)) != NULL)
		return -ENOEXEC;
	for (i = 0; i < eh.e_phnum; i++) {
		kmemcpy(&ph, (const char *)img + eh.e_phoff +
		    (size_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type == PT_INTERP || ph.p_type == PT_DYNAMIC) {
			*why = "a dynamically linked program";
			return -ENOEXEC;
		}
		if (ph.p_type != PT_LOAD)
			continue;
		if (ei->ei_nsegs == ELF_MAXSEGS) {
			*why = "too many loadable segments";
			return -ENOEXEC;
		}
		if ((*why = elf_check_segment(&ph, size)) != NULL)
			return -ENOEXEC;
		for (j = 0; j < ei->ei_nsegs; j++)
			if (!elf_pages_disjoint(&ph, &ei->ei_segs[j])) {
				*why = "two segments share a page";
				return -ENOEXEC;
			}
		if ((ph.p_flags & PF_X) != 0 && eh.e_entry >= ph.p_vaddr &&
		    eh.e_entry - ph.p_vaddr < ph.p_memsz)
			entry_ok = 1;
		if (ph.p_vaddr + ph.p_memsz > ei->ei_end)
			ei->ei_end = ph.p_vaddr + ph.p_memsz;
		ei->ei_segs[ei->ei_nsegs++] = ph;
	}
	if (ei->ei_nsegs == 0) {
		*why = "no loadable segment";
		return -ENOEXEC;
	}
	if (!entry_ok) {
		*why = "the entry point is in no executable segment";
		return -ENOEXEC;
	}
	ei->ei_entry = eh.e_entry;
	*why = NULL;
	return 0;
}
