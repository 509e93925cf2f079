/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * memfs (book/44-memfs.nw) through the VFS's operations: files,
 * directories, hard and symbolic links, the rules of rename, a removed
 * file that lives on while a vnode holds it, a full mount (ENOSPC), the
 * options, and threads of every CPU changing one directory of a mount
 * served by a thread per CPU.  Each test mounts a memfs of its own on a
 * scratch directory and checks that every vnode it made is gone.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "lwkt_testlib.h"
#include "vfs/memfs.h"
#include "vfs/mount.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"

/* A memfs with OPTIONS on the scratch directory NAME: its mount, its
 * root in *ROOTP (the mount's reference: not to be released). */
static struct mount *
mt_mount(struct ktest_ctx *kt, const char *name, const char *options,
    struct vnode **dirp, struct vnode **rootp)
{
	struct mount *mp = NULL;
	int error;

	if ((*dirp = vt_scratch(kt, name)) == NULL)
		return NULL;
	error = vfs_mount("memfs", "memfs", options, 0, *dirp, name, &mp);
	if (error != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "mount memfs: %d", error);
		vrele(*dirp);
		return NULL;
	}
	*rootp = mp->mnt_rootvp;
	return mp;
}

/* Unmount MP and release DIR; the unmount must work. */
static void
mt_unmount(struct ktest_ctx *kt, struct mount *mp, struct vnode *dir)
{
	int error = vfs_unmount(mp);

	if (error != 0)
		ktest_fail(kt, __FILE__, __LINE__, "unmount: %d", error);
	vrele(dir);
}

/* The names in directory VP, in order, joined by '|' into BUF. */
static int
mt_list(struct vnode *vp, char *buf, size_t size)
{
	char dbuf[sizeof(struct dirent)] __attribute__((aligned(4)));
	int64_t cookie = 0;
	struct uio uio;
	struct dirent *d;
	size_t len = 0, off, got;
	int error;

	buf[0] = '\0';
	for (;;) {		/* small reads: the cookie must carry on */
		uio_init(&uio, dbuf, 40, UIO_SYSSPACE, UIO_READ);
		if ((error = vop_readdir(vp, &uio, &cookie)) != 0)
			return error;
		if ((got = 40 - uio.uio_resid) == 0)
			return 0;
		for (off = 0; off < got; off += d->d_reclen) {
			d = (struct dirent *)(dbuf + off);
			if (len + d->d_namlen + 2 > size)
				return -ENAMETOOLONG;
			if (len > 0)
				buf[len++] = '|';
			kmemcpy(buf + len, d->d_name, d->d_namlen);
			len += d->d_namlen;
			buf[len] = '\0';
		}
	}
}

/* The link count of VP. */
static int
mt_nlink(struct vnode *vp)
{
	struct vattr va;

	return vop_getattr(vp, &va) == 0 ? (int)va.va_nlink : -1;
}

/* The size of VP. */
static int
mt_size(struct vnode *vp)
{
	struct vattr va;

	return vop_getattr(vp, &va) == 0 ? (int)va.va_size : -1;
}

