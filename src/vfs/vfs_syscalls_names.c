/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The file system calls on names (book/50-vfs-syscalls.nw): mkdir,
 * rmdir, unlink, link, symlink, rename, chdir, getcwd, mount, umount,
 * statfs; and what is mounted at boot.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
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

/* mkdir(path, mode) */
int
sys_mkdir(struct mkdir_args *uap)
{
	struct nlookupdata nd;
	struct vnode *vp;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_PARENT)) == 0) {
		if (nd.nl_vp != NULL || last_is_dot(&nd))
			error = -EEXIST;
		else if ((error = check_writable(nd.nl_dvp)) == 0 &&
		    (error = vop_mkdir(nd.nl_dvp, &nd.nl_cn,
		    (uint32_t)uap->mode & 07777, &vp)) == 0)
			vrele(vp);
	}
	nlookup_done(&nd);
	return error;
}

/* The checks of a name to remove (rmdir if DIR, else unlink) in ND:
 * 0 or -errno. */
static int
remove_check(struct nlookupdata *nd, int dir)
{
	struct vnode *vp = nd->nl_vp;

	if (last_is_dot(nd))
		return -EINVAL;
	if (vp == NULL)
		return -ENOENT;
	if (vp->v_mountedhere != NULL || (vp->v_flag & VROOT) != 0)
		return -EBUSY;
	if (dir && vp->v_type != VDIR)
		return -ENOTDIR;
	if (!dir && vp->v_type == VDIR)
		return -EPERM;
	return check_writable(nd->nl_dvp);
}

/* rmdir(path) */
int
sys_rmdir(struct rmdir_args *uap)
{
	struct nlookupdata nd;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_PARENT)) == 0 &&
	    (error = remove_check(&nd, 1)) == 0)
		error = vop_rmdir(nd.nl_dvp, &nd.nl_cn);
	nlookup_done(&nd);
	return error;
}

/* unlink(path) */
int
sys_unlink(struct unlink_args *uap)
{
	struct nlookupdata nd;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_PARENT)) == 0 &&
	    (error = remove_check(&nd, 0)) == 0)
		error = vop_remove(nd.nl_dvp, &nd.nl_cn);
	nlookup_done(&nd);
	return error;
}

/* link(from, to): TO names FROM's file too (a link itself, not its
 * target; never a directory). */
int
sys_link(struct link_args *uap)
{
	struct nlookupdata from, to;
	int error;

	if ((error = user_lookup(&from, uap->from, 0)) == 0 &&
	    (error = user_lookup(&to, uap->to, NLC_PARENT)) == 0) {
		if (from.nl_vp->v_type == VDIR)
			error = -EPERM;
		else if (to.nl_vp != NULL || last_is_dot(&to))
			error = -EEXIST;
		else if (from.nl_vp->v_mount != to.nl_dvp->v_mount)
			error = -EXDEV;
		else if ((error = check_writable(to.nl_dvp)) == 0)
			error = vop_link(to.nl_dvp, from.nl_vp, &to.nl_cn);
		nlookup_done(&to);
	}
	nlookup_done(&from);
	return error;
}

/* symlink(target, path): a link PATH whose contents are TARGET. */
int
sys_symlink(struct symlink_args *uap)
{
	struct nlookupdata nd;
	char *target;
	int error;

	if ((target = kmalloc(PATH_MAX, 0)) == NULL)
		return -ENOMEM;
	if ((error = copyinstr(uap->target, target, PATH_MAX, NULL)) == 0 &&
	    target[0] == '\0')
		error = -ENOENT;
	if (error == 0) {
		if ((error = user_lookup(&nd, uap->path, NLC_PARENT)) == 0) {
			if (nd.nl_vp != NULL || last_is_dot(&nd))
				error = -EEXIST;
			else if ((error = check_writable(nd.nl_dvp)) == 0)
				error = vop_symlink(nd.nl_dvp, &nd.nl_cn,
				    target);
		}
		nlookup_done(&nd);
	}
	kfree(target);
	return error;
}

