/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * fifofs (book/54-vnfile.nw): pipes as VFIFO vnodes of a filesystem
 * mounted nowhere, whose operations are the pipe's logic.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/ioccom.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"
#include "vfs/mount.h"
#include "vfs/vfs_file.h"
#include "vfs/vnfile.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

/* The pipe of AP's vnode. */
#define FIFO_PIPE(ap)	((struct pipe *)(ap)->a_head.a_vp->v_data)

/* VOP_OPEN and VOP_CLOSE: one end more, or one fewer. */
static int
fifofs_open(struct vop_open_args *ap)
{
	if (ap->a_head.a_vp->v_type != VFIFO)
		return 0;
	if (ap->a_head.a_op == VOP_OPEN)
		pipe_buf_open(FIFO_PIPE(ap), ap->a_mode);
	else
		(void)pipe_buf_close(FIFO_PIPE(ap), ap->a_mode);
	return 0;				/* VOP_RECLAIM frees it */
}

/* VOP_READ and VOP_WRITE: the pipe's logic (the offset means
 * nothing); 0 or -errno, the bytes moved counted in the uio. */
static int
fifofs_rw(struct vop_rw_args *ap)
{
	struct uio *uio = ap->a_uio;
	size_t resid = uio->uio_resid;
	char *start = uio->uio_buf;
	int n;

	if (ap->a_head.a_vp->v_type != VFIFO)
		return -EISDIR;
	if (ap->a_head.a_op == VOP_READ)
		n = pipe_buf_read(FIFO_PIPE(ap), uio);
	else
		n = pipe_buf_write(FIFO_PIPE(ap), uio);
	uio->uio_buf = start + (n > 0 ? n : 0);	/* what really moved */
	uio->uio_resid = resid - (size_t)(n > 0 ? n : 0);
	return n < 0 ? n : 0;
}

/* VOP_IOCTL: FIONREAD. */
static int
fifofs_ioctl(struct vop_ioctl_args *ap)
{
	if (ap->a_head.a_vp->v_type != VFIFO)
		return -ENOTTY;
	return pipe_buf_ioctl(FIFO_PIPE(ap), ap->a_cmd, ap->a_data);
}

/* VOP_GETATTR: a pipe (its bytes waiting as its size), or the root. */
static int
fifofs_getattr(struct vop_attr_args *ap)
{
	struct vnode *vp = ap->a_head.a_vp;
	struct vattr *va = ap->a_vap;
	int waiting = 0;

	kmemset(va, 0, sizeof(*va));
	va->va_type = vp->v_type;
	va->va_fsid = vp->v_mount->mnt_fsid;
	va->va_fileid = vp->v_key;
	va->va_blocksize = VN_IOCHUNK;
	va->va_nlink = 1;
	va->va_mode = vp->v_type == VFIFO ? 0600 : 0500;
	if (vp->v_type == VFIFO &&
	    pipe_buf_ioctl(vp->v_data, FIONREAD, &waiting) == 0)
		va->va_size = (uint64_t)waiting;
	return 0;
}

/* VOP_RECLAIM: the last file of the pipe is gone; so is the pipe. */
static int
fifofs_reclaim(struct vop_generic_args *ap)
{
	if (ap->a_vp->v_type == VFIFO)
		pipe_free(ap->a_vp->v_data);
	return 0;
}

static const struct vop_ops fifofs_vops = {
	.vop_open = fifofs_open,
	.vop_close = fifofs_open,
	.vop_read = fifofs_rw,
	.vop_write = fifofs_rw,
	.vop_ioctl = fifofs_ioctl,
	.vop_getattr = fifofs_getattr,
	.vop_reclaim = fifofs_reclaim,
};
#define FIFOFS_ROOT_INO	1	/* the root's number */
#define FIFOFS_FIRST_INO 2	/* the first pipe's */

