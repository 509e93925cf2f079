/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * mkdisk MBR STAGE2 KERNEL IMAGE: make a disk image that boots KERNEL,
 * a Multiboot ELF, with the Naiad boot loader.  A host program.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/i386/multiboot.h"
#include "boot/boot.h"

/* Store V little-endian at P (the image's byte order). */
static void
put16(unsigned char *p, uint16_t v)
{
	memcpy(p, &v, sizeof(v));
}

/* Store V little-endian at P (the image's byte order). */
static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mkdisk reads ELF structures in place: it needs a little-endian host"
#endif

/* Bochs derives a disk's geometry from its size: 16 heads, 63 sectors. */
#define SECTORS_PER_CYLINDER	(16 * 63)
#define MULTIBOOT_SEARCH	8192	/* the header is in the first 8 KiB */
#define MAX_INPUT		(64u << 20)	/* no input file is larger */

/* Header flags: 0 (align modules on pages: ours is), 1 (memory sizes). */
#define HEADER_FLAGS_HONOURED	(0x1 | MULTIBOOT_HEADER_WANT_MEMORY)
/* 2-15 are requests a loader must refuse when it cannot honour them;
 * 16 asks to be loaded by the header's addresses, not the ELF's. */
#define HEADER_FLAGS_REFUSED	(0x1FFFF & ~HEADER_FLAGS_HONOURED)
_Static_assert(offsetof(struct multiboot_info, mem_lower) == MBI_MEM_LOWER,
    "MBI_MEM_LOWER");
_Static_assert(offsetof(struct multiboot_info, mem_upper) == MBI_MEM_UPPER,
    "MBI_MEM_UPPER");
_Static_assert(offsetof(struct multiboot_info, cmdline) == MBI_CMDLINE,
    "MBI_CMDLINE");
_Static_assert(offsetof(struct multiboot_info, mods_count) ==
    MBI_MODS_COUNT, "MBI_MODS_COUNT");
_Static_assert(offsetof(struct multiboot_info, mods_addr) == MBI_MODS_ADDR,
    "MBI_MODS_ADDR");
_Static_assert(offsetof(struct multiboot_info, mmap_length) ==
    MBI_MMAP_LENGTH, "MBI_MMAP_LENGTH");
_Static_assert(offsetof(struct multiboot_info, mmap_addr) == MBI_MMAP_ADDR,
    "MBI_MMAP_ADDR");
_Static_assert(offsetof(struct multiboot_info, boot_loader_name) ==
    MBI_LOADER_NAME, "MBI_LOADER_NAME");
_Static_assert(sizeof(struct multiboot_info) == MBI_SIZE, "MBI_SIZE");
_Static_assert(sizeof(struct multiboot_mmap_entry) == 4 + MMAP_ENTRY_SIZE,
    "MMAP_ENTRY_SIZE");
/* A whole input file in memory. */
struct blob {
	const char	*path;
	unsigned char	*data;
	size_t		 size;
};

/* The kernel as the loader sees it: one run of bytes and two addresses. */
struct kernel_image {
	unsigned char	*data;		/* the PT_LOAD file bytes, flattened */
	uint32_t	 size;		/* bytes in data */
	uint32_t	 load;		/* physical address of data[0] */
	uint32_t	 entry;		/* physical address of the entry point */
	uint32_t	 mem_end;	/* one past its last byte, .bss too */
};

