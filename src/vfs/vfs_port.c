/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The port of a mount (book/43-vfs.nw): synchronous, or served by the
 * filesystem's threads, one per CPU at most.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kstring.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vfs/mount.h"
#include "vfs/vop.h"
#include "vm/kmalloc.h"

/* putport of a synchronous mount: run the operation now, here. */
static int
vfs_sync_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	return vop_dispatch((struct vop_generic_args *)msg);
}

/* Start VT if nothing has yet: its first message is being sent, from
 * its own CPU when the mount has a thread per CPU. */
static void
vfs_thread_start(struct vfs_thread *vt)
{
	if (vt->vt_started == 0 && atomic_cmpset_int(&vt->vt_started, 0, 1))
		lwkt_schedule(vt->vt_td);
}

/* putport of a mount with threads: to the thread of this CPU, which
 * queues it (-EASYNC); run here if this thread is that one. */
static int
vfs_thread_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct vfs_port *vfp = (struct vfs_port *)port;
	struct vfs_thread *vt;

	vt = &vfp->vp_threads[mycpu->gd_cpuid % vfp->vp_nthreads];
	if (vt->vt_td == curthread)
		return vop_dispatch((struct vop_generic_args *)msg);
	vfs_thread_start(vt);
	return lwkt_beginmsg(&vt->vt_port, msg);
}
/* The body of a filesystem's thread: serve its port until VOP_QUIT. */
static void
vfs_thread_main(void *arg)
{
	struct vfs_thread *vt = arg;
	struct vop_generic_args *ap;
	struct lwkt_msg *msg;

	for (;;) {
		msg = lwkt_waitport(&vt->vt_port, 0);
		ap = (struct vop_generic_args *)msg;
		if (ap->a_op == VOP_QUIT) {
			lwkt_replymsg(msg, 0);
			lwkt_exit();
		}
		vt->vt_served++;
		lwkt_replymsg(msg, vop_dispatch(ap));
	}
}
/* Tell thread VT to end and wait until it has replied. */
static void
vfs_thread_quit(struct vfs_thread *vt)
{
	struct vop_generic_args a;
	struct lwkt_port rport;

	lwkt_initport_thread(&rport, curthread);
	lwkt_initmsg(&a.a_msg, &rport, 0);
	a.a_msg.ms_cmd = MSG_CMD_VFS | VOP_QUIT;
	a.a_op = VOP_QUIT;
	a.a_vp = NULL;
	vfs_thread_start(vt);
	lwkt_domsg(&vt->vt_port, &a.a_msg, 0);
}

/* The mount option every filesystem with a port takes: if *PP starts
 * with "threads=sync", "threads=percpu" or "threads=N" (1 to 64), set
 * *THREADS and step *PP past it: 1; not a threads option: 0; a bad
 * one: -EINVAL. */
int
vfs_port_option(const char **pp, int *threads)
{
	const char *p = *pp;
	unsigned long v = 0;

	if (kstrncmp(p, "threads=", 8) != 0)
		return 0;
	p += 8;
	if (kstrncmp(p, "sync", 4) == 0) {
		*threads = VFS_PORT_SYNC;
		p += 4;
	} else if (kstrncmp(p, "percpu", 6) == 0) {
		*threads = VFS_PORT_PERCPU;
		p += 6;
	} else {
		for (; *p >= '0' && *p <= '9' && v <= 64; p++)
			v = v * 10 + (unsigned long)(*p - '0');
		if (v == 0 || v > 64)
			return -EINVAL;
		*threads = (int)v;
	}
	*pp = p;
	return 1;
}

/* Give MP its port: synchronous (NTHREADS 0), or served by NTHREADS
 * threads (VFS_PORT_PERCPU: one per CPU; at most one per CPU), thread i
 * on CPU i.  0, or -ENOMEM with nothing left.  Mount time. */
int
vfs_port_create(struct mount *mp, int nthreads)
{
	struct vfs_port *vfp;
	int i, error = 0;

	if (nthreads == VFS_PORT_PERCPU || nthreads > ncpus)
		nthreads = ncpus;
	if (nthreads < 0)
		return -EINVAL;
	vfp = kmalloc(sizeof(*vfp) + (size_t)nthreads *
	    sizeof(struct vfs_thread), M_ZERO);
	if (vfp == NULL)
		return -ENOMEM;
	vfp->vp_nthreads = nthreads;
	if (nthreads == 0)
		lwkt_initport_putonly(&vfp->vp_port, vfs_sync_putport);
	else
		lwkt_initport_putonly(&vfp->vp_port, vfs_thread_putport);
	for (i = 0; i < nthreads && error == 0; i++) {
		error = lwkt_create(vfs_thread_main, &vfp->vp_threads[i],
		    &vfp->vp_threads[i].vt_td, TDF_NOSTART, i, "%s%d",
		    mp->mnt_stat.f_fstypename, i);
		if (error == 0)
			lwkt_initport_thread(&vfp->vp_threads[i].vt_port,
			    vfp->vp_threads[i].vt_td);
	}
	if (error != 0)
		nthreads = i - 1;		/* the ones that were made */
	if (error != 0) {
		vfp->vp_nthreads = nthreads;
		for (i = 0; i < nthreads; i++)
			vfs_thread_quit(&vfp->vp_threads[i]);
		kfree(vfp);
		return error;
	}
	mp->mnt_vfsport = vfp;
	mp->mnt_port = &vfp->vp_port;
	return 0;
}

/* End MP's threads (each finishes what it was given first) and free
 * its port.  After the last operation on the mount. */
void
vfs_port_destroy(struct mount *mp)
{
	struct vfs_port *vfp = mp->mnt_vfsport;
	int i;

	if (vfp == NULL)
		return;
	for (i = 0; i < vfp->vp_nthreads; i++)
		vfs_thread_quit(&vfp->vp_threads[i]);
	mp->mnt_port = NULL;
	mp->mnt_vfsport = NULL;
	kfree(vfp);
}

/* The operations that thread I of MP's port has served, or -1. */
int
vfs_port_served(struct mount *mp, int i)
{
	struct vfs_port *vfp = mp->mnt_vfsport;

	if (vfp == NULL || i < 0 || i >= vfp->vp_nthreads)
		return -1;
	return (int)vfp->vp_threads[i].vt_served;
}

/* Thread I of MP's port, or NULL (a synchronous port has none). */
struct thread *
vfs_port_thread(struct mount *mp, int i)
{
	struct vfs_port *vfp = mp->mnt_vfsport;

	if (vfp == NULL || i < 0 || i >= vfp->vp_nthreads)
		return NULL;
	return vfp->vp_threads[i].vt_td;
}
