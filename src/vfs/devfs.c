/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * devfs (book/48-devfs.nw): a filesystem whose one directory is the
 * device table, and whose vnodes pass requests to the devices.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/bio.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

#define DEVFS_ROOT_INO	2	/**< the root directory's number */
#define DEVFS_FIRST_INO	3	/**< the first device's */
static volatile uint32_t devfs_next_ino = DEVFS_FIRST_INO; /* the next */

/* DEV's file number in devfs, given the first time it is asked. */
static uint32_t
devfs_ino(struct cdev *dev)
{
	uint32_t ino;

	while ((ino = dev->si_ino) == 0) {
		ino = devfs_next_ino;
		if (atomic_cmpset_int(&devfs_next_ino, ino, ino + 1))
			atomic_cmpset_int(&dev->si_ino, 0, ino);
	}
	return ino;
}
/* DEV's vnode in MP, referenced; takes over the caller's reference to
 * DEV.  0 or -ENOMEM. */
static int
devfs_vnode(struct mount *mp, struct cdev *dev, struct vnode **vpp)
{
	uint32_t ino = devfs_ino(dev);
	int r;

	if ((*vpp = vnode_find(mp, ino)) != NULL) {
		release_dev(dev);
		return 0;
	}
	r = vnode_create(mp, ino, VCHR, dev, vpp);
	if (r != 0)
		release_dev(dev);		/* theirs, or none */
	return r < 0 ? r : 0;
}

/* VOP_LOOKUP: a device of the table, in the root. */
static int
devfs_lookup(struct vop_lookup_args *ap)
{
	struct componentname *cnp = ap->a_cnp;
	char name[SPECNAMELEN + 1];
	struct cdev *dev;

	if (ap->a_head.a_vp->v_type != VDIR)
		return -ENOTDIR;
	if (cnp->cn_namelen > SPECNAMELEN)
		return -ENOENT;
	kmemcpy(name, cnp->cn_nameptr, cnp->cn_namelen);
	name[cnp->cn_namelen] = '\0';
	if ((dev = dev_lookup(name)) == NULL)
		return -ENOENT;
	return devfs_vnode(ap->a_head.a_vp->v_mount, dev, ap->a_vpp);
}
/* What the walk of the table needs: the transfer and the cookie. */
struct devfs_walk {
	struct uio	*dw_uio;	/**< where the entries go */
	int64_t		dw_pos;		/**< the device's position */
	int64_t		*dw_cookiep;	/**< the next to read */
	int		dw_error;	/**< an error of vfs_dirent_put */
};

/* dev_foreach: put DEV's entry if it is at or past the cookie; stop
 * when the buffer is full. */
static int
devfs_walk_one(struct cdev *dev, void *arg)
{
	struct devfs_walk *w = arg;
	int r;

	if (w->dw_pos++ < *w->dw_cookiep)
		return 0;
	r = vfs_dirent_put(w->dw_uio, devfs_ino(dev), DT_CHR, dev->si_name,
	    kstrlen(dev->si_name));
	if (r <= 0) {
		w->dw_error = r;
		return 1;			/* full, or an error: stop */
	}
	*w->dw_cookiep = w->dw_pos;
	return 0;
}

/* VOP_READDIR of the root. */
static int
devfs_readdir(struct vop_rw_args *ap)
{
	struct devfs_walk w = { ap->a_uio, 2, ap->a_cookiep, 0 };
	static const char *const dots[] = { ".", ".." };
	int64_t *cookiep = ap->a_cookiep;
	int r;

	if (ap->a_head.a_vp->v_type != VDIR)
		return -ENOTDIR;
	while (*cookiep < 2) {
		r = vfs_dirent_put(ap->a_uio, DEVFS_ROOT_INO, DT_DIR,
		    dots[*cookiep], (size_t)*cookiep + 1);
		if (r <= 0)
			return r;
		(*cookiep)++;
	}
	dev_foreach(devfs_walk_one, &w);
	return w.dw_error < 0 ? w.dw_error : 0;
}
/* Move UIO's bytes between DEV (a disk) and memory at byte OFFSET, in
 * whole blocks: 0 or -errno (-EINVAL: not whole blocks). */
static int
devfs_disk_rw(struct cdev *dev, struct uio *uio, uint64_t offset,
    int write)
{
	uint32_t bsize = dev->si_blksize != 0 ? dev->si_blksize : DEV_BSIZE;
	size_t n = uio->uio_resid;
	struct bio bio;
	int error;

	if (offset % bsize != 0 || n % bsize != 0)
		return -EINVAL;
	if (offset >= dev->si_size)
		return write ? -ENOSPC : 0;	/* the end of the disk */
	if (n > dev->si_size - offset)
		n = (size_t)(dev->si_size - offset);
	bio_init(&bio, write ? BIO_WRITE : BIO_READ, offset, uio->uio_buf,
	    n);
	dev_dstrategy(dev, &bio);
	error = biowait(&bio);
	n -= bio.bio_resid;
	uio->uio_buf += n;
	uio->uio_resid -= n;
	return error;
}
/* The device of AP's vnode. */
#define DEVFS_DEV(ap)	((struct cdev *)(ap)->a_head.a_vp->v_data)