/* Print why PATH is refused on stderr; -1 for the caller to return. */
static int
refuse(const char *path, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mkdisk: %s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}
/* Read the whole file PATH into B; 0, or -1 with a message. */
static int
read_blob(const char *path, struct blob *b)
{
	FILE *f;

	b->path = path;
	b->size = 0;
	if ((b->data = malloc(MAX_INPUT + 1)) == NULL)
		return refuse(path, "out of memory");
	if ((f = fopen(path, "rb")) == NULL)
		return refuse(path, "%s", strerror(errno));
	b->size = fread(b->data, 1, MAX_INPUT + 1, f);
	if (ferror(f)) {
		fclose(f);
		return refuse(path, "read error");
	}
	fclose(f);
	if (b->size > MAX_INPUT)
		return refuse(path, "larger than %u bytes", MAX_INPUT);
	return 0;
}
/* Is K a 32-bit i386 ELF executable?  Its header in *EH; 0 or -1. */
static int
check_elf_header(const struct blob *k, Elf32_Ehdr *eh)
{
	if (k->size < sizeof(*eh))
		return refuse(k->path, "too short for an ELF header (%zu bytes)",
		    k->size);
	memcpy(eh, k->data, sizeof(*eh));
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return refuse(k->path, "not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return refuse(k->path, "not a 32-bit ELF file (class %u)",
		    eh->e_ident[EI_CLASS]);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return refuse(k->path, "not a little-endian ELF file");
	if (eh->e_type != ET_EXEC)
		return refuse(k->path, "not an executable (ELF type %u)",
		    eh->e_type);
	if (eh->e_machine != EM_386)
		return refuse(k->path, "not an i386 program (machine %u)",
		    eh->e_machine);
	if (eh->e_phnum == 0 || eh->e_phentsize != sizeof(Elf32_Phdr))
		return refuse(k->path, "no usable program headers");
	if ((uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum *
	    sizeof(Elf32_Phdr) > k->size)
		return refuse(k->path, "truncated: program headers end past "
		    "byte %zu", k->size);
	return 0;
}
/* Program header I of K, copied out (the file need not be aligned). */
static void
get_phdr(const struct blob *k, const Elf32_Ehdr *eh, int i, Elf32_Phdr *ph)
{
	memcpy(ph, k->data + eh->e_phoff + (size_t)i * sizeof(*ph),
	    sizeof(*ph));
}
/* Does loadable segment I lie in the file and below 4 GiB?  0 or -1. */
static int
check_segment(const struct blob *k, int i, const Elf32_Phdr *ph)
{
	uint64_t end = (uint64_t)ph->p_paddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz)
		return refuse(k->path, "segment %d: more bytes in the file "
		    "than in memory", i);
	if ((uint64_t)ph->p_offset + ph->p_filesz > k->size)
		return refuse(k->path, "truncated: segment %d ends at byte "
		    "%llu, the file has %zu", i,
		    (unsigned long long)ph->p_offset + ph->p_filesz, k->size);
	if (ph->p_paddr < BOOT_KERNEL_MIN || end > BOOT_KERNEL_MAX)
		return refuse(k->path, "segment %d at 0x%x-0x%llx is outside "
		    "0x%x-0x%x", i, ph->p_paddr, (unsigned long long)end,
		    BOOT_KERNEL_MIN, BOOT_KERNEL_MAX);
	return 0;
}
/* Do two loadable segments share a byte of memory? */
static int
segments_overlap(const Elf32_Phdr *a, const Elf32_Phdr *b)
{
	return a->p_paddr < b->p_paddr + b->p_memsz &&
	    b->p_paddr < a->p_paddr + a->p_memsz;
}
/* Has K a valid Multiboot header in its first 8 KiB?  0 or -1. */
static int
check_multiboot_header(const struct blob *k)
{
	size_t end = k->size < MULTIBOOT_SEARCH ? k->size : MULTIBOOT_SEARCH;
	size_t off;
	uint32_t w[3];		/* magic, flags, checksum */

	for (off = 0; off + sizeof(w) <= end; off += 4) {
		memcpy(w, k->data + off, sizeof(w));
		if (w[0] != MULTIBOOT_HEADER_MAGIC || w[0] + w[1] + w[2] != 0)
			continue;
		if ((w[1] & HEADER_FLAGS_REFUSED) != 0)
			return refuse(k->path, "its Multiboot header asks for "
			    "flags 0x%x; naiad-boot honours only 0x%x", w[1],
			    HEADER_FLAGS_HONOURED);
		return 0;
	}
	return refuse(k->path, "no Multiboot header in the first %d bytes",
	    MULTIBOOT_SEARCH);
}
/* The kernel as one flat image from its lowest load address; 0 or -1. */
static int
flatten_kernel(const struct blob *k, struct kernel_image *ki)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph, other;
	uint32_t lo = UINT32_MAX, hi = 0;
	int i, j, entry_found = 0;

	ki->mem_end = 0;
	if (check_elf_header(k, &eh) != 0)
		return -1;
	for (i = 0; i < eh.e_phnum; i++) {
		get_phdr(k, &eh, i, &ph);
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		if (check_segment(k, i, &ph) != 0)
			return -1;
		for (j = 0; j < i; j++) {
			get_phdr(k, &eh, j, &other);
			if (other.p_type == PT_LOAD &&
			    segments_overlap(&ph, &other))
				return refuse(k->path, "segments %d and %d "
				    "overlap", j, i);
		}
		if (ph.p_filesz > 0 && ph.p_paddr < lo)
			lo = ph.p_paddr;
		if (ph.p_filesz > 0 && ph.p_paddr + ph.p_filesz > hi)
			hi = ph.p_paddr + ph.p_filesz;
		if (ph.p_paddr + ph.p_memsz > ki->mem_end)
			ki->mem_end = ph.p_paddr + ph.p_memsz;
		if (eh.e_entry >= ph.p_vaddr &&
		    eh.e_entry - ph.p_vaddr < ph.p_memsz) {
			ki->entry = eh.e_entry - ph.p_vaddr + ph.p_paddr;
			entry_found = 1;
		}
	}
	if (hi == 0)
		return refuse(k->path, "no segment to load");
	if (!entry_found)
		return refuse(k->path, "entry point 0x%x is in no segment",
		    eh.e_entry);
	ki->load = lo;
	ki->size = hi - lo;
	if ((ki->data = calloc(ki->size, 1)) == NULL)
		return refuse(k->path, "out of memory");
	for (i = 0; i < eh.e_phnum; i++) {
		get_phdr(k, &eh, i, &ph);
		if (ph.p_type == PT_LOAD && ph.p_filesz > 0)
			memcpy(ki->data + (ph.p_paddr - lo),
			    k->data + ph.p_offset, ph.p_filesz);
	}
	return check_multiboot_header(k);
}
/* Sectors needed for BYTES bytes, rounded up. */
static uint32_t
sectors(size_t bytes)
{
	return (uint32_t)((bytes + BOOT_SECTOR_SIZE - 1) / BOOT_SECTOR_SIZE);
}

