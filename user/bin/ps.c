/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdio.h>
#include <sys/records.h>
#include <unistd.h>

#define PS_MAX	128

/* The STATE column: zombie, on a CPU, waiting for one, or asleep. */
static const char *
state_name(const struct procinfo *pi)
{
	if (pi->pi_state == 2)
		return "zomb";
	if (pi->pi_run == 1)
		return "run";
	return pi->pi_run == 2 ? "ready" : "sleep";
}

/* ps: one line per process. */
int
main(void)
{
	static struct procinfo procs[PS_MAX];
	int n, i;

	n = getprocs(procs, PS_MAX);
	if (n < 0) {
		perror("ps: getprocs");
		return 1;
	}
	printf("  PID  PPID  PGID STATE CPU PAGES COMMAND\n");
	for (i = 0; i < n; i++)
		printf("%5d %5d %5d %-5s %3d %5d %s\n", procs[i].pi_pid,
		    procs[i].pi_ppid, procs[i].pi_pgid,
		    state_name(&procs[i]),
		    procs[i].pi_cpu, procs[i].pi_pages, procs[i].pi_name);
	return 0;
}
