/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * devfs (book/48-devfs.nw) on a mount of its own: the listing is the
 * device table (every device once, also read a few entries at a time,
 * the numbers of the listing those of getattr); reads and writes of
 * zero and null through vnode files, as read and write make them; a
 * memory disk made after the mount appears, is read and written in
 * whole blocks through its vnode, and once destroyed leaves the
 * directory while an open vnode of it gets ENXIO.  Every vnode comes
 * back.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/device.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/md.h"
#include "kern/bio.h"
#include "vfs/mount.h"
#include "vfs/vfs_file.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"

/* A devfs on the scratch directory NAME: the mount, or NULL. */
static struct mount *
df_mount(struct ktest_ctx *kt, const char *name, struct vnode **dirp)
{
	struct mount *mp = NULL;
	int error;

	if ((*dirp = vt_scratch(kt, name)) == NULL)
		return NULL;
	if ((error = vfs_mount("devfs", "devfs", NULL, 0, *dirp, name,
	    &mp)) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "mount devfs: %d", error);
		vrele(*dirp);
		return NULL;
	}
	return mp;
}

/* What a listing saw. */
struct df_seen {
	char		names[64][SPECNAMELEN + 1];
	uint32_t	inos[64];
	int		n;
	int		dots;
};

/* Read directory VP CHUNK bytes at a time into *S: 0 or -errno. */
static int
df_list(struct vnode *vp, size_t chunk, struct df_seen *s)
{
	char buf[sizeof(struct dirent) * 2] __attribute__((aligned(4)));
	int64_t cookie = 0;
	struct dirent *d;
	struct uio uio;
	size_t off, got;
	int error;

	kmemset(s, 0, sizeof(*s));
	for (;;) {
		uio_init(&uio, buf, chunk, UIO_SYSSPACE, UIO_READ);
		if ((error = vop_readdir(vp, &uio, &cookie)) != 0)
			return error;
		if ((got = chunk - uio.uio_resid) == 0)
			return 0;
		for (off = 0; off < got; off += d->d_reclen) {
			d = (struct dirent *)(buf + off);
			if (path_dotkind(d->d_name, d->d_namlen) != PATH_NAME) {
				s->dots++;
				continue;
			}
			if (s->n < 64) {
				kstrlcpy(s->names[s->n], d->d_name,
				    sizeof(s->names[0]));
				s->inos[s->n] = d->d_fileno;
			}
			s->n++;
		}
	}
}

/* How many times NAME is in S. */
static int
df_count(const struct df_seen *s, const char *name)
{
	int i, c = 0;

	for (i = 0; i < s->n && i < 64; i++)
		c += kstrcmp(s->names[i], name) == 0;
	return c;
}

/* dev_foreach: is every device of the table in the listing, once? */
static int
df_check_one(struct cdev *dev, void *arg)
{
	struct df_seen *s = arg;

	if (df_count(s, dev->si_name) != 1)
		s->dots = -1000;		/* the test sees it */
	return 0;
}

/* dev_foreach: count the devices. */
static int
df_count_devs(struct cdev *dev, void *arg)
{
	(void)dev;
	(*(int *)arg)++;
	return 0;
}

