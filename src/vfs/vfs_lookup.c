/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Path lookup (book/45-namei.nw): the walk from the root or the
 * current directory through mounts and links, the link filter.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/thread.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/path.h"
#include "vm/kmalloc.h"

/* Prepare ND for PATH (a program's if SEG is UIO_USERSPACE) with
 * FLAGS: 0, -EFAULT, -ENAMETOOLONG, -ENOENT (empty), -ENOMEM.  The
 * caller calls nlookup_done whatever this returns. */
int
nlookup_init(struct nlookupdata *nd, const char *path, enum uio_seg seg,
    int flags)
{
	int error;

	kmemset(nd, 0, sizeof(*nd));
	nd->nl_flags = flags;
	if ((nd->nl_path = kmalloc(PATH_MAX, 0)) == NULL)
		return -ENOMEM;
	if (seg == UIO_USERSPACE)
		error = copyinstr(path, nd->nl_path, PATH_MAX, NULL);
	else
		error = kstrlcpy(nd->nl_path, path, PATH_MAX) >= PATH_MAX ?
		    -ENAMETOOLONG : 0;
	if (error == 0 && nd->nl_path[0] == '\0')
		error = -ENOENT;
	return error;
}

/* Relative paths of ND start at VP (which the caller holds). */
void
nlookup_set_startdir(struct nlookupdata *nd, struct vnode *vp)
{
	vref(vp);
	nd->nl_startdir = vp;
}

/* Release what ND holds: its vnodes and buffers. */
void
nlookup_done(struct nlookupdata *nd)
{
	if (nd->nl_vp != NULL)
		vrele(nd->nl_vp);
	if (nd->nl_dvp != NULL)
		vrele(nd->nl_dvp);
	if (nd->nl_startdir != NULL)
		vrele(nd->nl_startdir);
	kfree(nd->nl_path);
	kfree(nd->nl_link);
	kmemset(nd, 0, sizeof(*nd));
}

/* The vnode a lookup of ND starts in, referenced: 0, or -ENOENT when
 * there is no root. */
static int
nlookup_start(struct nlookupdata *nd, struct vnode **dvpp)
{
	struct vnode *vp;

	if (nd->nl_path[0] == '/')
		vp = rootvnode;
	else if (nd->nl_startdir != NULL)
		vp = nd->nl_startdir;
	else if ((vp = proc_cwd(curproc)) != NULL) {
		*dvpp = vp;			/* proc_cwd referenced it */
		return 0;
	}
	if (vp == NULL)
		return -ENOENT;
	vref(vp);
	*dvpp = vp;
	return 0;
}
static struct componentname dotdot_cn = { "..", 2 };

/* The vnode of ".." from directory DVP (held), referenced, in *VPP:
 * 0 or the filesystem's error. */
static int
lookup_dotdot(struct vnode *dvp, struct vnode **vpp)
{
	struct vnode *up;
	int error;

	vref(dvp);
	while ((up = vfs_covered(dvp)) != NULL) {
		vrele(dvp);
		dvp = up;
	}
	if ((dvp->v_flag & VROOT) != 0) {
		*vpp = dvp;			/* the root's parent: itself */
		return 0;
	}
	error = vop_lookup(dvp, &dotdot_cn, vpp);
	vrele(dvp);
	return error;
}

/* Replace *VPP, while a mount covers it, by that mount's root. */
static void
lookup_cross_down(struct vnode **vpp)
{
	struct vnode *root;

	while (vfs_mountpoint_root(*vpp, &root)) {
		vrele(*vpp);
		*vpp = root;
	}
}
static namei_link_filter_t namei_link_filter;	/* NULL: targets as read */

/* Register FN to rewrite every link's target before it is followed;
 * NULL removes it.  The one registered before. */
namei_link_filter_t
namei_set_link_filter(namei_link_filter_t fn)
{
	namei_link_filter_t old = namei_link_filter;

	namei_link_filter = fn;
	return old;
}

/* Follow link LVP met before REST of ND's path, from directory *DVPP:
 * 0, ND's path is the target and the rest and *DVPP where it starts;
 * or -ELOOP, -ENAMETOOLONG, -ENOENT, -ENOMEM, the filter's error. */
static int
lookup_follow(struct nlookupdata *nd, struct vnode *lvp, const char *rest,
    struct vnode **dvpp)
{
	namei_link_filter_t filter = namei_link_filter;
	char *target;
	struct uio uio;
	size_t n;
	int error;

