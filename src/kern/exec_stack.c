/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The entry stack of a new program, laid out from its arguments (pure,
 * tested on the host).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/exec_args.h"
#include "kern/kstring.h"

/* The entry stack of A below user address TOP, into OUT (SIZE bytes,
 * standing for [top - len, top)): its length len, or -1.  Pure. */
int
exec_stack_layout(const struct exec_args *a, uint32_t top, void *out,
    size_t size)
{
	size_t strings = a->ea_used - a->ea_path_len;
	size_t vec = (size_t)(1 + a->ea_argc + 1 + a->ea_envc + 1) * 4;
	size_t len = (strings + vec + 15) & ~(size_t)15;
	uint32_t *v, ustr;
	const char *s = a->ea_buf + a->ea_path_len;
	int i;

	if (len > size)
		return -1;
	kmemset(out, 0, len);
	kmemcpy((char *)out + len - strings, s, strings);
	ustr = top - (uint32_t)strings;		/* user address of s */
	v = (uint32_t *)out;
	*v++ = (uint32_t)a->ea_argc;
	for (i = 0; i < a->ea_argc + a->ea_envc; i++) {
		if (i == a->ea_argc)
			*v++ = 0;		/* argv's NULL */
		*v++ = ustr;
		ustr += (uint32_t)kstrlen(s) + 1;
		s += kstrlen(s) + 1;
	}
	if (a->ea_envc == 0)
		*v++ = 0;
	*v = 0;					/* envp's NULL */
	return (int)len;
}
