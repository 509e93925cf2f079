/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ext2's operations on a whole mount (book/51-ext2-vfs.nw): options,
 * mount from a disk device, root, statfs, sync, unmount, and its
 * registration at boot.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "kern/buf.h"
#include "kern/cmdline.h"
#include "kern/device.h"
#include "kern/archive.h"
#include "kern/disk_slice.h"
#include "kern/errno.h"
#include "kern/exec.h"
#include "kern/file.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "vfs/ext2_vfs.h"
#include "vfs/namei.h"
#include "vm/kmalloc.h"

/* Parse options DATA (NULL: none) into *THREADS and *RDONLY: 0 or
 * -EINVAL. */
int
ext2_vfs_options(const char *data, int *threads, int *rdonly)
{
	const char *p = data;
	int r;

	*threads = VFS_PORT_PERCPU;
	*rdonly = 0;
	while (p != NULL && *p != '\0') {
		if ((r = vfs_port_option(&p, threads)) < 0)
			return r;
		if (r == 0 && kstrncmp(p, "ro", 2) == 0) {
			*rdonly = 1;
			p += 2;
		} else if (r == 0)
			return -EINVAL;
		if (*p == ',')
			p++;
		else if (*p != '\0')
			return -EINVAL;
	}
	return 0;
}
/* The seconds any mounted disk last said, plus those since boot. */
static uint32_t ext2_clock_base;

/* The clock of every ext2 mount. */
static uint32_t
ext2_vfs_clock(void)
{
	return ext2_clock_base + (uint32_t)(globaldata_find(0)->gd_ticks /
	    HZ);
}

/* The device FROM names ("/dev/ad3" or "ad3"), referenced, or NULL. */
static struct cdev *
ext2_vfs_device(const char *from)
{
	if (from == NULL)
		return NULL;
	if (kstrncmp(from, "/dev/", 5) == 0)
		from += 5;
	return dev_lookup(from);
}

/* vfs_mount: check and mount the disk FROM, start the threads. */
static int
ext2_vfs_mount(struct mount *mp, const char *from, const char *data)
{
	struct ext2_mount *em;
	struct cdev *dev;
	int threads, rdonly, error;

	if ((error = ext2_vfs_options(data, &threads, &rdonly)) != 0)
		return error;
	if ((dev = ext2_vfs_device(from)) == NULL) {
		kprintf("ext2: no device %s\n", from != NULL ? from : "");
		return -ENXIO;
	}
	if ((dev->si_ops->d_flags & D_DISK) == 0 || dev->si_size == 0) {
		kprintf("ext2: %s is not a disk\n", dev->si_name);
		release_dev(dev);
		return -ENOTBLK;
	}
	if ((em = kmalloc(sizeof(*em), M_ZERO)) == NULL) {
		release_dev(dev);
		return -ENOMEM;
	}
	vlock_init(&em->em_lock, "ext2");
	TAILQ_INIT(&em->em_nodes);
	if (rdonly || (mp->mnt_flag & MNT_RDONLY) != 0) {
		rdonly = 1;
		mp->mnt_flag |= MNT_RDONLY;
	}
	error = ext2_mount(&em->em_fs, dev, dev->si_size,
	    rdonly ? EXT2_MNT_RDONLY : 0, ext2_vfs_clock);
	if (error != 0) {
		kprintf("ext2: %s is not mounted (error %d)\n",
		    dev->si_name, error);
		binval(dev);		/* keep nothing of a refused disk */
		release_dev(dev);
		kfree(em);
		return error;
	}
	if (em->em_fs.fs_super.s_wtime > ext2_clock_base)
		ext2_clock_base = em->em_fs.fs_super.s_wtime;
	mp->mnt_data = em;
	mp->mnt_vn_ops = &ext2_vops;
	if ((error = vfs_port_create(mp, threads)) != 0) {
		ext2_unmount(&em->em_fs);
		release_dev(dev);
		kfree(em);
		mp->mnt_data = NULL;
	}
	return error;
}

/* vfs_root: inode 2. */
static int
ext2_vfs_root(struct mount *mp, struct vnode **vpp)
{
	struct ext2_mount *em = mp->mnt_data;
	int error;

	vlock_acquire(&em->em_lock);
	error = ext2_vnode(mp, EXT2_ROOT_INO, vpp);
	vlock_release(&em->em_lock);
	if (error == 0 && (*vpp)->v_type != VDIR) {
		kprintf("ext2: the root inode is not a directory\n");
		vrele(*vpp);
		return -EIO;
	}
	return error;
}

/* vfs_statfs. */
static int
ext2_vfs_statfs(struct mount *mp, struct statfs *sbp)
{
	struct ext2_mount *em = mp->mnt_data;
	struct ext2_statfs st;
	int error;

	vlock_acquire(&em->em_lock);
	error = ext2_statfs(&em->em_fs, &st);
	vlock_release(&em->em_lock);
	if (error != 0)
		return error;
	sbp->f_bsize = st.st_bsize;
	sbp->f_blocks = st.st_blocks;
	sbp->f_bfree = st.st_bfree;
	sbp->f_files = st.st_inodes;
	sbp->f_ffree = st.st_ifree;
	return 0;
}


