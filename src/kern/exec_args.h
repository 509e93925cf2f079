/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The path, arguments and environment of a new program, and its
 * entry stack (pure).
 */
#ifndef NAIAD_KERN_EXEC_ARGS_H
#define NAIAD_KERN_EXEC_ARGS_H

#include <stddef.h>
#include <stdint.h>

/** Bytes of arguments and environment a program may be given. */
#define ARG_MAX		65536
/** Strings in argv or envp at most. */
#define ARG_MAXSTRINGS	1024

/** The path, arguments and environment of a program being started. */
struct exec_args {
	char		*ea_buf;	/**< path, argv strings, envp strings */
	size_t		ea_used;	/**< bytes used in ea_buf */
	size_t		ea_path_len;	/**< bytes of the path, NUL included */
	int		ea_argc;	/**< strings of argv */
	int		ea_envc;	/**< strings of envp */
};

/** \brief The entry stack of \a a below \a top into \a out.
 * \return its length, or -1 when \a size is too small. */
int exec_stack_layout(const struct exec_args *a, uint32_t top, void *out,
    size_t size);

#endif /* !NAIAD_KERN_EXEC_ARGS_H */
