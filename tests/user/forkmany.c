/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/forkmany ERRNO: fork until fork fails, and check that it fails
 * with ERRNO (35 EAGAIN: the process table is full; 12 ENOMEM: the
 * kernel test took most of the memory first).  The children wait for
 * their parent to go, then exit: orphans, whom the kernel must collect.
 * The parent exits 0 if the failure was the expected one, after at
 * least one fork worked.
 */
#include "ut.h"

/* A child: wait until the parent has gone, then exit. */
static void
child(int parent)
{
	while (getppid() == parent)
		yield();
	exit(0);
}

/* Fork until it fails; check why. */
int
main(int argc, char **argv)
{
	int want = 35, n = 0, pid, me = getpid();

	ut_name = "forkmany";
	if (argc > 1)
		want = (argv[1][0] - '0') * 10 + (argv[1][1] - '0');
	for (;;) {
		pid = fork();
		if (pid == 0)
			child(me);
		if (pid < 0)
			break;
		n++;
		if (n > 5000)
			break;
	}
	UT_CHECK(n > 0);
	UT_EQ(want, errno);
	ut_puts("forkmany: ");
	ut_putn(n);
	ut_puts(" children before fork failed\n");
	return ut_status();
}
