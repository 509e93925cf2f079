/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Mounts (book/43-vfs.nw): filesystem types, the mount list, mounting
 * and unmounting, mount points, sync and statfs of every mount.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/sysinit.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vm/kmalloc.h"

static struct vfsconf *vfsconfs;	/* the types; boot adds, never removes */

/* Boot: make type VFC known to vfs_mount. */
void
vfs_register(struct vfsconf *vfc)
{
	vfc->vfc_next = vfsconfs;
	vfsconfs = vfc;
}

/* The type named NAME, or NULL. */
struct vfsconf *
vfs_byname(const char *name)
{
	struct vfsconf *vfc;

	for (vfc = vfsconfs; vfc != NULL; vfc = vfc->vfc_next)
		if (kstrcmp(vfc->vfc_name, name) == 0)
			return vfc;
	return NULL;
}
/* The mounts, in the order they were mounted; vfs_mount_lock's. */
static TAILQ_HEAD(, mount) mountlist;
static struct vlock vfs_mount_lock;	/* mount, unmount, the list */
static struct spinlock vfs_mountpoint_spin; /* every v_mountedhere */
static uint32_t vfs_next_fsid = 1;	/* the next mount's number */

/* The root of every path: the root mount's root; NULL before it. */
struct vnode *rootvnode;
/* If VP is covered by a mount: 1 and that mount's root in *ROOTP,
 * referenced; else 0.  The caller holds VP. */
int
vfs_mountpoint_root(struct vnode *vp, struct vnode **rootp)
{
	struct mount *mp;

	spin_lock(&vfs_mountpoint_spin);
	if ((mp = vp->v_mountedhere) != NULL)
		vref(mp->mnt_rootvp);
	spin_unlock(&vfs_mountpoint_spin);
	if (mp == NULL)
		return 0;
	*rootp = mp->mnt_rootvp;
	return 1;
}

/* If VP is the root of a mount that covers a vnode (not the root
 * mount): that vnode, referenced; else NULL.  The caller holds VP. */
struct vnode *
vfs_covered(struct vnode *vp)
{
	struct vnode *covered;

	if ((vp->v_flag & VROOT) == 0)
		return NULL;
	if ((covered = vp->v_mount->mnt_vnodecovered) != NULL)
		vref(covered);
	return covered;
}
/* A new mount of TYPE, FROM, named ON, not yet set up. */
static struct mount *
mount_alloc(const struct vfsconf *vfc, const char *from, const char *on,
    int flags)
{
	struct mount *mp = kmalloc(sizeof(*mp), M_ZERO);

	if (mp == NULL)
		return NULL;
	mp->mnt_op = vfc->vfc_op;
	mp->mnt_flag = flags & MNT_RDONLY;
	spin_init(&mp->mnt_spin);
	TAILQ_INIT(&mp->mnt_vnodes);
	kstrlcpy(mp->mnt_stat.f_fstypename, vfc->vfc_name,
	    sizeof(mp->mnt_stat.f_fstypename));
	kstrlcpy(mp->mnt_stat.f_mntonname, on,
	    sizeof(mp->mnt_stat.f_mntonname));
	kstrlcpy(mp->mnt_stat.f_mntfromname, from != NULL ? from : "",
	    sizeof(mp->mnt_stat.f_mntfromname));
	return mp;
}

/* The filesystem's mount and root: 0, or -errno with it all undone. */
static int
mount_setup(struct mount *mp, const char *from, const char *data)
{
	struct vnode *root;
	int error;

	if ((error = mp->mnt_op->vfs_mount(mp, from, data)) != 0) {
		vfs_port_destroy(mp);
		return error;
	}
	KASSERT(mp->mnt_port != NULL && mp->mnt_vn_ops != NULL,
	    ("vfs_mount: %s set up no port or operations",
	    mp->mnt_stat.f_fstypename));
	if ((error = mp->mnt_op->vfs_root(mp, &root)) != 0) {
		mp->mnt_op->vfs_unmount(mp);
		vfs_port_destroy(mp);
		return error;
	}
	root->v_flag |= VROOT;
	mp->mnt_rootvp = root;
	return 0;
}
/* Mount TYPE (FROM, options DATA, FLAGS) on directory COVERED, or as the
 * root if COVERED is NULL; ON names it.  0 and *MPP (if not NULL), or
 * -ENODEV (no such type), -ENOTDIR, -EBUSY (covered, or a second root),
 * -ENOMEM, or the filesystem's error.  Thread context. */
