/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The VFS (book/43-vfs.nw) with a filesystem of the tests' own,
 * "vfstest": a root directory holding the files f0..f7 and a directory
 * d, nothing else.  Its operations record the thread they ran in and
 * count the vnodes made and finished, so the tests can check that a
 * vnode operation is a message served where the mount's port says (the
 * filesystem's thread of the sender's CPU, its one thread, or the
 * sender itself), that a file has one vnode however many threads look
 * it up at once, that every vnode made is finished (inactive, reclaim)
 * and freed, and that an unmount of a busy mount is refused.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "lwkt_testlib.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"
#include "vfs_testlib.h"

#define VT_ROOT		1	/* the keys of vfstest's files */
#define VT_DIR		2
#define VT_FILE0	10
#define VT_NFILES	8

/* What vfstest's operations saw: the tests read it. */
static volatile struct thread *vt_last_td;	/* ran the last getattr */
static volatile uint32_t vt_made, vt_inactive, vt_reclaimed;

/* The vnode of KEY in MP, counting the ones made. */
static int
vt_vget(struct mount *mp, uint32_t key, struct vnode **vpp)
{
	enum vtype type = key < VT_FILE0 ? VDIR : VREG;
	int r, i;

	if ((*vpp = vnode_find(mp, key)) != NULL)
		return 0;
	/* A slow filesystem (reading its inode, say): the window in which
	 * another CPU's thread makes the same vnode is wide open. */
	for (i = 0; i < 20000; i++)
		cpu_pause();
	if ((r = vnode_create(mp, key, type, NULL, vpp)) < 0)
		return r;
	if (r == 0)
		atomic_add_int(&vt_made, 1);
	return 0;
}

/* VOP_LOOKUP: "f0".."f7" and "d" in the root, nothing in d. */
static int
vt_lookup_op(struct vop_lookup_args *ap)
{
	struct vnode *dvp = ap->a_head.a_vp;
	struct componentname *cnp = ap->a_cnp;

	if (dvp->v_key != VT_ROOT)
		return -ENOENT;
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == 'd')
		return vt_vget(dvp->v_mount, VT_DIR, ap->a_vpp);
	if (cnp->cn_namelen == 2 && cnp->cn_nameptr[0] == 'f' &&
	    cnp->cn_nameptr[1] >= '0' && cnp->cn_nameptr[1] < '0' + VT_NFILES)
		return vt_vget(dvp->v_mount, VT_FILE0 +
		    (uint32_t)(cnp->cn_nameptr[1] - '0'), ap->a_vpp);
	return -ENOENT;
}

/* VOP_GETATTR: records the thread it runs in. */
static int
vt_getattr_op(struct vop_attr_args *ap)
{
	vt_last_td = curthread;
	ap->a_vap->va_type = ap->a_head.a_vp->v_type;
	ap->a_vap->va_fileid = ap->a_head.a_vp->v_key;
	ap->a_vap->va_nlink = 1;
	return 0;
}

/* VOP_INACTIVE and VOP_RECLAIM: counted. */
static int
vt_inactive_op(struct vop_generic_args *ap)
{
	(void)ap;
	atomic_add_int(&vt_inactive, 1);
	return 0;
}

static int
vt_reclaim_op(struct vop_generic_args *ap)
{
	(void)ap;
	atomic_add_int(&vt_reclaimed, 1);
	return 0;
}

static const struct vop_ops vt_vops = {
	.vop_lookup = vt_lookup_op,
	.vop_getattr = vt_getattr_op,
	.vop_inactive = vt_inactive_op,
	.vop_reclaim = vt_reclaim_op,
};

/* vfs_mount: DATA is the number of threads ("-1": one per CPU). */
static int
vt_mount(struct mount *mp, const char *from, const char *data)
{
	int n = 0, neg = 0;

	(void)from;
	if (data != NULL && *data == '-') {
		neg = 1;
		data++;
	}
	while (data != NULL && *data >= '0' && *data <= '9')
		n = n * 10 + (*data++ - '0');
	mp->mnt_vn_ops = &vt_vops;
	return vfs_port_create(mp, neg ? -n : n);
}

static int
vt_unmount(struct mount *mp)
{
	(void)mp;
	return 0;
}

static int
vt_root(struct mount *mp, struct vnode **vpp)
{
	return vt_vget(mp, VT_ROOT, vpp);
}

static int
vt_statfs(struct mount *mp, struct statfs *sbp)
{
	(void)mp;
	sbp->f_files = VT_NFILES + 2;
	return 0;
}

static int
vt_sync(struct mount *mp)
{
	(void)mp;
	return 0;
}

static const struct vfsops vt_vfsops = { vt_mount, vt_unmount, vt_root,
    vt_statfs, vt_sync };