/* vfs_unmount: the last vnode is gone; write all, mark the disk clean,
 * forget its buffers. */
static int
ext2_vfs_unmount(struct mount *mp)
{
	struct ext2_mount *em = mp->mnt_data;
	int error;

	KASSERT(TAILQ_EMPTY(&em->em_nodes),
	    ("ext2: unmount with inodes in use"));
	error = ext2_unmount(&em->em_fs);
	release_dev(em->em_fs.fs_dev);
	kfree(em);
	mp->mnt_data = NULL;
	return error;
}

static const struct vfsops ext2_vfsops = {
	ext2_vfs_mount, ext2_vfs_unmount, ext2_vfs_root, ext2_vfs_statfs,
	ext2_sync_mount
};

static struct vfsconf ext2_vfsconf = { "ext2", &ext2_vfsops, NULL };
/* Read regular file PATH whole into kernel memory: 0 and *AF (*FREEP
 * to kfree), -ENOENT, -EACCES, -ENOEXEC, -ENOMEM, -EIO.  FREEP NULL:
 * only look (0 if a program could be read), read nothing. */
int
exec_vfs_load(const char *path, struct archive_file *af, void **freep)
{
	struct nlookupdata nd;
	struct vattr va;
	struct uio uio;
	char *data = NULL;
	int error;

	if (freep != NULL)
		*freep = NULL;
	if ((error = nlookup_init(&nd, path, UIO_SYSSPACE, NLC_FOLLOW)) ==
	    0)
		error = nlookup(&nd);
	if (error == 0 && (error = vop_getattr(nd.nl_vp, &va)) == 0) {
		if (va.va_type != VREG)
			error = -EACCES;
		else if (va.va_size > EXEC_VFS_MAX || va.va_size == 0)
			error = -ENOEXEC;
		else if (freep == NULL) {	/* only looking */
			nlookup_done(&nd);
			return 0;
		} else if ((data = kmalloc((size_t)va.va_size, 0)) == NULL)
			error = -ENOMEM;
	}
	if (error == 0) {
		uio_init(&uio, data, (size_t)va.va_size, UIO_SYSSPACE,
		    UIO_READ);
		error = vop_read(nd.nl_vp, &uio, 0);
		if (error == 0 && uio.uio_resid != 0)
			error = -EIO;		/* it shrank meanwhile */
	}
	nlookup_done(&nd);
	if (error != 0) {
		kfree(data);
		return error;
	}
	af->af_name = path;
	af->af_data = data;
	af->af_size = (uint32_t)va.va_size;
	af->af_type = '0';
	*freep = data;
	return 0;
}

/* exec_image_hook: through the VFS when the root is not the archive. */
static int
exec_vfs_image(const char *path, struct archive_file *af, void **freep)
{
	if (rootvnode == NULL || kstrcmp(rootvnode->v_mount->mnt_stat.
	    f_fstypename, "bootfs") == 0)
		return -ENOENT;
	return exec_vfs_load(path, af, freep);
}
/* Boot: make the type "ext2" known, and let exec read the root. */
static void
ext2_vfs_init(void *arg)
{
	(void)arg;
	vfs_register(&ext2_vfsconf);
	exec_image_hook = exec_vfs_image;
}

SYSINIT(ext2vfs, SI_SUB_EXT2, SI_ORDER_FIRST, ext2_vfs_init, NULL);
static struct vfs_rootcand ext2_rootcand = { "ext2", "ad0s1", NULL,
    VFS_ROOT_DISK, NULL };

/* Boot, after the disks: ad0's slices, and ad0s1 as a root candidate
 * (each failure a line that says why). */
static void
ext2_root_probe(void *arg)
{
	const char *spec = cmdline_get("root");
	struct cdev *disk, *sl;
	int n;

	(void)arg;
	if (spec != NULL && kstrcmp(spec, "bootfs") == 0)
		return;
	if ((disk = dev_lookup("ad0")) == NULL) {
		kprintf("ext2: no disk ad0: no root on a disk\n");
		return;
	}
	n = mbr_slices(disk);
	release_dev(disk);
	if (n == 0)
		kprintf("ext2: ad0 has no partition table: no root on a "
		    "disk\n");
	if (n <= 0)
		return;
	if ((sl = dev_lookup("ad0s1")) == NULL) {
		kprintf("ext2: ad0 has no partition 1: no root on a disk\n");
		return;
	}
	release_dev(sl);
	vfs_root_register(&ext2_rootcand);
}

SYSINIT(ext2root, SI_SUB_EXT2, SI_ORDER_SECOND, ext2_root_probe, NULL);
