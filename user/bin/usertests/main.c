/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/records.h>
#include <sys/vminfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kern/ktest.h"
#include "utest.h"

/* Seconds a user test may run before the runner stops it. */
#define UTEST_TIMEOUT	60
/* The timer's status when nanosleep does not work: no limit then. */
#define TIMER_CANNOT_SLEEP	3

/* Count a failure of the running test and print one line for it. */
void
ut_fail(struct utest_ctx *ut, const char *file, int line,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (i = 0; msg[i] != '\0'; i++)
		if (msg[i] == '\n' || msg[i] == '\r')
			msg[i] = ' ';
	ut->failures++;
	printf("ktest fail %s %s:%d: %s token=%s\n", ut->name, file, line,
	    msg, ut->token);
	fflush(stdout);
}

/* The next number of the running test's xorshift32. */
uint32_t
ut_random(struct utest_ctx *ut)
{
	uint32_t x = ut->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	ut->rng = x;
	return x;
}
/* Fork a child running FN(ARG); it exits with FN's value. */
int
ut_spawn(int (*fn)(void *arg), void *arg)
{
	int pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		exit(fn(arg));
	return pid;
}

/* Wait for PID, going on after a signal; its status, or -1. */
int
ut_wait(int pid)
{
	int status, got;

	do
		got = wait4(pid, &status, 0, NULL);
	while (got < 0 && errno == EINTR);
	return got == pid ? status : -1;
}

/* Run PATH with ARGV, its output into OUT (SIZE bytes, terminated). */
int
ut_run_capture(const char *path, char *const argv[], char *out, int size)
{
	int fds[2], pid, n, len = 0;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		close(fds[1]);
		execve(path, argv, environ);
		_exit(127);
	}
	close(fds[1]);
	while (len < size - 1 &&
	    (n = (int)read(fds[0], out + len, (size_t)(size - 1 - len))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += n;
	}
	out[len] = '\0';
	close(fds[0]);
	return pid < 0 ? -1 : ut_wait(pid);
}
/* The free page count once it reaches WANT, or after 200 waits of a
 * tick the last one read (to be compared with WANT by the caller). */
unsigned
ut_free_pages_settled(unsigned want)
{
	struct timespec tick = { 0, 10000000 };
	struct vminfo vi;
	int i;

	for (i = 0; i < 200; i++) {
		if (vminfo(&vi) != 0)
			return 0;
		if (vi.vi_pages_free == want)
			break;
		nanosleep(&tick, NULL);
	}
	return vi.vi_pages_free;
}

/* The free page count once the system is at rest: after 100 yields
 * and a sleep of three ticks, so that every CPU has taken a tick and
 * freed what its dead threads left (0 if vminfo fails). */
unsigned
ut_free_pages(void)
{
	struct timespec ticks = { 0, 30000000 };
	struct vminfo vi;
	int i;

	for (i = 0; i < 100; i++)
		yield();
	nanosleep(&ticks, NULL);
	return vminfo(&vi) == 0 ? vi.vi_pages_free : 0;
}

/* How many processes of the running test's group there are now. */
int
ut_group_procs(void)
{
	static struct procinfo p[128];
	int n, i, mine = 0, group = getpgid(0);

	n = getprocs(p, 128);
	for (i = 0; i < n; i++)
		if (p[i].pi_pgid == group)
			mine++;
	return mine;
}
extern const struct utest __start_utest_set[], __stop_utest_set[];

#define UTEST_MAX	256

static const struct utest *order[UTEST_MAX];

/* Does A come before B: an earlier file, or the same file and line? */
static int
before(const struct utest *a, const struct utest *b)
{
	int c = strcmp(a->file, b->file);

	return c < 0 || (c == 0 && a->line < b->line);
}

/* The tests in source order; how many. */
static int
sorted_tests(void)
{
	const struct utest *t;
	int i, n = 0;

	for (t = __start_utest_set; t < __stop_utest_set && n < UTEST_MAX;
	    t++) {
		for (i = n; i > 0 && before(t, order[i - 1]); i--)
			order[i] = order[i - 1];
		order[i] = t;
		n++;
	}
	return n;
}
/* The generator of test NAME under SEED: the same alone or in a run. */
static uint32_t
seed_rng(unsigned long seed, const char *name)
{
	uint32_t h = 2166136261u;		/* FNV-1a over the name */

	while (*name != '\0')
		h = (h ^ (uint8_t)*name++) * 16777619u;
	h ^= (uint32_t)seed * 2654435761u;
	return h != 0 ? h : 1;
}

/* The test's side: a group of its own, the body, its verdict.  The
 * body starts once the runner and the timer have closed GO (end of file
 * on it): from then on neither allocates a page until the test ends. */
static void
test_child(const struct utest *t, unsigned long seed, const char *token,
    int go[2])
{
	struct utest_ctx ut;
	char c;

	setpgid(0, 0);
	close(go[1]);
	while (read(go[0], &c, 1) < 0 && errno == EINTR)
		continue;			/* nobody writes: end of file */
	close(go[0]);
	ut.name = t->name;
	ut.token = token;
	ut.seed = seed;
	ut.rng = seed_rng(seed, t->name);
	ut.failures = 0;
	t->fn(&ut);
	exit(ut.failures == 0 ? 0 : 1);
}

