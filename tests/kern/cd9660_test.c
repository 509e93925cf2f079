/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * cd9660 (book/52-cd9660.nw) on the test CD in the ATAPI drive (acd0,
 * ata1 master): the Makefile's image of tests/ata/cdrom/ and
 * PATTERN.BIN (tools/mkpattern: block k is "NAIADCD!", k, then byte i
 * = (5 i + k) & 0xFF), made by xorriso with Rock Ridge.  Mounted on a
 * scratch directory: it lists exactly what the host put there; a file
 * and a link read back; PATTERN.BIN reads back byte for byte, in
 * pieces of odd sizes, and from every CPU at once, every operation
 * served by the mount's one thread; every change is EROFS; missing
 * names are ENOENT, a name under a file ENOTDIR; what is not a CD is
 * refused; the unmount gives back every vnode and the device.  And a
 * copy of the CD on a memory disk, damaged on purpose and at random:
 * refused or failing operations, never a panic, nothing left held.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/md.h"
#include "lwkt_testlib.h"
#include "vfs/cd9660/iso9660.h"
#include "vfs/mount.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"
#include "vm/kmalloc.h"

#define CD_PATTERN_BLOCKS	40	/* the Makefile's ATA_CD_BLOCKS */
#define CD_BLOCK		2048

/* The CD mounted on scratch directory NAME, or NULL (and a failure). */
static struct mount *
cd_mount(struct ktest_ctx *kt, const char *name, struct vnode **dirp)
{
	struct mount *mp = NULL;
	int error;

	if ((*dirp = vt_scratch(kt, name)) == NULL)
		return NULL;
	error = vfs_mount("cd9660", "/dev/acd0", NULL, 0, *dirp, name, &mp);
	if (error != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "mount -t cd9660 /dev/acd0: "
		    "%d (is the test CD at ata1 master?)", error);
		vrele(*dirp);
		return NULL;
	}
	return mp;
}