int
vfs_mount(const char *type, const char *from, const char *data, int flags,
    struct vnode *covered, const char *on, struct mount **mpp)
{
	struct vfsconf *vfc = vfs_byname(type);
	struct mount *mp;
	int error;

	if (vfc == NULL)
		return -ENODEV;
	if (covered != NULL && covered->v_type != VDIR)
		return -ENOTDIR;
	if ((mp = mount_alloc(vfc, from, on, flags)) == NULL)
		return -ENOMEM;
	vlock_acquire(&vfs_mount_lock);
	if ((covered == NULL && rootvnode != NULL) ||
	    (covered != NULL && (covered->v_mountedhere != NULL ||
	    covered == rootvnode))) {
		error = -EBUSY;
		goto fail;
	}
	mp->mnt_fsid = vfs_next_fsid++;
	mp->mnt_stat.f_fsid = mp->mnt_fsid;
	if ((error = mount_setup(mp, from, data)) != 0)
		goto fail;
	if (covered != NULL) {
		vref(covered);
		mp->mnt_vnodecovered = covered;
	}
	spin_lock(&vfs_mountpoint_spin);
	if (covered != NULL)
		covered->v_mountedhere = mp;
	else
		rootvnode = mp->mnt_rootvp;
	spin_unlock(&vfs_mountpoint_spin);
	TAILQ_INSERT_TAIL(&mountlist, mp, mnt_list);
	vlock_release(&vfs_mount_lock);
	if (mpp != NULL)
		*mpp = mp;
	return 0;
fail:
	vlock_release(&vfs_mount_lock);
	kfree(mp);
	return error;
}
/* Mount TYPE (FROM, options DATA) nowhere: 0 and *MPP, or -ENODEV,
 * -ENOMEM or the filesystem's error.  Thread context. */
int
vfs_mount_detached(const char *type, const char *from, const char *data,
    struct mount **mpp)
{
	struct vfsconf *vfc = vfs_byname(type);
	struct mount *mp;
	int error;

	if (vfc == NULL)
		return -ENODEV;
	if ((mp = mount_alloc(vfc, from, "", 0)) == NULL)
		return -ENOMEM;
	vlock_acquire(&vfs_mount_lock);
	mp->mnt_fsid = vfs_next_fsid++;
	vlock_release(&vfs_mount_lock);
	mp->mnt_stat.f_fsid = mp->mnt_fsid;
	if ((error = mount_setup(mp, from, data)) != 0) {
		kfree(mp);
		return error;
	}
	*mpp = mp;
	return 0;
}
/* Is MP in use beyond its own reference to its root and EXTRA more
 * (a caller's)?  Both spinlocks held (vfs_mountpoint_spin, then MP's). */
static int
mount_busy(struct mount *mp, uint32_t extra)
{
	return mp->mnt_nvnodes != 1 ||
	    mp->mnt_rootvp->v_refcnt != 1 + extra ||
	    mp->mnt_rootvp->v_mountedhere != NULL;
}
/* Unmount MP, whose root the caller holds EXTRA references to (0 or 1;
 * dropped on success): 0, or -EBUSY with nothing changed. */
