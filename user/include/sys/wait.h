/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Waiting for children, and reading what wait4 reports.
 *
 * The status is encoded as the kernel's W_EXITCODE makes it
 * (book/26-proc.nw): the exit code in bits 8-15, the signal in 0-6.
 */
#ifndef NAIAD_USER_SYS_WAIT_H
#define NAIAD_USER_SYS_WAIT_H

#include <sys/syscall.h>
#include <sys/types.h>

/** wait4: return 0 at once when no child has ended. */
#define WNOHANG		1

/** Did the child end by exit? */
#define WIFEXITED(s)	(((s) & 0x7f) == 0)
/** The status it gave to exit. */
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
/** Did a signal end it? */
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0)
/** The signal that ended it. */
#define WTERMSIG(s)	((s) & 0x7f)

/** \brief wait4 without resource usage. */
pid_t waitpid(pid_t pid, int *status, int options);
/** \brief Wait for any child. */
pid_t wait(int *status);

#endif /* !NAIAD_USER_SYS_WAIT_H */