/* rename(from, to) */
int
sys_rename(struct rename_args *uap)
{
	struct nlookupdata from, to;
	int error;

	if ((error = user_lookup(&from, uap->from, NLC_PARENT)) == 0 &&
	    (error = user_lookup(&to, uap->to, NLC_PARENT)) == 0) {
		if (last_is_dot(&from) || last_is_dot(&to))
			error = -EINVAL;
		else if (from.nl_vp == NULL)
			error = -ENOENT;
		else if (from.nl_dvp->v_mount != to.nl_dvp->v_mount)
			error = -EXDEV;
		else if (from.nl_vp->v_mountedhere != NULL ||
		    (to.nl_vp != NULL && to.nl_vp->v_mountedhere != NULL))
			error = -EBUSY;
		else if ((error = check_writable(to.nl_dvp)) == 0)
			error = vop_rename(from.nl_dvp, &from.nl_cn,
			    to.nl_dvp, &to.nl_cn);
		nlookup_done(&to);
	}
	nlookup_done(&from);
	return error;
}
/* VP's file number, or 0 if its filesystem cannot say. */
static uint32_t
vt_fileid_of(struct vnode *vp)
{
	struct vattr va;

	return vop_getattr(vp, &va) == 0 ? va.va_fileid : 0;
}
/* chdir(path) */
int
sys_chdir(struct chdir_args *uap)
{
	struct nlookupdata nd;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_FOLLOW)) == 0) {
		if (nd.nl_vp->v_type != VDIR)
			error = -ENOTDIR;
		else {
			proc_set_cwd(curproc, nd.nl_vp);
			nd.nl_vp = NULL;
		}
	}
	nlookup_done(&nd);
	return error;
}

/* In directory DVP, the name of the entry numbered ID (not "." or
 * "..") into NAME: its length, or -ENOENT, -errno. */
static int
getcwd_name(struct vnode *dvp, uint32_t id, char *name, char *buf)
{
	int64_t cookie = 0;
	struct dirent *d;
	struct uio uio;
	size_t off, n;
	int error;

	for (;;) {
		uio_init(&uio, buf, VN_IOCHUNK, UIO_SYSSPACE, UIO_READ);
		if ((error = vop_readdir(dvp, &uio, &cookie)) != 0)
			return error;
		if ((n = VN_IOCHUNK - uio.uio_resid) == 0)
			return -ENOENT;
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct dirent *)(buf + off);
			if (d->d_fileno == id && path_dotkind(d->d_name,
			    d->d_namlen) == PATH_NAME) {
				kmemcpy(name, d->d_name, d->d_namlen);
				return d->d_namlen;
			}
		}
	}
}

/* One step up from VP (held; given up): its name in its parent put in
 * front of PATH at *POS, the parent (referenced) returned in *UPP. */
static int
getcwd_step(struct vnode *vp, char *path, size_t *pos, char *buf,
    struct vnode **upp)
{
	static struct componentname dotdot = { "..", 2 };
	char name[NAME_MAX + 1];
	struct vnode *up;
	int len, error;

	while ((up = vfs_covered(vp)) != NULL) {
		vrele(vp);
		vp = up;
	}
	if ((error = vop_lookup(vp, &dotdot, &up)) == 0) {
		len = getcwd_name(up, vt_fileid_of(vp), name, buf);
		if (len < 0)
			error = len;
		else if ((size_t)len + 1 > *pos)
			error = -ERANGE;
		else {
			*pos -= (size_t)len;
			kmemcpy(path + *pos, name, (size_t)len);
			path[--*pos] = '/';
		}
	}
	vrele(vp);
	if (error != 0 && up != NULL)
		vrele(up);
	*upp = error == 0 ? up : NULL;
	return error;
}

/* getcwd(buf, size): BUF, holding the absolute path of the current
 * directory. */
int
sys_getcwd(struct getcwd_args *uap)
{
	size_t pos = PATH_MAX - 1, len;
	struct vnode *vp, *up;
	char *path, *buf;
	int error = 0;

	if (uap->size == 0)
		return -EINVAL;
	if ((vp = proc_cwd(curproc)) == NULL)
		return -ENOENT;
	path = kmalloc(PATH_MAX + VN_IOCHUNK, 0);
	if (path == NULL) {
		vrele(vp);
		return -ENOMEM;
	}
	buf = path + PATH_MAX;
	path[pos] = '\0';
	while (vp != rootvnode && error == 0) {
		error = getcwd_step(vp, path, &pos, buf, &up);
		vp = up;
	}
	if (vp != NULL)
		vrele(vp);
	if (error == 0 && pos == PATH_MAX - 1)
		path[--pos] = '/';			/* the root itself */
	len = PATH_MAX - pos;			/* NUL included */
	if (error == 0 && len > uap->size)
		error = -ERANGE;
	if (error == 0)
		error = copyout(path + pos, uap->buf, len);
	kfree(path);
	if (error == 0)
		uap->sysmsg.sm_result = (int32_t)(uintptr_t)uap->buf;
	return error;
}
/* Copy the program's string US (NULL allowed if OPTIONAL) into a new
 * buffer of SIZE: 0 and *KSP (NULL for NULL), or -errno. */
