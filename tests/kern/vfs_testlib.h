/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers for the tests of the VFS, memfs and path lookup
 * (book/43-vfs.nw, book/44-memfs.nw, book/45-namei.nw): a scratch
 * directory of a test's own under /tmp (made in a writable root if
 * /tmp is not there), names as componentnames, and small wrappers that
 * read and write a vnode from kernel memory.
 */
#ifndef NAIAD_TESTS_KERN_VFS_TESTLIB_H
#define NAIAD_TESTS_KERN_VFS_TESTLIB_H

#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

/* Fail the running test and leave it unless COND holds: for what the
 * rest of the test needs (a vnode it will use).  KT_ASSERT goes on. */
#define VT_REQUIRE(cond) do {						\
	if (!(cond)) {							\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "required: %s", #cond);				\
		return;							\
	}								\
} while (0)

/* A componentname for the NUL-terminated NAME. */
static inline struct componentname
vt_cn(const char *name)
{
	struct componentname cn = { name, kstrlen(name) };

	return cn;
}

/* A new directory NAME in DVP, or the one there: its vnode, or NULL. */
static inline struct vnode *
vt_mkdir(struct vnode *dvp, const char *name)
{
	struct componentname cn = vt_cn(name);
	struct vnode *vp;
	int error;

	error = vop_mkdir(dvp, &cn, 0755, &vp);
	if (error == -EEXIST)
		error = vop_lookup(dvp, &cn, &vp);
	return error == 0 ? vp : NULL;
}

/*
 * The test's scratch directory /tmp/NAME, referenced (a test fails if
 * there is none).  /tmp is made in the root if the root has none and
 * lets it.
 */
static inline struct vnode *
vt_scratch(struct ktest_ctx *kt, const char *name)
{
	struct vnode *tmp, *vp;

	if (nlookup_vnode("/tmp", NLC_FOLLOW, &tmp) != 0) {
		if (rootvnode == NULL || (tmp = vt_mkdir(rootvnode,
		    "tmp")) == NULL) {
			ktest_fail(kt, __FILE__, __LINE__,
			    "no /tmp, and the root will not have one");
			return NULL;
		}
	}
	vp = vt_mkdir(tmp, name);
	vrele(tmp);
	if (vp == NULL)
		ktest_fail(kt, __FILE__, __LINE__, "cannot make /tmp/%s",
		    name);
	return vp;
}

/* Write the N bytes at BUF to VP at OFF: the bytes written, or -errno. */
static inline int
vt_write(struct vnode *vp, int64_t off, const void *buf, size_t n)
{
	struct uio uio;
	int error;

	uio_init(&uio, (void *)(uintptr_t)buf, n, UIO_SYSSPACE, UIO_WRITE);
	error = vop_write(vp, &uio, off);
	return error != 0 ? error : (int)(n - uio.uio_resid);
}

/* Read up to N bytes of VP at OFF into BUF: the bytes read, or -errno. */
static inline int
vt_read(struct vnode *vp, int64_t off, void *buf, size_t n)
{
	struct uio uio;
	int error;

	uio_init(&uio, buf, n, UIO_SYSSPACE, UIO_READ);
	error = vop_read(vp, &uio, off);
	return error != 0 ? error : (int)(n - uio.uio_resid);
}

/* A new file NAME in DVP holding the string TEXT: its vnode or NULL. */
static inline struct vnode *
vt_file(struct vnode *dvp, const char *name, const char *text)
{
	struct componentname cn = vt_cn(name);
	struct vnode *vp;

	if (vop_create(dvp, &cn, 0644, &vp) != 0)
		return NULL;
	if (vt_write(vp, 0, text, kstrlen(text)) != (int)kstrlen(text)) {
		vrele(vp);
		return NULL;
	}
	return vp;
}

/* A symbolic link NAME in DVP to TARGET: 0 or -errno. */
static inline int
vt_symlink(struct vnode *dvp, const char *name, const char *target)
{
	struct componentname cn = vt_cn(name);

	return vop_symlink(dvp, &cn, target);
}

/* The number of file VP (va_fileid), or 0 if getattr fails. */
static inline uint32_t
vt_fileid(struct vnode *vp)
{
	struct vattr va;

	return vop_getattr(vp, &va) == 0 ? va.va_fileid : 0;
}

/* Look PATH up relative to START (NULL: the cwd or the root) with
 * FLAGS: 0 and *VPP (referenced), or -errno. */
static inline int
vt_lookup(struct vnode *start, const char *path, int flags,
    struct vnode **vpp)
{
	struct nlookupdata nd;
	int error;

	*vpp = NULL;
	error = nlookup_init(&nd, path, UIO_SYSSPACE, flags);
	if (error == 0 && start != NULL)
		nlookup_set_startdir(&nd, start);
	if (error == 0 && (error = nlookup(&nd)) == 0) {
		*vpp = nd.nl_vp;
		nd.nl_vp = NULL;
	}
	nlookup_done(&nd);
	return error;
}

/* Remove everything named in NAMES (NULL-terminated, files or empty
 * directories, in order) from DVP; errors are ignored (cleanup). */
static inline void
vt_cleanup(struct vnode *dvp, const char *const *names)
{
	struct componentname cn;

	for (; *names != NULL; names++) {
		cn = vt_cn(*names);
		if (vop_remove(dvp, &cn) != 0)
			vop_rmdir(dvp, &cn);
	}
}

#endif /* !NAIAD_TESTS_KERN_VFS_TESTLIB_H */