static int
vfs_unmount_extra(struct mount *mp, uint32_t extra)
{
	struct vnode *covered;
	int error, busy;

	vlock_acquire(&vfs_mount_lock);
	if (mp->mnt_vnodecovered == NULL) {
		vlock_release(&vfs_mount_lock);
		return -EBUSY;			/* the root */
	}
	covered = mp->mnt_vnodecovered;
	spin_lock(&vfs_mountpoint_spin);
	spin_lock(&mp->mnt_spin);
	busy = mount_busy(mp, extra);
	if (!busy)
		covered->v_mountedhere = NULL;
	spin_unlock(&mp->mnt_spin);
	spin_unlock(&vfs_mountpoint_spin);
	if (busy) {
		vlock_release(&vfs_mount_lock);
		return -EBUSY;
	}
	TAILQ_REMOVE(&mountlist, mp, mnt_list);
	vlock_release(&vfs_mount_lock);
	if ((error = mp->mnt_op->vfs_sync(mp)) != 0)
		kprintf("vfs: unmount %s: sync: error %d\n",
		    mp->mnt_stat.f_mntonname, error);
	if (extra != 0)
		vrele(mp->mnt_rootvp);		/* the caller's */
	vrele(mp->mnt_rootvp);
	KASSERT(mp->mnt_nvnodes == 0, ("vfs_unmount: %s: %d vnodes left",
	    mp->mnt_stat.f_mntonname, mp->mnt_nvnodes));
	if ((error = mp->mnt_op->vfs_unmount(mp)) != 0)
		kprintf("vfs: unmount %s: error %d\n",
		    mp->mnt_stat.f_mntonname, error);
	vfs_port_destroy(mp);
	vrele(covered);
	kfree(mp);
	return 0;
}

/* Unmount MP: 0, or -EBUSY (in use, or the root) with nothing
 * changed.  The filesystem's errors of sync and unmount are printed;
 * the mount is gone all the same.  Thread context. */
int
vfs_unmount(struct mount *mp)
{
	return vfs_unmount_extra(mp, 0);
}

/* Unmount the mount whose root is ROOT, which the caller holds (a path
 * looked up): 0, ROOT released with the mount; -EINVAL (not the root of
 * a mount) or -EBUSY, ROOT released all the same. */
int
vfs_unmount_at(struct vnode *root)
{
	int error;

	if ((root->v_flag & VROOT) == 0) {
		vrele(root);
		return -EINVAL;
	}
	if ((error = vfs_unmount_extra(root->v_mount, 1)) != 0)
		vrele(root);
	return error;
}
/* Every mount writes what it changed: 0 or the first error. */
int
vfs_sync_all(void)
{
	struct mount *mp;
	int error, first = 0;

	vlock_acquire(&vfs_mount_lock);
	TAILQ_FOREACH(mp, &mountlist, mnt_list)
		if ((error = mp->mnt_op->vfs_sync(mp)) != 0 && first == 0)
			first = error;
	vlock_release(&vfs_mount_lock);
	return first;
}

/* MP's statfs into *SBP: its names and flags, the filesystem's counts. */
int
vfs_statfs(struct mount *mp, struct statfs *sbp)
{
	*sbp = mp->mnt_stat;
	sbp->f_flags = (uint32_t)mp->mnt_flag;
	return mp->mnt_op->vfs_statfs(mp, sbp);
}

/* The statfs of up to MAX mounts into SBP: how many mounts there are. */
int
vfs_getfsstat(struct statfs *sbp, int max)
{
	struct mount *mp;
	int n = 0;

	vlock_acquire(&vfs_mount_lock);
	TAILQ_FOREACH(mp, &mountlist, mnt_list) {
		if (n < max)
			vfs_statfs(mp, &sbp[n]);
		n++;
	}
	vlock_release(&vfs_mount_lock);
	return n;
}
/* Boot: the locks of the mount list.  Filesystems register after. */
static void
vfs_init(void *arg)
{
	(void)arg;
	TAILQ_INIT(&mountlist);
	vlock_init(&vfs_mount_lock, "mountlk");
	spin_init(&vfs_mountpoint_spin);
}

SYSINIT(vfs, SI_SUB_VFS, SI_ORDER_FIRST, vfs_init, NULL);
