/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Device names: pure, tested on the host (tests/unit/test_devname.c).
 */
#include "kern/devname.h"

/* Is C a letter or a digit? */
static int
dev_name_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* 1 if NAME is a valid device name, else 0. */
int
dev_name_valid(const char *name)
{
	int n;

	for (n = 0; name[n] != '\0'; n++) {
		if (n == SPECNAMELEN)
			return 0;
		if (dev_name_alnum(name[n]))
			continue;
		if (n == 0 || (name[n] != '.' && name[n] != '_' &&
		    name[n] != '-'))
			return 0;
	}
	return n > 0;
}
