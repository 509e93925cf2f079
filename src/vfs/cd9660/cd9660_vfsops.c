/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * cd9660 (book/52-cd9660.nw): ISO 9660 as a read-only VFS filesystem,
 * served by one thread, over the buffer cache.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/device.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"
#include "vfs/cd9660/iso9660.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"
#include "vm/kmalloc.h"

/** A mounted CD. */
struct cd9660_mount {
	struct iso_volume cm_vol;	/**< the volume */
	struct iso_entry cm_root;	/**< its root directory */
};

/* The key of IE's vnode: a directory's extent, a file's record. */
static uint32_t
cd9660_key(const struct iso_entry *ie)
{
	return (ie->ie_mode & ISO_IFMT) == ISO_IFDIR ?
	    ie->ie_extent * ISO_BLOCK : ie->ie_addr;
}

/* The vnode type of IE. */
static enum vtype
cd9660_vtype(const struct iso_entry *ie)
{
	switch (ie->ie_mode & ISO_IFMT) {
	case ISO_IFDIR:
		return VDIR;
	case ISO_IFLNK:
		return VLNK;
	default:
		return VREG;
	}
}

/* IE's vnode in MP, referenced: 0 or -ENOMEM. */
static int
cd9660_vnode(struct mount *mp, const struct iso_entry *ie,
    struct vnode **vpp)
{
	struct iso_entry *copy;
	int r;

	if ((*vpp = vnode_find(mp, cd9660_key(ie))) != NULL)
		return 0;
	if ((copy = kmalloc(sizeof(*copy), 0)) == NULL)
		return -ENOMEM;
	*copy = *ie;
	r = vnode_create(mp, cd9660_key(ie), cd9660_vtype(ie), copy, vpp);
	if (r != 0)			/* another's (1), or no memory */
		kfree(copy);
	return r < 0 ? r : 0;
}

/* VOP_RECLAIM: the entry's copy goes. */
static int
cd9660_reclaim(struct vop_generic_args *ap)
{
	kfree(ap->a_vp->v_data);
	ap->a_vp->v_data = NULL;
	return 0;
}
/* VOP_LOOKUP */
static int
cd9660_lookup(struct vop_lookup_args *ap)
{
	struct vnode *dvp = ap->a_head.a_vp;
	struct cd9660_mount *cm = dvp->v_mount->mnt_data;
	struct componentname *cnp = ap->a_cnp;
	struct iso_entry *ie;
	int error;

	if (dvp->v_type != VDIR)
		return -ENOTDIR;
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*ap->a_vpp = dvp;
		return 0;
	}
	if ((ie = kmalloc(sizeof(*ie), 0)) == NULL)	/* 300 bytes */
		return -ENOMEM;
	error = iso_lookup(&cm->cm_vol, dvp->v_data, cnp->cn_nameptr,
	    cnp->cn_namelen, ie);
	if (error == 0)
		error = cd9660_vnode(dvp->v_mount, ie, ap->a_vpp);
	kfree(ie);
	return error;
}

/* iso_read's copy: into the caller's uio. */
static int
cd9660_uiomove(const void *src, size_t n, void *uio)
{
	return uiomove((void *)(uintptr_t)src, n, uio);
}

/* VOP_READ */
static int
cd9660_read(struct vop_rw_args *ap)
{
	struct vnode *vp = ap->a_head.a_vp;
	struct cd9660_mount *cm = vp->v_mount->mnt_data;
	int r;

	if (vp->v_type == VDIR)
		return -EISDIR;
	if (ap->a_offset < 0)
		return -EINVAL;
	r = iso_read(&cm->cm_vol, vp->v_data, (uint64_t)ap->a_offset,
	    ap->a_uio->uio_resid, cd9660_uiomove, ap->a_uio);
	return r < 0 ? r : 0;
}

