/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Variant symlinks (book/46-varsym.nw): the process's, users' and
 * system's scopes, each under its spinlock; set, get, list; the
 * expansion for a process; fork and exit; the three system calls.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/cmdline.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/proc.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/varsym.h"
#include "vfs/namei.h"
#include "vm/kmalloc.h"

/* One user's scope, on the list varsym_users. */
struct varsym_user {
	struct varsym_user *vu_next;	/* the next user's */
	int		vu_uid;		/* whose */
	struct varsymset vu_set;	/* the scope */
};

struct varsymset varsymset_sys;		/* the system's scope */
/* The users' scopes: the list, and each scope's whole life, are
 * under varsym_users_spin (then the scope's own lock). */
static struct spinlock varsym_users_spin = SPINLOCK_INITIALIZER;
static struct varsym_user *varsym_users;
static volatile uint32_t varsym_live;	/* variables allocated, for tests */

/* The uid a process acts for.  Naiad's processes have no credentials
 * yet: every one is root, uid 0, whose scope they share. */
static int
varsym_uid(struct proc *p)
{
	(void)p;
	return 0;
}

/* The link that holds UID's scope (*it NULL: none); the table held. */
static struct varsym_user **
varsym_user_slot(int uid)
{
	struct varsym_user **pp;

	for (pp = &varsym_users; *pp != NULL; pp = &(*pp)->vu_next)
		if ((*pp)->vu_uid == uid)
			break;
	return pp;
}
/* The scope LEVEL of C, locked (a user's: the table too), or NULL;
 * *FRESH (when FRESH is not NULL) becomes a user's missing scope. */
static struct varsymset *
varsym_scope_lock(const struct varsym_ctx *c, int level,
    struct varsym_user **fresh)
{
	struct varsym_user **pp;
	struct varsymset *vss = NULL;

	switch (level) {
	case VARSYM_PROC:
		vss = c->vc_proc;
		break;
	case VARSYM_USER:
		spin_lock(&varsym_users_spin);
		pp = varsym_user_slot(c->vc_uid);
		if (*pp == NULL && fresh != NULL && *fresh != NULL) {
			(*fresh)->vu_uid = c->vc_uid;
			*pp = *fresh;
			*fresh = NULL;
		}
		if (*pp == NULL) {
			spin_unlock(&varsym_users_spin);
			return NULL;
		}
		vss = &(*pp)->vu_set;
		break;
	case VARSYM_SYS:
		vss = &varsymset_sys;
		break;
	}
	if (vss != NULL)
		spin_lock(&vss->vx_spin);
	return vss;
}
/* Release what varsym_scope_lock took; a user's scope left empty is
 * unlinked and returned, for the caller to free. */
static struct varsym_user *
varsym_scope_unlock(const struct varsym_ctx *c, struct varsymset *vss,
    int level)
{
	struct varsym_user **pp, *gone = NULL;

	spin_unlock(&vss->vx_spin);
	if (level != VARSYM_USER)
		return NULL;
	if (vss->vx_list.vl_first == NULL) {
		pp = varsym_user_slot(c->vc_uid);
		gone = *pp;
		*pp = gone->vu_next;
	}
	spin_unlock(&varsym_users_spin);
	return gone;
}
/* A new variable NAME=DATA from the heap, or NULL. */
static struct varsym *
varsym_alloc(const char *name, const char *data)
{
	void *mem = kmalloc(varsym_size(kstrlen(name), kstrlen(data)), 0);

	if (mem == NULL)
		return NULL;
	atomic_add_int(&varsym_live, 1);
	return varsym_init(mem, name, data);
}

/* Free VS and the variables linked after it; no lock held. */
static void
varsym_free_chain(struct varsym *vs)
{
	struct varsym *next;

	for (; vs != NULL; vs = next) {
		next = vs->vs_next;
		kfree(vs);
		atomic_add_int(&varsym_live, (uint32_t)-1);
	}
}

/* Variables allocated now, in every scope (for tests). */
int
varsym_count(void)
{
	return (int)varsym_live;
}

