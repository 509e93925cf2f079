/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Time: sleeping, and the monotonic clock.
 */
#ifndef NAIAD_USER_TIME_H
#define NAIAD_USER_TIME_H

/** A time in seconds and nanoseconds. */
struct timespec {
	long	tv_sec;		/**< seconds */
	long	tv_nsec;	/**< nanoseconds, 0 to 999999999 */
};

/** The clock that only goes forward, from boot. */
#define CLOCK_MONOTONIC	1

/**
 * \brief Sleep for \a req; on a signal, -1 (EINTR) with what was left
 * in *\a rem.
 */
int nanosleep(const struct timespec *req, struct timespec *rem);
/** \brief The time of \a clock into *\a ts. */
int clock_gettime(int clock, struct timespec *ts);

#endif /* !NAIAD_USER_TIME_H */
