/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The first /sbin/init (book/28-syscall.nw): hello, and exit.
 */
#include <sys/syscall.h>

/* The length of S. */
static unsigned
len(const char *s)
{
	unsigned n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

/* Say hello on the console, as process 1; 0 if all is well. */
int
main(int argc, char **argv)
{
	static const char hello[] = "init: hello from user mode\n";
	static const char notone[] = "init: I am not process 1\n";

	write(1, hello, len(hello));
	if (argc < 1 || argv[0] == 0 || getpid() != 1) {
		write(2, notone, len(notone));
		return 1;
	}
	return 0;
}
