/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Serializing tokens: exclusion that holds only while the holder
 * runs.
 */
#ifndef NAIAD_LWKT_TOKEN_H
#define NAIAD_LWKT_TOKEN_H

#include <stddef.h>

#include "arch/i386/atomic.h"

#define LWKT_MAXTOKENS	16	/**< tokens one thread may hold at once */

struct thread;

/** A serializing token. */
struct lwkt_token {
	struct thread *volatile t_owner; /**< the holder, or NULL when free */
	const char	*t_desc;	/**< a name for messages */
};

/** Initialise a token named \a name in its definition. */
#define LWKT_TOKEN_INITIALIZER(name)	{ NULL, #name }

/** \brief Take \a tok for \a td if it is free (or td's already); 1 if td has it. */
static inline int
lwkt_token_acquire(struct lwkt_token *tok, struct thread *td)
{
	if (tok->t_owner == td)
		return 1;
	return atomic_cmpset_ptr(&tok->t_owner, NULL, td);
}

/** \brief Free \a tok if \a td owns it; a release store. */
static inline void
lwkt_token_release(struct lwkt_token *tok, struct thread *td)
{
	if (tok->t_owner == td) {
		cpu_ccfence();
		tok->t_owner = NULL;
	}
}

/** \brief Take every token of \a td for it; on failure take none. */
int lwkt_getalltokens(struct thread *td);
/** \brief Release every token \a td holds (it keeps them in td_toks). */
void lwkt_relalltokens(struct thread *td);

/* the thread's side of tokens follows (book/18-tokens.nw) */
/** Tokens in the pool (a power of 2). */
#define LWKT_POOL_TOKENS 256

/** \brief Make \a tok a free token called \a desc. */
void lwkt_token_init(struct lwkt_token *tok, const char *desc);
/**
 * \brief Take \a tok for the current thread, waiting (by switching) if
 * another thread holds it.  Recursion is allowed.
 */
void lwkt_gettoken(struct lwkt_token *tok);
/** \brief lwkt_gettoken, or return 0 at once if it would wait. */
int lwkt_trytoken(struct lwkt_token *tok);
/** \brief Release the token taken last, which must be \a tok. */
void lwkt_reltoken(struct lwkt_token *tok);
/** \brief Does the current thread hold \a tok? */
int lwkt_token_held(const struct lwkt_token *tok);
/** \brief The pool token that stands for the object at \a ptr. */
struct lwkt_token *lwkt_token_pool_lookup(const void *ptr);

#endif /* !NAIAD_LWKT_TOKEN_H */
