/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ext2 in the VFS (book/51-ext2-vfs.nw), on a copy of the image
 * tests/user/data/ext2.img (made by tests/ext2/mkdisk with mke2fs) in a
 * memory disk, or in ata1 slave (ad3) when tests/ext2/run attached it
 * there: the host's files read
 * back; create, write, read, rename, link, unlink, truncate, mkdir,
 * rmdir, symlink through the VOPs; threads of every CPU at once on a
 * mount served by a thread per CPU; broken copies of the disk on a
 * memory disk refused at mount, and never written.
 *
 * The tests that write leave on the disk what tests/ext2/run checks on
 * the host afterwards with e2fsck -fn and debugfs (the list is in that
 * script and in ext2_vfs_names_and_contents below: change both).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/archive.h"
#include "kern/bio.h"
#include "kern/buf.h"
#include "kern/device.h"
#include "kern/disk_slice.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/md.h"
#include "lwkt_testlib.h"
#include "proc_testlib.h"
#include "vfs/ext2/ext2_fs.h"
#include "vfs/ext2_vfs.h"
#include "vfs/mount.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"
#include "vm/kmalloc.h"

/* The ATA disk of tests/ext2/run: ata1 slave. */
#define ET_DISK		"ad3"
/* The image in the boot archive (tests/user/data/ext2.img) and its size. */
#define ET_IMAGE	"/test/data/ext2.img"
#define ET_IMGSIZE	(512u * 1024)

/* The memory disk a test made, and its memory. */
static struct cdev *et_md;
static char *et_mem;

/* Read ET_IMAGE into IMG (ET_IMGSIZE bytes): 0, or the test failed. */
static int
et_load(struct ktest_ctx *kt, char *img)
{
	struct vnode *vp;
	int n;

	if (vt_lookup(NULL, ET_IMAGE, NLC_FOLLOW, &vp) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "no %s", ET_IMAGE);
		return -1;
	}
	n = vt_read(vp, 0, img, ET_IMGSIZE);
	vrele(vp);
	if (n != (int)ET_IMGSIZE) {
		ktest_fail(kt, __FILE__, __LINE__, "%s: read %d", ET_IMAGE, n);
		return -1;
	}
	return 0;
}

/*
 * The disk of a test: ad3 when tests/ext2/run put the image in ata1
 * slave (the host checks it afterwards), else a memory disk holding a
 * fresh copy of the image.  Its device name, or NULL (the test failed).
 */
static const char *
et_disk(struct ktest_ctx *kt)
{
	struct cdev *dev;

	if ((dev = dev_lookup(ET_DISK)) != NULL) {
		release_dev(dev);
		return ET_DISK;
	}
	if ((et_mem = kmalloc(ET_IMGSIZE, 0)) == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "no memory for the disk");
		return NULL;
	}
	if (et_load(kt, et_mem) != 0 ||
	    (et_md = md_create("mdext2", et_mem, ET_IMGSIZE)) == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "no memory disk");
		kfree(et_mem);
		et_mem = NULL;
		return NULL;
	}
	return "mdext2";
}

/* Forget the memory disk of et_disk, if it made one. */
static void
et_disk_done(void)
{
	if (et_md != NULL) {
		md_destroy(et_md);
		kfree(et_mem);
	}
	et_md = NULL;
	et_mem = NULL;
}

/* Mount ext2 from FROM with OPTIONS on scratch directory NAME: the
 * mount, or NULL (the test failed). */
static struct mount *
et_mount(struct ktest_ctx *kt, const char *from, const char *name,
    const char *options, struct vnode **dirp, struct vnode **rootp)
{
	struct mount *mp = NULL;
	int error;

	if (from == NULL)
		return NULL;
	if ((*dirp = vt_scratch(kt, name)) == NULL)
		return NULL;
	error = vfs_mount("ext2", from, options, 0, *dirp, name, &mp);
	if (error != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "mount ext2 %s: %d",
		    from, error);
		vrele(*dirp);
		return NULL;
	}
	*rootp = mp->mnt_rootvp;
	return mp;
}

/* Unmount MP (it must work) and release DIR. */
static void
et_unmount(struct ktest_ctx *kt, struct mount *mp, struct vnode *dir)
{
	int error = vfs_unmount(mp);

	if (error != 0)
		ktest_fail(kt, __FILE__, __LINE__, "unmount: %d", error);
	vrele(dir);
	et_disk_done();
}

/* Byte I of the long file the tests write (tests/ext2/run has it too). */
static char
et_byte(uint32_t i)
{
	return (char)('a' + (i / 3 + i) % 26);
}

