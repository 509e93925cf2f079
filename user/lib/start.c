/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);
void libc_start(int argc, char **argv, char **envp)
    __attribute__((noreturn));

char **environ;

/* From crt0: the environment, then main, then exit. */
void
libc_start(int argc, char **argv, char **envp)
{
	environ = envp;
	exit(main(argc, argv, envp));
}
