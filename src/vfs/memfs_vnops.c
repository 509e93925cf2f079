/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * memfs's vnode operations (book/44-memfs.nw), served by the mount's
 * threads; each holds the mount's lock.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "vfs/memfs.h"
#include "vfs/vfs_file.h"
#include "vm/kmalloc.h"

/* The mount, the memfs and the node of the vnode of AP's head. */
#define MEMFS_OP_INIT(ap, mp, mm, np) do {				\
	(mp) = (ap)->a_head.a_vp->v_mount;				\
	(mm) = (mp)->mnt_data;						\
	(np) = (ap)->a_head.a_vp->v_data;				\
} while (0)
/* VOP_LOOKUP. */
static int
memfs_lookup(struct vop_lookup_args *ap)
{
	struct componentname *cnp = ap->a_cnp;
	struct memfs_dirent *de;
	struct memfs_node *dp, *np = NULL;
	struct memfs_mount *mm;
	struct mount *mp;
	int error = 0;

	MEMFS_OP_INIT(ap, mp, mm, dp);
	vlock_acquire(&mm->mm_lock);
	if (dp->mn_type != VDIR)
		error = -ENOTDIR;
	else if (cnp->cn_namelen == 2 && cnp->cn_nameptr[0] == '.' &&
	    cnp->cn_nameptr[1] == '.') {
		if ((np = dp->mn_parent) == NULL)
			error = -ENOENT;	/* a removed directory */
	} else if ((de = memfs_dir_find(dp, cnp)) != NULL)
		np = de->md_node;
	else
		error = -ENOENT;
	if (error == 0)
		error = memfs_vnode(mp, np, ap->a_vpp);
	vlock_release(&mm->mm_lock);
	return error;
}
/* A new node of TYPE, MODE named CNP in DP, and its vnode in *VPP
 * (if VPP): 0 or -errno, nothing left on failure.  mm_lock held. */
static int
memfs_make(struct mount *mp, struct memfs_node *dp,
    struct componentname *cnp, enum vtype type, uint32_t mode,
    struct memfs_node **npp, struct vnode **vpp)
{
	struct memfs_mount *mm = mp->mnt_data;
	struct memfs_node *np;
	int error;

	if (dp->mn_type != VDIR)
		return -ENOTDIR;
	if (dp->mn_nlink == 0)
		return -ENOENT;			/* a directory removed */
	if (memfs_dir_find(dp, cnp) != NULL)
		return -EEXIST;
	if ((error = memfs_node_alloc(mm, type, mode, &np)) != 0)
		return error;
	if (type == VDIR)
		np->mn_nlink = 1;		/* its own "." */
	if ((error = memfs_dir_add(mm, dp, cnp, np)) != 0) {
		np->mn_nlink = 0;
		memfs_node_release(mm, np);
		return error;
	}
	*npp = np;
	if (vpp != NULL && (error = memfs_vnode(mp, np, vpp)) != 0)
		return error;			/* named, but no vnode */
	return 0;
}

/* VOP_CREATE and VOP_MKDIR (by the operation's number). */
static int
memfs_create(struct vop_create_args *ap)
{
	enum vtype type = ap->a_head.a_op == VOP_MKDIR ? VDIR : VREG;
	struct memfs_node *dp, *np;
	struct memfs_mount *mm;
	struct mount *mp;
	int error;

	MEMFS_OP_INIT(ap, mp, mm, dp);
	vlock_acquire(&mm->mm_lock);
	error = memfs_make(mp, dp, ap->a_cnp, type, ap->a_mode, &np,
	    ap->a_vpp);
	vlock_release(&mm->mm_lock);
	return error;
}

/* VOP_SYMLINK: a link node whose contents are the target. */
static int
memfs_symlink(struct vop_symlink_args *ap)
{
	size_t len = kstrlen(ap->a_target);
	struct memfs_node *dp, *np;
	struct memfs_mount *mm;
	struct mount *mp;
	int error;

	MEMFS_OP_INIT(ap, mp, mm, dp);
	vlock_acquire(&mm->mm_lock);
	error = memfs_make(mp, dp, ap->a_cnp, VLNK, 0777, &np, NULL);
	if (error == 0 && (error = memfs_resize(mm, np, len)) != 0)
		memfs_dir_remove(mm, dp, memfs_dir_find(dp, ap->a_cnp));
	else if (error == 0)
		kmemcpy(np->mn_data, ap->a_target, len);
	vlock_release(&mm->mm_lock);
	return error;
}