/* The timer's side: let the test start (close GO), sleep for the
 * limit, then end (3: cannot sleep). */
static void
timer_child(int go[2])
{
	struct timespec ts = { UTEST_TIMEOUT, 0 };

	close(go[0]);
	close(go[1]);
	while (nanosleep(&ts, &ts) != 0)
		if (errno != EINTR)
			_exit(TIMER_CANNOT_SLEEP);
	_exit(0);
}
/* Print the runner's failure line for test T. */
static void
runner_fail(const struct utest *t, const char *token, const char *why,
    int n)
{
	printf("ktest fail %s %s:%d: %s %d token=%s\n", t->name, t->file,
	    t->line, why, n, token);
}

/* Run test T in a child with a timer; 1 if it passed. */
static int
run_one(const struct utest *t, unsigned long seed, const char *token)
{
	int pid, timer, got, status, passed, go[2];

	printf("ktest begin %s seed=%lu token=%s\n", t->name, seed, token);
	fflush(stdout);
	if (pipe(go) != 0) {
		runner_fail(t, token, "cannot make a pipe: errno", errno);
		passed = 0;
		goto out;
	}
	pid = fork();
	if (pid == 0)
		test_child(t, seed, token, go);
	if (pid < 0) {
		runner_fail(t, token, "cannot fork the test: errno", errno);
		close(go[0]);
		close(go[1]);
		passed = 0;
		goto out;
	}
	setpgid(pid, pid);
	timer = fork();
	if (timer == 0)
		timer_child(go);
	close(go[0]);
	close(go[1]);			/* the test may start */
	for (;;) {
		got = wait4(-1, &status, 0, NULL);
		if (got == timer && WIFEXITED(status) &&
		    WEXITSTATUS(status) == TIMER_CANNOT_SLEEP) {
			timer = -1;		/* no time limit, then */
			continue;
		}
		if (got == pid || got == timer || (got < 0 && errno != EINTR))
			break;
	}
	if (got != pid) {
		kill(-pid, SIGKILL);	/* the test and all its children */
		kill(pid, SIGKILL);
		ut_wait(pid);
		if (got == timer)
			runner_fail(t, token, "timed out (seconds):",
			    UTEST_TIMEOUT);
		else
			runner_fail(t, token, "wait4 failed: errno", errno);
		status = -1;
	} else if (timer > 0) {
		kill(timer, SIGKILL);
		ut_wait(timer);
	}
	passed = status == 0;
	if (status != -1 && WIFSIGNALED(status))
		runner_fail(t, token, "killed by signal", WTERMSIG(status));
	else if (status != -1 && WEXITSTATUS(status) > 1)
		runner_fail(t, token, "exited with status", WEXITSTATUS(status));
out:
	printf("ktest result %s %s token=%s\n", t->name,
	    passed ? "pass" : "fail", token);
	printf("ktest end %s token=%s\n", t->name, token);
	fflush(stdout);
	return passed;
}
/* usertests -x whoami: pid, parent and environment on stdout. */
static int
helper_whoami(void)
{
	char **e;

	printf("pid %d ppid %d\n", getpid(), getppid());
	for (e = environ; *e != NULL; e++)
		printf("env %s\n", *e);
	return 0;
}

/* Run the helper NAME (usertests -x NAME ...); its exit status. */
static int
helper(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[2], "whoami") == 0)
		return helper_whoami();
	fprintf(stderr, "usertests: no helper %s\n", argc >= 3 ? argv[2] : "");
	return 2;
}

/* usertests [PATTERN] | usertests -x HELPER ... */
int
main(int argc, char **argv)
{
	static struct ktest_info info;
	const char *pattern = "all";
	int i, n, mine = 0, passed = 0, failed = 0;

	if (argc >= 2 && strcmp(argv[1], "-x") == 0)
		return helper(argc, argv);
	if (argc > 2 || ktest_info(&info) != 0) {
		fprintf(stderr, "usage: usertests [PATTERN]\n");
		return 2;
	}
	if (argc == 2) {
		pattern = argv[1];
	} else if (info.ki_test[0] != '\0') {	/* the kernel's test run */
		pattern = info.ki_test;
		passed = info.ki_kernel_passed;
		failed = info.ki_kernel_failed;
	}
	n = sorted_tests();
	for (i = 0; i < n; i++) {
		if (!ktest_match(pattern, order[i]->name))
			continue;
		mine++;
		if (run_one(order[i], info.ki_seed, info.ki_token))
			passed++;
		else
			failed++;
	}
	if (passed + failed == 0)
		printf("ktest: no test matches %s\n", pattern);
	printf("ktest done passed=%d failed=%d token=%s\n", passed, failed,
	    info.ki_token);
	return failed == 0 ? 0 : 1;
}
