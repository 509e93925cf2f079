/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Serializing tokens, the thread's side: held only while the holder runs
 * (the scheduler's side is in lwkt_switch.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/globaldata.h"
#include "kern/panic.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/token.h"

/* Take TOK for the current thread, switching until it can run with it. */
void
lwkt_gettoken(struct lwkt_token *tok)
{
	struct thread *td = curthread;

	KASSERT(td->td_ntoks < LWKT_MAXTOKENS,
	    ("lwkt_gettoken: %s holds too many tokens", td->td_name));
	crit_enter();
	td->td_toks[td->td_ntoks++] = tok;
	while (!lwkt_token_acquire(tok, td))
		lwkt_switch();
	crit_exit();
}

/* Take TOK only if that needs no wait; 1 if taken. */
int
lwkt_trytoken(struct lwkt_token *tok)
{
	struct thread *td = curthread;
	int ok;

	KASSERT(td->td_ntoks < LWKT_MAXTOKENS,
	    ("lwkt_trytoken: %s holds too many tokens", td->td_name));
	crit_enter();
	ok = lwkt_token_acquire(tok, td);
	if (ok)
		td->td_toks[td->td_ntoks++] = tok;
	crit_exit();
	return ok;
}
/* Release TOK, which must be the last taken (asserted). */
void
lwkt_reltoken(struct lwkt_token *tok)
{
	struct thread *td = curthread;
	int i;

	KASSERT(td->td_ntoks > 0 && td->td_toks[td->td_ntoks - 1] == tok,
	    ("lwkt_reltoken: %s is not the last token %s took", tok->t_desc,
	    td->td_name));
	KASSERT(tok->t_owner == td,
	    ("lwkt_reltoken: %s releases %s, which it does not hold",
	    td->td_name, tok->t_desc));
	crit_enter();
	--td->td_ntoks;
	for (i = 0; i < td->td_ntoks; i++)
		if (td->td_toks[i] == tok)
			break;
	if (i == td->td_ntoks)
		lwkt_token_release(tok, td);
	crit_exit();
}

/* Does the current thread own TOK? */
int
lwkt_token_held(const struct lwkt_token *tok)
{
	return tok->t_owner == curthread;
}
static struct lwkt_token lwkt_pool_tokens[LWKT_POOL_TOKENS];

/* The pool token standing for the object at PTR. */
struct lwkt_token *
lwkt_token_pool_lookup(const void *ptr)
{
	uintptr_t a = (uintptr_t)ptr;

	return &lwkt_pool_tokens[((a >> 4) ^ (a >> 12)) &
	    (LWKT_POOL_TOKENS - 1)];
}

/* TOK free, named DESC. */
void
lwkt_token_init(struct lwkt_token *tok, const char *desc)
{
	tok->t_owner = NULL;
	tok->t_desc = desc;
}