/* VOP_LINK: a new name for a file (never a directory: -EPERM). */
static int
memfs_link(struct vop_link_args *ap)
{
	struct memfs_node *dp, *np = ap->a_target->v_data;
	struct memfs_mount *mm;
	struct mount *mp;
	int error;

	MEMFS_OP_INIT(ap, mp, mm, dp);
	vlock_acquire(&mm->mm_lock);
	if (dp->mn_type != VDIR)
		error = -ENOTDIR;
	else if (np->mn_type == VDIR)
		error = -EPERM;
	else if (np->mn_nlink == 0 || dp->mn_nlink == 0)
		error = -ENOENT;		/* removed meanwhile */
	else if (memfs_dir_find(dp, ap->a_cnp) != NULL)
		error = -EEXIST;
	else
		error = memfs_dir_add(mm, dp, ap->a_cnp, np);
	vlock_release(&mm->mm_lock);
	return error;
}
/* VOP_REMOVE and VOP_RMDIR (by the operation's number). */
static int
memfs_remove(struct vop_remove_args *ap)
{
	int rmdir = ap->a_head.a_op == VOP_RMDIR;
	struct memfs_node *dp, *np;
	struct memfs_dirent *de;
	struct memfs_mount *mm;
	struct mount *mp;
	int error = 0;

	MEMFS_OP_INIT(ap, mp, mm, dp);
	(void)mp;
	vlock_acquire(&mm->mm_lock);
	if (dp->mn_type != VDIR)
		error = -ENOTDIR;
	else if ((de = memfs_dir_find(dp, ap->a_cnp)) == NULL)
		error = -ENOENT;
	else {
		np = de->md_node;
		if (np->mn_type == VDIR && !rmdir)
			error = -EPERM;
		else if (np->mn_type != VDIR && rmdir)
			error = -ENOTDIR;
		else if (rmdir && !TAILQ_EMPTY(&np->mn_entries))
			error = -ENOTEMPTY;
		else
			memfs_dir_remove(mm, dp, de);
	}
	vlock_release(&mm->mm_lock);
	return error;
}
/* Is A the directory D or one of D's ancestors?  mm_lock held. */
static int
memfs_is_ancestor(struct memfs_node *a, struct memfs_node *d)
{
	for (;;) {
		if (d == a)
			return 1;
		if (d->mn_parent == d || d->mn_parent == NULL)
			return 0;		/* the root */
		d = d->mn_parent;
	}
}

/* May node FROM replace node TO (the target name's) in a rename? */
static int
memfs_rename_check(struct memfs_node *from, struct memfs_node *to)
{
	if (to == NULL)
		return 0;
	if (from->mn_type == VDIR && to->mn_type != VDIR)
		return -ENOTDIR;
	if (from->mn_type != VDIR && to->mn_type == VDIR)
		return -EISDIR;
	if (to->mn_type == VDIR && !TAILQ_EMPTY(&to->mn_entries))
		return -ENOTEMPTY;
	return 0;
}