	if (++nd->nl_nlinks > MAXSYMLINKS)
		return -ELOOP;
	if (nd->nl_link == NULL &&
	    (nd->nl_link = kmalloc(2 * PATH_MAX, 0)) == NULL)
		return -ENOMEM;
	target = nd->nl_link;
	uio_init(&uio, target, PATH_MAX, UIO_SYSSPACE, UIO_READ);
	if ((error = vop_readlink(lvp, &uio)) != 0)
		return error;
	if ((n = PATH_MAX - uio.uio_resid) == PATH_MAX)
		return -ENAMETOOLONG;
	target[n] = '\0';
	if (filter != NULL) {
		if ((error = filter(target, nd->nl_link + PATH_MAX,
		    PATH_MAX)) != 0)
			return error;
		target = nd->nl_link + PATH_MAX;
	}
	if ((error = path_splice(nd->nl_path, PATH_MAX, rest, target)) != 0)
		return error;
	if (target[0] == '/') {
		vrele(*dvpp);
		vref(rootvnode);
		*dvpp = rootvnode;
	}
	return 0;
}
/* The end of a path at directory DVP (held; ND takes it over). */
static void
nlookup_at_dir(struct nlookupdata *nd, struct vnode *dvp)
{
	static const char dot[] = ".";

	if ((nd->nl_flags & NLC_PARENT) != 0) {
		vref(dvp);
		nd->nl_dvp = dvp;
		nd->nl_cn.cn_nameptr = dot;
		nd->nl_cn.cn_namelen = 1;
	}
	nd->nl_vp = dvp;
}

/* Look ND's path up: 0 with nl_vp (and nl_dvp, nl_cn for NLC_PARENT),
 * or -errno with nothing held.  The caller's thread. */
int
nlookup(struct nlookupdata *nd)
{
	struct path_component pc;
	struct componentname cn;
	struct vnode *dvp, *vp;
	const char *p = nd->nl_path;
	int error, kind, r;

	if ((error = nlookup_start(nd, &dvp)) != 0)
		return error;
	for (;;) {
		if ((r = path_next(&p, &pc)) <= 0) {
			if (r == 0) {
				nlookup_at_dir(nd, dvp);
				return 0;
			}
			error = r;
			break;
		}
		if (dvp->v_type != VDIR) {
			error = -ENOTDIR;
			break;
		}
		cn.cn_nameptr = pc.pc_name;
		cn.cn_namelen = pc.pc_len;
		kind = path_dotkind(pc.pc_name, pc.pc_len);
		if (kind == PATH_DOT) {
			vref(dvp);
			vp = dvp;
			error = 0;
		} else if (kind == PATH_DOTDOT)
			error = lookup_dotdot(dvp, &vp);
		else
			error = vop_lookup(dvp, &cn, &vp);
		if (pc.pc_last && (nd->nl_flags & NLC_PARENT) != 0) {
			if (error == -ENOENT) {
				vp = NULL;			/* not there: fine */
				error = 0;
			}
			if (error != 0)
				break;
			nd->nl_dvp = dvp;
			nd->nl_vp = vp;
			nd->nl_cn = cn;
			nd->nl_trailing = pc.pc_trailing;
			return 0;
		}
		if (error != 0)
			break;
		lookup_cross_down(&vp);
		if (vp->v_type == VLNK && (!pc.pc_last || pc.pc_trailing ||
		    (nd->nl_flags & NLC_FOLLOW) != 0)) {
			error = lookup_follow(nd, vp, p, &dvp);
			vrele(vp);
			if (error != 0)
				break;
			p = nd->nl_path;
			continue;
		}
		if (pc.pc_last) {
			if (pc.pc_trailing && vp->v_type != VDIR) {
				vrele(vp);
				error = -ENOTDIR;
				break;
			}
			vrele(dvp);
			nd->nl_vp = vp;
			nd->nl_trailing = pc.pc_trailing;
			return 0;
		}
		vrele(dvp);
		dvp = vp;
	}
	vrele(dvp);
	return error;
}
/* The vnode of kernel path PATH (FLAGS: NLC_FOLLOW), referenced: 0 and
 * *VPP, or -errno. */
int
nlookup_vnode(const char *path, int flags, struct vnode **vpp)
{
	struct nlookupdata nd;
	int error;

	*vpp = NULL;
	error = nlookup_init(&nd, path, UIO_SYSSPACE, flags & NLC_FOLLOW);
	if (error == 0 && (error = nlookup(&nd)) == 0) {
		*vpp = nd.nl_vp;
		nd.nl_vp = NULL;
	}
	nlookup_done(&nd);
	return error;
}
