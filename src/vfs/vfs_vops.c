/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Vnode operations as messages (book/43-vfs.nw): the wrappers that send
 * them to a mount's port, and vop_dispatch, which serves them.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

/* F(AP) if the filesystem has F, else NONE. */
#define vop_call(f, type, ap, none)					\
	((f) != NULL ? (f)((type *)(ap)) : (none))

/* Run the operation of AP with its mount's functions: 0 or -errno.
 * Whatever serves the mount's port calls it, in its own thread. */
int
vop_dispatch(struct vop_generic_args *ap)
{
	const struct vop_ops *ops = ap->a_vp->v_mount->mnt_vn_ops;

	switch (ap->a_op) {
	case VOP_LOOKUP:
		return vop_call(ops->vop_lookup, struct vop_lookup_args, ap,
		    -EOPNOTSUPP);
	case VOP_CREATE:
		return vop_call(ops->vop_create, struct vop_create_args, ap,
		    -EOPNOTSUPP);
	case VOP_MKDIR:
		return vop_call(ops->vop_mkdir, struct vop_create_args, ap,
		    -EOPNOTSUPP);
	case VOP_RMDIR:
		return vop_call(ops->vop_rmdir, struct vop_remove_args, ap,
		    -EOPNOTSUPP);
	case VOP_REMOVE:
		return vop_call(ops->vop_remove, struct vop_remove_args, ap,
		    -EOPNOTSUPP);
	case VOP_LINK:
		return vop_call(ops->vop_link, struct vop_link_args, ap,
		    -EOPNOTSUPP);
	case VOP_RENAME:
		return vop_call(ops->vop_rename, struct vop_rename_args, ap,
		    -EOPNOTSUPP);
	case VOP_SYMLINK:
		return vop_call(ops->vop_symlink, struct vop_symlink_args, ap,
		    -EOPNOTSUPP);
	case VOP_READLINK:
		return vop_call(ops->vop_readlink, struct vop_rw_args, ap,
		    -EOPNOTSUPP);
	case VOP_OPEN:
		return vop_call(ops->vop_open, struct vop_open_args, ap,
		    0);
	case VOP_CLOSE:
		return vop_call(ops->vop_close, struct vop_open_args, ap,
		    0);
	case VOP_READ:
		return vop_call(ops->vop_read, struct vop_rw_args, ap,
		    -EOPNOTSUPP);
	case VOP_WRITE:
		return vop_call(ops->vop_write, struct vop_rw_args, ap,
		    -EOPNOTSUPP);
	case VOP_IOCTL:
		return vop_call(ops->vop_ioctl, struct vop_ioctl_args, ap,
		    -EOPNOTSUPP);
	case VOP_GETATTR:
		return vop_call(ops->vop_getattr, struct vop_attr_args, ap,
		    -EOPNOTSUPP);
	case VOP_SETATTR:
		return vop_call(ops->vop_setattr, struct vop_attr_args, ap,
		    -EOPNOTSUPP);
	case VOP_READDIR:
		return vop_call(ops->vop_readdir, struct vop_rw_args, ap,
		    -EOPNOTSUPP);
	case VOP_FSYNC:
		return vop_call(ops->vop_fsync, struct vop_generic_args, ap,
		    0);
	case VOP_INACTIVE:
		return vop_call(ops->vop_inactive, struct vop_generic_args, ap,
		    0);
	case VOP_RECLAIM:
		return vop_call(ops->vop_reclaim, struct vop_generic_args, ap,
		    0);
	}
	panic("vop_dispatch: operation %d is not a vnode operation",
	    ap->a_op);
}
/* Send the operation OP of block AP about VP to VP's mount and wait
 * for its reply: its error (0 or -errno).  Any thread. */
static int
vop_send(struct vnode *vp, struct vop_generic_args *ap, int op)
{
	struct lwkt_port rport;

	KASSERT(vp != NULL && vp->v_mount != NULL,
	    ("vop_send: operation %d on no vnode", op));
	lwkt_initport_thread(&rport, curthread);
	lwkt_initmsg(&ap->a_msg, &rport, 0);
	ap->a_msg.ms_cmd = MSG_CMD_VFS | (uint32_t)op;
	ap->a_op = op;
	ap->a_vp = vp;
	return lwkt_domsg(vp->v_mount->mnt_port, &ap->a_msg, 0);
}
/* VOP_LOOKUP: *VPP, the referenced vnode of CNP in directory DVP. */
int
vop_lookup(struct vnode *dvp, struct componentname *cnp,
    struct vnode **vpp)
{
	struct vop_lookup_args a;

