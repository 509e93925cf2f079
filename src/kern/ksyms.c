/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Looking up kernel symbols.  No kernel dependencies: the host unit
 * tests compile this file as it is.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/ksyms.h"

/* The function of TABLE holding ADDR, or NULL; pure (host-tested). */
const char *
ksyms_search(const struct ksym_table *table, uintptr_t addr,
    uintptr_t *offset)
{
	size_t lo, hi, mid;

	if (table == NULL || table->count == 0 ||
	    addr < table->syms[0].addr || addr >= table->text_end)
		return NULL;
	lo = 0;
	hi = table->count;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (table->syms[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (offset != NULL)
		*offset = addr - table->syms[lo].addr;
	return table->syms[lo].name;
}

/* ksyms_search on the kernel's own table (.ksyms). */
const char *
ksyms_lookup(uintptr_t addr, uintptr_t *offset)
{
	return ksyms_search(&ksyms_table, addr, offset);
}
