/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/records.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kern/ktest.h"

/* Rounds of each measurement; the smallest is reported, as kbench does. */
#define ROUNDS	8

static const char *token = "none";
static const char *pattern = "all";

/* The time-stamp counter: cycles, or Bochs' instructions. */
static uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* Time OPS calls of OP in ROUNDS rounds; report the best per call. */
static void
measure(const char *name, const char *metric, void (*op)(void *),
    void *arg, uint32_t ops)
{
	uint64_t best = UINT64_MAX, t0, t1;
	uint32_t round, i;

	if (!ktest_match(pattern, name))
		return;
	for (round = 0; round < ROUNDS; round++) {
		t0 = rdtsc();
		for (i = 0; i < ops; i++)
			op(arg);
		t1 = rdtsc();
		if ((t1 - t0) / ops < best)
			best = (t1 - t0) / ops;
	}
	printf("kbench result %s %s=%llu token=%s\n", name, metric,
	    (unsigned long long)best, token);
	fflush(stdout);
}

/* One null system call: getpid, the cheapest there is. */
static void
op_getpid(void *arg)
{
	(void)arg;
	getpid();
}

/* One system call as a message started with sendsys, answered at once. */
static void
op_sendsys_getpid(void *arg)
{
	struct usysmsg *um = arg;

	sendsys(um);
}

/* A child that exits at once, collected. */
static void
op_fork_exit_wait(void *arg)
{
	int pid, status;

	(void)arg;
	pid = fork();
	if (pid == 0)
		_exit(0);
	wait4(pid, &status, 0, NULL);
}

/* A child that becomes /bin/true, collected. */
static void
op_fork_exec_wait(void *arg)
{
	char *argv[] = { "true", NULL };
	int pid, status;

	(void)arg;
	pid = fork();
	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	wait4(pid, &status, 0, NULL);
}

/* The two pipes of the ping-pong: there, and back. */
struct pingpong {
	int	there[2];
	int	back[2];
};

/* One round trip: a byte to the echo process and back. */
static void
op_pipe_roundtrip(void *arg)
{
	struct pingpong *pp = arg;
	char c = 'p';

	write(pp->there[1], &c, 1);
	read(pp->back[0], &c, 1);
}

/* Pipe ping-pong with a child that echoes every byte. */
static void
bench_pipe(void)
{
	struct pingpong pp;
	int pid, status;
	char c;

	if (!ktest_match(pattern, "user_pipe_pingpong") ||
	    pipe(pp.there) != 0 || pipe(pp.back) != 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(pp.there[1]);	/* else its own end keeps the EOF away */
		close(pp.back[0]);
		while (read(pp.there[0], &c, 1) == 1)
			write(pp.back[1], &c, 1);
		_exit(0);
	}
	measure("user_pipe_pingpong", "ticks_per_roundtrip",
	    op_pipe_roundtrip, &pp, 500);
	close(pp.there[1]);
	wait4(pid, &status, 0, NULL);
	close(pp.there[0]);
	close(pp.back[0]);
	close(pp.back[1]);
}

/* ubench [PATTERN] | ubench -k PATTERN TOKEN: kbench lines. */
int
main(int argc, char **argv)
{
	static struct ktest_info info;
	static struct usysmsg um;
	int from_kernel = argc == 4 && strcmp(argv[1], "-k") == 0;

	if (from_kernel) {
		pattern = argv[2];
		token = argv[3];
	} else {
		if (ktest_info(&info) == 0)
			token = info.ki_token;
		if (argc > 1)
			pattern = argv[1];
	}
	measure("user_null_syscall", "ticks_per_call", op_getpid, NULL, 2000);
	memset(&um, 0, sizeof(um));
	um.um_number = SYS_getpid;
	measure("user_async_syscall", "ticks_per_call", op_sendsys_getpid, &um,
	    2000);
	measure("user_fork_exit_wait", "ticks_per_fork", op_fork_exit_wait,
	    NULL, 20);
	measure("user_fork_exec_wait", "ticks_per_exec", op_fork_exec_wait,
	    NULL, 10);
	bench_pipe();
	if (!from_kernel)
		printf("kbench done token=%s\n", token);
	return 0;
}
