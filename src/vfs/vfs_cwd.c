/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Where paths start (book/45-namei.nw): the current directory of a
 * process, inherited at fork; the root filesystem, chosen at boot.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/spinlock.h"
#include "kern/sysinit.h"
#include "vfs/mount.h"
#include "vfs/namei.h"

static struct spinlock cwd_spin;	/* every process's p_cwd */

/* P's current directory (the root if P is NULL or never changed it),
 * referenced; NULL if there is no root yet. */
struct vnode *
proc_cwd(struct proc *p)
{
	struct vnode *vp;

	spin_lock(&cwd_spin);
	vp = p != NULL && p->p_cwd != NULL ? p->p_cwd : rootvnode;
	if (vp != NULL)
		vref(vp);
	spin_unlock(&cwd_spin);
	return vp;
}

/* P's current directory becomes VP, whose reference P takes over; the
 * old one is released. */
void
proc_set_cwd(struct proc *p, struct vnode *vp)
{
	struct vnode *old;

	spin_lock(&cwd_spin);
	old = p->p_cwd;
	p->p_cwd = vp;
	spin_unlock(&cwd_spin);
	if (old != NULL)
		vrele(old);
}

/* ph_fork: the child starts where its parent is. */
static int
cwd_proc_fork(struct proc *parent, struct proc *child)
{
	spin_lock(&cwd_spin);
	child->p_cwd = parent != NULL ? parent->p_cwd : NULL;
	if (child->p_cwd != NULL)
		vref(child->p_cwd);
	spin_unlock(&cwd_spin);
	return 0;
}

/* ph_exit: release the current directory. */
static void
cwd_proc_exit(struct proc *p)
{
	proc_set_cwd(p, NULL);
}

static struct proc_hook cwd_proc_hook = { cwd_proc_fork, cwd_proc_exit,
    NULL, "cwd", NULL };
static struct vfs_rootcand *rootcands;	/* boot adds, the root step reads */
static struct vfs_rootcand memfs_rootcand = { "memfs", "memfs", NULL,
    VFS_ROOT_MEMFS, NULL };

/* Boot (before the root step): RC may be the root. */
void
vfs_root_register(struct vfs_rootcand *rc)
{
	rc->rc_next = rootcands;
	rootcands = rc;
}

/* The candidate of highest priority below LIMIT, or NULL. */
static struct vfs_rootcand *
vfs_root_best(int limit)
{
	struct vfs_rootcand *rc, *best = NULL;

	for (rc = rootcands; rc != NULL; rc = rc->rc_next)
		if (rc->rc_priority < limit &&
		    (best == NULL || rc->rc_priority > best->rc_priority))
			best = rc;
	return best;
}

/* Mount the root named by "root=TYPE[:FROM]" (SPEC): 0 or -errno.
 * Without FROM, the candidate of TYPE, as it registered (its FROM and
 * options), else TYPE's own name as FROM. */
static int
vfs_root_from_cmdline(const char *spec)
{
	struct vfs_rootcand *rc;
	char type[16];
	const char *colon = spec;
	size_t n;

	while (*colon != '\0' && *colon != ':')
		colon++;
	n = (size_t)(colon - spec);
	if (n == 0 || n >= sizeof(type))
		return -EINVAL;
	kmemcpy(type, spec, n);
	type[n] = '\0';
	if (*colon == ':')
		return vfs_mount(type, colon + 1, NULL, 0, NULL, "/", NULL);
	for (rc = rootcands; rc != NULL; rc = rc->rc_next)
		if (kstrcmp(rc->rc_type, type) == 0)
			return vfs_mount(type, rc->rc_from, rc->rc_data, 0,
			    NULL, "/", NULL);
	return vfs_mount(type, type, NULL, 0, NULL, "/", NULL);
}

/* Boot: the root, from the command line or the best candidate. */
static void
vfs_mountroot(void *arg)
{
	const char *spec = cmdline_get("root");
	struct vfs_rootcand *rc;
	int error, limit = 1 << 30;

	(void)arg;
	if (spec != NULL) {
		if ((error = vfs_root_from_cmdline(spec)) == 0) {
			kprintf("vfs: root is %s\n", spec);
			return;
		}
		kprintf("vfs: root=%s: error %d; trying the others\n", spec,
		    error);
	}
	while ((rc = vfs_root_best(limit)) != NULL) {
		error = vfs_mount(rc->rc_type, rc->rc_from, rc->rc_data, 0,
		    NULL, "/", NULL);
		if (error == 0) {
			kprintf("vfs: root is %s (%s)\n", rc->rc_type,
			    rc->rc_from);
			return;
		}
		kprintf("vfs: root %s (%s): error %d\n", rc->rc_type,
		    rc->rc_from, error);
		limit = rc->rc_priority;
	}
	kprintf("vfs: no root filesystem: paths find nothing\n");
}
/* Boot: the current directories of processes; memfs may be the root. */
static void
namei_init(void *arg)
{
	(void)arg;
	spin_init(&cwd_spin);
	proc_hook_register(&cwd_proc_hook);
	vfs_root_register(&memfs_rootcand);
}

SYSINIT(namei, SI_SUB_NAMEI, SI_ORDER_FIRST, namei_init, NULL);
SYSINIT(mountroot, SI_SUB_VFS_ROOT, SI_ORDER_FIRST, vfs_mountroot, NULL);