/* Does directory VP list NAME? */
static int
et_listed(struct vnode *vp, const char *name)
{
	static char buf[1024];
	int64_t cookie = 0;
	struct dirent *d;
	struct uio uio;
	size_t off, len;
	int found = 0;

	for (;;) {
		uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
		if (vop_readdir(vp, &uio, &cookie) != 0)
			return 0;
		len = sizeof(buf) - uio.uio_resid;
		if (len == 0)
			return found;
		for (off = 0; off < len; off += d->d_reclen) {
			d = (struct dirent *)(buf + off);
			if (kstrcmp(d->d_name, name) == 0)
				found = 1;
		}
	}
}

/* ---- what the host wrote ------------------------------------------- */

KTEST(ext2_vfs_reads_host_files)
{
	static const char hello[] = "hello from the host\n";
	int vnodes0 = vnode_count(), i, bad = 0;
	struct vnode *dir, *root, *vp;
	static uint32_t words[10240];
	struct statfs sf;
	struct mount *mp;
	char buf[64];

	VT_REQUIRE((mp = et_mount(kt, et_disk(kt), "ext2_read", "ro",
	    &dir, &root)) != NULL);
	KT_ASSERT(et_listed(root, "hello.txt"));
	KT_ASSERT(et_listed(root, "lost+found"));
	KT_ASSERT(!et_listed(root, "nothing"));
	KT_EXPECT_EQ(0, vt_lookup(root, "hello.txt", 0, &vp));
	if (vp != NULL) {
		KT_EXPECT_EQ((int)sizeof(hello) - 1, vt_read(vp, 0, buf,
		    sizeof(buf)));
		KT_EXPECT_EQ(0, kstrncmp(buf, hello, sizeof(hello) - 1));
		/* A read-only mount writes nothing. */
		KT_EXPECT_EQ(-EROFS, vt_write(vp, 0, "x", 1));
		vrele(vp);
	}
	KT_EXPECT_EQ(0, vt_lookup(root, "sub/../sub/readme", 0, &vp));
	if (vp != NULL) {
		KT_EXPECT_EQ(22, vt_read(vp, 0, buf, sizeof(buf)));
		KT_EXPECT_EQ(0, kstrncmp(buf, "a file in a directory\n", 22));
		vrele(vp);
	}
	/* 40 KiB through the single indirect block: word i is 4 i. */
	KT_EXPECT_EQ(0, vt_lookup(root, "big.bin", 0, &vp));
	if (vp != NULL) {
		KT_EXPECT_EQ(40960, vt_read(vp, 0, words, sizeof(words)));
		for (i = 0; i < 10240; i++)
			if (words[i] != (uint32_t)i * 4)
				bad++;
		KT_EXPECT_EQ(0, bad);
		vrele(vp);
	}
	KT_EXPECT_EQ(-ENOENT, vt_lookup(root, "nothing", 0, &vp));
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf));
	KT_EXPECT_EQ(1024, (int)sf.f_bsize);
	KT_EXPECT_EQ(512, (int)sf.f_blocks);
	KT_EXPECT_EQ(256, (int)sf.f_files);
	KT_EXPECT_EQ(0, kstrcmp(sf.f_fstypename, "ext2"));
	et_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- names and contents -------------------------------------------- */

/* What this test leaves in /kt on the disk (tests/ext2/run checks it):
 *   long.txt     15000 bytes of et_byte (written 20000, truncated)
 *   renamed.txt  "moved, not copied\n" (made as before.txt)
 *   hard         a second name of renamed.txt
 *   sym          a symbolic link to "renamed.txt"
 *   keep/inner   "inner\n"
 * and not: before.txt, gone.txt, emptydir. */
#define ET_LONG		20000
#define ET_SHORT	15000

