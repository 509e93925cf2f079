/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The host's stand-in for src/kern/globaldata.h, found first on the unit
 * tests' include path: a pretend CPU with only the fields the code under
 * test reads, and mycpu as a variable the test sets (the kernel reads it
 * through %fs).  tests/unit/test_msgport.c plays two CPUs with it.
 */
#ifndef NAIAD_KERN_GLOBALDATA_H
#define NAIAD_KERN_GLOBALDATA_H

#include <stdint.h>

/** A set of CPUs, as the kernel's. */
typedef uint32_t cpumask_t;

struct thread;

/* A pretend CPU. */
struct globaldata {
	int		gd_cpuid;
	struct thread	*gd_curthread;
	volatile uint32_t gd_ticks;
};

/* The CPU the test says is running, and how many there are. */
extern struct globaldata *host_mycpu;
extern int ncpus;

#define mycpu		(host_mycpu)
#define curthread	(host_mycpu->gd_curthread)

#endif
