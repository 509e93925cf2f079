/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of small files and of variant links (book/43-vfs.nw,
 * book/45-namei.nw, book/46-varsym.nw):
 *
 *  - vfs_small_file_cycle: create a file, write 512 bytes, read them
 *    back, remove it, as vnode operations (each a message), on a memfs
 *    served by a thread per CPU (the sender's own, so two switches per
 *    operation), and the same in /mnt of the root when the root is ext2
 *    (book/51-ext2-vfs.nw: a thread per CPU, the buffer cache over ad0s1).
 *  - namei_variant_link: the lookup of "l/f" through a plain link "l"
 *    to "d", and through a variant link "l" to "${...}" whose system
 *    variable names "d": what the expansion adds to a lookup.
 *
 * Both work on mounts of their own under /tmp; with no /tmp a line
 * says so.
 */
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/varsym.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/vop.h"

#define FB_BYTES	512

/* One op's state: the directory it works in, and what went wrong. */
struct fb_op {
	struct vnode	*dir;
	const char	*path;
	int		errors;
	char		buf[FB_BYTES];
};

/* Create "f" in op->dir, write FB_BYTES, read them back, remove it. */
static void
fb_cycle_op(void *arg)
{
	struct fb_op *op = arg;
	struct componentname cn = { "f", 1 };
	struct vnode *vp;
	struct uio uio;
	char back[FB_BYTES];
	int i;

	if (vop_create(op->dir, &cn, 0644, &vp) != 0) {
		op->errors++;
		return;
	}
	uio_init(&uio, op->buf, FB_BYTES, UIO_SYSSPACE, UIO_WRITE);
	if (vop_write(vp, &uio, 0) != 0 || uio.uio_resid != 0)
		op->errors++;
	uio_init(&uio, back, FB_BYTES, UIO_SYSSPACE, UIO_READ);
	if (vop_read(vp, &uio, 0) != 0 || uio.uio_resid != 0)
		op->errors++;
	for (i = 0; i < FB_BYTES; i++)
		if (back[i] != op->buf[i]) {
			op->errors++;
			break;
		}
	vrele(vp);
	if (vop_remove(op->dir, &cn) != 0)
		op->errors++;
}

/* Look up op->path from op->dir, following the last link. */
static void
fb_lookup_op(void *arg)
{
	struct fb_op *op = arg;
	struct nlookupdata nd;

	if (nlookup_init(&nd, op->path, UIO_SYSSPACE, NLC_FOLLOW) == 0) {
		nlookup_set_startdir(&nd, op->dir);
		if (nlookup(&nd) != 0)
			op->errors++;
	}
	nlookup_done(&nd);
}

/* Name NAME (terminated) as a componentname. */
static struct componentname
fb_cn(const char *name)
{
	struct componentname cn = { name, kstrlen(name) };

	return cn;
}

/* Mount memfs with OPTIONS on /tmp/NAME (made if missing): its root,
 * referenced, or NULL (a line says why). */
static struct vnode *
fb_mount(struct kbench_ctx *kb, const char *name, const char *options)
{
	struct componentname cn = fb_cn(name);
	struct vnode *tmp, *dir;
	struct mount *mp;
	int error;

	if (nlookup_vnode("/tmp", NLC_FOLLOW, &tmp) != 0) {
		kprintf("note: %s: no /tmp to mount on\n", kb->name);
		return NULL;
	}
	error = vop_mkdir(tmp, &cn, 0755, &dir);
	if (error == -EEXIST)
		error = vop_lookup(tmp, &cn, &dir);
	vrele(tmp);
	if (error == 0) {
		error = vfs_mount("memfs", "memfs", options, 0, dir, name,
		    &mp);
		vrele(dir);
	}
	if (error != 0) {
		kprintf("note: %s: cannot mount memfs on /tmp/%s (error %d)\n",
		    kb->name, name, error);
		return NULL;
	}
	vref(mp->mnt_rootvp);
	return mp->mnt_rootvp;
}

KBENCH(vfs_small_file_cycle)
{
	static struct fb_op op;
	int i;

	if ((op.dir = fb_mount(kb, "fb_cycle", "threads=percpu")) == NULL)
		return;
	for (i = 0; i < FB_BYTES; i++)
		op.buf[i] = (char)('a' + i % 26);
	op.errors = 0;
	kbench_measure(kb, "memfs_ticks_per_create_write_read_unlink",
	    fb_cycle_op, &op, 50);
	if (op.errors != 0)
		kprintf("note: %s: %d operations failed\n", kb->name,
		    op.errors);
	vrele(op.dir);
	/* The mount stays: a second run mounts another on top. */

	/* The same on the root when it is ext2 (ad0s1: a thread per CPU, the
	 * buffer cache, the disk read at first), in its /mnt. */
	if (nlookup_vnode("/mnt", NLC_FOLLOW, &op.dir) != 0)
		return;
	if (kstrcmp(op.dir->v_mount->mnt_stat.f_fstypename, "ext2") == 0) {
		op.errors = 0;
		kbench_measure(kb, "ext2_root_ticks_per_create_write_read_"
		    "unlink", fb_cycle_op, &op, 50);
		if (op.errors != 0)
			kprintf("note: %s: %d ext2 operations failed\n",
			    kb->name, op.errors);
	} else
		kprintf("note: %s: the root is not ext2\n", kb->name);
	vrele(op.dir);
}

KBENCH(namei_variant_link)
{
	static const struct varsym_ctx sys = { NULL, 0 };
	static struct fb_op op;
	struct componentname d = fb_cn("d"), f = fb_cn("f");
	struct componentname plain = fb_cn("plain"), var = fb_cn("var");
	struct vnode *dvp, *fvp;

	if ((op.dir = fb_mount(kb, "fb_links", "threads=sync")) == NULL)
		return;
	if (vop_mkdir(op.dir, &d, 0755, &dvp) == 0) {
		if (vop_create(dvp, &f, 0644, &fvp) == 0)
			vrele(fvp);
		vrele(dvp);
	}
	(void)vop_symlink(op.dir, &plain, "d");	/* -EEXIST: a 2nd run */
	(void)vop_symlink(op.dir, &var, "${fb_dir}");
	if (varsym_set_ctx(&sys, VARSYM_SYS, "fb_dir", "d") != 0) {
		kprintf("note: %s: cannot set the variable\n", kb->name);
		vrele(op.dir);
		return;
	}
	op.errors = 0;
	op.path = "plain/f";
	kbench_measure(kb, "ticks_per_lookup_plain_link", fb_lookup_op, &op,
	    100);
	op.path = "var/f";
	kbench_measure(kb, "ticks_per_lookup_variant_link", fb_lookup_op,
	    &op, 100);
	if (op.errors != 0)
		kprintf("note: %s: %d lookups failed\n", kb->name, op.errors);
	varsym_set_ctx(&sys, VARSYM_SYS, "fb_dir", NULL);
	vrele(op.dir);
}
