/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The pure part of path lookup (book/45-namei.nw): splitting a path,
 * the dot names, splicing a target.  Tested on the host.
 */
#include <stddef.h>

#include "kern/errno.h"
#include "kern/kstring.h"
#include "vfs/path.h"

/* Does S hold only slashes (or nothing)? */
static int
path_only_slashes(const char *s)
{
	while (*s == '/')
		s++;
	return *s == '\0';
}

/* The next component of *PP into *PC, *PP moved past it: 1; 0 when
 * only slashes are left; -ENAMETOOLONG for a component over NAME_MAX. */
int
path_next(const char **pp, struct path_component *pc)
{
	const char *p = *pp, *start;

	while (*p == '/')
		p++;
	if (*p == '\0') {
		*pp = p;
		return 0;
	}
	for (start = p; *p != '\0' && *p != '/'; p++)
		;
	if ((size_t)(p - start) > NAME_MAX)
		return -ENAMETOOLONG;
	pc->pc_name = start;
	pc->pc_len = (size_t)(p - start);
	pc->pc_last = path_only_slashes(p);
	pc->pc_trailing = pc->pc_last && *p == '/';
	*pp = p;
	return 1;
}

/* PATH_DOT, PATH_DOTDOT or PATH_NAME for the LEN bytes at NAME. */
int
path_dotkind(const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return PATH_DOT;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return PATH_DOTDOT;
	return PATH_NAME;
}
/* Move N bytes from SRC to DST, which may overlap. */
static void
path_move(char *dst, const char *src, size_t n)
{
	size_t i;

	if (dst < src)
		for (i = 0; i < n; i++)
			dst[i] = src[i];
	else
		for (i = n; i > 0; i--)
			dst[i - 1] = src[i - 1];
}

/* Make BUF (SIZE bytes) hold TARGET followed by REST (a string that may
 * lie in BUF): 0; -ENOENT for an empty TARGET; -ENAMETOOLONG if the two
 * do not fit.  BUF is unchanged on failure. */
int
path_splice(char *buf, size_t size, const char *rest, const char *target)
{
	size_t tlen = kstrlen(target), rlen = kstrlen(rest);

	if (tlen == 0)
		return -ENOENT;
	if (tlen >= size || rlen >= size - tlen)
		return -ENAMETOOLONG;
	path_move(buf + tlen, rest, rlen + 1);
	kmemcpy(buf, target, tlen);
	return 0;
}
