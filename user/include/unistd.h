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

/** The index of the next word getopt looks at (1 at the start). */
extern int optind;
/** Whether getopt reports its errors on stderr (1 at the start). */
extern int opterr;
/** The letter getopt found unknown, or without its argument. */
extern int optopt;
/** The argument of the option getopt returned, or NULL. */
extern char *optarg;
/**
 * \brief The next option of \a argv among \a letters ("rf", "t:" for an
 * option with an argument).
 * \return the letter, '?' (unknown, or its argument missing), or -1
 * when the options end (optind is then the first operand).
 */
int getopt(int argc, char *const argv[], const char *letters);

#endif /* !NAIAD_USER_UNISTD_H */