/* VOP_OPEN and VOP_CLOSE of a device (the root: nothing). */
static int
devfs_open(struct vop_open_args *ap)
{
	if (ap->a_head.a_vp->v_type != VCHR)
		return 0;
	if (ap->a_head.a_op == VOP_OPEN)
		return dev_dopen(DEVFS_DEV(ap), ap->a_mode);
	return dev_dclose(DEVFS_DEV(ap), ap->a_mode);
}

/* VOP_READ and VOP_WRITE: the device's, or blocks of a disk. */
static int
devfs_rw(struct vop_rw_args *ap)
{
	struct cdev *dev = DEVFS_DEV(ap);
	int write = ap->a_head.a_op == VOP_WRITE;

	if (ap->a_head.a_vp->v_type != VCHR)
		return -EISDIR;
	if (ap->a_offset < 0)
		return -EINVAL;
	if ((dev->si_ops->d_flags & D_DISK) != 0 && (write ?
	    dev->si_ops->d_write == NULL : dev->si_ops->d_read == NULL))
		return devfs_disk_rw(dev, ap->a_uio, (uint64_t)ap->a_offset,
		    write);
	if (write)
		return dev_dwrite(dev, ap->a_uio, (uint64_t)ap->a_offset);
	return dev_dread(dev, ap->a_uio, (uint64_t)ap->a_offset);
}

/* VOP_IOCTL: the device's request. */
static int
devfs_ioctl(struct vop_ioctl_args *ap)
{
	if (ap->a_head.a_vp->v_type != VCHR)
		return -ENOTTY;
	return dev_dioctl(DEVFS_DEV(ap), ap->a_cmd, ap->a_data,
	    FREAD | FWRITE);
}
/* VOP_GETATTR: the root, or a device (its size for a disk). */
static int
devfs_getattr(struct vop_attr_args *ap)
{
	struct vnode *vp = ap->a_head.a_vp;
	struct vattr *va = ap->a_vap;
	struct cdev *dev;

	va->va_fsid = vp->v_mount->mnt_fsid;
	va->va_fileid = vp->v_key;
	va->va_blocksize = DEV_BSIZE;
	if (vp->v_type == VDIR) {
		va->va_type = VDIR;
		va->va_mode = 0755;
		va->va_nlink = 2;
		va->va_size = 512;
		return 0;
	}
	dev = vp->v_data;
	va->va_type = VCHR;
	va->va_mode = 0666;
	va->va_nlink = 1;
	va->va_rdev = vp->v_key;
	va->va_size = dev->si_size;
	if (dev->si_blksize != 0)
		va->va_blocksize = dev->si_blksize;
	return 0;
}

/* VOP_RECLAIM: the vnode's reference to its device goes. */
static int
devfs_reclaim(struct vop_generic_args *ap)
{
	if (ap->a_vp->v_type == VCHR)
		release_dev(ap->a_vp->v_data);
	return 0;
}

static const struct vop_ops devfs_vops = {
	.vop_lookup = devfs_lookup,
	.vop_open = devfs_open,
	.vop_close = devfs_open,
	.vop_read = devfs_rw,
	.vop_write = devfs_rw,
	.vop_ioctl = devfs_ioctl,
	.vop_getattr = devfs_getattr,
	.vop_readdir = devfs_readdir,
	.vop_reclaim = devfs_reclaim,
};
/* vfs_mount: a synchronous port, nothing else to keep. */
static int
devfs_mount(struct mount *mp, const char *from, const char *data)
{
	(void)from;
	(void)data;
	mp->mnt_vn_ops = &devfs_vops;
	return vfs_port_create(mp, VFS_PORT_SYNC);
}

/* vfs_unmount: nothing to free. */
static int
devfs_unmount(struct mount *mp)
{
	(void)mp;
	return 0;
}

/* vfs_root: the directory of the devices. */
static int
devfs_root(struct mount *mp, struct vnode **vpp)
{
	int r;

	if ((*vpp = vnode_find(mp, DEVFS_ROOT_INO)) != NULL)
		return 0;
	r = vnode_create(mp, DEVFS_ROOT_INO, VDIR, NULL, vpp);
	return r < 0 ? r : 0;
}

/* dev_foreach: count the devices. */
static int
devfs_count_one(struct cdev *dev, void *arg)
{
	(void)dev;
	(*(uint64_t *)arg)++;
	return 0;
}

/* vfs_statfs: the devices are its files; it has no blocks. */
static int
devfs_statfs(struct mount *mp, struct statfs *sbp)
{
	uint64_t n = 0;

	(void)mp;
	dev_foreach(devfs_count_one, &n);
	sbp->f_bsize = DEV_BSIZE;
	sbp->f_files = n;
	return 0;
}

/* vfs_sync: nothing is kept. */
static int
devfs_sync(struct mount *mp)
{
	(void)mp;
	return 0;
}

static const struct vfsops devfs_vfsops = {
	devfs_mount, devfs_unmount, devfs_root, devfs_statfs, devfs_sync
};

static struct vfsconf devfs_vfsconf = { "devfs", &devfs_vfsops, NULL };

/* Boot: the type "devfs". */
static void
devfs_init(void *arg)
{
	(void)arg;
	vfs_register(&devfs_vfsconf);
}

SYSINIT(devfs, SI_SUB_DEVFS, SI_ORDER_FIRST, devfs_init, NULL);