/* Unmount MP from DIR; every vnode made since VNODES0 is gone. */
static void
cd_unmount(struct ktest_ctx *kt, struct mount *mp, struct vnode *dir,
    int vnodes0)
{
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* The byte at OFF of PATTERN.BIN. */
static uint8_t
pattern_byte(uint32_t off)
{
	static const char magic[8] = { 'N', 'A', 'I', 'A', 'D', 'C', 'D', '!' };
	uint32_t k = off / CD_BLOCK, i = off % CD_BLOCK;

	if (i < 8)
		return (uint8_t)magic[i];
	if (i < 12)
		return (uint8_t)(k >> (8 * (i - 8)));
	return (uint8_t)(5 * i + k);
}

/* Read PATTERN.BIN (VP) whole, in pieces from FIRST bytes on, into BUF
 * (CD_BLOCK bytes); check every byte.  The first wrong offset, or -1;
 * -2 if a read failed or came short before the end. */
static int
pattern_check(struct vnode *vp, uint32_t first, uint8_t *buf)
{
	uint32_t off = 0, piece = first, size = CD_PATTERN_BLOCKS * CD_BLOCK,
	    i;
	int got;

	while (off < size) {
		got = vt_read(vp, off, buf, piece);
		if (got <= 0 || ((uint32_t)got != piece && off + (uint32_t)got
		    != size))
			return -2;
		for (i = 0; i < (uint32_t)got; i++)
			if (buf[i] != pattern_byte(off + i))
				return (int)(off + i);
		off += (uint32_t)got;
		piece = piece * 7 % CD_BLOCK + 1;
	}
	return vt_read(vp, size, buf, 10) == 0 ? -1 : -2;
}

/* The names of directory VP, listed by readdir in pieces of 64 bytes,
 * each followed by '/', into OUT (SIZE bytes).  0 or -errno. */
static int
cd_list(struct vnode *vp, char *out, size_t size)
{
	/* 64 bytes at a time, in a buffer the size of a dirent. */
	char buf[sizeof(struct dirent)] __attribute__((aligned(4)));
	int64_t cookie = 0;
	struct dirent *d;
	struct uio uio;
	size_t got, o, used = 0;
	int error;

	out[0] = '\0';
	for (;;) {
		uio_init(&uio, buf, 64, UIO_SYSSPACE, UIO_READ);
		if ((error = vop_readdir(vp, &uio, &cookie)) != 0)
			return error;
		if ((got = 64 - uio.uio_resid) == 0)
			return 0;
		for (o = 0; o < got; o += d->d_reclen) {
			d = (struct dirent *)(buf + o);
			if (used + d->d_namlen + 2 > size)
				return -ENAMETOOLONG;
			kmemcpy(out + used, d->d_name, d->d_namlen);
			used += d->d_namlen;
			out[used++] = '/';
			out[used] = '\0';
		}
	}
}

KTEST(cd9660_lists_and_reads_the_cd)
{
	int vnodes0 = vnode_count();
	struct vnode *dir, *vp, *dvp;
	char names[256], link[32];
	struct statfs sf;
	struct mount *mp;
	struct vattr va;
	struct uio uio;
	uint8_t *buf;

	VT_REQUIRE((mp = cd_mount(kt, "cd9660_ls", &dir)) != NULL);
	KT_EXPECT_EQ(MNT_RDONLY, mp->mnt_flag & MNT_RDONLY);
	/* ls: exactly what the Makefile put on the CD, in its order. */
	KT_EXPECT_EQ(0, cd_list(mp->mnt_rootvp, names, sizeof(names)));
	KT_EXPECT_EQ(0, kstrcmp(names, "./../dir/PATTERN.BIN/README.TXT/"));
	if (kstrcmp(names, "./../dir/PATTERN.BIN/README.TXT/") != 0)
		kprintf("listed: %s\n", names);
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "dir", 0, &dvp) == 0);
	KT_EXPECT_EQ(0, cd_list(dvp, names, sizeof(names)));
	KT_EXPECT_EQ(0, kstrcmp(names, "./../link/sub/"));
	KT_EXPECT_EQ(VDIR, dvp->v_type);
	/* A file, by its path, and its attributes. */
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "dir/sub/hello.txt", 0, &vp) ==
	    0);
	KT_EXPECT_EQ(0, vop_getattr(vp, &va));
	KT_EXPECT_EQ(VREG, va.va_type);
	KT_EXPECT_EQ(18, (int)va.va_size);
	KT_EXPECT_EQ(0644, (int)va.va_mode);
	KT_EXPECT_EQ(18, vt_read(vp, 0, names, sizeof(names)));
	KT_EXPECT_EQ(0, kstrncmp(names, "hello from the CD\n", 18));
	KT_EXPECT_EQ(0, vt_read(vp, 18, names, sizeof(names)));
	vrele(vp);
	/* The link: its target, and a lookup that follows it. */
	VT_REQUIRE(vt_lookup(dvp, "link", 0, &vp) == 0);
	KT_EXPECT_EQ(VLNK, vp->v_type);
	kmemset(link, 0, sizeof(link));
	uio_init(&uio, link, sizeof(link) - 1, UIO_SYSSPACE, UIO_READ);
	KT_EXPECT_EQ(0, vop_readlink(vp, &uio));
	KT_EXPECT_EQ(0, kstrcmp(link, "sub/hello.txt"));
	vrele(vp);
	VT_REQUIRE(vt_lookup(dvp, "link", NLC_FOLLOW, &vp) == 0);
	KT_EXPECT_EQ(VREG, vp->v_type);
	vrele(vp);
	/* .. of dir is the CD's root. */
	VT_REQUIRE(vt_lookup(dvp, "..", 0, &vp) == 0);
	KT_EXPECT_EQ(1, vp == mp->mnt_rootvp);
	vrele(vp);
	vrele(dvp);
	/* PATTERN.BIN, byte for byte. */
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "PATTERN.BIN", 0, &vp) == 0);
	KT_EXPECT_EQ(0, vop_getattr(vp, &va));
	KT_EXPECT_EQ(CD_PATTERN_BLOCKS * CD_BLOCK, (int)va.va_size);
	buf = kmalloc(CD_BLOCK, 0);
	VT_REQUIRE(buf != NULL);
	KT_EXPECT_EQ(-1, pattern_check(vp, 1, buf));
	KT_EXPECT_EQ(-1, pattern_check(vp, CD_BLOCK, buf));
	kfree(buf);
	/* ENOENT, ENOTDIR, EISDIR. */
	KT_EXPECT_EQ(-ENOTDIR, vt_lookup(mp->mnt_rootvp, "PATTERN.BIN/x", 0,
	    &dvp));
	vrele(vp);
	KT_EXPECT_EQ(-ENOENT, vt_lookup(mp->mnt_rootvp, "nosuch", 0, &vp));
	KT_EXPECT_EQ(-ENOENT, vt_lookup(mp->mnt_rootvp, "dir/sub/nosuch", 0,
	    &vp));
	KT_EXPECT_EQ(-ENOENT, vt_lookup(mp->mnt_rootvp, "pattern.bin", 0,
	    &vp));		/* Rock Ridge names keep their case */
	KT_EXPECT_EQ(-EISDIR, vt_read(mp->mnt_rootvp, 0, names, 10));
	/* statfs */
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf));
	KT_EXPECT_EQ(CD_BLOCK, (int)sf.f_bsize);
	KT_ASSERT(sf.f_blocks > CD_PATTERN_BLOCKS && sf.f_bfree == 0);
	KT_EXPECT_EQ(0, kstrcmp(sf.f_fstypename, "cd9660"));
	cd_unmount(kt, mp, dir, vnodes0);
}

