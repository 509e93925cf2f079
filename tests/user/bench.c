/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * /test/bench TOKEN: the user side's benchmarks, started by the kernel
 * benchmark proc_user (tests/bench/proc_bench.c).  It times itself with
 * rdtsc (which ring 3 may use) and prints the kbench result lines of
 * book/09-bench.nw under the name proc_user, with the token it is
 * given: the cheapest per-operation cost over several rounds of
 *   null_trap:  int $0x80 with a number no call has: the trap and the
 *               table check, no message (the call is refused, ENOSYS);
 *   null_msg:   getpid, through the stub and as a message to the
 *               system call port;
 *   fork_exit_wait: fork, the child exits at once, wait4 collects it;
 *   fork_exec_exit_wait: the same with an execve of this program (which,
 *               started as "bench exit", returns at once) in the child.
 * /test/bench exit returns 0 at once.  In Bochs a tick is an executed
 * instruction, so the figures are instruction counts.
 */
#include "ut.h"

#define ROUNDS		5
#define NULL_CALLS	200
#define FORKS		4
#define NO_SUCH_CALL	1000

static const char *token = "none";

/* The time-stamp counter. */
static inline unsigned long long
rdtsc(void)
{
	unsigned lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

/* Print one result line. */
static void
report(const char *metric, unsigned long long ticks)
{
	ut_puts("kbench result proc_user ");
	ut_puts(metric);
	ut_puts("=");
	ut_putn((long)ticks);
	ut_puts(" token=");
	ut_puts(token);
	ut_puts("\n");
}

/* One int $0x80 with a number no call has; its result (-ENOSYS). */
static inline int
null_trap(void)
{
	int r = NO_SUCH_CALL;

	__asm__ __volatile__("int $0x80" : "+a"(r) : : "memory");
	return r;
}

/* fork; the child exits at once, or execs "bench exit"; wait for it. */
static int
fork_wait(int do_exec)
{
	static char *argv[] = { "bench", "exit", 0 };
	int pid, status;

	pid = fork();
	if (pid == 0) {
		if (do_exec)
			execve("/test/bench", argv, 0);
		exit(do_exec ? 99 : 0);
	}
	if (pid < 0 || wait4(pid, &status, 0, 0) != pid || status != 0)
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long long t, best[4] = { ~0ull, ~0ull, ~0ull, ~0ull };
	int round, i;

	ut_name = "bench";
	if (argc > 1 && ut_streq(argv[1], "exit"))
		return 0;
	if (argc > 1)
		token = argv[1];
	UT_EQ(-78, null_trap());		/* -ENOSYS: nothing ran */
	for (round = 0; round < ROUNDS; round++) {
		t = rdtsc();
		for (i = 0; i < NULL_CALLS; i++)
			null_trap();
		t = (rdtsc() - t) / NULL_CALLS;
		if (t < best[0])
			best[0] = t;
		t = rdtsc();
		for (i = 0; i < NULL_CALLS; i++)
			getpid();
		t = (rdtsc() - t) / NULL_CALLS;
		if (t < best[1])
			best[1] = t;
		for (i = 0; i < 2; i++) {
			t = rdtsc();
			UT_EQ(0, fork_wait(i) + fork_wait(i) + fork_wait(i) +
			    fork_wait(i));
			t = (rdtsc() - t) / FORKS;
			if (t < best[2 + i])
				best[2 + i] = t;
		}
	}
	report("null_trap_ticks", best[0]);
	report("null_msg_ticks", best[1]);
	report("fork_exit_wait_ticks", best[2]);
	report("fork_exec_exit_wait_ticks", best[3]);
	return ut_status();
}