/* VOP_READLINK */
static int
cd9660_readlink(struct vop_rw_args *ap)
{
	struct vnode *vp = ap->a_head.a_vp;
	struct cd9660_mount *cm = vp->v_mount->mnt_data;
	char *target;
	int r;

	if (vp->v_type != VLNK)
		return -EINVAL;
	if ((target = kmalloc(ISO_LINK_MAX, 0)) == NULL)
		return -ENOMEM;
	r = iso_readlink(&cm->cm_vol, vp->v_data, target, ISO_LINK_MAX);
	if (r >= 0)
		r = uiomove(target, (size_t)r, ap->a_uio);
	kfree(target);
	return r;
}
/* VOP_READDIR: entries from byte *cookiep of the directory. */
static int
cd9660_readdir(struct vop_rw_args *ap)
{
	struct vnode *vp = ap->a_head.a_vp;
	struct cd9660_mount *cm = vp->v_mount->mnt_data;
	struct iso_entry *ie;
	uint32_t off, next;
	int r = 1, put = 1;

	if (vp->v_type != VDIR)
		return -ENOTDIR;
	if (*ap->a_cookiep < 0 || *ap->a_cookiep > UINT32_MAX)
		return -EINVAL;
	if ((ie = kmalloc(sizeof(*ie), 0)) == NULL)
		return -ENOMEM;
	off = (uint32_t)*ap->a_cookiep;
	while (put > 0 && (r = iso_dir_next(&cm->cm_vol, vp->v_data,
	    (next = off, &next), ie)) == 1) {
		put = vfs_dirent_put(ap->a_uio, ie->ie_kind == ISO_DOT ?
		    vp->v_key : cd9660_key(ie),
		    vfs_dirent_type(cd9660_vtype(ie)), ie->ie_name,
		    ie->ie_namelen);
		if (put > 0)
			off = next;
	}
	*ap->a_cookiep = off;
	kfree(ie);
	return r < 0 ? r : put < 0 ? put : 0;
}