KTEST(cd9660_is_read_only)
{
	int vnodes0 = vnode_count();
	struct componentname cn = vt_cn("new");
	struct vnode *dir, *vp, *x;
	struct mount *mp;
	struct vattr va;

	VT_REQUIRE((mp = cd_mount(kt, "cd9660_ro", &dir)) != NULL);
	KT_EXPECT_EQ(-EROFS, vop_create(mp->mnt_rootvp, &cn, 0644, &x));
	KT_EXPECT_EQ(-EROFS, vop_mkdir(mp->mnt_rootvp, &cn, 0755, &x));
	KT_EXPECT_EQ(-EROFS, vt_symlink(mp->mnt_rootvp, "new", "x"));
	cn = vt_cn("README.TXT");
	KT_EXPECT_EQ(-EROFS, vop_remove(mp->mnt_rootvp, &cn));
	cn = vt_cn("dir");
	KT_EXPECT_EQ(-EROFS, vop_rmdir(mp->mnt_rootvp, &cn));
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "README.TXT", 0, &vp) == 0);
	KT_EXPECT_EQ(-EROFS, vt_write(vp, 0, "x", 1));
	KT_EXPECT_EQ(-EROFS, vop_open(vp, FWRITE));
	KT_EXPECT_EQ(0, vop_open(vp, FREAD));
	KT_EXPECT_EQ(0, vop_close(vp, FREAD));
	kmemset(&va, 0, sizeof(va));
	va.va_mask = VA_SIZE;
	KT_EXPECT_EQ(-EROFS, vop_setattr(vp, &va));
	vrele(vp);
	/* Still all there. */
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "dir/sub/hello.txt", 0, &vp) ==
	    0);
	vrele(vp);
	cd_unmount(kt, mp, dir, vnodes0);
}

