/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The file system calls on files (book/50-vfs-syscalls.nw): open,
 * lseek, stat, lstat, fstat, readlink, getdents, truncate, ftruncate,
 * fsync, sync.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/stat.h"
#include "vfs/vfs_file.h"
#include "vfs/vop.h"
#include "vm/kmalloc.h"

/* Look the program's PATH up with FLAGS into ND: 0 or -errno.  The
 * caller calls nlookup_done(ND) whatever this returns. */
static int
user_lookup(struct nlookupdata *nd, const char *path, int flags)
{
	int error = nlookup_init(nd, path, UIO_USERSPACE, flags);

	return error != 0 ? error : nlookup(nd);
}

/* Is the last name of ND "." or ".."? */
static int
last_is_dot(const struct nlookupdata *nd)
{
	return path_dotkind(nd->nl_cn.cn_nameptr, nd->nl_cn.cn_namelen) !=
	    PATH_NAME;
}

/* -EROFS if VP's mount is read-only, else 0. */
static int
check_writable(struct vnode *vp)
{
	return (vp->v_mount->mnt_flag & MNT_RDONLY) != 0 ? -EROFS : 0;
}

/* The vnode file of descriptor FD of the caller, referenced: 0 and
 * *FPP, -EBADF, or -ESPIPE (a file, but no vnode, or a pipe's). */
static int
vn_file_get(int fd, struct file **fpp)
{
	int error = fd_get(curproc->p_fd, fd, fpp);

	if (error != 0)
		return error;
	if ((*fpp)->f_ops != &vn_fileops ||
	    ((struct vnode *)(*fpp)->f_data)->v_type == VFIFO) {
		fdrop(*fpp);
		return -ESPIPE;
	}
	return 0;
}
/* Find or make the file of PATH for open with O_CREAT: 0 and *VPP
 * (referenced) and *CREATED, or -errno. */
static int
open_create(const char *path, int flags, uint32_t mode, struct vnode **vpp,
    int *created)
{
	struct nlookupdata nd;
	int error, tries;

	for (tries = 0; tries < 8; tries++) {
		if ((error = user_lookup(&nd, path, NLC_PARENT)) != 0)
			break;
		if (nd.nl_vp == NULL) {
			if (nd.nl_trailing || last_is_dot(&nd))
				error = -EISDIR;
			else if ((error = check_writable(nd.nl_dvp)) == 0)
				error = vop_create(nd.nl_dvp, &nd.nl_cn, mode,
				    vpp);
			nlookup_done(&nd);
			*created = error == 0;
			if (error != -EEXIST || (flags & O_EXCL) != 0)
				return error;
			continue;		/* made meanwhile: look again */
		}
		nlookup_done(&nd);
		if ((flags & O_EXCL) != 0)
			return -EEXIST;
		*created = 0;
		error = user_lookup(&nd, path, NLC_FOLLOW);
		if (error == 0) {
			*vpp = nd.nl_vp;
			nd.nl_vp = NULL;
		}
		break;
	}
	nlookup_done(&nd);
	return error;
}

/* May VP be opened for FFLAG (and O_TRUNC in FLAGS)?  0 or -errno;
 * empties it for O_TRUNC. */
static int
open_check(struct vnode *vp, int fflag, int flags, int created)
{
	struct vattr va;
	int error = 0;

	if (vp->v_type == VDIR && (fflag & FWRITE) != 0)
		return -EISDIR;
	if (vp->v_type == VLNK)
		return -ELOOP;			/* a link that was not followed */
	if ((fflag & FWRITE) != 0 && vp->v_type != VCHR && !created &&
	    (error = check_writable(vp)) != 0)
		return error;
	if ((flags & O_TRUNC) != 0 && (fflag & FWRITE) != 0 &&
	    vp->v_type == VREG) {
		va.va_mask = VA_SIZE;
		va.va_size = 0;
		vn_lock(vp);
		error = vop_setattr(vp, &va);
		vn_unlock(vp);
	}
	return error;
}

