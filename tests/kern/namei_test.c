/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Path lookup (book/45-namei.nw) over memfs mounts: ".", "..", repeated
 * and trailing slashes, ENOTDIR, ENOENT, ENAMETOOLONG; mount points
 * crossed down and up (two mounts stacked on one directory); symbolic
 * links relative and absolute, in the middle and at the end, chains of
 * 32 (followed) and 33 (ELOOP), loops, targets too long or empty; the
 * link filter; lookups of the parent; and lookups from every CPU at once
 * through mounts and links, each result checked, no vnode left behind.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "lwkt_testlib.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"

/* A memfs mounted on the scratch directory NAME: the mount, or NULL. */
static struct mount *
nt_mount(struct ktest_ctx *kt, const char *name, struct vnode **dirp)
{
	struct mount *mp = NULL;
	int error;

	if ((*dirp = vt_scratch(kt, name)) == NULL)
		return NULL;
	if ((error = vfs_mount("memfs", "memfs", NULL, 0, *dirp, name,
	    &mp)) != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "mount: %d", error);
		vrele(*dirp);
		return NULL;
	}
	return mp;
}

/* Does PATH (from START, FLAGS) lead to WANT?  1 if so. */
static int
nt_is(struct vnode *start, const char *path, int flags, struct vnode *want)
{
	struct vnode *vp;
	int same;

	if (vt_lookup(start, path, flags, &vp) != 0)
		return 0;
	same = vp == want;
	vrele(vp);
	return same;
}

/* The error of looking PATH up from START with FLAGS (0 if found). */
static int
nt_error(struct vnode *start, const char *path, int flags)
{
	struct vnode *vp;
	int error = vt_lookup(start, path, flags, &vp);

	if (error == 0)
		vrele(vp);
	return error;
}

KTEST(namei_dot_dotdot_and_slashes)
{
	int vnodes0 = vnode_count();
	struct vnode *dir, *root, *d1, *d2, *f, *g, *tmp;
	static char longpath[PATH_MAX + 8], longname[NAME_MAX + 2];
	struct mount *mp;

	VT_REQUIRE((mp = nt_mount(kt, "namei_dots", &dir)) != NULL);
	root = mp->mnt_rootvp;
	VT_REQUIRE((d1 = vt_mkdir(root, "d1")) != NULL);
	VT_REQUIRE((d2 = vt_mkdir(d1, "d2")) != NULL);
	VT_REQUIRE((f = vt_file(d2, "file", "x")) != NULL);
	VT_REQUIRE((g = vt_file(root, "f", "y")) != NULL);
	KT_EXPECT_EQ(1, nt_is(root, "d1/d2/file", 0, f));
	KT_EXPECT_EQ(1, nt_is(root, "d1/./d2/../d2//file", 0, f));
	KT_EXPECT_EQ(1, nt_is(root, "./d1///d2/./file", 0, f));
	KT_EXPECT_EQ(1, nt_is(root, "d1/d2/", 0, d2));
	KT_EXPECT_EQ(1, nt_is(root, "d1/d2//", 0, d2));
	KT_EXPECT_EQ(1, nt_is(root, ".", 0, root));
	KT_EXPECT_EQ(1, nt_is(d2, "..", 0, d1));
	KT_EXPECT_EQ(1, nt_is(d2, "../..", 0, root));
	/* A file is no directory, with or without a slash after it. */
	KT_EXPECT_EQ(-ENOTDIR, nt_error(root, "f/", 0));
	KT_EXPECT_EQ(-ENOTDIR, nt_error(root, "f/x", 0));
	KT_EXPECT_EQ(-ENOTDIR, nt_error(root, "f/.", 0));
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "d1/nope/file", 0));
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "nope", 0));
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "", 0));
	/* A name of 256 bytes, a path of 1024. */
	kmemset(longname, 'n', NAME_MAX + 1);
	KT_EXPECT_EQ(-ENAMETOOLONG, nt_error(root, longname, 0));
	longname[NAME_MAX] = '\0';
	KT_EXPECT_EQ(-ENOENT, nt_error(root, longname, 0));	/* 255: ok */
	kmemset(longpath, '/', PATH_MAX);
	KT_EXPECT_EQ(-ENAMETOOLONG, nt_error(root, longpath, 0));
	longpath[PATH_MAX - 1] = '\0';
	KT_EXPECT_EQ(1, nt_is(root, longpath, 0, rootvnode));	/* 1023 */
	/* Absolute paths, down through the mount; "/.." is "/". */
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_dots/d1/d2/file", 0, f));
	KT_EXPECT_EQ(1, nt_is(NULL, "/..", 0, rootvnode));
	KT_EXPECT_EQ(1, nt_is(NULL, "/../../.", 0, rootvnode));
	VT_REQUIRE(vt_lookup(NULL, "/tmp", 0, &tmp) == 0);
	KT_EXPECT_EQ(1, nt_is(NULL, "/../tmp/../tmp", 0, tmp));
	vrele(tmp);
	vrele(f);
	vrele(g);
	vrele(d2);
	{
		static const char *const in_d2[] = { "file", NULL };
		static const char *const in_d1[] = { "d2", NULL };
		static const char *const top[] = { "d1", "f", NULL };

		VT_REQUIRE(vt_lookup(root, "d1/d2", 0, &d2) == 0);
		vt_cleanup(d2, in_d2);
		vrele(d2);
		vt_cleanup(d1, in_d1);
		vt_cleanup(root, top);
	}
	vrele(d1);
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