KTEST(cd9660_refuses_what_is_not_a_cd)
{
	int vnodes0 = vnode_count();
	struct cdev *disk;
	struct vnode *dir;

	VT_REQUIRE((dir = vt_scratch(kt, "cd9660_bad")) != NULL);
	KT_EXPECT_EQ(-ENOENT, vfs_mount("cd9660", "/dev/nosuch", NULL, 0, dir,
	    "x", NULL));
	KT_EXPECT_EQ(-ENOENT, vfs_mount("cd9660", NULL, NULL, 0, dir, "x",
	    NULL));
	KT_EXPECT_EQ(-EINVAL, vfs_mount("cd9660", "acd0", "rw", 0, dir, "x",
	    NULL));
	/* The pattern disk at ata0 slave has no CD001 at block 16. */
	if ((disk = dev_lookup("ad1")) != NULL) {
		release_dev(disk);
		KT_EXPECT_EQ(-EINVAL, vfs_mount("cd9660", "/dev/ad1", NULL, 0,
		    dir, "x", NULL));
	} else
		ktest_fail(kt, __FILE__, __LINE__, "no ad1 (the pattern disk "
		    "at ata0 slave)");
	KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* The readers of cd9660_readers_on_every_cpu. */
struct cd_readers {
	struct kt_race	race;
	struct vnode	*vp;		/* PATTERN.BIN */
	volatile uint32_t errors;	/* wrong bytes or failed reads */
	volatile uint32_t rounds;	/* whole files read and checked */
};

#define CD_ROUNDS	3

/* On each CPU: read PATTERN.BIN whole CD_ROUNDS times, in pieces whose
 * sizes start from the CPU's number, so that the CPUs ask for different
 * pieces at once. */
static void
cd_reader(void *arg)
{
	struct cd_readers *r = arg;
	uint8_t *buf = kmalloc(CD_BLOCK, 0);
	int i;

	kt_race_start(&r->race);
	for (i = 0; i < CD_ROUNDS; i++) {
		if (buf == NULL || pattern_check(r->vp, 1 + 97 *
		    (uint32_t)mycpu->gd_cpuid + 13 * (uint32_t)i, buf) != -1)
			atomic_add_int(&r->errors, 1);
		else
			atomic_add_int(&r->rounds, 1);
	}
	kfree(buf);
	xgroup_done(&r->race.g);
}

KTEST(cd9660_readers_on_every_cpu)
{
	int vnodes0 = vnode_count(), served0;
	static struct cd_readers r;
	struct vnode *dir;
	struct mount *mp;

	VT_REQUIRE((mp = cd_mount(kt, "cd9660_mp", &dir)) != NULL);
	kmemset(&r, 0, sizeof(r));
	VT_REQUIRE(vt_lookup(mp->mnt_rootvp, "PATTERN.BIN", 0, &r.vp) == 0);
	served0 = vfs_port_served(mp, 0);
	kt_race_every_cpu(kt, &r.race, cd_reader, &r);
	KT_EXPECT_EQ(0, (int)r.errors);
	KT_EXPECT_EQ(ncpus * CD_ROUNDS, (int)r.rounds);
	/* One thread served them all: at least a read per piece. */
	KT_ASSERT(vfs_port_thread(mp, 0) != NULL);
	KT_ASSERT(vfs_port_thread(mp, 1) == NULL);
	KT_ASSERT(vfs_port_served(mp, 0) - served0 >= ncpus * CD_ROUNDS *
	    CD_PATTERN_BLOCKS);
	vrele(r.vp);
	cd_unmount(kt, mp, dir, vnodes0);
}

/* The test CD copied into memory, served by a memory disk. */
struct cd_copy {
	uint8_t		*mem;		/* the copy */
	uint8_t		*orig;		/* a second one, to undo damage */
	uint64_t	size;		/* bytes */
	struct cdev	*md;		/* the memory disk */
};

/* Copy acd0 into C (twice) and make the memory disk: 0, or a failure. */
static int
cd_copy(struct ktest_ctx *kt, struct cd_copy *c)
{
	struct cdev *cd = dev_lookup("acd0");
	struct buf *bp;
	uint64_t off;
	int error = 0;

	kmemset(c, 0, sizeof(*c));
	if (cd == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "no acd0");
		return -ENXIO;
	}
	c->size = cd->si_size;
	c->mem = kmalloc((size_t)c->size, 0);
	c->orig = kmalloc((size_t)c->size, 0);
	for (off = 0; error == 0 && c->mem != NULL && c->orig != NULL &&
	    off < c->size; off += CD_BLOCK)
		if ((error = bread(cd, off, CD_BLOCK, &bp)) == 0) {
			kmemcpy(c->mem + off, bp->b_data, CD_BLOCK);
			brelse(bp);
		}
	release_dev(cd);
	if (error == 0 && c->mem != NULL && c->orig != NULL) {
		kmemcpy(c->orig, c->mem, (size_t)c->size);
		c->md = md_create("cd9660md", c->mem, c->size);
	}
	if (c->md == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "cannot copy the CD (%d, "
		    "%u bytes)", error, (unsigned)c->size);
		kfree(c->mem);
		kfree(c->orig);
		return -ENOMEM;
	}
	return 0;
}

/* Mount the memory disk on DIR, look at everything the test CD has,
 * unmount: the mount's error, or 0; *FAILED counts the operations that
 * failed. */
