/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief usertests: tests of the system calls, run as a user program
 * and reported with the ktest protocol.
 */
#ifndef NAIAD_USER_UTEST_H
#define NAIAD_USER_UTEST_H

#include <stdint.h>

/** What a running user test knows about itself. */
struct utest_ctx {
	const char	*name;		/**< the test's name */
	const char	*token;		/**< echoed on every line */
	unsigned long	seed;		/**< from the kernel's command line */
	uint32_t	rng;		/**< state of ut_random */
	unsigned	failures;	/**< failures reported so far */
};

/** A registered user test: placed in the utest_set section by UTEST. */
struct utest {
	const char	*name;		/**< unique name, a C identifier */
	void		(*fn)(struct utest_ctx *ut); /**< the test body */
	const char	*file;		/**< where it is defined */
	int		line;		/**< ... and on which line */
};

/** Define a user test; the body follows, with `ut` in scope. */
#define UTEST(tname)							\
	static void utest_fn_##tname(struct utest_ctx *ut);		\
	static const struct utest utest_desc_##tname			\
	    __attribute__((used, section("utest_set"), aligned(4))) =	\
	    { #tname, utest_fn_##tname, __FILE__, __LINE__ };		\
	static void utest_fn_##tname(struct utest_ctx *ut __attribute__((unused)))

/** Fail the running test unless \a cond holds. */
#define UT_ASSERT(cond) do {						\
	if (!(cond))							\
		ut_fail(ut, __FILE__, __LINE__,				\
		    "assertion failed: %s", #cond);			\
} while (0)

/** Fail unless the integers \a expected and \a actual are equal. */
#define UT_EXPECT_EQ(expected, actual) do {				\
	long long ut_e_ = (long long)(expected);			\
	long long ut_a_ = (long long)(actual);				\
	if (ut_e_ != ut_a_)						\
		ut_fail(ut, __FILE__, __LINE__,				\
		    "%s: expected %lld, got %lld", #actual, ut_e_, ut_a_); \
} while (0)

/** \brief Record a failure of the running test and print its line. */
void ut_fail(struct utest_ctx *ut, const char *file, int line,
    const char *fmt, ...) __attribute__((format(__printf__, 4, 5)));

/** \brief The next pseudo-random number of this test (xorshift32). */
uint32_t ut_random(struct utest_ctx *ut);

/**
 * \brief Fork a child that runs \a fn(\a arg) and exits with what it
 * returns; its pid, or -1.  The child's output is flushed first.
 */
int ut_spawn(int (*fn)(void *arg), void *arg);

/**
 * \brief Wait for child \a pid; its status (as wait4 gives it), or -1
 * when wait4 fails.
 */
int ut_wait(int pid);

/** \brief The kernel's free page count at rest (0 if vminfo fails). */
unsigned ut_free_pages(void);
/** \brief How many processes the running test's group holds now. */
int ut_group_procs(void);
/**
 * \brief The free page count once it is \a want again, or the last one
 * read after a bounded number of yields.
 */
unsigned ut_free_pages_settled(unsigned want);

/**
 * \brief Run \a path with \a argv in a child whose output goes into a
 * pipe; its output (at most \a size - 1 bytes, terminated) into \a out.
 * \return the child's wait status, or -1.
 */
int ut_run_capture(const char *path, char *const argv[], char *out,
    int size);

#endif /* !NAIAD_USER_UTEST_H */
