/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief kbench: microbenchmarks compiled into the kernel, chosen on the
 * command line with bench=PATTERN.
 */
#ifndef NAIAD_KERN_KBENCH_H
#define NAIAD_KERN_KBENCH_H

#include <stdint.h>

/** What a running benchmark knows about itself. */
struct kbench_ctx {
	const char	*name;		/**< the benchmark's name */
	const char	*token;		/**< echoed on every line */
};

/** A registered benchmark: placed in the kbench_set section. */
struct kbench {
	const char	*name;		/**< unique name, a C identifier */
	void		(*fn)(struct kbench_ctx *kb); /**< the body */
};

/** Define a benchmark; the body follows, with `kb` in scope. */
#define KBENCH(bname)							\
	static void kbench_fn_##bname(struct kbench_ctx *kb);		\
	static const struct kbench kbench_desc_##bname			\
	    __attribute__((used, section("kbench_set"), aligned(4))) =	\
	    { #bname, kbench_fn_##bname };				\
	static void kbench_fn_##bname(struct kbench_ctx *kb)

/** Rounds kbench_measure runs; the smallest round is reported. */
#define KBENCH_ROUNDS	8

/**
 * \brief Time \a ops calls of \a op(arg) KBENCH_ROUNDS times and report
 * the smallest per-call cost in TSC ticks as metric \a metric.
 */
void kbench_measure(struct kbench_ctx *kb, const char *metric,
    void (*op)(void *), void *arg, uint32_t ops);

/** \brief Report one figure of the running benchmark. */
void kbench_report(struct kbench_ctx *kb, const char *metric,
    uint64_t value);

/** \brief Run the benchmarks the command line selects (bench=). */
void kbench_main(void);

#endif /* !NAIAD_KERN_KBENCH_H */
