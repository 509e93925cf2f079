/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2's vnode operations (book/51-ext2-vfs.nw): each a message served
 * by the mount's threads, each one call of book/47-ext2.nw's functions
 * under the mount's lock.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "vfs/ext2/ext2_var.h"
#include "vfs/ext2_vfs.h"
#include "vm/kmalloc.h"

/* The record of inode INO of EM, or NULL.  em_lock held. */
static struct ext2_node *
ext2_node_find(struct ext2_mount *em, uint32_t ino)
{
	struct ext2_node *en;

	TAILQ_FOREACH(en, &em->em_nodes, en_link)
		if (en->en_ino == ino)
			return en;
	return NULL;
}

/* The vnode type of ext2 mode MODE, or VNON. */
static enum vtype
ext2_vtype(uint16_t mode)
{
	if (EXT2_S_ISREG(mode))
		return VREG;
	if (EXT2_S_ISDIR(mode))
		return VDIR;
	if (EXT2_S_ISLNK(mode))
		return VLNK;
	return VNON;
}

/* Inode INO's vnode in MP, referenced: 0 and *VPP, or -EIO,
 * -EOPNOTSUPP, -ENOMEM.  em_lock held (neither vnode call sleeps). */
int
ext2_vnode(struct mount *mp, uint32_t ino, struct vnode **vpp)
{
	struct ext2_mount *em = mp->mnt_data;
	struct ext2_node *en;
	struct ext2_attr at;
	enum vtype type;
	int r, made = 0;

	if ((*vpp = vnode_find(mp, ino)) != NULL)
		return 0;
	if ((r = ext2_getattr(&em->em_fs, ino, &at)) != 0)
		return r;
	if ((type = ext2_vtype(at.a_mode)) == VNON) {
		kprintf("ext2: inode %u has mode %o: not a file, directory "
		    "or link Naiad knows\n", ino, at.a_mode);
		return -EOPNOTSUPP;
	}
	if ((en = ext2_node_find(em, ino)) == NULL) {
		if ((en = kmalloc(sizeof(*en), M_ZERO)) == NULL)
			return -ENOMEM;
		en->en_ino = ino;
		TAILQ_INSERT_TAIL(&em->em_nodes, en, en_link);
		made = 1;
	}
	r = vnode_create(mp, ino, type, en, vpp);
	if (r == 0)
		en->en_vnodes++;
	else if (made) {		/* failed, or another's vnode won */
		TAILQ_REMOVE(&em->em_nodes, en, en_link);
		kfree(en);
	}
	return r < 0 ? r : 0;
}

/* Inode INO lost a name (unlink, rmdir, rename over it): free it now if
 * no vnode uses it, else its last vnode's reclaim will.  em_lock held. */
static void
ext2_name_gone(struct ext2_mount *em, uint32_t ino)
{
	int error;

	if (ino == 0 || ext2_node_find(em, ino) != NULL)
		return;
	if ((error = ext2_inactive(&em->em_fs, ino)) != 0)
		kprintf("ext2: freeing inode %u: error %d\n", ino, error);
}
/* The ext2 mount and the inode of the vnode of AP's head. */
#define EXT2_OP(ap, em, ino) do {					\
	(em) = (ap)->a_head.a_vp->v_mount->mnt_data;			\
	(ino) = (ap)->a_head.a_vp->v_key;				\
} while (0)
/* VOP_LOOKUP. */
static int
ext2_vop_lookup(struct vop_lookup_args *ap)
{
	struct ext2_mount *em;
	uint32_t dir, ino;
	int error;

	EXT2_OP(ap, em, dir);
	vlock_acquire(&em->em_lock);
	error = ext2_lookup(&em->em_fs, dir, ap->a_cnp->cn_nameptr,
	    ap->a_cnp->cn_namelen, &ino);
	if (error == 0)
		error = ext2_vnode(ap->a_head.a_vp->v_mount, ino, ap->a_vpp);
	vlock_release(&em->em_lock);
	return error;
}

