/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ktest: tests compiled into the kernel and chosen on the command
 * line with test=PATTERN seed=N token=T.
 */
#ifndef NAIAD_KERN_KTEST_H
#define NAIAD_KERN_KTEST_H

#include <stdint.h>

#include "kern/kstring.h"

/** What a running test knows about itself. */
struct ktest_ctx {
	const char	*name;		/**< the test's name */
	const char	*token;		/**< echoed on every line */
	unsigned long	seed;		/**< from the command line */
	uint32_t	rng;		/**< state of ktest_random */
	unsigned	failures;	/**< failures reported so far */
};

/** A registered test: placed in the ktest_set section by KTEST. */
struct ktest {
	const char	*name;		/**< unique name, a C identifier */
	void		(*fn)(struct ktest_ctx *kt); /**< the test body */
	const char	*file;		/**< where it is defined */
	int		line;		/**< ... and on which line */
};
/** Define a kernel test; the body follows, with `kt` in scope. */
#define KTEST(tname)							\
	static void ktest_fn_##tname(struct ktest_ctx *kt);		\
	static const struct ktest ktest_desc_##tname			\
	    __attribute__((used, section("ktest_set"), aligned(4))) =	\
	    { #tname, ktest_fn_##tname, __FILE__, __LINE__ };		\
	static void ktest_fn_##tname(struct ktest_ctx *kt __attribute__((unused)))
/** Fail the running test unless \a cond holds. */
#define KT_ASSERT(cond) do {						\
	if (!(cond))							\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "assertion failed: %s", #cond);			\
} while (0)

/** Fail unless the integers \a expected and \a actual are equal. */
#define KT_EXPECT_EQ(expected, actual) do {				\
	long long kt_e_ = (long long)(expected);			\
	long long kt_a_ = (long long)(actual);				\
	if (kt_e_ != kt_a_)						\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "%s: expected %lld, got %lld", #actual, kt_e_, kt_a_); \
} while (0)

/** Fail unless the C strings \a expected and \a actual are equal. */
#define KT_EXPECT_STREQ(expected, actual) do {				\
	const char *kt_e_ = (expected), *kt_a_ = (actual);		\
	if (kt_a_ == 0 || kstrcmp(kt_e_, kt_a_) != 0)			\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "%s: expected \"%s\", got \"%s\"", #actual, kt_e_,	\
		    kt_a_);						\
} while (0)

/** \brief Record a failure of the running test and print its line. */
void ktest_fail(struct ktest_ctx *kt, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** \brief The next pseudo-random number of this test (xorshift32). */
uint32_t ktest_random(struct ktest_ctx *kt);
/** \brief The next xorshift32 number of \a state (never 0), for a test's
 * threads that each keep a sequence of their own, seeded from
 * ktest_random. */
uint32_t ktest_xorshift(uint32_t *state);

/**
 * \brief Run every test whose name matches \a pattern, printing the
 * protocol lines.
 * \return the number of tests that failed.
 */
int ktest_run(const char *pattern, unsigned long seed, const char *token);

/** \brief Run the tests the command line selects; returns failures. */
int ktest_main(void);

/**
 * \brief Set by a later chapter: called at boot after the kernel tests
 * of test= ran, with their counts.  Returning 1 hands the rest of the
 * run (more tests, the done line, the power-off) to the boot steps that
 * follow; 0, or no hook, ends the run here.
 */
extern int (*ktest_handoff)(int passed, int failed);

/**
 * \brief The name of the test running now, or NULL; *\a gen counts the
 * tests started so far, so that two runs of one test differ.
 */
const char *ktest_running(unsigned *gen);

/** \brief Print the name and place of every registered test. */
void ktest_list(void);

/**
 * \brief Does \a name match \a pattern?  A pattern is "all", a glob with
 * * and ?, or a comma-separated list of such.
 */
int ktest_match(const char *pattern, const char *name);

/** \brief Is \a token acceptable: 1-32 of [A-Za-z0-9_-]? */
int ktest_valid_token(const char *token);

#endif /* !NAIAD_KERN_KTEST_H */