/* Users' scopes now (for tests: each exists while it holds a variable). */
int
varsym_user_scopes(void)
{
	struct varsym_user *vu;
	int n = 0;

	spin_lock(&varsym_users_spin);
	for (vu = varsym_users; vu != NULL; vu = vu->vu_next)
		n++;
	spin_unlock(&varsym_users_spin);
	return n;
}
/* Is DATA a value that NAME may take in scope LEVEL (the switch)? */
static int
varsym_value_ok(int level, const char *name, const char *data)
{
	if (data == NULL || level != VARSYM_SYS ||
	    kstrcmp(name, VARSYM_ENABLE) != 0)
		return 1;
	return kstrcmp(data, "0") == 0 || kstrcmp(data, "1") == 0;
}

/* Set NAME to DATA (NULL: delete it) in scope LEVEL for C.  0, -EINVAL
 * (scope, name, switch value), -ENAMETOOLONG, -EPERM (the system's,
 * not root), -E2BIG, -ENOENT (nothing to delete), -ENOMEM. */
int
varsym_set_ctx(const struct varsym_ctx *c, int level, const char *name,
    const char *data)
{
	struct varsym *vs = NULL, *dead = NULL;
	struct varsym_user *fresh = NULL, *gone = NULL;
	struct varsymset *vss;
	int error;

	if ((error = varsym_name_valid(name)) != 0)
		return error;
	if (data != NULL && kstrlen(data) >= MAXVARSYM_DATA)
		return -ENAMETOOLONG;
	if (level < VARSYM_PROC || level > VARSYM_SYS ||
	    (level == VARSYM_PROC && c->vc_proc == NULL) ||
	    !varsym_value_ok(level, name, data))
		return -EINVAL;
	if (level == VARSYM_SYS && c->vc_uid != 0)
		return -EPERM;
	if (data != NULL && ((vs = varsym_alloc(name, data)) == NULL ||
	    (level == VARSYM_USER &&
	    (fresh = kmalloc(sizeof(*fresh), M_ZERO)) == NULL))) {
		varsym_free_chain(vs);
		return -ENOMEM;
	}
	if ((vss = varsym_scope_lock(c, level, &fresh)) == NULL) {
		dead = vs;
		error = -ENOENT;	/* a user with nothing to delete */
	} else {
		if (vs != NULL) {
			if ((error = varsym_put(&vss->vx_list, vs, &dead)) != 0)
				dead = vs;	/* refused: it goes back */
		} else if ((dead = varsym_remove(&vss->vx_list, name)) ==
		    NULL) {
			error = -ENOENT;
		}
		gone = varsym_scope_unlock(c, vss, level);
	}
	varsym_free_chain(dead);
	kfree(gone);
	kfree(fresh);
	return error;
}
/* The value of NAME (NAMELEN bytes) in the first scope of MASK that has
 * it, for C, into VALUE (MAXVARSYM_DATA bytes): its length; -ENOENT,
 * or -EINVAL for a mask that names no scope or something else. */
int
varsym_get_ctx(const struct varsym_ctx *c, int mask, const char *name,
    size_t namelen, char *value)
{
	struct varsymset *vss;
	struct varsym *vs;
	int level, len = -ENOENT;

	if (mask == 0 || (mask & ~VARSYM_ALL_MASK) != 0)
		return -EINVAL;
	for (level = varsym_next_scope(mask, 0); level != 0 && len < 0;
	    level = varsym_next_scope(mask, level)) {
		if ((vss = varsym_scope_lock(c, level, NULL)) == NULL)
			continue;
		if ((vs = varsym_find(&vss->vx_list, name, namelen)) != NULL) {
			len = vs->vs_datalen;
			kmemcpy(value, varsym_data(vs), (size_t)len + 1);
		}
		kfree(varsym_scope_unlock(c, vss, level));	/* NULL: a look */
	}
	return len;
}

/* Pack the variables of scope LEVEL for C from the MARKER-th into BUF
 * (SIZE bytes), as varsym_pack; a scope that does not exist is empty. */