static struct vfsconf vt_vfsconf = { "vfstest", &vt_vfsops, NULL };

/* Make vfstest known (once) and mount it on DIR with THREADS. */
static struct mount *
vt_mount_on(struct ktest_ctx *kt, struct vnode *dir, const char *threads)
{
	static int registered;
	struct mount *mp = NULL;
	int error;

	if (!registered) {
		vfs_register(&vt_vfsconf);
		registered = 1;
	}
	error = vfs_mount("vfstest", "test", threads, 0, dir, "vfstest",
	    &mp);
	if (error != 0)
		ktest_fail(kt, __FILE__, __LINE__, "mount vfstest: %d",
		    error);
	return error == 0 ? mp : NULL;
}

/* ---- operations are served where the port says ------------------------ */

/* What a sender on one CPU saw. */
struct vt_send {
	struct vnode	*vp;		/* the vnode to getattr */
	struct thread	*sender;	/* the sending thread */
	struct thread	*server;	/* the thread the operation ran in */
	int		error;		/* what vop_getattr returned */
	struct xgroup	g;
};

static void
vt_send_thread(void *arg)
{
	struct vt_send *s = arg;
	struct vattr va;

	s->sender = curthread;
	s->error = vop_getattr(s->vp, &va);
	s->server = (struct thread *)vt_last_td;
	xgroup_done(&s->g);
}

/* Send a getattr of VP from a thread on CPU: fills in *S. */
static void
vt_send_from(struct ktest_ctx *kt, struct vt_send *s, struct vnode *vp,
    int cpu)
{
	s->vp = vp;
	s->server = s->sender = NULL;
	s->error = 1;
	xgroup_init(&s->g);
	if (xgroup_start(kt, &s->g, vt_send_thread, s, cpu, 0) != NULL)
		xgroup_wait(&s->g);
}

KTEST(vfs_vop_runs_on_the_filesystem_thread)
{
	struct vnode *dir = vt_scratch(kt, "vfs_percpu");
	int vnodes0 = vnode_count(), cpu, before;
	struct vt_send s;
	struct mount *mp;

	KT_ASSERT(dir != NULL);
	VT_REQUIRE((mp = vt_mount_on(kt, dir, "-1")) != NULL);
	for (cpu = 0; cpu < ncpus; cpu++) {
		VT_REQUIRE(vfs_port_thread(mp, cpu) != NULL);
		KT_EXPECT_EQ(cpu, vfs_port_thread(mp, cpu)->td_gd->gd_cpuid);
		before = vfs_port_served(mp, cpu);
		vt_send_from(kt, &s, mp->mnt_rootvp, cpu);
		KT_EXPECT_EQ(0, s.error);
		/* Served by the filesystem's thread of that CPU, not by the
		 * sender, and counted by that thread. */
		KT_ASSERT(s.server == vfs_port_thread(mp, cpu));
		KT_ASSERT(s.server != s.sender);
		KT_EXPECT_EQ(before + 1, vfs_port_served(mp, cpu));
	}
	KT_ASSERT(vfs_port_thread(mp, ncpus) == NULL);
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	KT_EXPECT_EQ(vnodes0, vnode_count());
	vrele(dir);
}

KTEST(vfs_vop_single_thread_serves_every_cpu)
{
	struct vnode *dir = vt_scratch(kt, "vfs_one");
	struct thread *server;
	struct vt_send s;
	struct mount *mp;
	int cpu;

	KT_ASSERT(dir != NULL);
	VT_REQUIRE((mp = vt_mount_on(kt, dir, "1")) != NULL);
	server = vfs_port_thread(mp, 0);
	KT_ASSERT(server != NULL && vfs_port_thread(mp, 1) == NULL);
	KT_EXPECT_EQ(0, server->td_gd->gd_cpuid);
	for (cpu = 0; cpu < ncpus; cpu++) {
		vt_send_from(kt, &s, mp->mnt_rootvp, cpu);
		KT_EXPECT_EQ(0, s.error);
		KT_ASSERT(s.server == server);
	}
	KT_EXPECT_EQ(ncpus, vfs_port_served(mp, 0));
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
}

KTEST(vfs_vop_sync_port_runs_in_the_caller)
{
	struct vnode *dir = vt_scratch(kt, "vfs_sync");
	struct vt_send s;
	struct mount *mp;
	int cpu;

	KT_ASSERT(dir != NULL);
	VT_REQUIRE((mp = vt_mount_on(kt, dir, "0")) != NULL);
	KT_ASSERT(vfs_port_thread(mp, 0) == NULL);
	for (cpu = 0; cpu < ncpus; cpu++) {
		vt_send_from(kt, &s, mp->mnt_rootvp, cpu);
		KT_EXPECT_EQ(0, s.error);
		KT_ASSERT(s.server == s.sender);
	}
	KT_EXPECT_EQ(-1, vfs_port_served(mp, 0));
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	vrele(dir);
}

