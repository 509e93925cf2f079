/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The arguments of a new program: gathered from the kernel or from user
 * memory.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/kstring.h"
#include "vm/kmalloc.h"

/* Append the string S (kernel) to A; 0 or -E2BIG. */
static int
exec_args_add(struct exec_args *a, const char *s)
{
	size_t n = kstrlen(s) + 1;

	if (n > ARG_MAX - a->ea_used)
		return -E2BIG;
	kmemcpy(a->ea_buf + a->ea_used, s, n);
	a->ea_used += n;
	return 0;
}

/* Append the NULL-terminated vector V (NULL: empty) to A, counting
 * into *COUNT; 0 or -E2BIG. */
static int
exec_args_add_vector(struct exec_args *a, char *const *v, int *count)
{
	int error;

	for (*count = 0; v != NULL && v[*count] != NULL; (*count)++) {
		if (*count == ARG_MAXSTRINGS)
			return -E2BIG;
		if ((error = exec_args_add(a, v[*count])) != 0)
			return error;
	}
	return 0;
}

/* A from kernel strings; 0, -ENOMEM or -E2BIG.  exec_args_free after. */
int
exec_args_kernel(struct exec_args *a, const char *path, char *const *argv,
    char *const *envp)
{
	int error;

	kmemset(a, 0, sizeof(*a));
	if ((a->ea_buf = kmalloc(ARG_MAX, 0)) == NULL)
		return -ENOMEM;
	if ((error = exec_args_add(a, path)) != 0)
		return error;
	a->ea_path_len = a->ea_used;
	if ((error = exec_args_add_vector(a, argv, &a->ea_argc)) != 0)
		return error;
	return exec_args_add_vector(a, envp, &a->ea_envc);
}

/* Append the user vector UV's strings to A, counting into *COUNT;
 * 0, -EFAULT, -E2BIG. */
static int
exec_args_copyin_vector(struct exec_args *a, const uint32_t *uv,
    int *count)
{
	uint32_t up;
	size_t done;
	int error;

	for (*count = 0; uv != NULL; (*count)++) {
		if ((error = copyin(uv + *count, &up, sizeof(up))) != 0)
			return error;
		if (up == 0)
			return 0;
		if (*count == ARG_MAXSTRINGS)
			return -E2BIG;
		error = copyinstr((const void *)(uintptr_t)up,
		    a->ea_buf + a->ea_used, ARG_MAX - a->ea_used, &done);
		if (error != 0)
			return error == -ENAMETOOLONG ? -E2BIG : error;
		a->ea_used += done;
	}
	return 0;
}

/* A from the caller's memory: PATH, ARGV and ENVP are user pointers.
 * 0, -EFAULT, -ENAMETOOLONG, -E2BIG or -ENOMEM. */
int
exec_args_user(struct exec_args *a, const char *path, const uint32_t *argv,
    const uint32_t *envp)
{
	size_t done;
	int error;

	kmemset(a, 0, sizeof(*a));
	if ((a->ea_buf = kmalloc(ARG_MAX, 0)) == NULL)
		return -ENOMEM;
	error = copyinstr(path, a->ea_buf, ARCHIVE_PATHMAX, &done);
	if (error != 0)
		return error;
	a->ea_used = a->ea_path_len = done;
	if ((error = exec_args_copyin_vector(a, argv, &a->ea_argc)) != 0)
		return error;
	return exec_args_copyin_vector(a, envp, &a->ea_envc);
}

/* Free A's buffer. */
void
exec_args_free(struct exec_args *a)
{
	kfree(a->ea_buf);
	a->ea_buf = NULL;
}