KTEST(ext2_vfs_names_and_contents)
{
	static const char moved[] = "moved, not copied\n";
	struct vnode *dir, *root, *kt_dir, *vp, *vp2, *keep;
	int vnodes0 = vnode_count(), bad = 0;
	struct componentname cn, cn2;
	struct statfs sf0, sf1;
	static char big[ET_LONG];
	struct vattr va;
	struct mount *mp;
	uint32_t i;
	char buf[64];
	struct uio uio;

	VT_REQUIRE((mp = et_mount(kt, et_disk(kt), "ext2_names", NULL, &dir,
	    &root)) != NULL);
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf0));
	kt_dir = vt_mkdir(root, "kt");
	if (kt_dir == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "mkdir kt");
		et_unmount(kt, mp, dir);
		return;
	}
	/* A long file, read back, then shortened. */
	for (i = 0; i < ET_LONG; i++)
		big[i] = et_byte(i);
	VT_REQUIRE((vp = vt_file(kt_dir, "long.txt", "")) != NULL);
	KT_EXPECT_EQ(ET_LONG, vt_write(vp, 0, big, ET_LONG));
	kmemset(big, 0, sizeof(big));
	KT_EXPECT_EQ(ET_LONG, vt_read(vp, 0, big, ET_LONG));
	for (i = 0; i < ET_LONG; i++)
		if (big[i] != et_byte(i))
			bad++;
	KT_EXPECT_EQ(0, bad);
	va.va_mask = VA_SIZE;
	va.va_size = ET_SHORT;
	KT_EXPECT_EQ(0, vop_setattr(vp, &va));
	KT_EXPECT_EQ(0, vop_getattr(vp, &va));
	KT_EXPECT_EQ(ET_SHORT, (int)va.va_size);
	KT_EXPECT_EQ(VREG, va.va_type);
	KT_EXPECT_EQ(ET_SHORT, vt_read(vp, 0, big, ET_LONG));
	vrele(vp);
	/* Rename, and a hard link to the moved file. */
	VT_REQUIRE((vp = vt_file(kt_dir, "before.txt", moved)) != NULL);
	cn = vt_cn("before.txt");
	cn2 = vt_cn("renamed.txt");
	KT_EXPECT_EQ(0, vop_rename(kt_dir, &cn, kt_dir, &cn2));
	KT_EXPECT_EQ(-ENOENT, vt_lookup(kt_dir, "before.txt", 0, &vp2));
	cn = vt_cn("hard");
	KT_EXPECT_EQ(0, vop_link(kt_dir, vp, &cn));
	KT_EXPECT_EQ(0, vop_getattr(vp, &va));
	KT_EXPECT_EQ(2, (int)va.va_nlink);
	KT_EXPECT_EQ(0, vt_lookup(kt_dir, "hard", 0, &vp2));
	if (vp2 != NULL) {
		KT_EXPECT_EQ(vt_fileid(vp), vt_fileid(vp2));
		KT_EXPECT_EQ((int)sizeof(moved) - 1, vt_read(vp2, 0, buf,
		    sizeof(buf)));
		KT_EXPECT_EQ(0, kstrncmp(buf, moved, sizeof(moved) - 1));
		vrele(vp2);
	}
	vrele(vp);
	/* A symbolic link, its target read back, and followed. */
	KT_EXPECT_EQ(0, vt_symlink(kt_dir, "sym", "renamed.txt"));
	KT_EXPECT_EQ(0, vt_lookup(kt_dir, "sym", 0, &vp));
	if (vp != NULL) {
		KT_EXPECT_EQ(VLNK, vp->v_type);
		kmemset(buf, 0, sizeof(buf));
		uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
		KT_EXPECT_EQ(0, vop_readlink(vp, &uio));
		KT_EXPECT_EQ(0, kstrcmp(buf, "renamed.txt"));
		vrele(vp);
	}
	KT_EXPECT_EQ(0, vt_lookup(kt_dir, "sym", NLC_FOLLOW, &vp));
	if (vp != NULL) {
		KT_EXPECT_EQ(VREG, vp->v_type);
		vrele(vp);
	}
	/* A file removed while a vnode holds it lives on until released,
	 * then its inode and blocks come back. */
	VT_REQUIRE((vp = vt_file(kt_dir, "gone.txt", "soon gone\n")) !=
	    NULL);
	cn = vt_cn("gone.txt");
	KT_EXPECT_EQ(0, vop_remove(kt_dir, &cn));
	KT_EXPECT_EQ(10, vt_read(vp, 0, buf, sizeof(buf)));
	vrele(vp);
	KT_EXPECT_EQ(-ENOENT, vop_remove(kt_dir, &cn));
	/* Directories: made, refused while full, removed when empty. */
	VT_REQUIRE((keep = vt_mkdir(kt_dir, "keep")) != NULL);
	VT_REQUIRE((vp = vt_file(keep, "inner", "inner\n")) != NULL);
	vrele(vp);
	cn = vt_cn("keep");
	KT_EXPECT_EQ(-ENOTEMPTY, vop_rmdir(kt_dir, &cn));
	KT_EXPECT_EQ(-EPERM, vop_remove(kt_dir, &cn));
	vrele(keep);
	VT_REQUIRE((vp = vt_mkdir(kt_dir, "emptydir")) != NULL);
	vrele(vp);
	cn = vt_cn("emptydir");
	KT_EXPECT_EQ(0, vop_rmdir(kt_dir, &cn));
	KT_ASSERT(!et_listed(kt_dir, "emptydir"));
	KT_ASSERT(et_listed(kt_dir, "renamed.txt"));
	cn = vt_cn("long.txt");
	KT_EXPECT_EQ(-EEXIST, vop_create(kt_dir, &cn, 0644, &vp));
	vrele(kt_dir);
	/* What was made costs blocks and inodes; nothing leaked beyond. */
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf1));
	KT_EXPECT_EQ((int)sf0.f_ffree - 6, (int)sf1.f_ffree);
	KT_ASSERT(sf1.f_bfree < sf0.f_bfree);
	et_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- threads of every CPU ------------------------------------------ */

