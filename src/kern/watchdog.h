/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The watchdog: a panic, with the stuck code's backtrace, for a
 * CPU stuck in a critical section or with its interrupts off.
 */
#ifndef NAIAD_KERN_WATCHDOG_H
#define NAIAD_KERN_WATCHDOG_H

struct globaldata;
struct trapframe;

/** Seconds of a stuck CPU before the watchdog panics, by default. */
#define WATCHDOG_DEFAULT_SECONDS	5
/** Seconds a test may run before the watchdog panics, by default. */
#define WATCHDOG_DEFAULT_TEST_SECONDS	30

/** \brief The limit in seconds; 0 when the watchdog is off. */
int watchdog_seconds(void);

#endif /* !NAIAD_KERN_WATCHDOG_H */
