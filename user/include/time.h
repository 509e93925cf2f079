/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Time: struct timespec and the clocks are the kernel's
 * (<sys/records.h>); nanosleep and clock_gettime are system calls.
 */
#ifndef NAIAD_USER_TIME_H
#define NAIAD_USER_TIME_H

#include <sys/records.h>
#include <sys/syscall.h>

#endif /* !NAIAD_USER_TIME_H */