KTEST(namei_crosses_mounts_both_ways)
{
	int vnodes0 = vnode_count();
	struct vnode *dir, *x, *bx, *tmp, *vp;
	struct mount *a, *b, *c = NULL;

	VT_REQUIRE((a = nt_mount(kt, "namei_mnt", &dir)) != NULL);
	VT_REQUIRE((x = vt_mkdir(a->mnt_rootvp, "x")) != NULL);
	KT_EXPECT_EQ(0, vfs_mount("memfs", "memfs", NULL, 0, x, "b", &b));
	/* Down: the covered directory leads into the mount's root. */
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt", 0, a->mnt_rootvp));
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt/x", 0, b->mnt_rootvp));
	KT_EXPECT_EQ(1, nt_is(a->mnt_rootvp, "x/.", 0, b->mnt_rootvp));
	/* A second mount on the first one's root: stacked. */
	VT_REQUIRE(vt_lookup(NULL, "/tmp/namei_mnt/x", 0, &bx) == 0);
	KT_EXPECT_EQ(0, vfs_mount("memfs", "memfs", NULL, 0, bx, "c", &c));
	vrele(bx);
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt/x", 0, c->mnt_rootvp));
	/* Up: ".." from the top root climbs both to x's parent. */
	KT_EXPECT_EQ(1, nt_is(c->mnt_rootvp, "..", 0, a->mnt_rootvp));
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt/x/..", 0,
	    a->mnt_rootvp));
	VT_REQUIRE(vt_lookup(NULL, "/tmp", 0, &tmp) == 0);
	KT_EXPECT_EQ(1, nt_is(a->mnt_rootvp, "..", 0, tmp));
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt/x/../..", 0, tmp));
	KT_EXPECT_EQ(1, nt_is(c->mnt_rootvp, "../../../tmp/namei_mnt/x", 0,
	    c->mnt_rootvp));
	vrele(tmp);
	/* A file made through the path lands in the top mount. */
	VT_REQUIRE((vp = vt_file(c->mnt_rootvp, "top", "t")) != NULL);
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt/x/top", 0, vp));
	KT_EXPECT_EQ(-ENOENT, nt_error(b->mnt_rootvp, "top", 0));
	vrele(vp);
	{
		static const char *const top[] = { "top", NULL };

		vt_cleanup(c->mnt_rootvp, top);
	}
	KT_EXPECT_EQ(-EBUSY, vfs_unmount(b));	/* c sits on its root */
	KT_EXPECT_EQ(0, vfs_unmount(c));
	KT_EXPECT_EQ(0, vfs_unmount(b));
	KT_EXPECT_EQ(1, nt_is(NULL, "/tmp/namei_mnt/x", 0, x));
	vrele(x);
	KT_EXPECT_EQ(0, vfs_unmount(a));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* Make the chain c0 -> c1 -> ... -> cN -> "d/f" in DVP. */
static int
nt_chain(struct vnode *dvp, int n)
{
	char name[8], target[8];
	int i, error = 0;

	for (i = 0; i <= n && error == 0; i++) {
		name[0] = 'c';
		name[1] = (char)('0' + i / 10);
		name[2] = (char)('0' + i % 10);
		name[3] = '\0';
		target[0] = 'c';
		target[1] = (char)('0' + (i + 1) / 10);
		target[2] = (char)('0' + (i + 1) % 10);
		target[3] = '\0';
		error = vt_symlink(dvp, name, i == n ? "d/f" : target);
	}
	return error;
}

