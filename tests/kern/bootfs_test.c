/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * bootfs (book/49-bootfs.nw), mounted a second time on a scratch
 * directory: every file of the boot archive is there by its path, with
 * its size and its bytes (read in pieces of odd sizes); a directory
 * lists exactly the archive's files under it; nothing can be changed;
 * the dirs= option adds directories, a bad option is refused; the
 * unmount gives back every vnode.  A normal boot carries no archive:
 * then each test checks instead that bootfs refuses to mount and is not
 * the root (the archive's boots are tests/ext2/run's, with ARCHIVE=1's
 * module: QEMU's -initrd, Bochs' build/naiad-archive.img).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "vfs/mount.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"
#include "vm/vm.h"

/* The boot archive: 1 and its place, or 0 (the test has nothing). */
static int
bt_archive(const void **base, size_t *size)
{
	const struct phys_range *m;
	int n;

	m = vm_boot_modules(&n);
	if (n == 0)
		return 0;
	*base = (const void *)(uintptr_t)m[0].start;
	*size = (size_t)(m[0].end - m[0].start);
	return 1;
}

/* Without an archive: bootfs refuses to mount, on scratch directory
 * NAME, and the root is not bootfs. */
static void
bt_no_archive(struct ktest_ctx *kt, const char *name)
{
	int vnodes0 = vnode_count();
	struct vnode *dir;

	kprintf("note: no boot archive: bootfs must refuse to mount\n");
	KT_ASSERT(rootvnode == NULL || kstrcmp(rootvnode->v_mount->
	    mnt_stat.f_fstypename, "bootfs") != 0);
	VT_REQUIRE((dir = vt_scratch(kt, name)) != NULL);
	KT_EXPECT_EQ(-ENOENT, vfs_mount("bootfs", "archive", NULL, 0, dir,
	    name, NULL));
	KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* A bootfs with OPTIONS on the scratch directory NAME, or NULL. */
static struct mount *
bt_mount(struct ktest_ctx *kt, const char *name, const char *options,
    struct vnode **dirp)
{
	struct mount *mp = NULL;
	int error;

	if ((*dirp = vt_scratch(kt, name)) == NULL)
		return NULL;
	error = vfs_mount("bootfs", "archive", options, 0, *dirp, name, &mp);
	if (error != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "mount bootfs: %d", error);
		vrele(*dirp);
		return NULL;
	}
	return mp;
}

/* Does file VP hold the N bytes at WANT?  Read in pieces of 1 to 777
 * bytes.  1 if so. */
static int
bt_same(struct vnode *vp, const char *want, uint32_t n)
{
	static char buf[777];
	uint32_t off = 0, piece = 1;
	int got;

	while (off < n) {
		got = vt_read(vp, off, buf, piece);
		if (got <= 0 || kstrncmp(buf, want + off, (size_t)got) != 0)
			return 0;
		if ((uint32_t)got != piece && off + (uint32_t)got != n)
			return 0;		/* short only at the end */
		off += (uint32_t)got;
		piece = piece * 7 % 777 + 1;
	}
	return vt_read(vp, n, buf, 10) == 0;	/* then the end */
}

