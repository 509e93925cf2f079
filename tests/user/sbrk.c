/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/sbrk: the break starts at a page after the program's data and
 * moves by exactly what is asked; new heap reads zero; shrinking and
 * growing again gives zeroed pages (the old ones went back); a break
 * below the start is EINVAL, one into the stack or past user space
 * ENOMEM, and neither moves the break.
 */
#include "ut.h"

#define EINVAL	22
#define ENOMEM	12

extern char _end[];			/* the linker's end of .bss */

/* The break's moves and limits. */
int
main(void)
{
	char *base, *p;
	int i;

	ut_name = "sbrk";
	base = sbrk(0);
	UT_CHECK((unsigned)base >= (unsigned)_end);
	UT_EQ(0, (unsigned)base % 4096);
	p = sbrk(10);
	UT_CHECK(p == base);
	UT_CHECK(sbrk(0) == base + 10);
	p = sbrk(3 * 4096);
	UT_CHECK(p == base + 10);
	for (i = 0; i < 3 * 4096 + 10; i++)
		if (base[i] != 0) {
			UT_EQ(0, base[i]);
			break;
		}
	for (i = 0; i < 3 * 4096 + 10; i++)
		base[i] = (char)i;
	UT_CHECK(sbrk(-(3 * 4096 + 10)) == base + 3 * 4096 + 10);
	UT_CHECK(sbrk(0) == base);
	UT_CHECK(sbrk(2 * 4096) == base);
	UT_EQ(0, base[0]);
	UT_EQ(0, base[4097]);
	UT_ERR(EINVAL, (long)sbrk(-(2 * 4096) - 1));
	UT_ERR(ENOMEM, (long)sbrk(0x7ff00000));
	/* Into the stack region (its lowest page), then back. */
	UT_ERR(ENOMEM, (long)sbrk(0xBF801000u - (unsigned)sbrk(0)));
	UT_CHECK(sbrk(0) == base + 2 * 4096);
	base[2 * 4096 - 1] = 1;
	return ut_status();
}