KTEST(memfs_files_dirs_and_links)
{
	int vnodes0 = vnode_count();
	struct vnode *dir, *root, *f, *d, *sub, *l, *x;
	struct componentname cn;
	struct vattr va;
	char buf[64], list[128];
	struct uio uio;
	struct mount *mp;

	VT_REQUIRE((mp = mt_mount(kt, "memfs_files", "threads=2", &dir,
	    &root)) != NULL);
	VT_REQUIRE((f = vt_file(root, "a", "hello")) != NULL);
	KT_EXPECT_EQ(5, vt_read(f, 0, buf, sizeof(buf)));
	KT_EXPECT_EQ(0, kstrncmp(buf, "hello", 5));
	KT_EXPECT_EQ(2, vt_read(f, 3, buf, sizeof(buf)));	/* "lo" */
	KT_EXPECT_EQ(0, vt_read(f, 5, buf, sizeof(buf)));	/* the end */
	/* A write past the end leaves a hole of zeros. */
	KT_EXPECT_EQ(1, vt_write(f, 9, "!", 1));
	KT_EXPECT_EQ(10, mt_size(f));
	KT_EXPECT_EQ(10, vt_read(f, 0, buf, sizeof(buf)));
	KT_ASSERT(buf[5] == 0 && buf[8] == 0 && buf[9] == '!');
	/* Truncate, and grow again with setattr. */
	va.va_mask = VA_SIZE;
	va.va_size = 2;
	KT_EXPECT_EQ(0, vop_setattr(f, &va));
	KT_EXPECT_EQ(2, vt_read(f, 0, buf, sizeof(buf)));
	va.va_size = 4;
	KT_EXPECT_EQ(0, vop_setattr(f, &va));
	KT_EXPECT_EQ(4, vt_read(f, 0, buf, sizeof(buf)));
	KT_ASSERT(buf[0] == 'h' && buf[1] == 'e' && buf[2] == 0);
	/* The same name twice: EEXIST. */
	cn = vt_cn("a");
	KT_EXPECT_EQ(-EEXIST, vop_create(root, &cn, 0644, &x));
	KT_ASSERT(x == NULL);
	/* Directories and their link counts. */
	VT_REQUIRE((d = vt_mkdir(root, "d")) != NULL);
	KT_EXPECT_EQ(2, mt_nlink(d));
	KT_EXPECT_EQ(3, mt_nlink(root));		/* ., its name, d/.. */
	VT_REQUIRE((sub = vt_mkdir(d, "sub")) != NULL);
	KT_EXPECT_EQ(3, mt_nlink(d));
	cn = vt_cn("..");
	VT_REQUIRE(vop_lookup(sub, &cn, &x) == 0);
	KT_ASSERT(x == d);
	vrele(x);
	/* A hard link: one file, two names. */
	cn = vt_cn("a2");
	KT_EXPECT_EQ(0, vop_link(d, f, &cn));
	KT_EXPECT_EQ(2, mt_nlink(f));
	VT_REQUIRE(vop_lookup(d, &cn, &x) == 0);
	KT_ASSERT(x == f);
	vrele(x);
	KT_EXPECT_EQ(-EPERM, vop_link(root, d, &cn));	/* no dir links */
	/* A symbolic link keeps its target. */
	KT_EXPECT_EQ(0, vt_symlink(root, "l", "d/sub"));
	cn = vt_cn("l");
	VT_REQUIRE(vop_lookup(root, &cn, &l) == 0);
	KT_EXPECT_EQ(VLNK, l->v_type);
	kmemset(buf, 0, sizeof(buf));
	uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
	KT_EXPECT_EQ(0, vop_readlink(l, &uio));
	KT_EXPECT_STREQ("d/sub", buf);
	KT_EXPECT_EQ(-EINVAL, vop_readlink(f, &uio));
	/* The listing: dots first, then the names as they were made. */
	KT_EXPECT_EQ(0, mt_list(root, list, sizeof(list)));
	KT_EXPECT_STREQ(".|..|a|d|l", list);
	KT_EXPECT_EQ(0, mt_list(d, list, sizeof(list)));
	KT_EXPECT_STREQ(".|..|sub|a2", list);
	/* Removing: rmdir wants an empty directory, remove a non-dir. */
	cn = vt_cn("sub");
	KT_EXPECT_EQ(-EPERM, vop_remove(d, &cn));
	cn = vt_cn("d");
	KT_EXPECT_EQ(-ENOTEMPTY, vop_rmdir(root, &cn));
	cn = vt_cn("a");
	KT_EXPECT_EQ(-ENOTDIR, vop_rmdir(root, &cn));
	KT_EXPECT_EQ(0, vop_remove(root, &cn));
	KT_EXPECT_EQ(1, mt_nlink(f));
	KT_EXPECT_EQ(-ENOENT, vop_remove(root, &cn));
	vrele(f);
	vrele(l);
	vrele(sub);
	{
		static const char *const names[] = { "a2", "sub", NULL };
		static const char *const top[] = { "l", "d", NULL };

		vt_cleanup(d, names);
		vrele(d);
		vt_cleanup(root, top);
	}
	KT_EXPECT_EQ(0, mt_list(root, list, sizeof(list)));
	KT_EXPECT_STREQ(".|..", list);
	mt_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* Rename FROM in FDVP to TO in TDVP. */
static int
mt_rename(struct vnode *fdvp, const char *from, struct vnode *tdvp,
    const char *to)
{
	struct componentname fcn = vt_cn(from), tcn = vt_cn(to);

	return vop_rename(fdvp, &fcn, tdvp, &tcn);
}

KTEST(memfs_rename_rules)
{
	int vnodes0 = vnode_count();
	struct vnode *dir, *root, *a, *b, *c, *f, *g, *x;
	struct componentname cn;
	char list[128];
	struct mount *mp;

	VT_REQUIRE((mp = mt_mount(kt, "memfs_rename", "threads=percpu", &dir,
	    &root)) != NULL);
	VT_REQUIRE((a = vt_mkdir(root, "a")) != NULL);
	VT_REQUIRE((b = vt_mkdir(a, "b")) != NULL);
	VT_REQUIRE((c = vt_mkdir(root, "c")) != NULL);
	VT_REQUIRE((f = vt_file(root, "f", "F")) != NULL);
	VT_REQUIRE((g = vt_file(c, "g", "G")) != NULL);
	KT_EXPECT_EQ(-ENOENT, mt_rename(root, "nope", root, "x"));
	/* Into itself or below itself. */
	KT_EXPECT_EQ(-EINVAL, mt_rename(root, "a", a, "a2"));
	KT_EXPECT_EQ(-EINVAL, mt_rename(root, "a", b, "a2"));
	/* A file over a directory, a directory over a file. */
	KT_EXPECT_EQ(-EISDIR, mt_rename(root, "f", root, "c"));
	KT_EXPECT_EQ(-ENOTDIR, mt_rename(root, "c", root, "f"));
	/* A directory over a directory that is not empty. */
	KT_EXPECT_EQ(-ENOTEMPTY, mt_rename(a, "b", root, "c"));
	/* Onto itself, and onto another link of itself: nothing. */
	KT_EXPECT_EQ(0, mt_rename(root, "f", root, "f"));
	cn = vt_cn("f2");
	KT_EXPECT_EQ(0, vop_link(root, f, &cn));
	KT_EXPECT_EQ(0, mt_rename(root, "f", root, "f2"));
	KT_EXPECT_EQ(2, mt_nlink(f));
	KT_EXPECT_EQ(0, mt_list(root, list, sizeof(list)));
	KT_EXPECT_STREQ(".|..|a|c|f|f2", list);
	/* A file over a file: the target's file loses its name. */
	KT_EXPECT_EQ(0, mt_rename(c, "g", root, "f2"));
	KT_EXPECT_EQ(1, mt_nlink(f));
	cn = vt_cn("f2");
	VT_REQUIRE(vop_lookup(root, &cn, &x) == 0);
	KT_ASSERT(x == g);
	vrele(x);
	/* A directory moves: the link counts of both parents follow, and
	 * its ".." is the new parent. */
	KT_EXPECT_EQ(4, mt_nlink(root));		/* ., name, a/.., c/.. */
	KT_EXPECT_EQ(3, mt_nlink(a));
	KT_EXPECT_EQ(0, mt_rename(a, "b", c, "b2"));
	KT_EXPECT_EQ(2, mt_nlink(a));
	KT_EXPECT_EQ(3, mt_nlink(c));
	KT_EXPECT_EQ(2, mt_nlink(b));
	cn = vt_cn("..");
	VT_REQUIRE(vop_lookup(b, &cn, &x) == 0);
	KT_ASSERT(x == c);
	vrele(x);
	/* A directory over an empty directory. */
	KT_EXPECT_EQ(0, mt_rename(root, "a", c, "b2"));
	KT_EXPECT_EQ(0, mt_list(c, list, sizeof(list)));
	KT_EXPECT_STREQ(".|..|b2", list);
	KT_EXPECT_EQ(3, mt_nlink(c));
	KT_EXPECT_EQ(3, mt_nlink(root));
	vrele(a);
	vrele(b);
	vrele(c);
	vrele(f);
	vrele(g);
	{
		static const char *const in_c[] = { "b2", NULL };
		static const char *const top[] = { "c", "f", "f2", NULL };

		VT_REQUIRE(vt_lookup(root, "c", 0, &c) == 0);
		vt_cleanup(c, in_c);
		vrele(c);
		vt_cleanup(root, top);
	}
	mt_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* Nodes in use in MP (statfs: files less free files). */
static int
mt_nodes(struct mount *mp)
{
	struct statfs sf;

	if (vfs_statfs(mp, &sf) != 0)
		return -1;
	return (int)(sf.f_files - sf.f_ffree);
}

KTEST(memfs_removed_open_file_lives_on)
{
	int vnodes0 = vnode_count(), nodes0;
	struct vnode *dir, *root, *f, *x;
	struct componentname cn = vt_cn("gone");
	struct statfs sf0, sf1;
	char buf[16];
	struct mount *mp;

	VT_REQUIRE((mp = mt_mount(kt, "memfs_gone", "threads=sync", &dir,
	    &root)) != NULL);
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf0));
	nodes0 = mt_nodes(mp);
	VT_REQUIRE((f = vt_file(root, "gone", "still here")) != NULL);
	KT_EXPECT_EQ(nodes0 + 1, mt_nodes(mp));
	KT_EXPECT_EQ(0, vop_remove(root, &cn));
	KT_EXPECT_EQ(0, mt_nlink(f));
	KT_EXPECT_EQ(-ENOENT, vt_lookup(root, "gone", 0, &x));
	KT_EXPECT_EQ(10, vt_read(f, 0, buf, sizeof(buf)));
	KT_EXPECT_EQ(0, kstrncmp(buf, "still here", 10));
	KT_EXPECT_EQ(3, vt_write(f, 10, "!!!", 3));
	/* The node is still there while the vnode holds it. */
	KT_EXPECT_EQ(nodes0 + 1, mt_nodes(mp));
	vrele(f);
	KT_EXPECT_EQ(nodes0, mt_nodes(mp));
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf1));
	KT_EXPECT_EQ((int)sf0.f_bfree, (int)sf1.f_bfree);
	mt_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* A new file NAME in DVP with N bytes of zeros: 0 or -errno (the file
 * may stay, empty or short, after a failed write). */
