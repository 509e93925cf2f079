/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Files of vnodes (book/43-vfs.nw): opening a vnode as a file, reading
 * and writing it through kernel buffers, closing it.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "vfs/vfs_file.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"
#include "vm/kmalloc.h"

/* A file of VP opened for FLAG (FREAD, FWRITE, FAPPEND): 0 and *FPP,
 * taking over the caller's reference to VP; or -errno, VP released. */
int
vn_file_open(struct vnode *vp, int flag, struct file **fpp)
{
	int error;

	if ((error = vop_open(vp, flag & (FREAD | FWRITE))) != 0) {
		vrele(vp);
		return error;
	}
	if ((error = falloc(&vn_fileops, vp, flag, fpp)) != 0) {
		vop_close(vp, flag & (FREAD | FWRITE));
		vrele(vp);
		return error;
	}
	(*fpp)->f_offset = 0;
	return 0;
}
/* One piece of a read (RW UIO_READ) or write of VP at OFF: N bytes
 * between UIO and the filesystem, through BUF (a program's memory) or
 * directly (BUF NULL: the kernel's, or a VFIFO's).  The bytes moved, or
 * -errno. */
static int
vn_rw_piece(struct vnode *vp, enum uio_rw rw, char *buf, size_t n,
    int64_t off, struct uio *uio)
{
	struct uio kuio;
	size_t moved;
	int error;

	if (buf != NULL && rw == UIO_WRITE &&
	    (error = uiomove(buf, n, uio)) != 0)
		return error;
	uio_init(&kuio, buf != NULL ? buf : uio->uio_buf, n,
	    buf != NULL ? UIO_SYSSPACE : uio->uio_segflg, rw);
	error = rw == UIO_READ ? vop_read(vp, &kuio, off) :
	    vop_write(vp, &kuio, off);
	moved = n - kuio.uio_resid;
	if (buf == NULL) {			/* the kernel's: advance it */
		uio->uio_buf += moved;
		uio->uio_resid -= moved;
	} else if (rw == UIO_WRITE) {		/* give back what was not */
		uio->uio_buf -= n - moved;
		uio->uio_resid += n - moved;
	} else if (moved > 0 && uiomove(buf, moved, uio) != 0)
		return -EFAULT;			/* read, but not delivered */
	return moved > 0 ? (int)moved : error;
}

/* Read (RW UIO_READ) or write UIO at FP's offset, piece by piece: the
 * bytes moved, or -errno if none. */
static int
vn_rw(struct file *fp, struct uio *uio, enum uio_rw rw)
{
	struct vnode *vp = fp->f_data;
	int lock = vp->v_type != VCHR && vp->v_type != VFIFO;
	int done = 0, r = 0;
	char *buf = NULL;
	struct vattr va;
	size_t n;

	if (uio->uio_segflg == UIO_USERSPACE && vp->v_type != VFIFO &&
	    (buf = kmalloc(VN_IOCHUNK, 0)) == NULL)
		return -ENOMEM;
	if (lock)
		vn_lock(vp);
	if (rw == UIO_WRITE && (fp->f_flag & FAPPEND) != 0 &&
	    (r = vop_getattr(vp, &va)) == 0)
		fp->f_offset = (int64_t)va.va_size;
	while (r == 0 && uio->uio_resid > 0) {
		n = uio->uio_resid < VN_IOCHUNK ? uio->uio_resid : VN_IOCHUNK;
		if ((r = vn_rw_piece(vp, rw, buf, n, fp->f_offset, uio)) <= 0)
			break;
		fp->f_offset += r;
		done += r;
		if ((size_t)r < n || (rw == UIO_READ && vp->v_type == VFIFO))
			break;			/* the end, or what was there */
		r = 0;
	}
	if (lock)
		vn_unlock(vp);
	kfree(buf);
	if (done > 0)
		return done;
	return r < 0 ? r : 0;
}
/* fo_read of a vnode file. */
static int
vn_read(struct file *fp, struct uio *uio)
{
	struct vnode *vp = fp->f_data;

	if (vp->v_type == VDIR)
		return -EISDIR;
	return vn_rw(fp, uio, UIO_READ);
}

/* fo_write of a vnode file. */
static int
vn_write(struct file *fp, struct uio *uio)
{
	return vn_rw(fp, uio, UIO_WRITE);
}

/* fo_ioctl of a vnode file: the filesystem's (a device's) request. */
static int
vn_ioctl(struct file *fp, unsigned long cmd, void *data)
{
	return vop_ioctl(fp->f_data, cmd, data);
}

/* fo_close of a vnode file: tell the filesystem, drop the vnode. */
static void
vn_close(struct file *fp)
{
	struct vnode *vp = fp->f_data;

	vop_close(vp, fp->f_flag & (FREAD | FWRITE));
	vrele(vp);
}

const struct fileops vn_fileops = { vn_read, vn_write, vn_ioctl, vn_close,
    "vnode" };
