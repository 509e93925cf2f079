/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Vnodes (book/43-vfs.nw): the sleeping lock, finding and making the
 * vnode of a file, references, and the end of a vnode.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"
#include "vm/kmalloc.h"

/* An unlocked lock named NAME (the wait message of its sleepers). */
void
vlock_init(struct vlock *l, const char *name)
{
	spin_init(&l->vl_spin);
	l->vl_owner = NULL;
	l->vl_waiters = 0;
	l->vl_name = name;
}

/* Take L, sleeping while another thread holds it.  Thread context. */
void
vlock_acquire(struct vlock *l)
{
	spin_lock(&l->vl_spin);
	KASSERT(l->vl_owner != curthread,
	    ("vlock_acquire: %s: %s holds it already", l->vl_name,
	    curthread->td_name));
	while (l->vl_owner != NULL) {
		l->vl_waiters++;
		ssleep(l, &l->vl_spin, 0, l->vl_name, 0);
		l->vl_waiters--;
	}
	l->vl_owner = curthread;
	spin_unlock(&l->vl_spin);
}

/* Release L, which the caller holds; wake one sleeper. */
void
vlock_release(struct vlock *l)
{
	int waiters;

	spin_lock(&l->vl_spin);
	KASSERT(l->vl_owner == curthread,
	    ("vlock_release: %s: not held by %s", l->vl_name,
	    curthread->td_name));
	l->vl_owner = NULL;
	waiters = l->vl_waiters;
	spin_unlock(&l->vl_spin);
	if (waiters > 0)
		wakeup_one(l);
}

/* Does the current thread hold L?  For assertions. */
int
vlock_owned(const struct vlock *l)
{
	return l->vl_owner == curthread;
}
/* Files of all mounts in use now: vnodes alive. */
static volatile uint32_t numvnodes;

/* The vnode of file KEY of MP, referenced, or NULL if none is in use.
 * Never sleeps (a filesystem's thread calls it). */
struct vnode *
vnode_find(struct mount *mp, uint32_t key)
{
	struct vnode *vp;

	spin_lock(&mp->mnt_spin);
	TAILQ_FOREACH(vp, &mp->mnt_vnodes, v_mntvnodes)
		if (vp->v_key == key) {
			atomic_add_int(&vp->v_refcnt, 1);
			break;
		}
	spin_unlock(&mp->mnt_spin);
	return vp;
}
/* A vnode for file KEY of MP, of TYPE, with the filesystem's DATA:
 * 0 and a new vnode with one reference in *VPP; 1 and the vnode that
 * another thread made first (referenced; DATA unused); or -ENOMEM.
 * Never sleeps. */
int
vnode_create(struct mount *mp, uint32_t key, enum vtype type, void *data,
    struct vnode **vpp)
{
	struct vnode *vp, *old;

	if ((vp = kmalloc(sizeof(*vp), M_ZERO)) == NULL)
		return -ENOMEM;
	vp->v_type = type;
	vp->v_refcnt = 1;
	vp->v_key = key;
	vp->v_mount = mp;
	vp->v_data = data;
	vlock_init(&vp->v_lock, "vnlock");
	spin_lock(&mp->mnt_spin);
	TAILQ_FOREACH(old, &mp->mnt_vnodes, v_mntvnodes)
		if (old->v_key == key) {
			atomic_add_int(&old->v_refcnt, 1);
			spin_unlock(&mp->mnt_spin);
			kfree(vp);
			*vpp = old;
			return 1;
		}
	TAILQ_INSERT_TAIL(&mp->mnt_vnodes, vp, v_mntvnodes);
	mp->mnt_nvnodes++;
	spin_unlock(&mp->mnt_spin);
	atomic_add_int(&numvnodes, 1);
	*vpp = vp;
	return 0;
}
/* VP has no reference left and is off its mount's list: the
 * filesystem's inactive and reclaim, then free it. */
static void
vnode_finish(struct vnode *vp)
{
	struct mount *mp = vp->v_mount;

	vop_inactive(vp);
	vop_reclaim(vp);
	spin_lock(&mp->mnt_spin);
	mp->mnt_nvnodes--;
	spin_unlock(&mp->mnt_spin);
	kfree(vp);
	file_count_down(&numvnodes);
}

/* Vnodes alive in the whole system, for tests that look for leaks. */
int
vnode_count(void)
{
	return (int)numvnodes;
}

/* Take VP's lock (one read or write of it at a time); sleeps. */
void
vn_lock(struct vnode *vp)
{
	vlock_acquire(&vp->v_lock);
}

/* Release VP's lock. */
void
vn_unlock(struct vnode *vp)
{
	vlock_release(&vp->v_lock);
}
/* One more reference to VP, which the caller holds already. */
void
vref(struct vnode *vp)
{
	KASSERT(vp->v_refcnt > 0, ("vref: vnode %p has no reference", vp));
	atomic_add_int(&vp->v_refcnt, 1);
}

/* Drop a reference to VP; the last finishes and frees it.  Thread
 * context (finishing sends messages to the filesystem). */
void
vrele(struct vnode *vp)
{
	struct mount *mp = vp->v_mount;
	uint32_t n;

	for (;;) {
		n = vp->v_refcnt;
		KASSERT(n > 0, ("vrele: vnode %p has no reference", vp));
		if (n > 1) {
			if (atomic_cmpset_int(&vp->v_refcnt, n, n - 1))
				return;
			continue;
		}
		spin_lock(&mp->mnt_spin);
		if (atomic_cmpset_int(&vp->v_refcnt, 1, 0)) {
			vp->v_flag |= VRECLAIM;
			TAILQ_REMOVE(&mp->mnt_vnodes, vp, v_mntvnodes);
			spin_unlock(&mp->mnt_spin);
			vnode_finish(vp);
			return;
		}
		spin_unlock(&mp->mnt_spin);	/* somebody took one: again */
	}
}