KTEST(namei_symlinks_relative_absolute_loops)
{
	int vnodes0 = vnode_count();
	static char target[PATH_MAX];
	struct vnode *dir, *root, *d, *f, *vp;
	struct mount *mp;

	VT_REQUIRE((mp = nt_mount(kt, "namei_links", &dir)) != NULL);
	root = mp->mnt_rootvp;
	VT_REQUIRE((d = vt_mkdir(root, "d")) != NULL);
	VT_REQUIRE((f = vt_file(d, "f", "F")) != NULL);
	KT_EXPECT_EQ(0, vt_symlink(root, "rel", "d/f"));
	KT_EXPECT_EQ(0, vt_symlink(root, "abs", "/tmp/namei_links/d/f"));
	KT_EXPECT_EQ(0, vt_symlink(root, "ld", "d"));
	KT_EXPECT_EQ(0, vt_symlink(d, "up", "../ld/f"));
	KT_EXPECT_EQ(0, vt_symlink(root, "la", "lb"));
	KT_EXPECT_EQ(0, vt_symlink(root, "lb", "la"));
	KT_EXPECT_EQ(0, vt_symlink(root, "dangling", "nope"));
	KT_EXPECT_EQ(0, vt_symlink(root, "empty", ""));
	/* At the end: followed only when asked. */
	KT_EXPECT_EQ(1, nt_is(root, "rel", NLC_FOLLOW, f));
	VT_REQUIRE(vt_lookup(root, "rel", 0, &vp) == 0);
	KT_EXPECT_EQ(VLNK, vp->v_type);
	vrele(vp);
	KT_EXPECT_EQ(1, nt_is(root, "abs", NLC_FOLLOW, f));
	KT_EXPECT_EQ(1, nt_is(d, "up", NLC_FOLLOW, f));	/* link in a link */
	/* In the middle: always followed. */
	KT_EXPECT_EQ(1, nt_is(root, "ld/f", 0, f));
	KT_EXPECT_EQ(1, nt_is(root, "ld/../ld/./f", 0, f));
	/* A trailing slash follows, and wants a directory. */
	KT_EXPECT_EQ(1, nt_is(root, "ld/", 0, d));
	KT_EXPECT_EQ(-ENOTDIR, nt_error(root, "rel/", 0));
	/* Loops, chains, dangling and empty targets. */
	KT_EXPECT_EQ(-ELOOP, nt_error(root, "la", NLC_FOLLOW));
	KT_EXPECT_EQ(-ELOOP, nt_error(root, "la/x", 0));
	KT_EXPECT_EQ(0, nt_chain(root, 32));		/* c00 ... c32 */
	KT_EXPECT_EQ(1, nt_is(root, "c01", NLC_FOLLOW, f));	/* 32 links */
	KT_EXPECT_EQ(-ELOOP, nt_error(root, "c00", NLC_FOLLOW));	/* 33 */
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "dangling", NLC_FOLLOW));
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "empty", NLC_FOLLOW));
	/* A target that makes the path too long. */
	kmemset(target, 'a', 1000);
	target[1000] = '\0';
	KT_EXPECT_EQ(0, vt_symlink(root, "long", target));
	kmemset(target, 'b', 100);
	kmemcpy(target, "long/", 5);
	target[100] = '\0';
	KT_EXPECT_EQ(-ENAMETOOLONG, nt_error(root, target, 0));
	vrele(f);
	vrele(d);
	{
		static const char *const in_d[] = { "f", "up", NULL };
		static const char *const top[] = { "rel", "abs", "ld", "la",
		    "lb", "dangling", "empty", "long", "d", NULL };
		int i;
		char name[4];
		struct componentname cn;

		VT_REQUIRE(vt_lookup(root, "d", 0, &d) == 0);
		vt_cleanup(d, in_d);
		vrele(d);
		vt_cleanup(root, top);
		for (i = 0; i <= 32; i++) {
			name[0] = 'c';
			name[1] = (char)('0' + i / 10);
			name[2] = (char)('0' + i % 10);
			name[3] = '\0';
			cn = vt_cn(name);
			KT_EXPECT_EQ(0, vop_remove(root, &cn));
		}
	}
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* A filter for the test: '@' becomes "d"; a '!' is refused (-EPERM). */
static int
nt_filter(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (; *in != '\0'; in++) {
		if (*in == '!')
			return -EPERM;
		if (n + 2 >= size)
			return -ENAMETOOLONG;
		out[n++] = *in == '@' ? 'd' : *in;
	}
	out[n] = '\0';
	return 0;
}

