/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the VFS and the lookup (book/43-vfs.nw,
 * book/45-namei.nw): memfs's getattr called directly, without a
 * message; a vop_getattr round trip to a memfs mount whose port is
 * synchronous (the operation runs in the caller), served by one
 * thread on the sender's CPU (two thread switches), or, with two CPUs
 * or more, by a thread of another CPU (two IPI messages); and the lookup
 * of a four-component path ("a/b/c/f", from the mount's root) on each
 * kind of mount, where every component is a VOP_LOOKUP and each
 * intermediate vnode is made and finished again (no name cache).  The
 * mounts live on directories of /tmp; with no /tmp a line says so.
 */
#include <stdint.h>

#include "kern/globaldata.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/vop.h"

/* What one op needs: the mount's root, and the path for lookups. */
struct vb_op {
	struct vnode	*root;
	const char	*path;
	int		errors;
};

/* One op: a getattr as a message. */
static void
vb_getattr_op(void *arg)
{
	struct vb_op *op = arg;
	struct vattr va;

	if (vop_getattr(op->root, &va) != 0)
		op->errors++;
}

/* One op: the filesystem's getattr called directly (vop_dispatch), no
 * message: what the message adds is the difference. */
static void
vb_getattr_direct_op(void *arg)
{
	struct vb_op *op = arg;
	struct vop_attr_args a;
	struct vattr va;

	a.a_head.a_op = VOP_GETATTR;
	a.a_head.a_vp = op->root;
	a.a_vap = &va;
	if (vop_dispatch(&a.a_head) != 0)
		op->errors++;
}

/* One op: look up a four-component path and let go of it. */
static void
vb_lookup_op(void *arg)
{
	struct vb_op *op = arg;
	struct nlookupdata nd;

	if (nlookup_init(&nd, op->path, UIO_SYSSPACE, 0) == 0) {
		nlookup_set_startdir(&nd, op->root);
		if (nlookup(&nd) != 0)
			op->errors++;
	}
	nlookup_done(&nd);
}

/* A directory NAME in DVP (made, or the one there), referenced. */
static struct vnode *
vb_mkdir(struct vnode *dvp, const char *name)
{
	struct componentname cn = { name, 0 };
	struct vnode *vp;

	while (name[cn.cn_namelen] != '\0')
		cn.cn_namelen++;
	if (vop_mkdir(dvp, &cn, 0755, &vp) == -EEXIST &&
	    vop_lookup(dvp, &cn, &vp) != 0)
		return NULL;
	return vp;
}

/* Mount memfs with OPTIONS on /tmp/NAME and make a/b/c/f in it: the
 * mount, or NULL (a line says why). */
static struct mount *
vb_mount(struct kbench_ctx *kb, const char *name, const char *options)
{
	struct vnode *tmp, *dir, *a, *b, *c;
	struct componentname cn = { "f", 1 };
	struct mount *mp = NULL;
	struct vnode *f;

	if (nlookup_vnode("/tmp", NLC_FOLLOW, &tmp) != 0) {
		kprintf("note: %s: no /tmp to mount on\n", kb->name);
		return NULL;
	}
	dir = vb_mkdir(tmp, name);
	vrele(tmp);
	if (dir == NULL || vfs_mount("memfs", "memfs", options, 0, dir,
	    name, &mp) != 0) {
		kprintf("note: %s: cannot mount memfs on /tmp/%s\n", kb->name,
		    name);
		if (dir != NULL)
			vrele(dir);
		return NULL;
	}
	vrele(dir);
	a = vb_mkdir(mp->mnt_rootvp, "a");
	b = a != NULL ? vb_mkdir(a, "b") : NULL;
	c = b != NULL ? vb_mkdir(b, "c") : NULL;
	if (c != NULL && vop_create(c, &cn, 0644, &f) == 0)
		vrele(f);
	if (a != NULL)
		vrele(a);
	if (b != NULL)
		vrele(b);
	if (c != NULL)
		vrele(c);
	return mp;
}

/* Measure getattr and a lookup on a memfs with OPTIONS, prefixing the
 * metrics with WHAT. */
static void
vb_measure(struct kbench_ctx *kb, const char *name, const char *options,
    const char *getattr_metric, const char *lookup_metric)
{
	static struct vb_op op;
	struct mount *mp;

	if ((mp = vb_mount(kb, name, options)) == NULL)
		return;
	op.root = mp->mnt_rootvp;
	op.path = "a/b/c/f";
	op.errors = 0;
	kbench_measure(kb, getattr_metric, vb_getattr_op, &op, 500);
	kbench_measure(kb, lookup_metric, vb_lookup_op, &op, 100);
	if (op.errors != 0)
		kprintf("note: %s: %d operations failed\n", kb->name,
		    op.errors);
	/* The mount stays, with its tree: a second run finds them. */
}

KBENCH(vfs_vop_sync_port)
{
	static struct vb_op op;
	struct vnode *root;

	vb_measure(kb, "vb_sync", "threads=sync", "ticks_per_getattr",
	    "ticks_per_lookup4");
	if (nlookup_vnode("/tmp/vb_sync", NLC_FOLLOW, &root) != 0)
		return;
	op.root = root;
	kbench_measure(kb, "ticks_per_getattr_direct", vb_getattr_direct_op,
	    &op, 500);
	vrele(root);
}

KBENCH(vfs_vop_thread_same_cpu)
{
	/* percpu: the sender's CPU has a thread of its own. */
	vb_measure(kb, "vb_percpu", "threads=percpu", "ticks_per_getattr",
	    "ticks_per_lookup4");
}

/* The cross-CPU case is measured from a thread on CPU 1, the mount's
 * one thread being on CPU 0. */
struct vb_remote {
	struct kbench_ctx *kb;
	volatile int	done;
};

static void
vb_remote_thread(void *arg)
{
	struct vb_remote *r = arg;

	vb_measure(r->kb, "vb_one", "threads=1", "ticks_per_getattr",
	    "ticks_per_lookup4");
	r->done = 1;
}

KBENCH(vfs_vop_thread_other_cpu)
{
	static struct vb_remote r;

	if (ncpus < 2) {
		kprintf("note: %s: 1 CPU: nothing to measure across CPUs\n",
		    kb->name);
		return;
	}
	r.kb = kb;
	r.done = 0;
	if (lwkt_create(vb_remote_thread, &r, NULL, 0, 1, "vbremote") != 0)
		return;
	while (!r.done)
		lwkt_yield();
}