/* VOP_CREATE and VOP_MKDIR (by the operation's number). */
static int
ext2_vop_create(struct vop_create_args *ap)
{
	struct componentname *cnp = ap->a_cnp;
	struct ext2_mount *em;
	uint32_t dir, ino;
	int error;

	EXT2_OP(ap, em, dir);
	vlock_acquire(&em->em_lock);
	if (ap->a_head.a_op == VOP_MKDIR)
		error = ext2_mkdir(&em->em_fs, dir, cnp->cn_nameptr,
		    cnp->cn_namelen, (uint16_t)(ap->a_mode & 07777), &ino);
	else
		error = ext2_create(&em->em_fs, dir, cnp->cn_nameptr,
		    cnp->cn_namelen, (uint16_t)(ap->a_mode & 07777), &ino);
	if (error == 0)
		error = ext2_vnode(ap->a_head.a_vp->v_mount, ino, ap->a_vpp);
	vlock_release(&em->em_lock);
	return error;
}

/* VOP_SYMLINK. */
static int
ext2_vop_symlink(struct vop_symlink_args *ap)
{
	struct componentname *cnp = ap->a_cnp;
	struct ext2_mount *em;
	uint32_t dir, ino;
	int error;

	EXT2_OP(ap, em, dir);
	vlock_acquire(&em->em_lock);
	error = ext2_symlink(&em->em_fs, dir, cnp->cn_nameptr,
	    cnp->cn_namelen, ap->a_target, kstrlen(ap->a_target), &ino);
	vlock_release(&em->em_lock);
	return error;
}

/* VOP_LINK. */
static int
ext2_vop_link(struct vop_link_args *ap)
{
	struct componentname *cnp = ap->a_cnp;
	struct ext2_mount *em;
	uint32_t dir;
	int error;

	EXT2_OP(ap, em, dir);
	vlock_acquire(&em->em_lock);
	error = ext2_link(&em->em_fs, dir, cnp->cn_nameptr, cnp->cn_namelen,
	    ap->a_target->v_key);
	vlock_release(&em->em_lock);
	return error;
}
/* VOP_REMOVE and VOP_RMDIR (by the operation's number). */
static int
ext2_vop_remove(struct vop_remove_args *ap)
{
	struct componentname *cnp = ap->a_cnp;
	struct ext2_mount *em;
	uint32_t dir, ino = 0;
	int error;

	EXT2_OP(ap, em, dir);
	vlock_acquire(&em->em_lock);
	if (ap->a_head.a_op == VOP_RMDIR)
		error = ext2_rmdir(&em->em_fs, dir, cnp->cn_nameptr,
		    cnp->cn_namelen, &ino);
	else {
		error = ext2_unlink(&em->em_fs, dir, cnp->cn_nameptr,
		    cnp->cn_namelen, &ino);
		if (error == -EISDIR)
			error = -EPERM;
	}
	if (error == 0)
		ext2_name_gone(em, ino);
	vlock_release(&em->em_lock);
	return error;
}

/* VOP_RENAME. */
static int
ext2_vop_rename(struct vop_rename_args *ap)
{
	struct ext2_mount *em;
	uint32_t fdir, replaced = 0;
	int error;

	EXT2_OP(ap, em, fdir);
	vlock_acquire(&em->em_lock);
	error = ext2_rename(&em->em_fs, fdir, ap->a_fcnp->cn_nameptr,
	    ap->a_fcnp->cn_namelen, ap->a_tdvp->v_key,
	    ap->a_tcnp->cn_nameptr, ap->a_tcnp->cn_namelen, &replaced);
	if (error == 0)
		ext2_name_gone(em, replaced);
	vlock_release(&em->em_lock);
	return error;
}
/* Move UIO on by N bytes that were copied into or out of it. */
static void
ext2_uio_advance(struct uio *uio, size_t n)
{
	uio->uio_buf += n;
	uio->uio_resid -= n;
}

