/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdarg.h>
#include <stdint.h>

#include "kern/cmdline.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/poweroff.h"
#include "kern/sysinit.h"

extern const struct ktest __start_ktest_set[], __stop_ktest_set[];

/* The generator of test NAME under SEED: the same alone or in a run. */
static uint32_t
ktest_seed_rng(unsigned long seed, const char *name)
{
	uint32_t h = 2166136261u;		/* FNV-1a over the name */

	while (*name != '\0')
		h = (h ^ (uint8_t)*name++) * 16777619u;
	h ^= (uint32_t)seed * 2654435761u;
	return h != 0 ? h : 1;			/* xorshift must not be 0 */
}

/* The next number of the xorshift32 sequence kept in *STATE. */
uint32_t
ktest_xorshift(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* The next number of the running test's xorshift32. */
uint32_t
ktest_random(struct ktest_ctx *kt)
{
	return ktest_xorshift(&kt->rng);
}
/* Count a failure of the running test and print one line for it. */
void
ktest_fail(struct ktest_ctx *kt, const char *file, int line,
    const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int i;

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (i = 0; msg[i] != '\0'; i++)
		if (msg[i] == '\n' || msg[i] == '\r')
			msg[i] = ' ';
	kt->failures++;
	kprintf("ktest fail %s %s:%d: %s token=%s\n", kt->name, file, line,
	    msg, kt->token);
}
static const char *volatile ktest_now;	/* the running test's name */
static volatile unsigned ktest_gen;	/* tests started */

/* The test running now, for the watchdog; *GEN counts the tests begun. */
const char *
ktest_running(unsigned *gen)
{
	*gen = ktest_gen;
	return ktest_now;
}

/* Run T with its own context; 1 if it passed.  The thread running tests. */
static int
ktest_run_one(const struct ktest *t, unsigned long seed, const char *token)
{
	struct ktest_ctx kt;

	kt.name = t->name;
	kt.token = token;
	kt.seed = seed;
	kt.rng = ktest_seed_rng(seed, t->name);
	kt.failures = 0;
	kprintf("ktest begin %s seed=%lu token=%s\n", t->name, seed, token);
	ktest_gen++;
	ktest_now = t->name;
	t->fn(&kt);
	ktest_now = NULL;
	kprintf("ktest result %s %s token=%s\n", t->name,
	    kt.failures == 0 ? "pass" : "fail", token);
	kprintf("ktest end %s token=%s\n", t->name, token);
	return kt.failures == 0;
}
#define KTEST_MAX	512

static const struct ktest *ktest_order[KTEST_MAX];

/* Does A come before B in its file, or its file before B's? */
static int
ktest_before(const struct ktest *a, const struct ktest *b)
{
	int c = kstrcmp(a->file, b->file);

	return c < 0 || (c == 0 && a->line < b->line);
}

/* The tests in source order, sorted once per boot. */
static int
ktest_sorted(void)
{
	static int n = -1;
	const struct ktest *t;
	int i;

	if (n >= 0)
		return n;
	n = 0;
	for (t = __start_ktest_set; t < __stop_ktest_set && n < KTEST_MAX; t++) {
		for (i = n; i > 0 && ktest_before(t, ktest_order[i - 1]); i--)
			ktest_order[i] = ktest_order[i - 1];
		ktest_order[i] = t;
		n++;
	}
	if (t < __stop_ktest_set)
		kprintf("ktest: more than %d tests; raise KTEST_MAX\n",
		    KTEST_MAX);
	return n;
}

int (*ktest_handoff)(int passed, int failed);

/* The tests matching PATTERN, without the done line: counts in *P, *F. */
static void
ktest_run_counts(const char *pattern, unsigned long seed, const char *token,
    int *p, int *f)
{
	const struct ktest *t;
	int i, n, passed = 0, failed = 0;

	n = ktest_sorted();
	for (i = 0; i < n; i++) {
		t = ktest_order[i];
		if (!ktest_match(pattern, t->name))
			continue;
		if (ktest_run_one(t, seed, token))
			passed++;
		else
			failed++;
	}
	if (passed + failed == 0)
		kprintf("ktest: no test matches %s\n", pattern);
	*p = passed;
	*f = failed;
}

/* Run the tests matching PATTERN; the number that failed. */
int
ktest_run(const char *pattern, unsigned long seed, const char *token)
{
	int passed, failed;

	ktest_run_counts(pattern, seed, token, &passed, &failed);
	kprintf("ktest done passed=%d failed=%d token=%s\n", passed, failed,
	    token);
	return failed;
}

/* The command line's token, checked. */
static const char *
ktest_token(void)
{
	const char *token = cmdline_get("token");

	if (token == NULL)
		return "none";
	if (!ktest_valid_token(token)) {
		kprintf("ktest: ignoring malformed token \"%s\"\n", token);
		return "invalid";
	}
	return token;
}

/* ktest_run with the command line's test=, seed and token. */
int
ktest_main(void)
{
	return ktest_run(cmdline_get("test"), cmdline_seed(), ktest_token());
}

/* The run's boot step: with test=, run the tests and switch off, or
 * hand the rest of the run to the boot steps after this one. */
static void
ktest_boot(void *arg)
{
	const char *token;
	int passed, failed;

	(void)arg;
	if (cmdline_get("test") == NULL)
		return;
	token = ktest_token();
	ktest_run_counts(cmdline_get("test"), cmdline_seed(), token, &passed,
	    &failed);
	if (ktest_handoff != NULL && ktest_handoff(passed, failed))
		return;
	kprintf("ktest done passed=%d failed=%d token=%s\n", passed, failed,
	    token);
	poweroff(failed == 0 ? POWEROFF_OK : POWEROFF_TESTS_FAILED);
}

SYSINIT(ktest, SI_SUB_RUN, SI_ORDER_SECOND, ktest_boot, NULL);

/* Print every test and where it is written. */
void
ktest_list(void)
{
	int i, n = ktest_sorted();

	for (i = 0; i < n; i++)
		kprintf("  %-40s %s:%d\n", ktest_order[i]->name,
		    ktest_order[i]->file, ktest_order[i]->line);
}