KTEST(bootfs_has_every_file_of_the_archive)
{
	char name[ARCHIVE_PATHMAX], path[ARCHIVE_PATHMAX];
	int vnodes0 = vnode_count(), files = 0, in_bin = 0, listed = 0;
	struct vnode *dir, *vp, *bin;
	struct archive_file af;
	const void *base;
	struct vattr va;
	struct mount *mp;
	size_t size, off = 0;
	int64_t cookie = 0;
	char dbuf[sizeof(struct dirent) * 2] __attribute__((aligned(4)));
	struct uio uio;
	size_t got, o;
	struct dirent *d;

	if (!bt_archive(&base, &size)) {
		bt_no_archive(kt, "bootfs_all");
		return;
	}
	VT_REQUIRE((mp = bt_mount(kt, "bootfs_all", NULL, &dir)) != NULL);
	while (archive_next(base, size, &off, &af, name) == 1) {
		if (af.af_type != '0')
			continue;
		files++;
		kstrlcpy(path, af.af_name, sizeof(path));
		in_bin += kstrncmp(path, "bin/", 4) == 0 &&
		    kstrstr(path + 4, "/") == NULL;
		if (vt_lookup(mp->mnt_rootvp, path, 0, &vp) != 0) {
			ktest_fail(kt, __FILE__, __LINE__, "%s: not found",
			    path);
			continue;
		}
		KT_EXPECT_EQ(0, vop_getattr(vp, &va));
		KT_EXPECT_EQ(VREG, va.va_type);
		KT_EXPECT_EQ((int)af.af_size, (int)va.va_size);
		if (files % 4 == 1)		/* every fourth: all bytes */
			KT_EXPECT_EQ(1, bt_same(vp, af.af_data, af.af_size));
		vrele(vp);
	}
	KT_ASSERT(files > 0);
	/* /bin lists exactly the archive's files under bin/. */
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "bin", 0, &bin) == 0);
	for (;;) {
		uio_init(&uio, dbuf, 48, UIO_SYSSPACE, UIO_READ);
		KT_EXPECT_EQ(0, vop_readdir(bin, &uio, &cookie));
		if ((got = 48 - uio.uio_resid) == 0)
			break;
		for (o = 0; o < got; o += d->d_reclen) {
			d = (struct dirent *)(dbuf + o);
			if (path_dotkind(d->d_name, d->d_namlen) == PATH_NAME)
				listed++;
		}
	}
	KT_EXPECT_EQ(in_bin, listed);
	KT_EXPECT_EQ(1, vt_lookup(bin, "..", 0, &vp) == 0 &&
	    vp == mp->mnt_rootvp);
	vrele(vp);
	vrele(bin);
	KT_EXPECT_EQ(-ENOENT, vt_lookup(mp->mnt_rootvp, "bin/nosuch", 0,
	    &vp));
	KT_EXPECT_EQ(-ENOTDIR, vt_lookup(mp->mnt_rootvp, "bin/sh/x", 0,
	    &vp));
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

KTEST(bootfs_is_read_only_and_unmounts)
{
	int vnodes0 = vnode_count();
	struct componentname cn = vt_cn("new");
	struct vnode *dir, *vp, *x;
	const void *base;
	struct statfs sf;
	struct mount *mp;
	size_t size;

	if (!bt_archive(&base, &size)) {
		bt_no_archive(kt, "bootfs_ro");
		return;
	}
	VT_REQUIRE((mp = bt_mount(kt, "bootfs_ro", "dirs=one:two", &dir)) !=
	    NULL);
	KT_EXPECT_EQ(MNT_RDONLY, mp->mnt_flag & MNT_RDONLY);
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "one", 0, &vp) == 0);
	KT_EXPECT_EQ(VDIR, vp->v_type);
	vrele(vp);
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "two/.", 0, &vp) == 0);
	vrele(vp);
	KT_EXPECT_EQ(-EOPNOTSUPP, vop_create(mp->mnt_rootvp, &cn, 0644, &x));
	KT_EXPECT_EQ(-EOPNOTSUPP, vop_mkdir(mp->mnt_rootvp, &cn, 0755, &x));
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "bin/sh", 0, &vp) == 0);
	KT_EXPECT_EQ(-EOPNOTSUPP, vt_write(vp, 0, "x", 1));
	vrele(vp);
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf));
	KT_ASSERT(sf.f_blocks > 0 && sf.f_bfree == 0);
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	/* Bad options, and something else than the archive. */
	KT_EXPECT_EQ(-EINVAL, vfs_mount("bootfs", "archive", "threads=2", 0,
	    dir, "x", NULL));
	KT_EXPECT_EQ(-EINVAL, vfs_mount("bootfs", "archive", "dirs=a/b", 0,
	    dir, "x", NULL));
	KT_EXPECT_EQ(-ENOENT, vfs_mount("bootfs", "disk", NULL, 0, dir, "x",
	    NULL));
	KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}