/* VOP_RENAME. */
static int
memfs_rename(struct vop_rename_args *ap)
{
	struct memfs_node *fdp, *tdp = ap->a_tdvp->v_data, *np;
	struct memfs_dirent *fde, *tde;
	struct memfs_mount *mm;
	struct mount *mp;
	int error = 0;

	MEMFS_OP_INIT(ap, mp, mm, fdp);
	vlock_acquire(&mm->mm_lock);
	if (fdp->mn_type != VDIR || tdp->mn_type != VDIR)
		error = -ENOTDIR;
	else if ((fde = memfs_dir_find(fdp, ap->a_fcnp)) == NULL)
		error = -ENOENT;
	else if (tdp->mn_nlink == 0)
		error = -ENOENT;		/* the target dir was removed */
	if (error != 0)
		goto out;
	np = fde->md_node;
	tde = memfs_dir_find(tdp, ap->a_tcnp);
	if (tde != NULL && tde->md_node == np)
		goto out;			/* the same file: done */
	if (np->mn_type == VDIR && memfs_is_ancestor(np, tdp)) {
		error = -EINVAL;
		goto out;
	}
	if ((error = memfs_rename_check(np, tde != NULL ? tde->md_node :
	    NULL)) != 0)
		goto out;
	if (tde != NULL)
		memfs_dir_remove(mm, tdp, tde);
	if ((error = memfs_dir_add(mm, tdp, ap->a_tcnp, np)) != 0)
		goto out;
	memfs_dir_unlink(mm, fdp, fde);
out:
	vlock_release(&mm->mm_lock);
	return error;
}
/* VOP_READ: bytes from a_offset up to the end. */
static int
memfs_read(struct vop_rw_args *ap)
{
	struct memfs_mount *mm;
	struct memfs_node *np;
	struct mount *mp;
	size_t n = 0;
	int error = 0;

	MEMFS_OP_INIT(ap, mp, mm, np);
	(void)mp;
	if (ap->a_offset < 0)
		return -EINVAL;
	vlock_acquire(&mm->mm_lock);
	if (np->mn_type == VDIR)
		error = -EISDIR;
	else if ((uint64_t)ap->a_offset < np->mn_size) {
		n = np->mn_size - (size_t)ap->a_offset;
		error = uiomove(np->mn_data + ap->a_offset, n, ap->a_uio);
	}
	vlock_release(&mm->mm_lock);
	return error;
}

/* VOP_WRITE: the file grows as needed; -ENOSPC at the mount's limit. */
static int
memfs_write(struct vop_rw_args *ap)
{
	struct memfs_mount *mm;
	struct memfs_node *np;
	struct mount *mp;
	size_t n, end;
	int error = 0;

	MEMFS_OP_INIT(ap, mp, mm, np);
	(void)mp;
	n = ap->a_uio->uio_resid;
	if (ap->a_offset < 0 || (uint64_t)ap->a_offset + n > 0x7fffffff)
		return -EFBIG;
	end = (size_t)ap->a_offset + n;
	vlock_acquire(&mm->mm_lock);
	if (np->mn_type != VREG)
		error = -EISDIR;
	else if (end > np->mn_size)
		error = memfs_resize(mm, np, end);
	if (error == 0) {
		error = uiomove(np->mn_data + ap->a_offset, n, ap->a_uio);
		np->mn_mtime = memfs_now();
	}
	vlock_release(&mm->mm_lock);
	return error;
}

/* VOP_READLINK: the target. */
static int
memfs_readlink(struct vop_rw_args *ap)
{
	struct memfs_mount *mm;
	struct memfs_node *np;
	struct mount *mp;
	int error;

	MEMFS_OP_INIT(ap, mp, mm, np);
	(void)mp;
	vlock_acquire(&mm->mm_lock);
	error = np->mn_type != VLNK ? -EINVAL :
	    uiomove(np->mn_data, np->mn_size, ap->a_uio);
	vlock_release(&mm->mm_lock);
	return error;
}
/* Put the entry of cookie C (NAME, LEN, node NP) in UIO: 1 if it went
 * in (*COOKIEP then past it), 0 if full, or -errno. */
static int
memfs_readdir_put(struct uio *uio, uint32_t c, struct memfs_node *np,
    const char *name, size_t len, int64_t *cookiep)
{
	int r = vfs_dirent_put(uio, np->mn_ino,
	    vfs_dirent_type(np->mn_type), name, len);

	if (r > 0)
		*cookiep = (int64_t)c + 1;
	return r;
}