	*vpp = NULL;
	a.a_cnp = cnp;
	a.a_vpp = vpp;
	return vop_send(dvp, &a.a_head, VOP_LOOKUP);
}

/* VOP_CREATE or VOP_MKDIR (OP): a new CNP in DVP, mode MODE, in *VPP. */
static int
vop_create_op(int op, struct vnode *dvp, struct componentname *cnp,
    uint32_t mode, struct vnode **vpp)
{
	struct vop_create_args a;

	*vpp = NULL;
	a.a_cnp = cnp;
	a.a_mode = mode;
	a.a_vpp = vpp;
	return vop_send(dvp, &a.a_head, op);
}

/* VOP_CREATE: a new regular file CNP in DVP. */
int
vop_create(struct vnode *dvp, struct componentname *cnp, uint32_t mode,
    struct vnode **vpp)
{
	return vop_create_op(VOP_CREATE, dvp, cnp, mode, vpp);
}

/* VOP_MKDIR: a new directory CNP in DVP. */
int
vop_mkdir(struct vnode *dvp, struct componentname *cnp, uint32_t mode,
    struct vnode **vpp)
{
	return vop_create_op(VOP_MKDIR, dvp, cnp, mode, vpp);
}

/* VOP_REMOVE or VOP_RMDIR (OP) of CNP in DVP. */
static int
vop_remove_op(int op, struct vnode *dvp, struct componentname *cnp)
{
	struct vop_remove_args a;

	a.a_cnp = cnp;
	return vop_send(dvp, &a.a_head, op);
}

/* VOP_REMOVE: CNP, not a directory, goes from DVP. */
int
vop_remove(struct vnode *dvp, struct componentname *cnp)
{
	return vop_remove_op(VOP_REMOVE, dvp, cnp);
}

/* VOP_RMDIR: CNP, an empty directory, goes from DVP. */
int
vop_rmdir(struct vnode *dvp, struct componentname *cnp)
{
	return vop_remove_op(VOP_RMDIR, dvp, cnp);
}

/* VOP_LINK: CNP in DVP becomes a name of VP. */
int
vop_link(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct vop_link_args a;

	a.a_target = vp;
	a.a_cnp = cnp;
	return vop_send(dvp, &a.a_head, VOP_LINK);
}

/* VOP_RENAME: FCNP in FDVP becomes TCNP in TDVP. */
int
vop_rename(struct vnode *fdvp, struct componentname *fcnp,
    struct vnode *tdvp, struct componentname *tcnp)
{
	struct vop_rename_args a;

	a.a_fcnp = fcnp;
	a.a_tdvp = tdvp;
	a.a_tcnp = tcnp;
	return vop_send(fdvp, &a.a_head, VOP_RENAME);
}

/* VOP_SYMLINK: CNP in DVP, a link to TARGET. */
int
vop_symlink(struct vnode *dvp, struct componentname *cnp,
    const char *target)
{
	struct vop_symlink_args a;

	a.a_cnp = cnp;
	a.a_target = target;
	return vop_send(dvp, &a.a_head, VOP_SYMLINK);
}
/* VOP_READ, VOP_WRITE, VOP_READLINK or VOP_READDIR (OP) of VP. */
static int
vop_rw_op(int op, struct vnode *vp, struct uio *uio, int64_t offset,
    int64_t *cookiep)
{
	struct vop_rw_args a;

	KASSERT(uio->uio_segflg == UIO_SYSSPACE ||
	    (vp->v_type == VFIFO && vp->v_mount->mnt_vfsport != NULL &&
	    vp->v_mount->mnt_vfsport->vp_nthreads == VFS_PORT_SYNC),
	    ("vop: a user address in a message to a filesystem"));
	a.a_uio = uio;
	a.a_offset = offset;
	a.a_cookiep = cookiep;
	return vop_send(vp, &a.a_head, op);
}

/* VOP_READ: up to uio_resid bytes of VP from OFFSET into UIO. */
int
vop_read(struct vnode *vp, struct uio *uio, int64_t offset)
{
	return vop_rw_op(VOP_READ, vp, uio, offset, NULL);
}

/* VOP_WRITE: UIO's bytes into VP at OFFSET. */
int
vop_write(struct vnode *vp, struct uio *uio, int64_t offset)
{
	return vop_rw_op(VOP_WRITE, vp, uio, offset, NULL);
}