/* VOP_READ.  A directory is read with readdir. */
static int
ext2_vop_read(struct vop_rw_args *ap)
{
	struct uio *uio = ap->a_uio;
	struct ext2_mount *em;
	size_t done = 0;
	uint32_t ino;
	int error;

	EXT2_OP(ap, em, ino);
	if (ap->a_offset < 0)
		return -EINVAL;
	if (ap->a_head.a_vp->v_type == VDIR)
		return -EISDIR;
	vlock_acquire(&em->em_lock);
	error = ext2_read(&em->em_fs, ino, (uint64_t)ap->a_offset,
	    uio->uio_buf, uio->uio_resid, &done);
	vlock_release(&em->em_lock);
	ext2_uio_advance(uio, done);
	return error;
}

/* VOP_WRITE. */
static int
ext2_vop_write(struct vop_rw_args *ap)
{
	struct uio *uio = ap->a_uio;
	struct ext2_mount *em;
	size_t done = 0;
	uint32_t ino;
	int error;

	EXT2_OP(ap, em, ino);
	if (ap->a_offset < 0)
		return -EINVAL;
	vlock_acquire(&em->em_lock);
	error = ext2_write(&em->em_fs, ino, (uint64_t)ap->a_offset,
	    uio->uio_buf, uio->uio_resid, &done);
	vlock_release(&em->em_lock);
	ext2_uio_advance(uio, done);
	return error;
}

/* VOP_READLINK. */
static int
ext2_vop_readlink(struct vop_rw_args *ap)
{
	struct uio *uio = ap->a_uio;
	struct ext2_mount *em;
	size_t len = 0;
	uint32_t ino;
	int error;

	EXT2_OP(ap, em, ino);
	vlock_acquire(&em->em_lock);
	error = ext2_readlink(&em->em_fs, ino, uio->uio_buf,
	    uio->uio_resid, &len);
	vlock_release(&em->em_lock);
	if (error == 0)
		ext2_uio_advance(uio, len < uio->uio_resid ? len :
		    uio->uio_resid);
	return error;
}
/* The d_type of ext2 file type FT. */
static int
ext2_dtype(uint8_t ft)
{
	switch (ft) {
	case EXT2_FT_REG_FILE:
		return DT_REG;
	case EXT2_FT_DIR:
		return DT_DIR;
	case EXT2_FT_SYMLINK:
		return DT_LNK;
	case EXT2_FT_CHRDEV:
		return DT_CHR;
	}
	return DT_UNKNOWN;
}

/* VOP_READDIR. */
static int
ext2_vop_readdir(struct vop_rw_args *ap)
{
	struct ext2_mount *em;
	struct ext2_dent *d;
	uint64_t cookie, next;
	uint32_t ino;
	int r;

	EXT2_OP(ap, em, ino);
	if (*ap->a_cookiep < 0)
		return -EINVAL;
	if ((d = kmalloc(sizeof(*d), 0)) == NULL)
		return -ENOMEM;
	cookie = (uint64_t)*ap->a_cookiep;
	vlock_acquire(&em->em_lock);
	for (;;) {
		next = cookie;
		if ((r = ext2_readdir(&em->em_fs, ino, &next, d)) <= 0)
			break;
		r = vfs_dirent_put(ap->a_uio, d->d_ino, ext2_dtype(d->d_type),
		    d->d_name, d->d_namlen);
		if (r <= 0)
			break;
		cookie = next;
	}
	vlock_release(&em->em_lock);
	kfree(d);
	*ap->a_cookiep = (int64_t)cookie;
	return r < 0 ? r : 0;
}
/* VOP_GETATTR. */
static int
ext2_vop_getattr(struct vop_attr_args *ap)
{
	struct vattr *va = ap->a_vap;
	struct ext2_mount *em;
	struct ext2_attr at;
	uint32_t ino;
	int error;

	EXT2_OP(ap, em, ino);
	vlock_acquire(&em->em_lock);
	error = ext2_getattr(&em->em_fs, ino, &at);
	vlock_release(&em->em_lock);
	if (error != 0)
		return error;
	va->va_type = ext2_vtype(at.a_mode);
	va->va_mode = at.a_mode & 07777;
	va->va_nlink = at.a_nlink;
	va->va_fileid = ino;
	va->va_fsid = ap->a_head.a_vp->v_mount->mnt_fsid;
	va->va_size = at.a_size;
	va->va_bytes = (uint64_t)at.a_blocks * 512;
	va->va_blocksize = em->em_fs.fs_bsize;
	va->va_rdev = 0;
	va->va_mtime = (int32_t)at.a_mtime;
	return 0;
}

