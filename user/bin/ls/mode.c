/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ls -l's mode string (book/53-utilities.nw).
 */
#include <sys/stat.h>

#include "ls.h"

/* The mode string of MODE into OUT (11 bytes). */
void
ls_mode_string(unsigned int mode, char out[11])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	switch (mode & S_IFMT) {
	case S_IFDIR: out[0] = 'd'; break;
	case S_IFREG: out[0] = '-'; break;
	case S_IFLNK: out[0] = 'l'; break;
	case S_IFCHR: out[0] = 'c'; break;
	case S_IFIFO: out[0] = 'p'; break;
	default: out[0] = '?'; break;
	}
	for (i = 0; i < 9; i++)
		out[1 + i] = (mode & (0400u >> i)) != 0 ? rwx[i] : '-';
	out[10] = '\0';
}