/* vfs_mount: a synchronous port, nothing else to keep. */
static int
fifofs_mount(struct mount *mp, const char *from, const char *data)
{
	(void)from;
	(void)data;
	mp->mnt_vn_ops = &fifofs_vops;
	return vfs_port_create(mp, VFS_PORT_SYNC);
}

/* vfs_unmount: nothing to free (it is never unmounted). */
static int
fifofs_unmount(struct mount *mp)
{
	(void)mp;
	return 0;
}

/* vfs_root: a directory with nothing in it. */
static int
fifofs_root(struct mount *mp, struct vnode **vpp)
{
	int r;

	if ((*vpp = vnode_find(mp, FIFOFS_ROOT_INO)) != NULL)
		return 0;
	r = vnode_create(mp, FIFOFS_ROOT_INO, VDIR, NULL, vpp);
	return r < 0 ? r : 0;
}

/* vfs_statfs: its files are the pipes alive. */
static int
fifofs_statfs(struct mount *mp, struct statfs *sbp)
{
	sbp->f_bsize = VN_IOCHUNK;
	sbp->f_files = (uint64_t)mp->mnt_nvnodes;
	return 0;
}

/* vfs_sync: nothing is kept. */
static int
fifofs_sync(struct mount *mp)
{
	(void)mp;
	return 0;
}

static const struct vfsops fifofs_vfsops = {
	fifofs_mount, fifofs_unmount, fifofs_root, fifofs_statfs, fifofs_sync
};

static struct vfsconf fifofs_vfsconf = { "fifofs", &fifofs_vfsops, NULL };
static struct mount *fifofs_mp;		/* the one mount, or NULL */
static volatile uint32_t fifofs_next_ino = FIFOFS_FIRST_INO;

/* A new VFIFO vnode of fifofs on pipe PP, referenced: 0 and *VPP, or
 * -ENOMEM. */
static int
fifofs_vnode(struct pipe *pp, struct vnode **vpp)
{
	uint32_t ino;
	int r;

	for (;;) {
		do
			ino = fifofs_next_ino;
		while (!atomic_cmpset_int(&fifofs_next_ino, ino, ino + 1));
		if (ino < FIFOFS_FIRST_INO)
			continue;		/* come round: not the root's */
		r = vnode_create(fifofs_mp, ino, VFIFO, pp, vpp);
		if (r <= 0)
			return r;
		vrele(*vpp);			/* a live pipe's: the next */
	}
}

/* pipe(2)'s two ends: vnode files of one new VFIFO vnode, *RFPP for
 * reading and *WFPP for writing.  0, -ENFILE or -ENOMEM. */
int
fifo_pipe(struct file **rfpp, struct file **wfpp)
{
	struct vnode *vp;
	struct pipe *pp;
	int error;

	if (fifofs_mp == NULL)
		return kern_pipe(rfpp, wfpp);
	if ((pp = pipe_alloc()) == NULL)
		return -ENOMEM;
	if ((error = fifofs_vnode(pp, &vp)) != 0) {
		pipe_free(pp);
		return error;
	}
	vref(vp);				/* one for each file */
	if ((error = vn_file_open(vp, FREAD, rfpp)) != 0) {
		vrele(vp);			/* frees the pipe */
		return error;
	}
	if ((error = vn_file_open(vp, FWRITE, wfpp)) != 0) {
		fdrop(*rfpp);			/* frees the pipe */
		return error;
	}
	return 0;
}
/* Boot: the type, its one mount, and pipe(2)'s new maker. */
static void
fifofs_init(void *arg)
{
	int error;

	(void)arg;
	vfs_register(&fifofs_vfsconf);
	error = vfs_mount_detached("fifofs", "fifofs", NULL, &fifofs_mp);
	if (error != 0) {
		kprintf("fifofs: cannot mount (error %d): pipes are not "
		    "vnodes\n", error);
		fifofs_mp = NULL;
		return;
	}
	pipe_set_maker(fifo_pipe);
}

SYSINIT(fifofs, SI_SUB_VNFILE, SI_ORDER_FIRST, fifofs_init, NULL);