/* open(path, flags, mode): the lowest free descriptor. */
int
sys_open(struct open_args *uap)
{
	int acc = uap->flags & O_ACCMODE, fflag, created = 0, fd, error;
	struct nlookupdata nd;
	struct vnode *vp;
	struct file *fp;

	if (acc == O_ACCMODE || (uap->flags & ~(O_ACCMODE | O_APPEND |
	    O_CREAT | O_TRUNC | O_EXCL)) != 0)
		return -EINVAL;
	fflag = (acc + 1) | ((uap->flags & O_APPEND) != 0 ? FAPPEND : 0);
	if ((uap->flags & O_CREAT) != 0)
		error = open_create(uap->path, uap->flags,
		    (uint32_t)uap->mode & 07777, &vp, &created);
	else {
		if ((error = user_lookup(&nd, uap->path, NLC_FOLLOW)) == 0) {
			vp = nd.nl_vp;
			nd.nl_vp = NULL;
		}
		nlookup_done(&nd);
	}
	if (error != 0)
		return error;
	if ((error = open_check(vp, fflag, uap->flags, created)) != 0) {
		vrele(vp);
		return error;
	}
	if ((error = vn_file_open(vp, fflag, &fp)) != 0)
		return error;
	if ((fd = fd_install(curproc->p_fd, fp)) < 0) {
		fdrop(fp);
		return fd;
	}
	uap->sysmsg.sm_result = fd;
	return 0;
}
/* lseek(fd, offset, whence): the new offset. */
int
sys_lseek(struct lseek_args *uap)
{
	struct vnode *vp;
	struct file *fp;
	struct vattr va;
	int64_t base = 0, off;
	int error = 0;

	if ((error = vn_file_get(uap->fd, &fp)) != 0)
		return error;
	vp = fp->f_data;
	vn_lock(vp);
	switch (uap->whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		base = fp->f_offset;
		break;
	case SEEK_END:
		if ((error = vop_getattr(vp, &va)) == 0)
			base = (int64_t)va.va_size;
		break;
	default:
		error = -EINVAL;
	}
	off = base + uap->offset;
	if (error == 0 && (off < 0 || off > 0x7fffffff))
		error = -EINVAL;
	if (error == 0)
		fp->f_offset = off;
	vn_unlock(vp);
	fdrop(fp);
	if (error == 0)
		uap->sysmsg.sm_result = (int32_t)off;
	return error;
}
/* The stat of vnode VP into *SB: 0 or -errno. */
static int
vn_stat(struct vnode *vp, struct stat *sb)
{
	static const uint32_t types[] = { [VNON] = 0, [VREG] = S_IFREG,
	    [VDIR] = S_IFDIR, [VLNK] = S_IFLNK, [VCHR] = S_IFCHR,
	    [VFIFO] = S_IFIFO };
	struct vattr va;
	int error;

	if ((error = vop_getattr(vp, &va)) != 0)
		return error;
	kmemset(sb, 0, sizeof(*sb));
	sb->st_dev = va.va_fsid != 0 ? va.va_fsid : vp->v_mount->mnt_fsid;
	sb->st_ino = va.va_fileid;
	sb->st_mode = types[vp->v_type] | (va.va_mode & 07777);
	sb->st_nlink = va.va_nlink;
	sb->st_rdev = va.va_rdev;
	sb->st_size = (int64_t)va.va_size;
	sb->st_blksize = va.va_blocksize;
	sb->st_blocks = (va.va_bytes + 511) / 512;
	sb->st_mtime = va.va_mtime;
	return 0;
}

/* stat or lstat (FLAGS NLC_FOLLOW or 0) of PATH into the program's SB. */
static int
kern_stat(const char *path, int flags, struct stat *usb)
{
	struct nlookupdata nd;
	struct stat sb;
	int error;

	if ((error = user_lookup(&nd, path, flags)) == 0)
		error = vn_stat(nd.nl_vp, &sb);
	nlookup_done(&nd);
	return error != 0 ? error : copyout(&sb, usb, sizeof(sb));
}

/* stat(path, sb): follows a last link. */
int
sys_stat(struct stat_args *uap)
{
	return kern_stat(uap->path, NLC_FOLLOW, uap->sb);
}

/* lstat(path, sb): the link itself. */
int
sys_lstat(struct lstat_args *uap)
{
	return kern_stat(uap->path, 0, uap->sb);
}

/* fstat(fd, sb): a vnode's attributes; a pipe or another file: its
 * kind only. */
int
sys_fstat(struct fstat_args *uap)
{
	struct file *fp;
	struct stat sb;
	int error;

	if ((error = fd_get(curproc->p_fd, uap->fd, &fp)) != 0)
		return error;
	kmemset(&sb, 0, sizeof(sb));
	if (fp->f_ops == &vn_fileops)
		error = vn_stat(fp->f_data, &sb);
	else
		sb.st_mode = fp->f_ops == &pipe_ops ? S_IFIFO | 0600 :
		    S_IFCHR | 0600;
	fdrop(fp);
	return error != 0 ? error : copyout(&sb, uap->sb, sizeof(sb));
}

