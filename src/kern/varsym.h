/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Variant symlinks (book/46-varsym.nw): the three scopes of
 * variables, setting, looking up, listing, expanding a link's target.
 */
#ifndef NAIAD_KERN_VARSYM_H
#define NAIAD_KERN_VARSYM_H

#include <stddef.h>

#include "kern/spinlock.h"
#include "kern/varsym_logic.h"

struct proc;

/** A scope: its variables and the spinlock that guards them. */
struct varsymset {
	struct spinlock	vx_spin;	/**< held for every look and change */
	struct varsym_list vx_list;	/**< the variables */
};

/** Whom an operation acts for: a process's scope and a user. */
struct varsym_ctx {
	struct varsymset *vc_proc;	/**< the process's scope, or NULL */
	int		vc_uid;		/**< the user whose scope VARSYM_USER is */
};

/** The system's scope. */
extern struct varsymset varsymset_sys;

/** \brief Set \a name to \a data (NULL: delete) in scope \a level for
 * \a c.  \return 0, -EINVAL, -ENAMETOOLONG, -EPERM, -E2BIG, -ENOENT or
 * -ENOMEM; nothing changes on an error. */
int varsym_set_ctx(const struct varsym_ctx *c, int level, const char *name,
    const char *data);
/** \brief The value of the \a namelen bytes at \a name in the first
 * scope of \a mask that has it, into \a value (MAXVARSYM_DATA bytes).
 * \return its length, -ENOENT or -EINVAL. */
int varsym_get_ctx(const struct varsym_ctx *c, int mask, const char *name,
    size_t namelen, char *value);
/** \brief Pack scope \a level's variables from the \a marker-th.
 * \return the bytes (*\a next: where to go on, -1 at the end),
 * -EOVERFLOW or -EINVAL. */
int varsym_list_ctx(const struct varsym_ctx *c, int level, int marker,
    char *buf, size_t size, int *next);
/** \brief Is expansion on (the system's vfs.varsym_enable is not 0)? */
int varsym_enabled(void);
/** \brief \a in into \a out with \a c's variables expanded when the
 * switch is on.  \return 0 or -ENAMETOOLONG. */
int varsym_expand_ctx(const struct varsym_ctx *c, const char *in,
    char *out, size_t outsize);
/** \brief The scopes of the running thread, into \a c. */
void varsym_ctx_self(struct varsym_ctx *c);
/** \brief Path lookup's call: a link's target \a in, expanded for the
 * running thread, into \a out.  \return 0 or -ENAMETOOLONG. */
int varsym_expand_link(const char *in, char *out, size_t outsize);
/** \brief Make \a dst, no one else's, a copy of \a src.
 * \return 0, or -ENOMEM with \a dst empty. */
int varsymset_copy(struct varsymset *dst, struct varsymset *src);
/** \brief Free every variable of \a vss. */
void varsymset_clean(struct varsymset *vss);
/** \brief Variables allocated now, in all scopes (for tests). */
int varsym_count(void);
/** \brief Users' scopes now (for tests). */
int varsym_user_scopes(void);

#endif /* !NAIAD_KERN_VARSYM_H */
