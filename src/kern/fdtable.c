/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The rules of a descriptor table (book/31-file.nw): lookups and
 * changes, without locking, which the caller brings.
 */
#include <stddef.h>

#include "kern/errno.h"
#include "kern/fdtable.h"

/* The file of descriptor FD of T, or NULL (closed, or impossible). */
struct file *
fdt_get(const struct fdtable *t, int fd)
{
	if (fd < 0 || fd >= NOFILE)
		return NULL;
	return t->ft_files[fd];
}

/* The lowest closed descriptor of T, or -EMFILE. */
int
fdt_lowest_free(const struct fdtable *t)
{
	int fd;

	for (fd = 0; fd < NOFILE; fd++)
		if (t->ft_files[fd] == NULL)
			return fd;
	return -EMFILE;
}

/* Put FP (or NULL: close) at FD, a valid descriptor; the file it
 * displaced, or NULL. */
struct file *
fdt_set(struct fdtable *t, int fd, struct file *fp)
{
	struct file *old = t->ft_files[fd];

	t->ft_files[fd] = fp;
	return old;
}

/* dup2's rules on T: FROM's file at TO too.  TO, or -EBADF; *OLDP gets
 * the file TO displaced (NULL if none or if FROM == TO). */
int
fdt_dup2(struct fdtable *t, int from, int to, struct file **oldp)
{
	*oldp = NULL;
	if (fdt_get(t, from) == NULL || to < 0 || to >= NOFILE)
		return -EBADF;
	if (from != to)
		*oldp = fdt_set(t, to, t->ft_files[from]);
	return to;
}