static int
cd_try(struct vnode *dir, int *failed)
{
	static const char *const paths[] = { "dir/sub/hello.txt", "dir/link",
	    "README.TXT", "PATTERN.BIN", "dir/sub/..", NULL };
	char names[256], buf[64];
	struct mount *mp;
	struct vnode *vp;
	struct uio uio;
	int error, i;

	if ((error = vfs_mount("cd9660", "cd9660md", NULL, 0, dir, "md",
	    &mp)) != 0)
		return error;
	*failed += cd_list(mp->mnt_rootvp, names, sizeof(names)) != 0;
	for (i = 0; paths[i] != NULL; i++) {
		if (vt_lookup(mp->mnt_rootvp, paths[i], 0, &vp) != 0) {
			(*failed)++;
			continue;
		}
		if (vp->v_type == VDIR)
			*failed += cd_list(vp, names, sizeof(names)) != 0;
		else if (vp->v_type == VLNK) {
			uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE,
			    UIO_READ);
			*failed += vop_readlink(vp, &uio) != 0;
		} else
			*failed += vt_read(vp, 0, buf, sizeof(buf)) < 0;
		vrele(vp);
	}
	return vfs_unmount(mp);
}

KTEST(cd9660_damaged_cds_fail_cleanly)
{
	int vnodes0 = vnode_count(), failed = 0, refused = 0, hurt = 0, i, k;
	struct iso_volume iv;
	struct iso_entry root, ie;
	struct buf_stats st;
	struct cd_copy c;
	struct vnode *dir;
	uint32_t a;

	VT_REQUIRE(cd_copy(kt, &c) == 0);
	VT_REQUIRE((dir = vt_scratch(kt, "cd9660_bad_md")) != NULL);
	/* Whole, the copy mounts and reads like the CD. */
	KT_EXPECT_EQ(0, cd_try(dir, &failed));
	KT_EXPECT_EQ(0, failed);
	/* Where things are, found by the on-disk code itself. */
	VT_REQUIRE(iso_mount(&iv, c.md, c.size) == 0);
	kmemset(&root, 0, sizeof(root));
	root.ie_extent = iv.iv_root_extent;
	root.ie_size = iv.iv_root_size;
	root.ie_mode = ISO_IFDIR;
	VT_REQUIRE(iso_lookup(&iv, &root, "PATTERN.BIN", 11, &ie) == 0);
	a = ie.ie_addr;
	/* A bad magic, a root without records: refused. */
	c.mem[ISO_VD_FIRST * CD_BLOCK + 1] = 'X';
	binval(c.md);
	KT_EXPECT_EQ(-EINVAL, cd_try(dir, &failed));
	kmemcpy(c.mem, c.orig, (size_t)c.size);
	c.mem[iv.iv_root_extent * CD_BLOCK] = 0;
	binval(c.md);
	KT_EXPECT_EQ(-EINVAL, cd_try(dir, &failed));
	kmemcpy(c.mem, c.orig, (size_t)c.size);
	/* A record past its block: PATTERN.BIN cannot be found. */
	c.mem[a] = (uint8_t)(CD_BLOCK - a % CD_BLOCK + 2 > 255 ? 1 :
	    CD_BLOCK - a % CD_BLOCK + 2);
	binval(c.md);
	failed = 0;
	KT_EXPECT_EQ(0, cd_try(dir, &failed));
	KT_ASSERT(failed > 0);
	kmemcpy(c.mem, c.orig, (size_t)c.size);
	/* Random damage, 40 times: bytes of the primary descriptor's first
	 * 300 (sizes, the root's record), of the root's records and of
	 * dir's (where their names, extents and Rock Ridge entries are). */
	VT_REQUIRE(iso_lookup(&iv, &root, "dir", 3, &ie) == 0);
	for (i = 0; i < 40; i++) {
		for (k = 0; k < 1 + i % 6; k++) {
			uint32_t r = ktest_random(kt), where;

			where = r % 3 == 0 ? ISO_VD_FIRST * CD_BLOCK :
			    r % 3 == 1 ? iv.iv_root_extent * CD_BLOCK :
			    ie.ie_extent * CD_BLOCK;
			c.mem[where + (r >> 8) % 300] =
			    (uint8_t)ktest_random(kt);
		}
		binval(c.md);
		failed = 0;
		if (cd_try(dir, &failed) != 0)
			refused++;
		else
			hurt += failed > 0;
		kmemcpy(c.mem, c.orig, (size_t)c.size);
	}
	kprintf("cd9660: 40 damaged copies of the CD: %d refused, %d "
	    "mounted with operations that failed, 0 panics\n", refused,
	    hurt);
	buf_getstats(&st);
	KT_EXPECT_EQ(0, (int)st.bs_held);
	binval(c.md);
	md_destroy(c.md);
	kfree(c.mem);
	kfree(c.orig);
	KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}