/* VOP_READDIR. */
static int
memfs_readdir(struct vop_rw_args *ap)
{
	struct memfs_dirent *de;
	struct memfs_mount *mm;
	struct memfs_node *dp;
	struct mount *mp;
	int r = 1;

	MEMFS_OP_INIT(ap, mp, mm, dp);
	(void)mp;
	vlock_acquire(&mm->mm_lock);
	if (dp->mn_type != VDIR) {
		vlock_release(&mm->mm_lock);
		return -ENOTDIR;
	}
	if (*ap->a_cookiep == 0)
		r = memfs_readdir_put(ap->a_uio, 0, dp, ".", 1,
		    ap->a_cookiep);
	if (r > 0 && *ap->a_cookiep == 1)
		r = memfs_readdir_put(ap->a_uio, 1, dp->mn_parent != NULL ?
		    dp->mn_parent : dp, "..", 2, ap->a_cookiep);
	TAILQ_FOREACH(de, &dp->mn_entries, md_link) {
		if (r <= 0)
			break;
		if ((int64_t)de->md_cookie < *ap->a_cookiep)
			continue;
		r = memfs_readdir_put(ap->a_uio, de->md_cookie, de->md_node,
		    de->md_name, de->md_namelen, ap->a_cookiep);
	}
	vlock_release(&mm->mm_lock);
	return r < 0 ? r : 0;
}
/* VOP_GETATTR. */
static int
memfs_getattr(struct vop_attr_args *ap)
{
	struct vattr *va = ap->a_vap;
	struct memfs_mount *mm;
	struct memfs_node *np;
	struct mount *mp;

	MEMFS_OP_INIT(ap, mp, mm, np);
	vlock_acquire(&mm->mm_lock);
	va->va_type = np->mn_type;
	va->va_mode = np->mn_mode;
	va->va_nlink = np->mn_nlink;
	va->va_fileid = np->mn_ino;
	va->va_fsid = mp->mnt_fsid;
	va->va_size = np->mn_type == VDIR ? 512 : np->mn_size;
	va->va_bytes = np->mn_cap;
	va->va_blocksize = VN_IOCHUNK;
	va->va_mtime = np->mn_mtime;
	vlock_release(&mm->mm_lock);
	return 0;
}

/* VOP_SETATTR: the size (a regular file's) and the mode. */
static int
memfs_setattr(struct vop_attr_args *ap)
{
	struct vattr *va = ap->a_vap;
	struct memfs_mount *mm;
	struct memfs_node *np;
	struct mount *mp;
	int error = 0;

	MEMFS_OP_INIT(ap, mp, mm, np);
	(void)mp;
	if ((va->va_mask & VA_SIZE) != 0 && va->va_size > 0x7fffffff)
		return -EFBIG;
	vlock_acquire(&mm->mm_lock);
	if ((va->va_mask & VA_SIZE) != 0)
		error = np->mn_type == VDIR ? -EISDIR :
		    np->mn_type != VREG ? -EINVAL :
		    memfs_resize(mm, np, (size_t)va->va_size);
	if (error == 0 && (va->va_mask & VA_MODE) != 0)
		np->mn_mode = va->va_mode & 07777;
	if (error == 0 && (va->va_mask & VA_MTIME) != 0)
		np->mn_mtime = va->va_mtime;
	vlock_release(&mm->mm_lock);
	return error;
}

/* VOP_RECLAIM: the node has one vnode fewer, and may go. */
static int
memfs_reclaim(struct vop_generic_args *ap)
{
	struct memfs_mount *mm = ap->a_vp->v_mount->mnt_data;
	struct memfs_node *np = ap->a_vp->v_data;

	vlock_acquire(&mm->mm_lock);
	np->mn_vnodes--;
	memfs_node_release(mm, np);
	vlock_release(&mm->mm_lock);
	return 0;
}

const struct vop_ops memfs_vops = {
	.vop_lookup = memfs_lookup,
	.vop_create = memfs_create,
	.vop_mkdir = memfs_create,
	.vop_rmdir = memfs_remove,
	.vop_remove = memfs_remove,
	.vop_link = memfs_link,
	.vop_rename = memfs_rename,
	.vop_symlink = memfs_symlink,
	.vop_readlink = memfs_readlink,
	.vop_read = memfs_read,
	.vop_write = memfs_write,
	.vop_getattr = memfs_getattr,
	.vop_setattr = memfs_setattr,
	.vop_readdir = memfs_readdir,
	.vop_reclaim = memfs_reclaim,
};