/* VOP_GETATTR */
static int
cd9660_getattr(struct vop_attr_args *ap)
{
	struct vnode *vp = ap->a_head.a_vp;
	const struct iso_entry *ie = vp->v_data;
	struct vattr *va = ap->a_vap;

	va->va_type = vp->v_type;
	va->va_mode = ie->ie_mode & 07777;
	va->va_nlink = ie->ie_nlink;
	va->va_fileid = vp->v_key;
	va->va_fsid = vp->v_mount->mnt_fsid;
	va->va_size = ie->ie_size;
	va->va_bytes = ((uint64_t)ie->ie_size + ISO_BLOCK - 1) & ~(uint64_t)
	    (ISO_BLOCK - 1);
	va->va_blocksize = ISO_BLOCK;
	va->va_rdev = 0;
	va->va_mtime = ie->ie_mtime;
	return 0;
}
/* VOP_CREATE and VOP_MKDIR: nothing is made on a CD. */
static int
cd9660_create(struct vop_create_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_REMOVE and VOP_RMDIR */
static int
cd9660_remove(struct vop_remove_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_LINK */
static int
cd9660_link(struct vop_link_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_RENAME */
static int
cd9660_rename(struct vop_rename_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_SYMLINK */
static int
cd9660_symlink(struct vop_symlink_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_WRITE */
static int
cd9660_write(struct vop_rw_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_SETATTR: no size, mode or time changes. */
static int
cd9660_setattr(struct vop_attr_args *ap)
{
	(void)ap;
	return -EROFS;
}

/* VOP_OPEN: nothing to open for writing. */
static int
cd9660_open(struct vop_open_args *ap)
{
	return (ap->a_mode & FWRITE) != 0 ? -EROFS : 0;
}

static const struct vop_ops cd9660_vops = {
	.vop_lookup = cd9660_lookup,
	.vop_create = cd9660_create,
	.vop_mkdir = cd9660_create,
	.vop_rmdir = cd9660_remove,
	.vop_remove = cd9660_remove,
	.vop_link = cd9660_link,
	.vop_rename = cd9660_rename,
	.vop_symlink = cd9660_symlink,
	.vop_readlink = cd9660_readlink,
	.vop_open = cd9660_open,
	.vop_read = cd9660_read,
	.vop_write = cd9660_write,
	.vop_getattr = cd9660_getattr,
	.vop_setattr = cd9660_setattr,
	.vop_readdir = cd9660_readdir,
	.vop_reclaim = cd9660_reclaim,
};
/* vfs_mount: the CD on device FROM, read-only, one thread. */
static int
cd9660_mount(struct mount *mp, const char *from, const char *data)
{
	struct iso_entry root = { 0 };
	struct cd9660_mount *cm;
	struct cdev *dev;
	uint32_t off = 0;
	int error;

	if (data != NULL && *data != '\0')
		return -EINVAL;
	if (from != NULL && kstrncmp(from, "/dev/", 5) == 0)
		from += 5;
	if (from == NULL || (dev = dev_lookup(from)) == NULL)
		return -ENOENT;		/* ENXIO would say "a gone device" */
	if ((cm = kmalloc(sizeof(*cm), M_ZERO)) == NULL) {
		release_dev(dev);
		return -ENOMEM;
	}
	error = iso_mount(&cm->cm_vol, dev, dev->si_size);
	if (error == 0) {		/* the root, from its own "." */
		root.ie_extent = cm->cm_vol.iv_root_extent;
		root.ie_size = cm->cm_vol.iv_root_size;
		root.ie_mode = ISO_IFDIR;
		error = iso_dir_next(&cm->cm_vol, &root, &off,
		    &cm->cm_root) == 1 ? 0 : -EINVAL;
	}
	if (error == 0) {
		mp->mnt_flag |= MNT_RDONLY;
		mp->mnt_data = cm;
		mp->mnt_vn_ops = &cd9660_vops;
		error = vfs_port_create(mp, 1);
	}
	if (error != 0) {
		mp->mnt_data = NULL;
		kfree(cm);
		release_dev(dev);
		return error;
	}
	kprintf("cd9660: %s: volume \"%s\", %u blocks%s\n", from,
	    cm->cm_vol.iv_volid, cm->cm_vol.iv_blocks,
	    cm->cm_vol.iv_rr ? ", Rock Ridge" : "");
	return 0;
}

/* vfs_unmount: the device's reference goes back. */
static int
cd9660_unmount(struct mount *mp)
{
	struct cd9660_mount *cm = mp->mnt_data;

	release_dev(cm->cm_vol.iv_dev);
	kfree(cm);
	mp->mnt_data = NULL;
	return 0;
}

/* vfs_root */
static int
cd9660_root(struct mount *mp, struct vnode **vpp)
{
	return cd9660_vnode(mp, &((struct cd9660_mount *)mp->mnt_data)->
	    cm_root, vpp);
}

/* vfs_statfs: the volume's blocks, none free. */
static int
cd9660_statfs(struct mount *mp, struct statfs *sbp)
{
	struct cd9660_mount *cm = mp->mnt_data;

	sbp->f_bsize = ISO_BLOCK;
	sbp->f_blocks = cm->cm_vol.iv_blocks;
	sbp->f_bfree = 0;
	return 0;
}

/* vfs_sync: nothing is ever written. */
static int
cd9660_sync(struct mount *mp)
{
	(void)mp;
	return 0;
}

static const struct vfsops cd9660_vfsops = {
	cd9660_mount, cd9660_unmount, cd9660_root, cd9660_statfs, cd9660_sync
};

static struct vfsconf cd9660_vfsconf = { "cd9660", &cd9660_vfsops, NULL };

/* Boot: the type "cd9660". */
static void
cd9660_init(void *arg)
{
	(void)arg;
	vfs_register(&cd9660_vfsconf);
}

SYSINIT(cd9660, SI_SUB_CD9660, SI_ORDER_FIRST, cd9660_init, NULL);
