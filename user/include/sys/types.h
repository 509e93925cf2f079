/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The basic types of the system interface.
 */
#ifndef NAIAD_USER_SYS_TYPES_H
#define NAIAD_USER_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

/** A byte count, or -1 for an error. */
typedef long ssize_t;
/** A process ID. */
typedef int pid_t;

#endif /* !NAIAD_USER_SYS_TYPES_H */
