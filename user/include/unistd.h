/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The system calls, as C functions, and a few helpers.
 *
 * The prototypes of the calls are the table's (<sys/syscall.h>,
 * generated from src/kern/syscalls.master).
 */
#ifndef NAIAD_USER_UNISTD_H
#define NAIAD_USER_UNISTD_H

#include <stddef.h>
#include <sys/syscall.h>
#include <sys/types.h>

/** The environment of the program: "NAME=value" strings, then NULL. */
extern char **environ;

/** \brief End the process now, without flushing stdio (the stub). */
void _exit(int status) __attribute__((noreturn));

/**
 * \brief Write all \a n bytes of \a buf to \a fd, going on after a
 * partial or interrupted write.
 * \return 0, or -1 with errno.
 */
int write_all(int fd, const void *buf, size_t n);

#endif /* !NAIAD_USER_UNISTD_H */