#define ET_FILES	12
#define ET_ROUNDS	3

struct et_many {
	struct kt_race	race;
	struct vnode	*dir;
	volatile uint32_t errors;
};

/* The name of file I of CPU C: "cC_x". */
static void
et_name(char *name, int cpu, int i)
{
	name[0] = 'c';
	name[1] = (char)('0' + cpu);
	name[2] = '_';
	name[3] = (char)('a' + i);
	name[4] = '\0';
}

/* On CPU c, ET_ROUNDS times: make "cN_x" for each x, write its name
 * into it 100 times, read it back, then remove the odd ones and rename
 * the even ones to "cN_x.k" and back (the last round's even ones stay,
 * with their content, for the host). */
static void
et_many_thread(void *arg)
{
	struct et_many *m = arg;
	int cpu = mycpu->gd_cpuid, round, i, k;
	struct componentname cn, cn2;
	char name[8], name2[8], buf[400];
	struct vnode *vp;

	kt_race_start(&m->race);
	for (round = 0; round < ET_ROUNDS; round++)
		for (i = 0; i < ET_FILES; i++) {
			et_name(name, cpu, i);
			cn = vt_cn(name);
			if (vop_create(m->dir, &cn, 0644, &vp) != 0) {
				if (round == 0 || (i % 2) == 1)
					atomic_add_int(&m->errors, 1);
				continue;
			}
			for (k = 0; k < 100; k++)
				if (vt_write(vp, k * 4, name, 4) != 4)
					atomic_add_int(&m->errors, 1);
			if (vt_read(vp, 0, buf, sizeof(buf)) != 400 ||
			    kstrncmp(buf + 396, name, 4) != 0)
				atomic_add_int(&m->errors, 1);
			vrele(vp);
			if ((i % 2) == 1) {
				if (vop_remove(m->dir, &cn) != 0)
					atomic_add_int(&m->errors, 1);
				continue;
			}
			kmemcpy(name2, name, 5);
			name2[4] = 'k';
			name2[5] = '\0';
			cn2 = vt_cn(name2);
			if (vop_rename(m->dir, &cn, m->dir, &cn2) != 0 ||
			    vop_rename(m->dir, &cn2, m->dir, &cn) != 0)
				atomic_add_int(&m->errors, 1);
		}
	xgroup_done(&m->race.g);
}

KTEST(ext2_vfs_many_threads)
{
	int vnodes0 = vnode_count(), cpu, i, served = 0;
	struct vnode *dir, *root, *vp, *pdir;
	static struct et_many m;
	char name[8], buf[8];
	struct mount *mp;

	VT_REQUIRE((mp = et_mount(kt, et_disk(kt), "ext2_many", NULL, &dir,
	    &root)) != NULL);
	pdir = vt_mkdir(root, "par");
	if (pdir == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "mkdir par");
		et_unmount(kt, mp, dir);
		return;
	}
	kmemset(&m, 0, sizeof(m));
	m.dir = pdir;
	kt_race_every_cpu(kt, &m.race, et_many_thread, &m);
	KT_EXPECT_EQ(0, m.errors);
	for (cpu = 0; cpu < ncpus; cpu++)
		for (i = 0; i < ET_FILES; i++) {
			et_name(name, cpu, i);
			if (vt_lookup(pdir, name, 0, &vp) != 0) {
				KT_EXPECT_EQ(1, i % 2);
				continue;
			}
			KT_EXPECT_EQ(0, i % 2);
			KT_EXPECT_EQ(4, vt_read(vp, 396, buf, sizeof(buf)));
			KT_EXPECT_EQ(0, kstrncmp(buf, name, 4));
			vrele(vp);
		}
	/* Each CPU's operations were served by its CPU's thread. */
	for (cpu = 0; cpu < ncpus; cpu++)
		if (vfs_port_served(mp, cpu) > 0)
			served++;
	KT_EXPECT_EQ(ncpus, served);
	vrele(pdir);
	et_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- broken disks -------------------------------------------------- */

/* Mount a memory disk "mdext2" of SIZE bytes holding a copy of the
 * image (its first SIZE bytes) with BRK applied to the superblock (NULL: none):
 * the mount's error (a mount that works is unmounted); *WRITES the
 * memory disk's writes. */