/* VOP_READLINK: the target of link VP into UIO. */
int
vop_readlink(struct vnode *vp, struct uio *uio)
{
	return vop_rw_op(VOP_READLINK, vp, uio, 0, NULL);
}

/* VOP_READDIR: entries of directory VP from *COOKIEP into UIO. */
int
vop_readdir(struct vnode *vp, struct uio *uio, int64_t *cookiep)
{
	return vop_rw_op(VOP_READDIR, vp, uio, 0, cookiep);
}

/* VOP_OPEN or VOP_CLOSE (OP) of VP for MODE. */
static int
vop_open_op(int op, struct vnode *vp, int mode)
{
	struct vop_open_args a;

	a.a_mode = mode;
	return vop_send(vp, &a.a_head, op);
}

/* VOP_OPEN: VP is opened for MODE (FREAD, FWRITE). */
int
vop_open(struct vnode *vp, int mode)
{
	return vop_open_op(VOP_OPEN, vp, mode);
}

/* VOP_CLOSE: a file of VP opened for MODE is closed. */
int
vop_close(struct vnode *vp, int mode)
{
	return vop_open_op(VOP_CLOSE, vp, mode);
}

/* VOP_IOCTL: request CMD of device VP on kernel memory DATA. */
int
vop_ioctl(struct vnode *vp, unsigned long cmd, void *data)
{
	struct vop_ioctl_args a;

	a.a_cmd = cmd;
	a.a_data = data;
	return vop_send(vp, &a.a_head, VOP_IOCTL);
}

/* VOP_GETATTR or VOP_SETATTR (OP) of VP with VAP. */
static int
vop_attr_op(int op, struct vnode *vp, struct vattr *vap)
{
	struct vop_attr_args a;

	a.a_vap = vap;
	return vop_send(vp, &a.a_head, op);
}

/* VOP_GETATTR: VP's attributes into *VAP. */
int
vop_getattr(struct vnode *vp, struct vattr *vap)
{
	kmemset(vap, 0, sizeof(*vap));
	return vop_attr_op(VOP_GETATTR, vp, vap);
}

/* VOP_SETATTR: change the attributes of VP that VAP->va_mask names. */
int
vop_setattr(struct vnode *vp, struct vattr *vap)
{
	return vop_attr_op(VOP_SETATTR, vp, vap);
}

/* VOP_FSYNC, VOP_INACTIVE or VOP_RECLAIM (OP) of VP. */
static int
vop_head_op(int op, struct vnode *vp)
{
	struct vop_generic_args a;

	return vop_send(vp, &a, op);
}

/* VOP_FSYNC: VP's changes to its disk. */
int
vop_fsync(struct vnode *vp)
{
	return vop_head_op(VOP_FSYNC, vp);
}

/* VOP_INACTIVE: VP's last reference went (vnode_finish). */
int
vop_inactive(struct vnode *vp)
{
	return vop_head_op(VOP_INACTIVE, vp);
}

/* VOP_RECLAIM: the filesystem forgets VP (vnode_finish). */
int
vop_reclaim(struct vnode *vp)
{
	return vop_head_op(VOP_RECLAIM, vp);
}
/* The d_type of a vnode type. */
int
vfs_dirent_type(enum vtype type)
{
	switch (type) {
	case VREG:	return DT_REG;
	case VDIR:	return DT_DIR;
	case VLNK:	return DT_LNK;
	case VCHR:	return DT_CHR;
	default:	return DT_UNKNOWN;
	}
}

/* Put an entry (FILENO, TYPE, NAME of LEN bytes) in UIO if it fits
 * whole: 1, 0 when there is no room, -ENAMETOOLONG, -EFAULT. */
int
vfs_dirent_put(struct uio *uio, uint32_t fileno, int type,
    const char *name, size_t len)
{
	struct dirent d;
	size_t reclen = DIRENT_RECLEN(len);
	int error;

	if (len == 0 || len > NAME_MAX)
		return -ENAMETOOLONG;
	if (reclen > uio->uio_resid)
		return 0;
	kmemset(&d, 0, reclen);
	d.d_fileno = fileno;
	d.d_reclen = (uint16_t)reclen;
	d.d_type = (uint8_t)type;
	d.d_namlen = (uint8_t)len;
	kmemcpy(d.d_name, name, len);
	if ((error = uiomove(&d, reclen, uio)) != 0)
		return error;
	return 1;
}