int
varsym_list_ctx(const struct varsym_ctx *c, int level, int marker,
    char *buf, size_t size, int *next)
{
	struct varsymset *vss;
	int n;

	if (level < VARSYM_PROC || level > VARSYM_SYS || marker < 0 ||
	    (level == VARSYM_PROC && c->vc_proc == NULL))
		return -EINVAL;
	if ((vss = varsym_scope_lock(c, level, NULL)) == NULL) {
		*next = -1;
		return 0;
	}
	n = varsym_pack(&vss->vx_list, marker, buf, size, next);
	kfree(varsym_scope_unlock(c, vss, level));	/* NULL: a look */
	return n;
}
/* varsym_expand's lookup in the scopes of ARG, a struct varsym_ctx. */
static int
varsym_lookup_ctx(const void *arg, const char *name, size_t namelen,
    char *value)
{
	int len = varsym_get_ctx(arg, VARSYM_ALL_MASK, name, namelen, value);

	return len >= 0 ? len : -1;
}

/* Is expansion on: unless the system's vfs.varsym_enable is "0". */
int
varsym_enabled(void)
{
	static const struct varsym_ctx sys = { NULL, 0 };
	char value[MAXVARSYM_DATA];

	return varsym_get_ctx(&sys, VARSYM_SYS_MASK, VARSYM_ENABLE,
	    sizeof(VARSYM_ENABLE) - 1, value) != 1 || value[0] != '0';
}

/* IN into OUT (OUTSIZE bytes) with the variables of C expanded, if the
 * switch is on (else as written): 0 or -ENAMETOOLONG. */
int
varsym_expand_ctx(const struct varsym_ctx *c, const char *in, char *out,
    size_t outsize)
{
	if (kstrstr(in, "${") != NULL && varsym_enabled())
		return varsym_expand(in, out, outsize, varsym_lookup_ctx, c);
	if (kstrlcpy(out, in, outsize) >= outsize)
		return -ENAMETOOLONG;
	return 0;
}

/* The scopes of the running thread: its process's (none for a kernel
 * thread), and those of its user. */
void
varsym_ctx_self(struct varsym_ctx *c)
{
	struct proc *p = curproc;

	c->vc_proc = p != NULL ? &p->p_varsymset : NULL;
	c->vc_uid = varsym_uid(p);
}

/* A symbolic link's target IN, for the running thread, into OUT. */
int
varsym_expand_link(const char *in, char *out, size_t outsize)
{
	struct varsym_ctx c;

	varsym_ctx_self(&c);
	return varsym_expand_ctx(&c, in, out, outsize);
}
/* Make DST (no one else's yet) a copy of SRC: 0, or -ENOMEM with DST
 * empty. */
int
varsymset_copy(struct varsymset *dst, struct varsymset *src)
{
	struct varsym *vs, *dead;
	const char *name, *data;
	char *buf, *p;
	int n, next;

	kmemset(dst, 0, sizeof(*dst));
	spin_lock(&src->vx_spin);
	n = (int)src->vx_list.vl_count;
	spin_unlock(&src->vx_spin);
	if (n == 0)
		return 0;
	if ((buf = kmalloc(MAXVARSYM_SET, 0)) == NULL)
		return -ENOMEM;
	spin_lock(&src->vx_spin);
	n = varsym_pack(&src->vx_list, 0, buf, MAXVARSYM_SET, &next);
	spin_unlock(&src->vx_spin);
	KASSERT(n >= 0 && next == -1, ("varsymset_copy: a scope is larger "
	    "than its limit"));
	for (p = buf; p < buf + n; p = (char *)data + kstrlen(data) + 1) {
		name = p;
		data = name + kstrlen(name) + 1;
		if ((vs = varsym_alloc(name, data)) == NULL) {
			varsymset_clean(dst);
			kfree(buf);
			return -ENOMEM;
		}
		if (varsym_put(&dst->vx_list, vs, &dead) != 0 || dead != NULL)
			panic("varsymset_copy: the copy differs");
	}
	kfree(buf);
	return 0;
}

/* Free every variable of VSS. */
void
varsymset_clean(struct varsymset *vss)
{
	struct varsym *all;

	spin_lock(&vss->vx_spin);
	all = varsym_take_all(&vss->vx_list);
	spin_unlock(&vss->vx_spin);
	varsym_free_chain(all);
}

/* Fork: CHILD gets a copy of PARENT's process scope. */
static int
varsym_fork(struct proc *parent, struct proc *child)
{
	return varsymset_copy(&child->p_varsymset, &parent->p_varsymset);
}

