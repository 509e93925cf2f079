/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The pure part of path lookup: components, "." and "..",
 * trailing slashes, splicing a link's target (book/45-namei.nw).
 */
#ifndef NAIAD_VFS_PATH_H
#define NAIAD_VFS_PATH_H

#include <stddef.h>

#include "vfs/vnode.h"

/** The longest path, in bytes, NUL included. */
#define PATH_MAX	1024
/** The most symbolic links one lookup follows before ELOOP. */
#define MAXSYMLINKS	32

/** path_dotkind: an ordinary name. */
#define PATH_NAME	0
/** path_dotkind: ".". */
#define PATH_DOT	1
/** path_dotkind: "..". */
#define PATH_DOTDOT	2

/** One component of a path, as path_next finds it. */
struct path_component {
	const char	*pc_name;	/**< its first byte, in the path */
	size_t		pc_len;		/**< its length */
	int		pc_last;	/**< nothing but slashes follows it */
	int		pc_trailing;	/**< ... and at least one slash does */
};

/**
 * \brief The next component of *\a pp into *\a pc.
 * \return 1, 0 at the end, or -ENAMETOOLONG.
 */
int path_next(const char **pp, struct path_component *pc);
/** \brief PATH_DOT, PATH_DOTDOT or PATH_NAME. */
int path_dotkind(const char *name, size_t len);
/**
 * \brief Make \a buf hold \a target then \a rest (which may lie in
 * \a buf). \return 0, -ENOENT (empty target) or -ENAMETOOLONG.
 */
int path_splice(char *buf, size_t size, const char *rest,
    const char *target);

#endif /* !NAIAD_VFS_PATH_H */
