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

/* The slow path of lwkt_gettoken: TOK, listed, was not free for us. */
static __attribute__((noinline)) void
lwkt_gettoken_wait(struct lwkt_token *tok)
{
	struct thread *td = curthread;

	crit_enter_quick(td);
	while (!lwkt_token_acquire(tok, td))
		lwkt_switch();
	crit_exit_quick(td);
}

/* Take TOK for the current thread, switching until it can run with it. */
void
lwkt_gettoken(struct lwkt_token *tok)
{
	struct thread *td = curthread;
	int n = td->td_ntoks;

	KASSERT(n < LWKT_MAXTOKENS,
	    ("lwkt_gettoken: %s holds too many tokens", curthread->td_name));
	td->td_toks[n] = tok;
	cpu_ccfence();			/* the entry, then the count */
	td->td_ntoks = n + 1;
	if (__builtin_expect(atomic_cmpset_ptr(&tok->t_owner, NULL, td), 1))
		return;			/* it was free: ours now */
	lwkt_gettoken_wait(tok);
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
/* lwkt_reltoken's end when TD holds N other entries: TOK maybe among them. */
static __attribute__((noinline)) void
lwkt_reltoken_nested(struct thread *td, struct lwkt_token *tok, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (td->td_toks[i] == tok)
			break;
	if (i == n)
		lwkt_token_release(tok, td);
	crit_exit_quick(td);
}

/* Release TOK, which must be the last taken (asserted). */
void
lwkt_reltoken(struct lwkt_token *tok)
{
	struct thread *td = curthread;
	int n = td->td_ntoks - 1;

	KASSERT(n >= 0 && td->td_toks[n] == tok,
	    ("lwkt_reltoken: %s is not the last token %s took", tok->t_desc,
	    curthread->td_name));
	KASSERT(tok->t_owner == td,
	    ("lwkt_reltoken: %s releases %s, which it does not hold",
	    curthread->td_name, tok->t_desc));
	crit_enter_quick(td);
	td->td_ntoks = n;
	if (n > 0) {			/* recursion is possible: search */
		lwkt_reltoken_nested(td, tok, n);
		return;
	}
	cpu_ccfence();			/* the only entry: free the token */
	tok->t_owner = NULL;
	crit_exit_quick(td);
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