static int
mt_fill(struct vnode *dvp, const char *name, size_t n)
{
	static char zeros[4096];
	struct componentname cn = vt_cn(name);
	struct vnode *vp;
	int error;

	if ((error = vop_create(dvp, &cn, 0644, &vp)) != 0)
		return error;
	error = vt_write(vp, 0, zeros, n);
	vrele(vp);
	return error < 0 ? error : 0;
}

KTEST(memfs_full_is_enospc)
{
	int vnodes0 = vnode_count(), i, error = 0, made;
	struct vnode *dir, *root;
	struct componentname cn;
	char name[4] = "f00";
	struct mount *mp;

	VT_REQUIRE((mp = mt_mount(kt, "memfs_full", "size=65536,threads=1",
	    &dir, &root)) != NULL);
	for (i = 0; i < 64 && error == 0; i++) {
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		error = mt_fill(root, name, 4096);
	}
	made = i;
	KT_EXPECT_EQ(-ENOSPC, error);
	KT_ASSERT(made > 4 && made < 16);	/* 64 KiB of 4 KiB files */
	/* Full: the next 4 KiB do not fit either. */
	KT_EXPECT_EQ(-ENOSPC, mt_fill(root, "xx", 4096));
	/* Free one file, and there is room again. */
	cn = vt_cn("f00");
	KT_EXPECT_EQ(0, vop_remove(root, &cn));
	cn = vt_cn("xx");
	KT_EXPECT_EQ(0, vop_remove(root, &cn));
	KT_EXPECT_EQ(0, mt_fill(root, "xx", 4096));
	KT_EXPECT_EQ(0, vop_remove(root, &cn));
	for (i = 1; i < made; i++) {
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		cn = vt_cn(name);
		KT_EXPECT_EQ(0, vop_remove(root, &cn));
	}
	mt_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

KTEST(memfs_options_are_checked)
{
	static const char *const bad[] = { "threads=", "threads=0",
	    "threads=65", "threads=x", "size=100", "size=", "bogus",
	    "threads=2;size=8192", "threads=2 ", "size=99999999999", NULL };
	struct vnode *dir = vt_scratch(kt, "memfs_opts");
	size_t size;
	int threads, i;

	KT_ASSERT(dir != NULL);
	KT_EXPECT_EQ(0, memfs_options(NULL, &threads, &size));
	KT_EXPECT_EQ(VFS_PORT_PERCPU, threads);
	KT_EXPECT_EQ(MEMFS_DEFAULT_SIZE, size);
	KT_EXPECT_EQ(0, memfs_options("threads=3,size=8192", &threads,
	    &size));
	KT_EXPECT_EQ(3, threads);
	KT_EXPECT_EQ(8192, size);
	KT_EXPECT_EQ(0, memfs_options("size=4096,threads=sync", &threads,
	    &size));
	KT_EXPECT_EQ(VFS_PORT_SYNC, threads);
	for (i = 0; bad[i] != NULL; i++) {
		KT_EXPECT_EQ(-EINVAL, memfs_options(bad[i], &threads, &size));
		/* And a mount with them is refused, leaving nothing. */
		KT_EXPECT_EQ(-EINVAL, vfs_mount("memfs", "memfs", bad[i], 0,
		    dir, "x", NULL));
		KT_ASSERT(dir->v_mountedhere == NULL);
	}
	vrele(dir);
}

/* ---- threads of every CPU in one directory ------------------------- */

#define MT_FILES	24
#define MT_ROUNDS	20

struct mt_many {
	struct kt_race	race;
	struct vnode	*root;
	volatile uint32_t errors;
};

/* On CPU c: make "cN_i" for i < MT_FILES, write them, remove the odd
 * ones, MT_ROUNDS times (the last round's even ones stay). */
static void
mt_many_thread(void *arg)
{
	struct mt_many *m = arg;
	int cpu = mycpu->gd_cpuid, round, i;
	struct componentname cn;
	struct vnode *vp;
	char name[8];

	kt_race_start(&m->race);
	for (round = 0; round < MT_ROUNDS; round++)
		for (i = 0; i < MT_FILES; i++) {
			name[0] = 'c';
			name[1] = (char)('0' + cpu);
			name[2] = '_';
			name[3] = (char)('a' + i);
			name[4] = '\0';
			cn = vt_cn(name);
			if (vop_create(m->root, &cn, 0644, &vp) == 0) {
				if (vt_write(vp, 0, name, 4) != 4)
					atomic_add_int(&m->errors, 1);
				vrele(vp);
			} else if (round == 0 || (i % 2) == 1)
				atomic_add_int(&m->errors, 1);
			if ((i % 2) == 1 && vop_remove(m->root, &cn) != 0)
				atomic_add_int(&m->errors, 1);
		}
	xgroup_done(&m->race.g);
}

KTEST(memfs_many_threads_one_tree)
{
	int vnodes0 = vnode_count(), cpu, i, n = 0;
	static struct mt_many m;
	struct vnode *dir, *root, *vp;
	struct statfs sf0, sf1;
	char name[8], buf[8];
	struct mount *mp;

	VT_REQUIRE((mp = mt_mount(kt, "memfs_many", NULL, &dir, &root)) !=
	    NULL);
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf0));
	kmemset(&m, 0, sizeof(m));
	m.root = root;
	kt_race_every_cpu(kt, &m.race, mt_many_thread, &m);
	KT_EXPECT_EQ(0, m.errors);
	/* Exactly the even files of every CPU survive, each its own. */
	for (cpu = 0; cpu < ncpus; cpu++)
		for (i = 0; i < MT_FILES; i++) {
			name[0] = 'c';
			name[1] = (char)('0' + cpu);
			name[2] = '_';
			name[3] = (char)('a' + i);
			name[4] = '\0';
			if (vt_lookup(root, name, 0, &vp) != 0) {
				KT_EXPECT_EQ(1, i % 2);
				continue;
			}
			KT_EXPECT_EQ(0, i % 2);
			KT_EXPECT_EQ(4, vt_read(vp, 0, buf, sizeof(buf)));
			KT_EXPECT_EQ(0, kstrncmp(buf, name, 4));
			vrele(vp);
			n++;
			{
				struct componentname cn = vt_cn(name);

				KT_EXPECT_EQ(0, vop_remove(root, &cn));
			}
		}
	KT_EXPECT_EQ(ncpus * MT_FILES / 2, n);
	/* Everything made was freed: the mount is as it started. */
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf1));
	KT_EXPECT_EQ((int)sf0.f_bfree, (int)sf1.f_bfree);
	KT_EXPECT_EQ((int)sf0.f_ffree, (int)sf1.f_ffree);
	mt_unmount(kt, mp, dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}