static int
copyin_string(const char *us, size_t size, int optional, char **ksp)
{
	int error;

	*ksp = NULL;
	if (us == NULL && optional)
		return 0;
	if ((*ksp = kmalloc(size, 0)) == NULL)
		return -ENOMEM;
	if ((error = copyinstr(us, *ksp, size, NULL)) != 0) {
		kfree(*ksp);
		*ksp = NULL;
	}
	return error;
}

/* mount(type, from, path, flags, data) */
int
sys_mount(struct mount_args *uap)
{
	char *type = NULL, *from = NULL, *data = NULL;
	struct nlookupdata nd;
	int error;

	if ((uap->flags & ~MNT_RDONLY) != 0)
		return -EINVAL;
	if ((error = copyin_string(uap->type, 16, 0, &type)) != 0 ||
	    (error = copyin_string(uap->from, 80, 1, &from)) != 0 ||
	    (error = copyin_string(uap->data, 256, 1, &data)) != 0)
		goto out;
	if ((error = user_lookup(&nd, uap->path, NLC_FOLLOW)) == 0)
		error = vfs_mount(type, from, data, uap->flags, nd.nl_vp,
		    nd.nl_path, NULL);
	nlookup_done(&nd);
out:
	kfree(type);
	kfree(from);
	kfree(data);
	return error;
}

/* umount(path): PATH names the root of a mount. */
int
sys_umount(struct umount_args *uap)
{
	struct nlookupdata nd;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_FOLLOW)) == 0) {
		error = vfs_unmount_at(nd.nl_vp);	/* takes it over */
		nd.nl_vp = NULL;
	}
	nlookup_done(&nd);
	return error;
}

/* statfs(path, buf): the mount PATH is in. */
int
sys_statfs(struct statfs_args *uap)
{
	struct nlookupdata nd;
	struct statfs sf;
	int error;

	if ((error = user_lookup(&nd, uap->path, NLC_FOLLOW)) == 0)
		error = vfs_statfs(nd.nl_vp->v_mount, &sf);
	nlookup_done(&nd);
	return error != 0 ? error : copyout(&sf, uap->buf, sizeof(sf));
}
/* Mount TYPE with options DATA on the root's directory NAME (made if
 * missing). */
static void
vfs_boot_mount(const char *type, const char *name, const char *on,
    const char *data)
{
	struct componentname cn = { name, kstrlen(name) };
	struct vnode *dir;
	int error;

	error = vop_lookup(rootvnode, &cn, &dir);
	if (error == -ENOENT && (error = check_writable(rootvnode)) == 0)
		error = vop_mkdir(rootvnode, &cn, 0755, &dir);
	if (error == 0) {
		error = vfs_mount(type, type, data, 0, dir, on, NULL);
		vrele(dir);
	}
	if (error != 0)
		kprintf("vfs: %s on %s: error %d\n", type, on, error);
}

/* Boot, after the root: /dev and /tmp. */
static void
vfs_boot_mounts(void *arg)
{
	(void)arg;
	if (rootvnode == NULL)
		return;
	vfs_boot_mount("devfs", "dev", "/dev", NULL);
	vfs_boot_mount("memfs", "tmp", "/tmp", NULL);
}

SYSINIT(vfsmounts, SI_SUB_VFS_ROOT, SI_ORDER_SECOND, vfs_boot_mounts,
    NULL);

SYSCALL_HANDLER(mkdir, sys_mkdir);
SYSCALL_HANDLER(rmdir, sys_rmdir);
SYSCALL_HANDLER(unlink, sys_unlink);
SYSCALL_HANDLER(link, sys_link);
SYSCALL_HANDLER(symlink, sys_symlink);
SYSCALL_HANDLER(rename, sys_rename);
SYSCALL_HANDLER(chdir, sys_chdir);
SYSCALL_HANDLER(getcwd, sys_getcwd);
SYSCALL_HANDLER(mount, sys_mount);
SYSCALL_HANDLER(umount, sys_umount);
SYSCALL_HANDLER(statfs, sys_statfs);