KTEST(devfs_lists_the_device_table)
{
	static struct df_seen all, small;
	int vnodes0 = vnode_count(), ndev = 0, i;
	static const char *const want[] = { "null", "zero", "random",
	    "console", NULL };
	struct vnode *dir, *root, *vp;
	struct mount *mp;

	VT_REQUIRE((mp = df_mount(kt, "devfs_list", &dir)) != NULL);
	root = mp->mnt_rootvp;
	KT_EXPECT_EQ(0, df_list(root, sizeof(struct dirent) * 2, &all));
	dev_foreach(df_count_devs, &ndev);
	KT_EXPECT_EQ(ndev, all.n);
	KT_EXPECT_EQ(2, all.dots);
	dev_foreach(df_check_one, &all);
	KT_EXPECT_EQ(2, all.dots);		/* every device exactly once */
	/* A few entries at a time: the same listing. */
	KT_EXPECT_EQ(0, df_list(root, 40, &small));
	KT_EXPECT_EQ(all.n, small.n);
	for (i = 0; i < all.n && i < 64; i++)
		KT_EXPECT_STREQ(all.names[i], small.names[i]);
	for (i = 0; want[i] != NULL; i++) {
		KT_EXPECT_EQ(1, df_count(&all, want[i]));
		KT_EXPECT_EQ(0, vt_lookup(root, want[i], 0, &vp));
		if (vp == NULL)
			continue;
		KT_EXPECT_EQ(VCHR, vp->v_type);
		vrele(vp);
	}
	/* The numbers of the listing are those of getattr. */
	for (i = 0; i < all.n && i < 64; i++) {
		KT_EXPECT_EQ(0, vt_lookup(root, all.names[i], 0, &vp));
		if (vp != NULL) {
			KT_EXPECT_EQ(all.inos[i], vt_fileid(vp));
			vrele(vp);
		}
	}
	KT_EXPECT_EQ(-ENOENT, vt_lookup(root, "nosuchdevice", 0, &vp));
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* A vnode file of PATH (from START) opened for FLAG: the file or NULL. */
static struct file *
df_open(struct vnode *start, const char *path, int flag)
{
	struct vnode *vp;
	struct file *fp;

	if (vt_lookup(start, path, NLC_FOLLOW, &vp) != 0)
		return NULL;
	return vn_file_open(vp, flag, &fp) == 0 ? fp : NULL;
}

KTEST(devfs_reads_and_writes_reach_the_device)
{
	int vnodes0 = vnode_count(), files0 = file_count(), i, zeros = 1;
	struct vnode *dir;
	struct file *fp;
	struct mount *mp;
	struct uio uio;
	char buf[700];

	VT_REQUIRE((mp = df_mount(kt, "devfs_rw", &dir)) != NULL);
	VT_REQUIRE((fp = df_open(mp->mnt_rootvp, "zero", FREAD)) != NULL);
	kmemset(buf, 'x', sizeof(buf));
	uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
	KT_EXPECT_EQ((int)sizeof(buf), fp->f_ops->fo_read(fp, &uio));
	for (i = 0; i < (int)sizeof(buf); i++)
		zeros &= buf[i] == 0;
	KT_EXPECT_EQ(1, zeros);
	KT_EXPECT_EQ((int)sizeof(buf), (int)fp->f_offset);
	fdrop(fp);
	VT_REQUIRE((fp = df_open(mp->mnt_rootvp, "null", FREAD | FWRITE)) !=
	    NULL);
	uio_init(&uio, buf, 100, UIO_SYSSPACE, UIO_WRITE);
	KT_EXPECT_EQ(100, fp->f_ops->fo_write(fp, &uio));
	uio_init(&uio, buf, 100, UIO_SYSSPACE, UIO_READ);
	KT_EXPECT_EQ(0, fp->f_ops->fo_read(fp, &uio));
	fdrop(fp);
	KT_EXPECT_EQ(files0, file_count());
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

#define DF_MDSIZE	(16 * 1024)

/* A disk of the test's own that knows only blocks (d_strategy), as an
 * ATA disk: it copies between its memory and the bio at once. */
static char df_disk_mem[DF_MDSIZE];

static int
df_strategy(struct dev_strategy_args *ap)
{
	struct bio *bio = ap->a_bio;

	if (bio->bio_cmd == BIO_READ)
		kmemcpy(bio->bio_data, df_disk_mem + bio->bio_offset,
		    bio->bio_bcount);
	else if (bio->bio_cmd == BIO_WRITE)
		kmemcpy(df_disk_mem + bio->bio_offset, bio->bio_data,
		    bio->bio_bcount);
	bio->bio_resid = 0;
	bio->bio_error = 0;
	biodone(bio);
	return 0;
}

static const struct dev_ops df_disk_ops = {
	.d_name = "dfdisk", .d_flags = D_DISK, .d_strategy = df_strategy,
};

KTEST(devfs_follows_the_table)
{
	static char mem[DF_MDSIZE], buf[2048];
	static struct df_seen s;
	int vnodes0 = vnode_count(), i, same = 1;
	struct vnode *dir, *root, *vp, *gone;
	struct vattr va;
	struct cdev *md;
	struct mount *mp;

	VT_REQUIRE((mp = df_mount(kt, "devfs_md", &dir)) != NULL);
	root = mp->mnt_rootvp;
	KT_EXPECT_EQ(-ENOENT, vt_lookup(root, "dfmd0", 0, &vp));
	for (i = 0; i < DF_MDSIZE; i++)
		mem[i] = (char)(i * 7);
	VT_REQUIRE((md = md_create("dfmd0", mem, DF_MDSIZE)) != NULL);
	KT_EXPECT_EQ(0, df_list(root, sizeof(struct dirent) * 2, &s));
	KT_EXPECT_EQ(1, df_count(&s, "dfmd0"));
	VT_REQUIRE(vt_lookup(root, "dfmd0", 0, &vp) == 0);
	KT_ASSERT(vp != NULL);
	/* Through the disk's own d_read and d_write. */
	KT_EXPECT_EQ(1000, vt_read(vp, 500, buf, 1000));
	for (i = 0; i < 1000; i++)
		same &= buf[i] == (char)((i + 500) * 7);
	KT_EXPECT_EQ(1, same);
	kmemset(buf, 'w', 512);
	KT_EXPECT_EQ(512, vt_write(vp, 1024, buf, 512));
	KT_EXPECT_EQ('w', mem[1024]);
	KT_EXPECT_EQ('w', mem[1535]);
	KT_EXPECT_EQ((char)(1536 * 7), mem[1536]);
	KT_EXPECT_EQ(0, vop_getattr(vp, &va));
	KT_EXPECT_EQ(DF_MDSIZE, (int)va.va_size);
	KT_EXPECT_EQ(VCHR, va.va_type);
	/* Gone from the table: gone from the directory; the open vnode
	 * still names a valid device that refuses everything. */
	md_destroy(md);
	KT_EXPECT_EQ(0, df_list(root, sizeof(struct dirent) * 2, &s));
	KT_EXPECT_EQ(0, df_count(&s, "dfmd0"));
	KT_EXPECT_EQ(-ENOENT, vt_lookup(root, "dfmd0", 0, &gone));
	KT_EXPECT_EQ(-ENXIO, vt_read(vp, 0, buf, 512));
	vrele(vp);
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

KTEST(devfs_reads_a_disk_in_blocks)
{
	static char buf[2048];
	int vnodes0 = vnode_count(), i, same = 1;
	struct vnode *dir, *vp;
	struct cdev *dev;
	struct mount *mp;

	VT_REQUIRE((mp = df_mount(kt, "devfs_disk", &dir)) != NULL);
	for (i = 0; i < DF_MDSIZE; i++)
		df_disk_mem[i] = (char)(i * 3);
	VT_REQUIRE((dev = make_dev(&df_disk_ops, 0, NULL, "dfdisk0")) !=
	    NULL);
	dev->si_size = DF_MDSIZE;
	dev->si_blksize = 512;
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "dfdisk0", 0, &vp) == 0);
	KT_ASSERT(vp != NULL);
	KT_EXPECT_EQ(1024, vt_read(vp, 512, buf, 1024));
	for (i = 0; i < 1024; i++)
		same &= buf[i] == (char)((i + 512) * 3);
	KT_EXPECT_EQ(1, same);
	kmemset(buf, 'b', 512);
	KT_EXPECT_EQ(512, vt_write(vp, 2048, buf, 512));
	KT_EXPECT_EQ('b', df_disk_mem[2048]);
	KT_EXPECT_EQ((char)(2560 * 3), df_disk_mem[2560]);
	/* Not whole blocks; at and past the end. */
	KT_EXPECT_EQ(-EINVAL, vt_read(vp, 100, buf, 512));
	KT_EXPECT_EQ(-EINVAL, vt_read(vp, 0, buf, 100));
	KT_EXPECT_EQ(0, vt_read(vp, DF_MDSIZE, buf, 512));
	KT_EXPECT_EQ(512, vt_read(vp, DF_MDSIZE - 512, buf, 1024));
	KT_EXPECT_EQ(-ENOSPC, vt_write(vp, DF_MDSIZE, buf, 512));
	vrele(vp);
	destroy_dev(dev);
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}
