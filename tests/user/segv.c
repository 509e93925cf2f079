/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/segv HOW: do one thing a program may not, chosen by HOW; the
 * kernel test checks the signal that ended the program.  If the program
 * is still alive afterwards, it exits 0, which the test takes as a
 * failure.
 */
#include "ut.h"

static const int constant = 1;

/* One misdeed, then exit 0 if it did not end the program. */
int
main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "null";
	unsigned zero = 0;

	if (ut_streq(how, "null"))
		*(volatile int *)0 = 1;
	else if (ut_streq(how, "kernel"))
		(void)*(volatile int *)0x100000;
	else if (ut_streq(how, "rodata"))
		*(volatile int *)&constant = 2;
	else if (ut_streq(how, "stack_top"))
		*(volatile int *)0xc0000000 = 3;
	else if (ut_streq(how, "ud2"))
		__asm__ __volatile__("ud2");
	else if (ut_streq(how, "cli"))
		__asm__ __volatile__("cli");
	else if (ut_streq(how, "int30"))
		__asm__ __volatile__("int $0x30");
	else if (ut_streq(how, "div0"))
		__asm__ __volatile__("divl %1" : "+a"(zero) : "r"(zero)
		    : "edx");
	else if (ut_streq(how, "x87"))
		__asm__ __volatile__("fninit");
	else if (ut_streq(how, "hlt"))
		__asm__ __volatile__("hlt");
	return 0;
}