static int
et_mount_broken(struct ktest_ctx *kt, char *img, uint32_t size,
    void (*brk)(struct ext2_super *), uint32_t *writes)
{
	struct mount *mp = NULL;
	struct md_stat st;
	struct cdev *md;
	struct vnode *dir;
	int error;

	if (et_load(kt, img) != 0)
		return 0;
	if (brk != NULL)
		brk((struct ext2_super *)(img + EXT2_SUPER_OFFSET));
	if ((md = md_create("mdext2", img, size)) == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "md_create");
		return 0;
	}
	if ((dir = vt_scratch(kt, "ext2_broken")) == NULL) {
		md_destroy(md);
		return 0;
	}
	error = vfs_mount("ext2", "/dev/mdext2", "ro", 0, dir, "broken",
	    &mp);
	if (error == 0)
		KT_EXPECT_EQ(0, vfs_unmount(mp));
	else
		KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	kmemset(&st, 0, sizeof(st));
	dev_dioctl(md, MDIOCSTAT, &st, 0);
	*writes = st.ms_writes;
	md_destroy(md);
	return error;
}

static void
et_break_magic(struct ext2_super *s)
{
	s->s_magic = 0x1234;
}

static void
et_break_bsize(struct ext2_super *s)
{
	s->s_log_block_size = 9;
}

static void
et_break_groups(struct ext2_super *s)
{
	s->s_blocks_per_group = 0;
}

static void
et_break_inodes(struct ext2_super *s)
{
	s->s_inodes_count = 5;		/* fewer than the groups hold */
}

static void
et_break_feature(struct ext2_super *s)
{
	s->s_feature_incompat |= EXT2_INCOMPAT_EXTENTS;
}

static void
et_break_first_block(struct ext2_super *s)
{
	s->s_first_data_block = 7;
}