/* readlink(path, buf, size): the target's bytes (not terminated). */
int
sys_readlink(struct readlink_args *uap)
{
	size_t size = uap->size < PATH_MAX ? uap->size : PATH_MAX;
	struct nlookupdata nd;
	struct uio uio;
	char *buf;
	int error;

	if ((int32_t)uap->size <= 0)
		return -EINVAL;
	if ((buf = kmalloc(PATH_MAX, 0)) == NULL)
		return -ENOMEM;
	uio_init(&uio, buf, size, UIO_SYSSPACE, UIO_READ);
	if ((error = user_lookup(&nd, uap->path, 0)) == 0)
		error = nd.nl_vp->v_type != VLNK ? -EINVAL :
		    vop_readlink(nd.nl_vp, &uio);
	nlookup_done(&nd);
	size -= uio.uio_resid;
	if (error == 0)
		error = copyout(buf, uap->buf, size);
	kfree(buf);
	if (error == 0)
		uap->sysmsg.sm_result = (int32_t)size;
	return error;
}
/* getdents(fd, buf, nbytes): whole entries from the file's cookie;
 * the bytes, 0 at the end. */
int
sys_getdents(struct getdents_args *uap)
{
	size_t n = uap->nbytes < VN_IOCHUNK ? (size_t)uap->nbytes :
	    VN_IOCHUNK;
	struct vnode *vp;
	struct file *fp;
	struct uio uio;
	int64_t cookie;
	char *buf;
	int error;

	if (uap->nbytes < (int)sizeof(struct dirent))
		return -EINVAL;
	if ((error = vn_file_get(uap->fd, &fp)) != 0)
		return error == -ESPIPE ? -ENOTDIR : error;
	vp = fp->f_data;
	if (vp->v_type != VDIR || (fp->f_flag & FREAD) == 0) {
		fdrop(fp);
		return vp->v_type != VDIR ? -ENOTDIR : -EBADF;
	}
	if ((buf = kmalloc(n, 0)) == NULL) {
		fdrop(fp);
		return -ENOMEM;
	}
	uio_init(&uio, buf, n, UIO_SYSSPACE, UIO_READ);
	vn_lock(vp);
	cookie = fp->f_offset;
	if ((error = vop_readdir(vp, &uio, &cookie)) == 0) {
		n -= uio.uio_resid;
		if ((error = copyout(buf, uap->buf, n)) == 0)
			fp->f_offset = cookie;	/* only once delivered */
	}
	vn_unlock(vp);
	kfree(buf);
	fdrop(fp);
	if (error == 0)
		uap->sysmsg.sm_result = (int32_t)n;
	return error;
}
/* Set VP's size to LENGTH: 0 or -errno. */
static int
vn_truncate(struct vnode *vp, long length)
{
	struct vattr va;
	int error;

	if (length < 0)
		return -EINVAL;
	if (vp->v_type == VDIR)
		return -EISDIR;
	if (vp->v_type != VREG)
		return -EINVAL;
	if ((error = check_writable(vp)) != 0)
		return error;
	va.va_mask = VA_SIZE;
	va.va_size = (uint64_t)length;
	vn_lock(vp);
	error = vop_setattr(vp, &va);
	vn_unlock(vp);
	return error;
}

/* truncate(path, length) */
int
sys_truncate(struct truncate_args *uap)
{
	struct nlookupdata nd;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_FOLLOW)) == 0)
		error = vn_truncate(nd.nl_vp, uap->length);
	nlookup_done(&nd);
	return error;
}

/* ftruncate(fd, length): the file must be open for writing. */
int
sys_ftruncate(struct ftruncate_args *uap)
{
	struct file *fp;
	int error;

	if ((error = vn_file_get(uap->fd, &fp)) != 0)
		return error == -ESPIPE ? -EINVAL : error;
	error = (fp->f_flag & FWRITE) == 0 ? -EINVAL :
	    vn_truncate(fp->f_data, uap->length);
	fdrop(fp);
	return error;
}

/* fsync(fd) */
int
sys_fsync(struct fsync_args *uap)
{
	struct file *fp;
	int error;

	if ((error = vn_file_get(uap->fd, &fp)) != 0)
		return error == -ESPIPE ? -EINVAL : error;
	error = vop_fsync(fp->f_data);
	fdrop(fp);
	return error;
}

/* sync(): every mount writes what it changed. */
int
sys_sync(struct sync_args *uap)
{
	(void)uap;
	vfs_sync_all();
	return 0;
}
SYSCALL_HANDLER(open, sys_open);
SYSCALL_HANDLER(lseek, sys_lseek);
SYSCALL_HANDLER(stat, sys_stat);
SYSCALL_HANDLER(lstat, sys_lstat);
SYSCALL_HANDLER(fstat, sys_fstat);
SYSCALL_HANDLER(readlink, sys_readlink);
SYSCALL_HANDLER(getdents, sys_getdents);
SYSCALL_HANDLER(truncate, sys_truncate);
SYSCALL_HANDLER(ftruncate, sys_ftruncate);
SYSCALL_HANDLER(fsync, sys_fsync);
SYSCALL_HANDLER(sync, sys_sync);