KTEST(namei_link_filter_rewrites_targets)
{
	struct vnode *dir, *root, *d, *f;
	namei_link_filter_t old;
	struct mount *mp;

	VT_REQUIRE((mp = nt_mount(kt, "namei_filter", &dir)) != NULL);
	root = mp->mnt_rootvp;
	VT_REQUIRE((d = vt_mkdir(root, "d")) != NULL);
	VT_REQUIRE((f = vt_file(d, "f", "F")) != NULL);
	KT_EXPECT_EQ(0, vt_symlink(root, "at", "@/f"));
	KT_EXPECT_EQ(0, vt_symlink(root, "bang", "d/f!"));
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "at", NLC_FOLLOW));
	old = namei_set_link_filter(nt_filter);
	KT_EXPECT_EQ(1, nt_is(root, "at", NLC_FOLLOW, f));
	KT_EXPECT_EQ(-EPERM, nt_error(root, "bang", NLC_FOLLOW));
	/* Not following the last link: the filter is not asked. */
	KT_EXPECT_EQ(0, nt_error(root, "bang", 0));
	KT_ASSERT(namei_set_link_filter(old) == nt_filter);
	KT_EXPECT_EQ(-ENOENT, nt_error(root, "at", NLC_FOLLOW));
	vrele(f);
	vrele(d);
	{
		static const char *const top[] = { "at", "bang", NULL };
		static const char *const in_d[] = { "f", NULL };

		vt_cleanup(root, top);
		VT_REQUIRE(vt_lookup(root, "d", 0, &d) == 0);
		vt_cleanup(d, in_d);
		vrele(d);
		vt_cleanup(root, (const char *const[]){ "d", NULL });
	}
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
}

/* A parent lookup of PATH from START into *ND (done by the caller). */
static int
nt_parent(struct nlookupdata *nd, struct vnode *start, const char *path)
{
	int error = nlookup_init(nd, path, UIO_SYSSPACE, NLC_PARENT);

	if (error == 0) {
		nlookup_set_startdir(nd, start);
		error = nlookup(nd);
	}
	return error;
}

KTEST(namei_parent_lookup)
{
	int vnodes0 = vnode_count();
	struct vnode *dir, *root, *d, *f, *m;
	struct nlookupdata nd;
	struct mount *mp, *inner;

	VT_REQUIRE((mp = nt_mount(kt, "namei_parent", &dir)) != NULL);
	root = mp->mnt_rootvp;
	VT_REQUIRE((d = vt_mkdir(root, "d")) != NULL);
	VT_REQUIRE((f = vt_file(d, "f", "F")) != NULL);
	VT_REQUIRE((m = vt_mkdir(root, "m")) != NULL);
	KT_EXPECT_EQ(0, vt_symlink(root, "ld", "d"));
	KT_EXPECT_EQ(0, vfs_mount("memfs", "memfs", NULL, 0, m, "m", &inner));
	/* Not there: the directory and the name, no vnode. */
	VT_REQUIRE(nt_parent(&nd, root, "d/new") == 0);
	KT_ASSERT(nd.nl_dvp == d && nd.nl_vp == NULL);
	KT_EXPECT_EQ(3, (int)nd.nl_cn.cn_namelen);
	KT_EXPECT_EQ(0, kstrncmp(nd.nl_cn.cn_nameptr, "new", 3));
	nlookup_done(&nd);
	/* There: its vnode too; a trailing slash is reported. */
	VT_REQUIRE(nt_parent(&nd, root, "ld/f/") == 0);
	KT_ASSERT(nd.nl_dvp == d && nd.nl_vp == f && nd.nl_trailing);
	nlookup_done(&nd);
	/* The last link is not followed, the last mount not crossed. */
	VT_REQUIRE(nt_parent(&nd, root, "ld") == 0);
	KT_ASSERT(nd.nl_dvp == root && nd.nl_vp != NULL &&
	    nd.nl_vp->v_type == VLNK);
	nlookup_done(&nd);
	VT_REQUIRE(nt_parent(&nd, root, "m") == 0);
	KT_ASSERT(nd.nl_vp == m && nd.nl_vp->v_mountedhere == inner);
	nlookup_done(&nd);
	/* Missing in the middle is still ENOENT; "/" has the name ".". */
	KT_EXPECT_EQ(-ENOENT, nt_parent(&nd, root, "nope/new"));
	nlookup_done(&nd);
	VT_REQUIRE(nt_parent(&nd, root, "/") == 0);
	KT_ASSERT(nd.nl_dvp == rootvnode && nd.nl_vp == rootvnode);
	KT_EXPECT_EQ(1, (int)nd.nl_cn.cn_namelen);
	nlookup_done(&nd);
	KT_EXPECT_EQ(0, vfs_unmount(inner));
	vrele(f);
	vrele(m);
	{
		static const char *const in_d[] = { "f", NULL };
		static const char *const top[] = { "ld", "m", "d", NULL };

		vt_cleanup(d, in_d);
		vrele(d);
		vt_cleanup(root, top);
	}
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}