KTEST(ext2_vfs_refuses_broken_disks)
{
	static void (*const breaks[])(struct ext2_super *) = {
		et_break_magic, et_break_bsize, et_break_groups,
		et_break_inodes, et_break_feature, et_break_first_block,
	};
	int vnodes0 = vnode_count();
	struct vnode *dir;
	uint32_t writes;
	unsigned i;
	char *img;
	int error;

	VT_REQUIRE((img = kmalloc(ET_IMGSIZE, 0)) != NULL);
	/* The control: the whole copy mounts (read-only: no write). */
	writes = 99;
	KT_EXPECT_EQ(0, et_mount_broken(kt, img, ET_IMGSIZE, NULL,
	    &writes));
	KT_EXPECT_EQ(0, (int)writes);
	/* A disk shorter than its filesystem. */
	writes = 99;
	KT_EXPECT_EQ(-EINVAL, et_mount_broken(kt, img, ET_IMGSIZE / 2,
	    NULL, &writes));
	KT_EXPECT_EQ(0, (int)writes);
	for (i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		writes = 99;
		error = et_mount_broken(kt, img, ET_IMGSIZE, breaks[i],
		    &writes);
		if (error != -EINVAL && error != -EIO)
			ktest_fail(kt, __FILE__, __LINE__, "broken disk %u: "
			    "mount says %d, not -EINVAL or -EIO", i, error);
		KT_EXPECT_EQ(0, (int)writes);
	}
	kfree(img);
	/* Not a disk, no device, bad options. */
	VT_REQUIRE((dir = vt_scratch(kt, "ext2_notdisk")) != NULL);
	KT_EXPECT_EQ(-ENOTBLK, vfs_mount("ext2", "/dev/null", NULL, 0, dir,
	    "x", NULL));
	KT_EXPECT_EQ(-ENXIO, vfs_mount("ext2", "/dev/nodisk", NULL, 0, dir,
	    "x", NULL));
	KT_EXPECT_EQ(-EINVAL, vfs_mount("ext2", "/dev/null", "threads=0", 0,
	    dir, "x", NULL));
	KT_EXPECT_EQ(-EINVAL, vfs_mount("ext2", "/dev/null", "bogus", 0, dir,
	    "x", NULL));
	KT_ASSERT(dir->v_mountedhere == NULL);
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- slices --------------------------------------------------------- */

/* Entry I of SECTOR's table: TYPE, START, SIZE; and the signature. */
static void
et_mbr_entry(uint8_t *sector, int i, uint8_t type, uint32_t start,
    uint32_t size)
{
	uint8_t *e = sector + MBR_TABLE + 16 * i;

	e[4] = type;
	e[8] = (uint8_t)start;
	e[9] = (uint8_t)(start >> 8);
	e[10] = (uint8_t)(start >> 16);
	e[11] = (uint8_t)(start >> 24);
	e[12] = (uint8_t)size;
	e[13] = (uint8_t)(size >> 8);
	e[14] = (uint8_t)(size >> 16);
	e[15] = (uint8_t)(size >> 24);
	sector[510] = 0x55;
	sector[511] = 0xAA;
}

KTEST(mbr_tables_good_and_bad)
{
	static uint8_t sector[512];
	struct mbr_part parts[MBR_NPART];
	char why[96];

	kmemset(sector, 0, sizeof(sector));
	KT_EXPECT_EQ(0, mbr_parse(sector, 1000, parts, why, sizeof(why)));
	et_mbr_entry(sector, 0, MBR_TYPE_LINUX, 64, 500);
	et_mbr_entry(sector, 2, 0x0c, 564, 436);	/* to the last sector */
	KT_EXPECT_EQ(2, mbr_parse(sector, 1000, parts, why, sizeof(why)));
	KT_EXPECT_EQ(MBR_TYPE_LINUX, parts[0].mp_type);
	KT_EXPECT_EQ(64, (int)parts[0].mp_start);
	KT_EXPECT_EQ(500, (int)parts[0].mp_size);
	KT_EXPECT_EQ(0, parts[1].mp_type);
	KT_EXPECT_EQ(436, (int)parts[2].mp_size);
	/* One sector too many: the whole table is refused. */
	et_mbr_entry(sector, 2, 0x0c, 564, 437);
	why[0] = '\0';
	KT_EXPECT_EQ(-EINVAL, mbr_parse(sector, 1000, parts, why,
	    sizeof(why)));
	KT_EXPECT_STREQ("partition 3 (sectors 564 to 1000) runs past the "
	    "disk's 1000 sectors", why);
	/* Over the table itself, and empty. */
	et_mbr_entry(sector, 2, 0x0c, 0, 10);
	KT_EXPECT_EQ(-EINVAL, mbr_parse(sector, 1000, parts, why,
	    sizeof(why)));
	et_mbr_entry(sector, 2, 0x0c, 600, 0);
	KT_EXPECT_EQ(-EINVAL, mbr_parse(sector, 1000, parts, why,
	    sizeof(why)));
	/* A start and size whose sum overflows 32 bits. */
	et_mbr_entry(sector, 2, 0x0c, 0xFFFFFF00u, 0x200);
	KT_EXPECT_EQ(-EINVAL, mbr_parse(sector, 1000, parts, why,
	    sizeof(why)));
}

#define ET_HEAD		64u			/* sectors before the slice */
#define ET_SLSECT	(ET_IMGSIZE / 512)	/* the slice's sectors */
#define ET_MBRSIZE	((ET_HEAD + ET_SLSECT + 64) * 512)

/* Are the LEN bytes at P all zero? */
static int
et_zero(const char *p, size_t len)
{
	while (len-- > 0)
		if (*p++ != 0)
			return 0;
	return 1;
}

KTEST(ext2_vfs_on_a_slice)
{
	struct vnode *dir, *root, *vp;
	int vnodes0 = vnode_count();
	struct cdev *md, *sl;
	struct mount *mp;
	struct bio bio;
	char *mem, buf[32];

	VT_REQUIRE((mem = kmalloc(ET_MBRSIZE, M_ZERO)) != NULL);
	if (et_load(kt, mem + ET_HEAD * 512) != 0) {
		kfree(mem);
		return;
	}
	et_mbr_entry((uint8_t *)mem, 1, MBR_TYPE_LINUX, ET_HEAD, ET_SLSECT);
	md = md_create("mdmbr", mem, ET_MBRSIZE);
	if (md == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "md_create");
		kfree(mem);
		return;
	}
	KT_EXPECT_EQ(1, mbr_slices(md));
	sl = dev_lookup("mdmbrs2");
	if (sl == NULL) {
		ktest_fail(kt, __FILE__, __LINE__, "no mdmbrs2");
		md_destroy(md);
		kfree(mem);
		return;
	}
	release_dev(sl);
	KT_EXPECT_EQ(ET_IMGSIZE, (uint32_t)sl->si_size);
	/* A request past the slice's end is refused. */
	bio_init(&bio, BIO_READ, ET_IMGSIZE, buf, 512);
	dev_dstrategy(sl, &bio);
	KT_EXPECT_EQ(-ENXIO, biowait(&bio));
	/* ext2 on the slice: read the host's file, write one. */
	mp = et_mount(kt, "/dev/mdmbrs2", "ext2_slice", NULL, &dir, &root);
	if (mp != NULL) {
		KT_EXPECT_EQ(0, vt_lookup(root, "hello.txt", 0, &vp));
		if (vp != NULL) {
			KT_EXPECT_EQ(20, vt_read(vp, 0, buf, sizeof(buf)));
			KT_EXPECT_EQ(0, kstrncmp(buf, "hello from the host\n",
			    20));
			vrele(vp);
		}
		vp = vt_file(root, "onslice", "written on a slice\n");
		KT_ASSERT(vp != NULL);
		if (vp != NULL)
			vrele(vp);
		et_unmount(kt, mp, dir);
	}
	/* Everything went inside the slice: the sectors around it are
	 * as they were (zero but the table). */
	KT_ASSERT(et_zero(mem + 512, (ET_HEAD - 1) * 512));
	KT_ASSERT(et_zero(mem + (ET_HEAD + ET_SLSECT) * 512, 64 * 512));
	/* And a second mount finds the file. */
	mp = et_mount(kt, "mdmbrs2", "ext2_slice", "ro", &dir, &root);
	if (mp != NULL) {
		KT_EXPECT_EQ(0, vt_lookup(root, "onslice", 0, &vp));
		if (vp != NULL) {
			KT_EXPECT_EQ(19, vt_read(vp, 0, buf, sizeof(buf)));
			vrele(vp);
		}
		et_unmount(kt, mp, dir);
	}
	slice_destroy(sl);
	/* A table that runs past the disk makes no slice. */
	et_mbr_entry((uint8_t *)mem, 1, MBR_TYPE_LINUX, ET_HEAD,
	    ET_SLSECT + 65);
	KT_EXPECT_EQ(-EINVAL, mbr_slices(md));
	sl = dev_lookup("mdmbrs2");
	KT_ASSERT(sl == NULL);
	if (sl != NULL)
		release_dev(sl);
	md_destroy(md);
	kfree(mem);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- programs through the VFS -------------------------------------- */

KTEST(exec_reads_programs_through_the_vfs)
{
	static char *const argv[] = { "prog", NULL };
	int vnodes0 = vnode_count(), n, bad = 0, i, from_disk;
	struct archive_file af;
	struct vnode *dir, *vp;
	static char prog[65536];
	void *mem;

	from_disk = rootvnode != NULL && kstrcmp(rootvnode->v_mount->
	    mnt_stat.f_fstypename, "bootfs") != 0;
	/* A copy of /bin/true under a name the archive does not have. */
	VT_REQUIRE(vt_lookup(NULL, "/bin/true", NLC_FOLLOW, &vp) == 0);
	n = vt_read(vp, 0, prog, sizeof(prog));
	vrele(vp);
	VT_REQUIRE(n > 0 && n < (int)sizeof(prog));
	VT_REQUIRE((dir = vt_scratch(kt, "exec_vfs")) != NULL);
	vp = vt_file(dir, "prog", "");
	if (vp != NULL) {
		KT_EXPECT_EQ(n, vt_write(vp, 0, prog, (size_t)n));
		vrele(vp);
	}
	/* The loader reads it whole. */
	KT_EXPECT_EQ(0, exec_vfs_load("/tmp/exec_vfs/prog", &af, &mem));
	if (mem != NULL) {
		KT_EXPECT_EQ(n, (int)af.af_size);
		for (i = 0; i < n; i++)
			if (((const char *)af.af_data)[i] != prog[i])
				bad++;
		KT_EXPECT_EQ(0, bad);
		kfree(mem);
	}
	/* Only looking (no FREEP): the same answers, nothing read. */
	KT_EXPECT_EQ(0, exec_vfs_load("/tmp/exec_vfs/prog", &af, NULL));
	KT_EXPECT_EQ(-EACCES, exec_vfs_load("/tmp/exec_vfs", &af, NULL));
	KT_EXPECT_EQ(-ENOENT, exec_vfs_load("/tmp/exec_vfs/none", &af, NULL));
	KT_EXPECT_EQ(-EACCES, exec_vfs_load("/tmp/exec_vfs", &af, &mem));
	KT_EXPECT_EQ(-ENOENT, exec_vfs_load("/tmp/exec_vfs/none", &af,
	    &mem));
	/* And exec uses it when the root is a disk's: the copy runs (and
	 * exits 0, as true does); on the archive's root it is not found. */
	if (from_disk)
		KT_EXPECT_EQ(0, kt_run_program("/tmp/exec_vfs/prog", argv,
		    NULL));
	else
		KT_EXPECT_EQ(-1000 - ENOENT, kt_run_program(
		    "/tmp/exec_vfs/prog", argv, NULL));
	{
		const char *const names[] = { "prog", NULL };

		vt_cleanup(dir, names);
	}
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- random damage --------------------------------------------------- */

/* Walk what the mount at ROOT shows, two levels deep: each entry looked
 * up, its attributes, the first 4 KiB of a file, a link's target.  The
 * operations that failed are counted in *FAILED. */
static void
et_walk(struct vnode *dir, int depth, int *failed)
{
	static char buf[2][1024], data[4096];
	struct componentname cn;
	struct vattr va;
	struct vnode *vp;
	struct dirent *d;
	struct uio uio;
	int64_t cookie = 0;
	size_t off, len;
	int rounds;

	for (rounds = 0; rounds < 8; rounds++) {
		uio_init(&uio, buf[depth], sizeof(buf[depth]), UIO_SYSSPACE,
		    UIO_READ);
		if (vop_readdir(dir, &uio, &cookie) != 0) {
			(*failed)++;
			return;
		}
		if ((len = sizeof(buf[depth]) - uio.uio_resid) == 0)
			return;
		for (off = 0; off < len; off += d->d_reclen) {
			d = (struct dirent *)(buf[depth] + off);
			if (d->d_reclen == 0)
				return;
			if (kstrcmp(d->d_name, ".") == 0 ||
			    kstrcmp(d->d_name, "..") == 0)
				continue;
			cn.cn_nameptr = d->d_name;
			cn.cn_namelen = d->d_namlen;
			if (vop_lookup(dir, &cn, &vp) != 0) {
				(*failed)++;
				continue;
			}
			if (vop_getattr(vp, &va) != 0)
				(*failed)++;
			else if (vp->v_type == VREG && vt_read(vp, 0, data,
			    sizeof(data)) < 0)
				(*failed)++;
			else if (vp->v_type == VLNK) {
				uio_init(&uio, data, sizeof(data),
				    UIO_SYSSPACE, UIO_READ);
				if (vop_readlink(vp, &uio) != 0)
					(*failed)++;
			} else if (vp->v_type == VDIR && depth == 0)
				et_walk(vp, 1, failed);
			vrele(vp);
		}
	}
}

/*
 * Where the damage goes in IMG (the image as the host made it): the
 * superblock's first 128 bytes, the first group descriptor, the first
 * 16 inodes (the root's among them) and the root directory's first
 * block; *AT gets their byte offsets, *LEN their lengths.
 */
static void
et_targets(const char *img, uint32_t at[4], uint32_t len[4])
{
	const struct ext2_super *sb =
	    (const struct ext2_super *)(img + EXT2_SUPER_OFFSET);
	uint32_t bs = 1024u << sb->s_log_block_size;
	uint32_t isz = sb->s_inode_size ? sb->s_inode_size : 128;
	const struct ext2_gd *gd = (const struct ext2_gd *)(img +
	    (sb->s_first_data_block + 1) * bs);
	const struct ext2_dinode *root = (const struct ext2_dinode *)(img +
	    gd->bg_inode_table * bs + (EXT2_ROOT_INO - 1) * isz);

	at[0] = EXT2_SUPER_OFFSET;
	len[0] = 128;
	at[1] = (sb->s_first_data_block + 1) * bs;
	len[1] = sizeof(struct ext2_gd);
	at[2] = gd->bg_inode_table * bs;
	len[2] = 16 * isz;
	at[3] = root->i_block[0] * bs;
	len[3] = bs;
}

/*
 * The in-kernel fuzz step of the issue: 24 copies of the image on a
 * memory disk, each with 1 to 8 random bytes changed in the structures
 * a mount and a walk read (et_targets), mounted read-only and walked.
 * Each is refused, or mounts and its operations work or fail: no panic,
 * no buffer held after, every vnode given back.  The counts are printed.
 */
KTEST(ext2_vfs_fuzzed_disks_fail_cleanly)
{
	int vnodes0 = vnode_count(), refused = 0, hurt = 0, clean = 0;
	int i, k, failed, error;
	uint32_t at[4], len[4];
	struct mount *mp;
	struct buf_stats st;
	struct cdev *md;
	struct vnode *dir;
	char *img;

	VT_REQUIRE((img = kmalloc(ET_IMGSIZE, 0)) != NULL);
	VT_REQUIRE((dir = vt_scratch(kt, "ext2_fuzz")) != NULL);
	for (i = 0; i < 24; i++) {
		if (et_load(kt, img) != 0)
			break;
		et_targets(img, at, len);
		for (k = 0; k < 1 + i % 8; k++) {
			uint32_t r = ktest_random(kt), t = r % 4;

			if (at[t] + len[t] <= ET_IMGSIZE)
				img[at[t] + (r >> 8) % len[t]] =
				    (char)ktest_random(kt);
		}
		if ((md = md_create("mdext2f", img, ET_IMGSIZE)) == NULL) {
			ktest_fail(kt, __FILE__, __LINE__, "md_create");
			break;
		}
		mp = NULL;
		error = vfs_mount("ext2", "/dev/mdext2f", "ro", 0, dir,
		    "fuzz", &mp);
		if (error != 0) {
			refused++;
			KT_ASSERT(dir->v_mountedhere == NULL);
		} else {
			failed = 0;
			et_walk(mp->mnt_rootvp, 0, &failed);
			if (failed > 0)
				hurt++;
			else
				clean++;
			KT_EXPECT_EQ(0, vfs_unmount(mp));
		}
		binval(md);
		md_destroy(md);
	}
	kprintf("ext2: %d damaged copies of the disk: %d refused, %d "
	    "mounted with operations that failed, %d mounted clean, "
	    "0 panics\n", i, refused, hurt, clean);
	KT_EXPECT_EQ(24, i);
	buf_getstats(&st);
	KT_EXPECT_EQ(0, (int)st.bs_held);
	vrele(dir);
	kfree(img);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}
