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

#define LWKT_MAXTOKENS	16	/**< tokens one thread may hold at once */
#define LWKT_POOL_TOKENS 256	/**< tokens in the pool (a power of 2) */

struct thread;

/** A serializing token. */
struct lwkt_token {
	struct thread *volatile t_owner; /**< the holder, or NULL when free */
	const char	*t_desc;	/**< a name for messages */
};

/** Initialise a token named \a name in its definition. */
#define LWKT_TOKEN_INITIALIZER(name)	{ NULL, #name }

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
/** \brief Take every token of \a td for it; on failure take none. */
int lwkt_getalltokens(struct thread *td);
/** \brief Release every token \a td holds (it keeps them in td_toks). */
void lwkt_relalltokens(struct thread *td);

#endif /* !NAIAD_LWKT_TOKEN_H */