/* Do the MBR and stage 2 fit their places and carry their marks? */
static int
check_boot_blocks(const struct blob *mbr, const struct blob *stage2)
{
	uint32_t magic;

	if (mbr->size != BOOT_SECTOR_SIZE || mbr->data[510] != 0x55 ||
	    mbr->data[511] != 0xAA)
		return refuse(mbr->path, "not a 512-byte boot sector");
	memcpy(&magic, mbr->data + BOOT_DESC_OFFSET + BD_MAGIC, 4);
	if (magic != BOOT_DESC_MAGIC)
		return refuse(mbr->path, "no descriptor at offset 0x%x",
		    BOOT_DESC_OFFSET);
	if (stage2->size == 0 ||
	    sectors(stage2->size) > BOOT_STAGE2_MAX_SECTORS)
		return refuse(stage2->path, "stage 2 must have 1 to %d sectors",
		    BOOT_STAGE2_MAX_SECTORS);
	return 0;
}
/* Write the disk image: MBR, stage 2, parameters, kernel, and the
 * module MOD if not NULL; 0 or -1. */
static int
write_image(const char *path, const struct blob *mbr,
    const struct blob *stage2, const struct kernel_image *ki,
    const struct blob *mod)
{
	uint32_t s2 = sectors(stage2->size), ks = sectors(ki->size);
	uint32_t klba = BOOT_STAGE2_LBA + s2;
	uint32_t ms = mod != NULL ? sectors(mod->size) : 0;
	uint32_t mlba = klba + ks, mload = (ki->mem_end + 4095) & ~4095u;
	uint32_t total;
	unsigned char *img;
	char tmp[4096];
	FILE *f;
	int ok;

	if (ki->load + (uint64_t)ks * BOOT_SECTOR_SIZE > BOOT_KERNEL_MAX)
		return refuse(path, "the kernel's last sector passes 0x%x",
		    BOOT_KERNEL_MAX);
	if (mod != NULL && (mod->size == 0 ||
	    mload + (uint64_t)ms * BOOT_SECTOR_SIZE > BOOT_MODULE_MAX))
		return refuse(mod->path, "an empty module, or one that would "
		    "pass 0x%x", BOOT_MODULE_MAX);
	total = (mlba + ms + SECTORS_PER_CYLINDER - 1) /
	    SECTORS_PER_CYLINDER * SECTORS_PER_CYLINDER;
	if ((img = calloc(total, BOOT_SECTOR_SIZE)) == NULL)
		return refuse(path, "out of memory");
	memcpy(img, mbr->data, BOOT_SECTOR_SIZE);
	put16(img + BOOT_DESC_OFFSET + BD_STAGE2_SECTORS, s2);
	put32(img + BOOT_DESC_OFFSET + BD_KERNEL_LBA, klba);
	put32(img + BOOT_DESC_OFFSET + BD_KERNEL_SECTORS, ks);
	put32(img + BOOT_DESC_OFFSET + BD_KERNEL_LOAD, ki->load);
	put32(img + BOOT_DESC_OFFSET + BD_KERNEL_ENTRY, ki->entry);
	memcpy(img + BOOT_PARAM_LBA * BOOT_SECTOR_SIZE, BOOT_CMDLINE_MAGIC,
	    BOOT_CMDLINE_OFFSET);
	memcpy(img + BOOT_STAGE2_LBA * BOOT_SECTOR_SIZE, stage2->data,
	    stage2->size);
	memcpy(img + (size_t)klba * BOOT_SECTOR_SIZE, ki->data, ki->size);
	if (mod != NULL) {
		put32(img + BOOT_DESC_OFFSET + BD_MODULE_LBA, mlba);
		put32(img + BOOT_DESC_OFFSET + BD_MODULE_SECTORS, ms);
		put32(img + BOOT_DESC_OFFSET + BD_MODULE_LOAD, mload);
		put32(img + BOOT_DESC_OFFSET + BD_MODULE_SIZE,
		    (uint32_t)mod->size);
		memcpy(img + (size_t)mlba * BOOT_SECTOR_SIZE, mod->data,
		    mod->size);
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "wb")) == NULL) {
		free(img);
		return refuse(tmp, "%s", strerror(errno));
	}
	ok = fwrite(img, BOOT_SECTOR_SIZE, total, f) == total;
	ok = fclose(f) == 0 && ok;
	free(img);
	if (!ok || rename(tmp, path) != 0) {
		remove(tmp);
		return refuse(path, "cannot write the image");
	}
	printf("mkdisk: %s: kernel 0x%x-0x%x, entry 0x%x, %u sectors\n",
	    path, ki->load, ki->load + ki->size, ki->entry, total);
	if (mod != NULL)
		printf("mkdisk: %s: module %s at 0x%x, %zu bytes\n", path,
		    mod->path, mload, mod->size);
	return 0;
}
/* mkdisk [-m MODULE] MBR STAGE2 KERNEL IMAGE: exit 0, or 1 with the
 * reason. */
int
main(int argc, char **argv)
{
	struct blob mbr, stage2, kernel, module, *mod = NULL;
	struct kernel_image ki;

	if (argc == 7 && strcmp(argv[1], "-m") == 0) {
		if (read_blob(argv[2], &module) != 0)
			return 1;
		mod = &module;
		argc -= 2;
		argv += 2;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: mkdisk [-m MODULE] MBR STAGE2 KERNEL "
		    "IMAGE\n");
		return 2;
	}
	if (read_blob(argv[1], &mbr) != 0 ||
	    read_blob(argv[2], &stage2) != 0 ||
	    read_blob(argv[3], &kernel) != 0 ||
	    check_boot_blocks(&mbr, &stage2) != 0 ||
	    flatten_kernel(&kernel, &ki) != 0 ||
	    write_image(argv[4], &mbr, &stage2, &ki, mod) != 0)
		return 1;
	return 0;
}