/* ---- one vnode per file, every vnode finished ------------------------ */

#define VT_ROUNDS	50

struct vt_share {
	struct ktest_ctx *kt;
	struct xgroup	starter;	/* the starter's own group */
	struct kt_race	race;
	struct mount	*mp;
	struct vnode	*seen[MAXCPU][VT_NFILES];
	volatile uint32_t holding;	/* threads holding all their vnodes */
	volatile uint32_t release;	/* round number that may release */
	volatile uint32_t released;	/* threads done with the round */
	int		errors;
};

/* On every CPU, each round: look every file up and hold them all; when
 * every thread holds its vnodes, release them. */
static void
vt_share_thread(void *arg)
{
	struct vt_share *sh = arg;
	struct vnode *root = sh->mp->mnt_rootvp;
	int cpu = mycpu->gd_cpuid, round, i;
	struct componentname cn;
	char name[3] = "f0";

	kt_race_start(&sh->race);
	for (round = 1; round <= VT_ROUNDS; round++) {
		for (i = 0; i < VT_NFILES; i++) {
			name[1] = (char)('0' + i);
			cn = vt_cn(name);
			if (vop_lookup(root, &cn, &sh->seen[cpu][i]) != 0) {
				atomic_add_int((volatile uint32_t *)&sh->errors,
				    1);
				sh->seen[cpu][i] = NULL;
			}
		}
		atomic_add_int(&sh->holding, 1);
		while (sh->release < (uint32_t)round)
			lwkt_yield();
		for (i = 0; i < VT_NFILES; i++)
			if (sh->seen[cpu][i] != NULL)
				vrele(sh->seen[cpu][i]);
		atomic_add_int(&sh->released, 1);
		while (sh->released < (uint32_t)round * sh->race.ready)
			lwkt_yield();
	}
	xgroup_done(&sh->race.g);
}

/* The referee: each round, once all hold their vnodes, compare them. */
static void
vt_share_referee(struct ktest_ctx *kt, struct vt_share *sh)
{
	int round, cpu, i, diff = 0;

	for (round = 1; round <= VT_ROUNDS; round++) {
		while (sh->holding < (uint32_t)round * sh->race.ready)
			lwkt_yield();
		for (cpu = 1; cpu < ncpus; cpu++)
			for (i = 0; i < VT_NFILES; i++)
				diff += sh->seen[cpu][i] != sh->seen[0][i];
		/* While they are all held, each file has one vnode, made
		 * once this round (the last round's are all gone). */
		KT_EXPECT_EQ(1 + (uint32_t)round * VT_NFILES, vt_made);
		sh->release = (uint32_t)round;
	}
	KT_EXPECT_EQ(0, diff);
}

/* The race's starter, in a thread of its own so that the referee can
 * run beside it (kt_race_every_cpu waits for the racers). */
static void
vt_share_starter(void *arg)
{
	struct vt_share *sh = arg;

	kt_race_every_cpu(sh->kt, &sh->race, vt_share_thread, sh);
	xgroup_done(&sh->starter);
}

KTEST(vfs_vnodes_are_shared_and_freed)
{
	static struct vt_share sh;
	struct vnode *dir = vt_scratch(kt, "vfs_share");
	int vnodes0 = vnode_count();
	struct mount *mp;

	KT_ASSERT(dir != NULL);
	kmemset(&sh, 0, sizeof(sh));
	VT_REQUIRE((mp = vt_mount_on(kt, dir, "-1")) != NULL);
	vt_made = 1;				/* the root, held by the mount */
	vt_inactive = vt_reclaimed = 0;
	sh.mp = mp;
	sh.kt = kt;
	xgroup_init(&sh.starter);
	VT_REQUIRE(xgroup_start(kt, &sh.starter, vt_share_starter, &sh, -1,
	    0) != NULL);
	while (sh.race.go == 0)
		lwkt_yield();
	vt_share_referee(kt, &sh);
	xgroup_wait(&sh.starter);
	KT_EXPECT_EQ(0, sh.errors);
	/* Every vnode made but the root's was finished, both steps. */
	KT_EXPECT_EQ(vt_made - 1, vt_inactive);
	KT_EXPECT_EQ(vt_made - 1, vt_reclaimed);
	KT_EXPECT_EQ(vnodes0 + 1, vnode_count());	/* the root */
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	KT_EXPECT_EQ(vt_made, vt_reclaimed);
	KT_EXPECT_EQ(vnodes0, vnode_count());
	vrele(dir);
}

