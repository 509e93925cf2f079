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

/** The environment of the program: "NAME=value" strings, then NULL. */
extern char **environ;

/** \brief Read at most \a n bytes of \a fd; the count, 0 at the end, -1. */
ssize_t read(int fd, void *buf, size_t n);
/** \brief Write \a n bytes to \a fd; the count written, or -1. */
ssize_t write(int fd, const void *buf, size_t n);
/** \brief Close \a fd; 0 or -1. */
int close(int fd);
/** \brief A new descriptor for what \a fd refers to; the lowest free. */
int dup(int fd);
/** \brief Make \a to refer to what \a from does (closing \a to first). */
int dup2(int from, int to);
/** \brief A pipe: fds[0] reads what fds[1] writes; 0 or -1. */
int pipe(int fds[2]);
/** \brief Move the program break by \a incr; the old break, or (void *)-1. */
void *sbrk(intptr_t incr);
/** \brief A copy of this process; 0 in the child, its pid in the parent. */
pid_t fork(void);
/** \brief Replace this process's program; returns only on failure. */
int execve(const char *path, char *const argv[], char *const envp[]);
/** \brief End the process now, without flushing stdio. */
void _exit(int status) __attribute__((noreturn));
/** \brief This process's ID. */
pid_t getpid(void);
/** \brief The parent's process ID. */
pid_t getppid(void);
/** \brief Put process \a pid (0: self) in group \a pgid (0: its own). */
int setpgid(pid_t pid, pid_t pgid);
/** \brief The process group of \a pid (0: self). */
pid_t getpgid(pid_t pid);
/** \brief Make \a pgid the foreground group of the terminal \a fd. */
int tcsetpgrp(int fd, pid_t pgid);
/** \brief Give the CPU to another process. */
int yield(void);

#endif /* !NAIAD_USER_UNISTD_H */