/* ---- lookups from every CPU at once ---------------------------------- */

#define NT_LOOKUPS	300

struct nt_conc {
	struct kt_race	race;
	const char	*paths[4];	/* each leads to ... */
	uint32_t	ids[4];		/* ... the file of this number */
	volatile uint32_t errors;
};

static void
nt_conc_thread(void *arg)
{
	struct nt_conc *c = arg;
	uint32_t state = 12345u + (uint32_t)mycpu->gd_cpuid;
	struct vnode *vp;
	int i, k;

	kt_race_start(&c->race);
	for (i = 0; i < NT_LOOKUPS; i++) {
		k = (int)(ktest_xorshift(&state) % 4);
		if (vt_lookup(NULL, c->paths[k], NLC_FOLLOW, &vp) != 0) {
			atomic_add_int(&c->errors, 1);
			continue;
		}
		if (vt_fileid(vp) != c->ids[k])
			atomic_add_int(&c->errors, 1);
		vrele(vp);
	}
	xgroup_done(&c->race.g);
}

KTEST(namei_concurrent_lookups_every_cpu)
{
	static struct nt_conc c;
	struct vnode *dir, *root, *a, *b, *f, *g;
	struct mount *mp, *inner;
	int vnodes0 = vnode_count(), k;

	VT_REQUIRE((mp = nt_mount(kt, "namei_conc", &dir)) != NULL);
	root = mp->mnt_rootvp;
	VT_REQUIRE((a = vt_mkdir(root, "a")) != NULL);
	VT_REQUIRE((b = vt_mkdir(a, "b")) != NULL);
	VT_REQUIRE((g = vt_file(a, "g", "G")) != NULL);
	KT_EXPECT_EQ(0, vfs_mount("memfs", "memfs", "threads=1", 0, b, "b",
	    &inner));
	VT_REQUIRE((f = vt_file(inner->mnt_rootvp, "f", "F")) != NULL);
	KT_EXPECT_EQ(0, vt_symlink(inner->mnt_rootvp, "back", "../g"));
	KT_EXPECT_EQ(0, vt_symlink(root, "lb", "/tmp/namei_conc/a/b"));
	kmemset(&c, 0, sizeof(c));
	c.paths[0] = "/tmp/namei_conc/a/b/f";
	c.paths[1] = "/tmp/namei_conc/lb/../b/./f";
	c.paths[2] = "/tmp/namei_conc/lb/back";
	c.paths[3] = "/tmp/namei_conc/a/b/../g";
	c.ids[0] = c.ids[1] = vt_fileid(f);
	c.ids[2] = c.ids[3] = vt_fileid(g);
	for (k = 0; k < 4; k++)
		KT_EXPECT_EQ(0, nt_error(NULL, c.paths[k], NLC_FOLLOW));
	kt_race_every_cpu(kt, &c.race, nt_conc_thread, &c);
	KT_EXPECT_EQ(0, c.errors);
	vrele(f);
	vrele(g);
	vt_cleanup(inner->mnt_rootvp, (const char *const[]){ "f", "back",
	    NULL });
	KT_EXPECT_EQ(0, vfs_unmount(inner));
	vrele(b);
	vt_cleanup(a, (const char *const[]){ "b", "g", NULL });
	vrele(a);
	vt_cleanup(root, (const char *const[]){ "a", "lb", NULL });
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
	KT_EXPECT_EQ(vnodes0, vnode_count());
}
