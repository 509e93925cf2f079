/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Variant symlinks, the pure part (book/46-varsym.nw): a scope's
 * list of variables and its accounting, the order of the scopes, the
 * expansion of a link's target.  No locks, no heap: tested on the host.
 */
#ifndef NAIAD_KERN_VARSYM_LOGIC_H
#define NAIAD_KERN_VARSYM_LOGIC_H

#include <stddef.h>
#include <stdint.h>

#define VARSYM_PROC	1	/**< the process's scope (inherited by fork) */
#define VARSYM_USER	2	/**< the scope of the process's user */
#define VARSYM_SYS	3	/**< the system's scope (root sets it) */

/** varsym_get's mask: search the process's scope */
#define VARSYM_PROC_MASK	(1 << VARSYM_PROC)
/** ... the user's scope */
#define VARSYM_USER_MASK	(1 << VARSYM_USER)
/** ... the system's scope */
#define VARSYM_SYS_MASK		(1 << VARSYM_SYS)
/** ... all three, in that order */
#define VARSYM_ALL_MASK	(VARSYM_PROC_MASK | VARSYM_USER_MASK | VARSYM_SYS_MASK)

#define MAXVARSYM_NAME	64	/**< bytes of a name, its NUL included */
#define MAXVARSYM_DATA	256	/**< bytes of a value, its NUL included */
#define MAXVARSYM_SET	8192	/**< what a scope's variables may cost */
#define VARSYM_COST_EXTRA 16	/**< a variable's cost beyond its strings */

/** The system switch: expansion is on unless this system variable is 0. */
#define VARSYM_ENABLE	"vfs.varsym_enable"
/** One variable: the header, then "name\0value\0". */
struct varsym {
	struct varsym	*vs_next;	/**< the next of its scope */
	uint16_t	vs_namelen;	/**< bytes of the name, NUL excluded */
	uint16_t	vs_datalen;	/**< bytes of the value, NUL excluded */
	char		vs_name[];	/**< the name, NUL, the value, NUL */
};

/**
 * The variables of one scope, in the order they were first set, and
 * what they cost.  All zeros is an empty list.
 */
struct varsym_list {
	struct varsym	*vl_first;	/**< the first, or NULL */
	uint32_t	vl_count;	/**< how many */
	uint32_t	vl_bytes;	/**< the sum of their costs */
};

/** \brief The value of \a vs: it follows the name. */
static inline const char *
varsym_data(const struct varsym *vs)
{
	return vs->vs_name + vs->vs_namelen + 1;
}
/**
 * How varsym_expand finds a variable: the value of the variable whose
 * name is the \a namelen bytes at \a name (a valid name) is copied into
 * \a value (MAXVARSYM_DATA bytes) with its NUL; its length, or -1 when
 * there is none.  \a arg is varsym_expand's.
 */
typedef int (*varsym_lookup_t)(const void *arg, const char *name,
    size_t namelen, char *value);

/** \brief May \a c be part of a variable's name? */
int varsym_namechar(int c);
/** \brief Is \a name a variable's name?
 * \return 0, -EINVAL or -ENAMETOOLONG. */
int varsym_name_valid(const char *name);
/** \brief What a variable costs its scope (MAXVARSYM_SET in all). */
uint32_t varsym_cost(size_t namelen, size_t datalen);
/** \brief The bytes to allocate for a variable. */
size_t varsym_size(size_t namelen, size_t datalen);
/** \brief Make the variable \a name = \a data in \a mem. */
struct varsym *varsym_init(void *mem, const char *name, const char *data);
/** \brief The variable named by the \a namelen bytes at \a name. */
struct varsym *varsym_find(const struct varsym_list *vl, const char *name,
    size_t namelen);
/** \brief Put \a vs into \a vl (in the place of its namesake, returned
 * in *\a old).  \return 0, or -E2BIG with \a vl unchanged. */
int varsym_put(struct varsym_list *vl, struct varsym *vs,
    struct varsym **old);
/** \brief Unlink the variable \a name from \a vl; it, or NULL. */
struct varsym *varsym_remove(struct varsym_list *vl, const char *name);
/** \brief Empty \a vl; its variables, linked, for the caller to free. */
struct varsym *varsym_take_all(struct varsym_list *vl);
/** \brief Pack \a vl's variables from the \a marker-th as name/value
 * pairs.  \return the bytes, -EOVERFLOW or -EINVAL; *\a next. */
int varsym_pack(const struct varsym_list *vl, int marker, char *buf,
    size_t size, int *next);
/** \brief The scope \a mask searches after \a level, or 0. */
int varsym_next_scope(int mask, int level);
/** \brief \a in with its references expanded by \a lookup, into \a out.
 * \return 0, or -ENAMETOOLONG. */
int varsym_expand(const char *in, char *out, size_t outsize,
    varsym_lookup_t lookup, const void *arg);

#endif /* !NAIAD_KERN_VARSYM_LOGIC_H */
