/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * elf_check, src/kern/elf.c (book/27-exec.nw): a correct program image
 * is built here, then damaged one field at a time; each damage must be
 * refused with -ENOEXEC and a reason, and the intact image accepted.
 */
#include <string.h>

#include "check.h"
#include "kern/elf.h"
#include "kerrno.h"
#include "suites.h"
#include "vm/vm_map.h"

#define IMG	0x3000				/* bytes of the image */

static unsigned char img[IMG];

/* A two-segment program: code at 0x40001000, data at 0x40002000. */
static Elf32_Ehdr *
make_image(void)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)img;
	Elf32_Phdr *ph = (Elf32_Phdr *)(img + sizeof(*eh));

	memset(img, 0, sizeof(img));
	memcpy(eh->e_ident, "\177ELF", 4);
	eh->e_ident[4] = ELFCLASS32;
	eh->e_ident[5] = ELFDATA2LSB;
	eh->e_ident[6] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_386;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x40001010;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf32_Phdr);
	eh->e_phnum = 2;
	ph[0] = (Elf32_Phdr){ PT_LOAD, 0x1000, 0x40001000, 0x40001000,
	    0x100, 0x100, PF_R | PF_X, 0x1000 };
	ph[1] = (Elf32_Phdr){ PT_LOAD, 0x2000, 0x40002000, 0x40002000,
	    0x80, 0x3000, PF_R | PF_W, 0x1000 };
	return eh;
}

/* The program header I of the image. */
static Elf32_Phdr *
phdr(int i)
{
	return (Elf32_Phdr *)(img + sizeof(Elf32_Ehdr)) + i;
}

/* Check the image; expect ERR (0 or -ENOEXEC). */
static void
expect(int err, size_t size, int line, const char *what)
{
	struct elf_image ei;
	const char *why = "";
	int r = elf_check(img, size, &ei, &why);

	CHECK_MSG(r == err, line, "%s: got %d (%s)", what, r,
	    why != NULL ? why : "");
	if (err != 0)
		CHECK_MSG(why != NULL && why[0] != '\0', line,
		    "%s: no reason given", what);
}

static void
test_a_good_program_is_accepted(void)
{
	struct elf_image ei;
	const char *why;

	make_image();
	CU_ASSERT_EQUAL(elf_check(img, IMG, &ei, &why), 0);
	CU_ASSERT_EQUAL(ei.ei_nsegs, 2);
	CU_ASSERT_EQUAL(ei.ei_entry, 0x40001010);
	CU_ASSERT_EQUAL(ei.ei_end, 0x40005000);
}

static void
test_each_damage_is_refused(void)
{
	Elf32_Ehdr *eh;
	int i;

	eh = make_image(); eh->e_ident[1] = 'X';
	expect(-ENOEXEC, IMG, __LINE__, "magic");
	eh = make_image(); eh->e_ident[4] = 2;
	expect(-ENOEXEC, IMG, __LINE__, "class 64");
	eh = make_image(); eh->e_ident[5] = 2;
	expect(-ENOEXEC, IMG, __LINE__, "big-endian");
	eh = make_image(); eh->e_version = 0;
	expect(-ENOEXEC, IMG, __LINE__, "version");
	eh = make_image(); eh->e_type = 3;
	expect(-ENOEXEC, IMG, __LINE__, "shared object");
	eh = make_image(); eh->e_machine = 62;
	expect(-ENOEXEC, IMG, __LINE__, "x86-64");
	eh = make_image(); eh->e_phentsize = 20;
	expect(-ENOEXEC, IMG, __LINE__, "phentsize");
	eh = make_image(); eh->e_phnum = 0;
	expect(-ENOEXEC, IMG, __LINE__, "no program headers");
	eh = make_image(); eh->e_phoff = IMG - 10;
	expect(-ENOEXEC, IMG, __LINE__, "program headers past the end");
	eh = make_image(); eh->e_phoff = 0xFFFFFFF0u;
	expect(-ENOEXEC, IMG, __LINE__, "program headers wrap");
	make_image();
	expect(-ENOEXEC, 40, __LINE__, "truncated header");
	make_image(); phdr(1)->p_filesz = 0x4000;
	expect(-ENOEXEC, IMG, __LINE__, "filesz > memsz");
	make_image(); phdr(1)->p_offset = 0x2F90;
	expect(-ENOEXEC, IMG, __LINE__, "segment past the end of the file");
	make_image(); phdr(1)->p_offset = 0xFFFFF000u;
	expect(-ENOEXEC, IMG, __LINE__, "offset wraps");
	make_image(); phdr(0)->p_vaddr = 0x00101000;
	expect(-ENOEXEC, IMG, __LINE__, "in the kernel's space");
	make_image(); phdr(1)->p_vaddr = 0xBF800000u;
	phdr(1)->p_offset = 0;
	expect(-ENOEXEC, IMG, __LINE__, "in the stack");
	make_image(); phdr(1)->p_memsz = 0xFFFFF000u;
	expect(-ENOEXEC, IMG, __LINE__, "memsz wraps past 4 GiB");
	make_image(); phdr(1)->p_vaddr = 0x40002010;
	expect(-ENOEXEC, IMG, __LINE__, "address and offset differ");
	make_image(); phdr(1)->p_vaddr = 0x40001000 + 0x1000 - 0x1000;
	phdr(1)->p_offset = 0x1000;
	expect(-ENOEXEC, IMG, __LINE__, "two segments share a page");
	make_image(); phdr(1)->p_type = PT_INTERP;
	expect(-ENOEXEC, IMG, __LINE__, "an interpreter");
	make_image(); phdr(1)->p_type = PT_DYNAMIC;
	expect(-ENOEXEC, IMG, __LINE__, "dynamic");
	make_image(); phdr(0)->p_memsz = 0;
	expect(-ENOEXEC, IMG, __LINE__, "an empty segment");
	eh = make_image(); eh->e_entry = 0x40002000;
	expect(-ENOEXEC, IMG, __LINE__, "entry in the data");
	eh = make_image(); eh->e_entry = 0x60000000;
	expect(-ENOEXEC, IMG, __LINE__, "entry nowhere");
	/* nine loadable segments, each on a page of its own */
	eh = make_image();
	eh->e_phnum = 9;
	for (i = 0; i < 9; i++)
		*phdr(i) = (Elf32_Phdr){ PT_LOAD, 0, 0x40001000u +
		    (uint32_t)i * 0x1000, 0, 0, 0x10, PF_R | PF_X, 0x1000 };
	eh->e_entry = 0x40001000;
	expect(-ENOEXEC, IMG, __LINE__, "nine segments");
	eh->e_phnum = 8;
	expect(0, IMG, __LINE__, "eight segments");
	/* only loadable segments are counted: a note is fine */
	make_image(); phdr(1)->p_type = 4;
	expect(0, IMG, __LINE__, "a note");
}

int
add_elf_suite(void)
{
	static const struct unit_test tests[] = {
		{ "a_good_program_is_accepted",
		    test_a_good_program_is_accepted },
		{ "each_damage_is_refused", test_each_damage_is_refused },
		{ NULL, NULL },
	};

	return add_suite("elf", tests);
}