/* Exit (or a fork undone by a later hook): P's scope goes. */
static void
varsym_exit(struct proc *p)
{
	varsymset_clean(&p->p_varsymset);
}

static struct proc_hook varsym_proc_hook = { varsym_fork, varsym_exit,
    NULL, "varsym", NULL };
/* varsym_set(level, name, data): data NULL deletes. */
int
sys_varsym_set(struct varsym_set_args *uap)
{
	char name[MAXVARSYM_NAME], data[MAXVARSYM_DATA];
	struct varsym_ctx c;
	int error;

	if ((error = copyinstr(uap->name, name, sizeof(name), NULL)) != 0)
		return error;
	if (uap->data != NULL &&
	    (error = copyinstr(uap->data, data, sizeof(data), NULL)) != 0)
		return error;
	varsym_ctx_self(&c);
	return varsym_set_ctx(&c, uap->level, name,
	    uap->data != NULL ? data : NULL);
}
/* varsym_get(mask, wild, buf, bufsize): the value's length + 1. */
int
sys_varsym_get(struct varsym_get_args *uap)
{
	char name[MAXVARSYM_NAME], value[MAXVARSYM_DATA];
	struct varsym_ctx c;
	int error = 0, len;

	if (uap->bufsize < 0)
		return -EINVAL;
	if ((error = copyinstr(uap->wild, name, sizeof(name), NULL)) != 0)
		return error;
	varsym_ctx_self(&c);
	len = varsym_get_ctx(&c, uap->mask, name, kstrlen(name), value);
	if (len < 0)
		return len;
	if (len < uap->bufsize)
		error = copyout(value, uap->buf, (size_t)len + 1);
	else if (uap->bufsize > 0)
		error = copyout("", uap->buf, 1);
	uap->sysmsg.sm_result = len + 1;
	return error;
}
/* varsym_list(level, buf, maxsize, marker): bytes copied; *marker
 * moved on, or -1 at the end. */
int
sys_varsym_list(struct varsym_list_args *uap)
{
	struct varsym_ctx c;
	size_t size;
	int marker, next, n, error;
	char *buf;

	if (uap->maxsize < 0)
		return -EINVAL;
	if ((error = copyin(uap->marker, &marker, sizeof(marker))) != 0)
		return error;
	size = uap->maxsize < MAXVARSYM_SET ? (size_t)uap->maxsize :
	    MAXVARSYM_SET;
	if ((buf = kmalloc(size > 0 ? size : 1, 0)) == NULL)
		return -ENOMEM;
	varsym_ctx_self(&c);
	n = varsym_list_ctx(&c, uap->level, marker, buf, size, &next);
	error = n;
	if (n >= 0 && (error = copyout(buf, uap->buf, (size_t)n)) == 0)
		error = copyout(&next, uap->marker, sizeof(next));
	kfree(buf);
	uap->sysmsg.sm_result = n;
	return error;
}

SYSCALL_HANDLER(varsym_set, sys_varsym_set);
SYSCALL_HANDLER(varsym_get, sys_varsym_get);
SYSCALL_HANDLER(varsym_list, sys_varsym_list);
/* Boot: fork and exit carry process scopes; varsym_enable= sets the
 * switch. */
static void
varsym_boot(void *arg)
{
	static const struct varsym_ctx root = { NULL, 0 };
	const char *s = cmdline_get("varsym_enable");

	(void)arg;
	proc_hook_register(&varsym_proc_hook);
	if (s != NULL && varsym_set_ctx(&root, VARSYM_SYS, VARSYM_ENABLE,
	    s) != 0)
		kprintf("varsym: varsym_enable=%s ignored: it takes 0 or 1\n",
		    s);
}

SYSINIT(varsym, SI_SUB_VARSYM, SI_ORDER_FIRST, varsym_boot, NULL);
/* Boot: every link followed by a lookup goes through the expansion. */
static void
varsym_link_boot(void *arg)
{
	(void)arg;
	namei_set_link_filter(varsym_expand_link);
}

SYSINIT(varsymlink, SI_SUB_VARSYM, SI_ORDER_SECOND, varsym_link_boot,
    NULL);
