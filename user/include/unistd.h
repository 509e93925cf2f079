/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The system calls, as C functions (the stubs).
 */
#ifndef NAIAD_USER_UNISTD_H
#define NAIAD_USER_UNISTD_H

#include <stdint.h>
#include <sys/types.h>

/** \brief Read at most \a n bytes of \a fd; the count, 0 at the end, -1. */
ssize_t read(int fd, void *buf, size_t n);
/** \brief Write \a n bytes to \a fd; the count written, or -1. */
ssize_t write(int fd, const void *buf, size_t n);
/** \brief Move the program break by \a incr; the old break, or (void *)-1. */
void *sbrk(intptr_t incr);
/** \brief End the process now, without flushing stdio. */
void _exit(int status) __attribute__((noreturn));

#endif /* !NAIAD_USER_UNISTD_H */