/* VOP_SETATTR: the size (ext2_truncate), the mode, the mtime. */
static int
ext2_vop_setattr(struct vop_attr_args *ap)
{
	struct vattr *va = ap->a_vap;
	struct ext2_mount *em;
	struct ext2_inode in;
	uint32_t ino;
	int error = 0;

	EXT2_OP(ap, em, ino);
	vlock_acquire(&em->em_lock);
	if ((va->va_mask & VA_SIZE) != 0)
		error = ext2_truncate(&em->em_fs, ino, va->va_size);
	if (error == 0 && (va->va_mask & (VA_MODE | VA_MTIME)) != 0 &&
	    (error = ext2_iget(&em->em_fs, ino, &in)) == 0) {
		if ((va->va_mask & VA_MODE) != 0)
			in.i_din.i_mode = (uint16_t)((in.i_din.i_mode &
			    EXT2_S_IFMT) | (va->va_mode & 07777));
		if ((va->va_mask & VA_MTIME) != 0)
			in.i_din.i_mtime = (uint32_t)va->va_mtime;
		in.i_din.i_ctime = ext2_now(&em->em_fs);
		error = ext2_iwrite(&em->em_fs, &in);
	}
	vlock_release(&em->em_lock);
	return error;
}

/* Every changed block of MP to its disk, under the mount's lock: 0 or
 * -errno.  VOP_FSYNC's work, and the mount's vfs_sync. */
int
ext2_sync_mount(struct mount *mp)
{
	struct ext2_mount *em = mp->mnt_data;
	int error;

	vlock_acquire(&em->em_lock);
	error = ext2_sync(&em->em_fs);
	vlock_release(&em->em_lock);
	return error;
}

/* VOP_FSYNC: ext2 writes the whole mount (its buffers are per device). */
static int
ext2_vop_fsync(struct vop_generic_args *ap)
{
	return ext2_sync_mount(ap->a_vp->v_mount);
}

/* VOP_RECLAIM: the inode has one vnode fewer; with none left, an inode
 * whose names are all gone is freed. */
static int
ext2_vop_reclaim(struct vop_generic_args *ap)
{
	struct ext2_mount *em = ap->a_vp->v_mount->mnt_data;
	struct ext2_node *en = ap->a_vp->v_data;
	int error = 0;

	vlock_acquire(&em->em_lock);
	if (--en->en_vnodes == 0) {
		TAILQ_REMOVE(&em->em_nodes, en, en_link);
		if ((em->em_fs.fs_flags & EXT2_FS_RDONLY) == 0)
			error = ext2_inactive(&em->em_fs, en->en_ino);
		if (error != 0)
			kprintf("ext2: freeing inode %u: error %d\n",
			    en->en_ino, error);
		kfree(en);
	}
	vlock_release(&em->em_lock);
	return 0;
}

/** The vnode operations of ext2. */
const struct vop_ops ext2_vops = {
	.vop_lookup = ext2_vop_lookup,
	.vop_create = ext2_vop_create,
	.vop_mkdir = ext2_vop_create,
	.vop_rmdir = ext2_vop_remove,
	.vop_remove = ext2_vop_remove,
	.vop_link = ext2_vop_link,
	.vop_rename = ext2_vop_rename,
	.vop_symlink = ext2_vop_symlink,
	.vop_readlink = ext2_vop_readlink,
	.vop_read = ext2_vop_read,
	.vop_write = ext2_vop_write,
	.vop_getattr = ext2_vop_getattr,
	.vop_setattr = ext2_vop_setattr,
	.vop_readdir = ext2_vop_readdir,
	.vop_fsync = ext2_vop_fsync,
	.vop_reclaim = ext2_vop_reclaim,
};