/* ---- mounting and unmounting --------------------------------------- */

KTEST(vfs_unmount_busy_is_refused)
{
	struct vnode *dir = vt_scratch(kt, "vfs_busy"), *f0, *d, *x;
	int vnodes0 = vnode_count(), threads0 = lwkt_threads_allocated();
	struct componentname cn = vt_cn("f0"), cnd = vt_cn("d");
	struct mount *mp, *upper;

	KT_ASSERT(dir != NULL);
	VT_REQUIRE((mp = vt_mount_on(kt, dir, "-1")) != NULL);
	/* Errors of mounting: a type nobody has, a file, a covered dir,
	 * a second root. */
	KT_EXPECT_EQ(-ENODEV, vfs_mount("nosuchfs", "", NULL, 0, dir, "x",
	    NULL));
	VT_REQUIRE(vop_lookup(mp->mnt_rootvp, &cn, &f0) == 0);
	KT_EXPECT_EQ(-ENOTDIR, vfs_mount("vfstest", "", "0", 0, f0, "x",
	    NULL));
	KT_EXPECT_EQ(-EBUSY, vfs_mount("vfstest", "", "0", 0, dir, "x",
	    NULL));
	KT_EXPECT_EQ(-EBUSY, vfs_mount("vfstest", "", "0", 0, NULL, "/",
	    NULL));
	KT_EXPECT_EQ(-EBUSY, vfs_mount("vfstest", "", "0", 0, rootvnode,
	    "/", NULL));			/* nothing covers the root */
	/* A vnode of the mount is held: busy, and still working. */
	KT_EXPECT_EQ(-EBUSY, vfs_unmount(mp));
	KT_EXPECT_EQ(VT_FILE0, vt_fileid(f0));
	vrele(f0);
	/* Another mount sits on one of its directories: busy. */
	VT_REQUIRE(vop_lookup(mp->mnt_rootvp, &cnd, &d) == 0);
	upper = vt_mount_on(kt, d, "1");
	vrele(d);
	KT_ASSERT(upper != NULL);
	KT_EXPECT_EQ(-EBUSY, vfs_unmount(mp));
	/* Its root held by us too: the upper one is busy. */
	KT_EXPECT_EQ(1, vfs_mountpoint_root(upper->mnt_vnodecovered, &x));
	KT_ASSERT(x == upper->mnt_rootvp);
	KT_EXPECT_EQ(-EBUSY, vfs_unmount(upper));
	vrele(x);
	/* By a root the caller holds (umount's way): its reference counts
	 * as the caller's and goes with the mount. */
	KT_EXPECT_EQ(1, vfs_mountpoint_root(upper->mnt_vnodecovered, &x));
	KT_EXPECT_EQ(0, vfs_unmount_at(x));
	VT_REQUIRE(vop_lookup(mp->mnt_rootvp, &cn, &f0) == 0);
	KT_EXPECT_EQ(-EINVAL, vfs_unmount_at(f0));	/* released */
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	/* The directory is not covered any more; the root never goes. */
	KT_EXPECT_EQ(0, vfs_mountpoint_root(dir, &x));
	KT_ASSERT(rootvnode != NULL);
	KT_EXPECT_EQ(-EBUSY, vfs_unmount(rootvnode->v_mount));
	KT_EXPECT_EQ(vnodes0, vnode_count());
	/* Every thread of both mounts ended (and was freed). */
	KT_EXPECT_EQ(1, kt_wait_threads_freed(threads0) <= threads0);
	vrele(dir);
}

KTEST(vfs_statfs_and_getfsstat)
{
	struct vnode *dir = vt_scratch(kt, "vfs_statfs");
	struct statfs sf, all[16];
	struct mount *mp;
	int n, i, found = 0;

	KT_ASSERT(dir != NULL);
	VT_REQUIRE((mp = vt_mount_on(kt, dir, "0")) != NULL);
	KT_EXPECT_EQ(0, vfs_statfs(mp, &sf));
	KT_EXPECT_STREQ("vfstest", sf.f_fstypename);
	KT_EXPECT_EQ(VT_NFILES + 2, (int)sf.f_files);
	KT_EXPECT_EQ((int)mp->mnt_fsid, (int)sf.f_fsid);
	n = vfs_getfsstat(all, 16);
	KT_ASSERT(n >= 2 && n <= 16);		/* the root and ours */
	for (i = 0; i < n; i++)
		found += all[i].f_fsid == mp->mnt_fsid;
	KT_EXPECT_EQ(1, found);
	KT_EXPECT_EQ(0, vfs_unmount(mp));
	KT_EXPECT_EQ(n - 1, vfs_getfsstat(all, 16));
	vrele(dir);
}
