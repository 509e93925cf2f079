/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Mounts: filesystem types, mounting, the mount list, the ports
 * and threads that serve a mount's vnode operations (book/43-vfs.nw).
 */
#ifndef NAIAD_VFS_MOUNT_H
#define NAIAD_VFS_MOUNT_H

#include <stdint.h>

#include "kern/queue.h"
#include "kern/spinlock.h"
#include "lwkt/msgport.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

/** One thread of a filesystem, and the port it serves. */
struct vfs_thread {
	struct lwkt_port vt_port;	/**< its own thread port */
	struct thread	*vt_td;		/**< the thread */
	volatile uint32_t vt_started;	/**< the first message started it */
	volatile uint32_t vt_served;	/**< operations it ran */
};

/** A mount's port: synchronous, or passing each operation to a thread. */
struct vfs_port {
	struct lwkt_port vp_port;	/**< the mount's port (mnt_port) */
	int		vp_nthreads;	/**< 0: synchronous */
	struct vfs_thread vp_threads[]; /**< vp_nthreads of them */
};

/** vfs_port_create: no thread, the caller runs each operation. */
#define VFS_PORT_SYNC	0
/** vfs_port_create: a thread on every CPU. */
#define VFS_PORT_PERCPU	(-1)
#define MNT_RDONLY	0x0001	/**< mount flag: nothing may be written */

/** What statfs tells about a mounted filesystem. */
struct statfs {
	uint32_t	f_bsize;	/**< the size of a block */
	uint32_t	f_flags;	/**< MNT_* */
	uint64_t	f_blocks;	/**< blocks in all */
	uint64_t	f_bfree;	/**< blocks free */
	uint64_t	f_files;	/**< files in all (inodes) */
	uint64_t	f_ffree;	/**< files free */
	uint32_t	f_fsid;		/**< the mount's number */
	char		f_fstypename[16]; /**< its type: "memfs", "ext2" */
	char		f_mntonname[80]; /**< where: "/tmp" */
	char		f_mntfromname[80]; /**< from what: "/dev/ad0" */
};

/** A filesystem type's operations on a whole mount: each 0 or -errno. */
struct vfsops {
	/** Set up \a mp from \a from with options \a data: mnt_data,
	 * mnt_vn_ops, the port (vfs_port_create). */
	int	(*vfs_mount)(struct mount *mp, const char *from,
		    const char *data);
	/** The last vnode is gone: free what vfs_mount made. */
	int	(*vfs_unmount)(struct mount *mp);
	/** The root directory's vnode, referenced, in *\a vpp. */
	int	(*vfs_root)(struct mount *mp, struct vnode **vpp);
	/** Fill in the counts of *\a sbp (the names are the VFS's). */
	int	(*vfs_statfs)(struct mount *mp, struct statfs *sbp);
	/** Write everything changed to the disk. */
	int	(*vfs_sync)(struct mount *mp);
};

/** A filesystem type, known by name. */
struct vfsconf {
	const char	*vfc_name;	/**< "memfs", "devfs", "ext2" */
	const struct vfsops *vfc_op;	/**< its operations */
	struct vfsconf	*vfc_next;	/**< the next type */
};

/** A mounted filesystem. */
struct mount {
	const struct vfsops *mnt_op;	/**< its type's operations */
	const struct vop_ops *mnt_vn_ops; /**< its vnode operations */
	struct lwkt_port *mnt_port;	/**< where its vnode operations go */
	struct vfs_port	*mnt_vfsport;	/**< the port's threads */
	void		*mnt_data;	/**< the filesystem's own */
	struct vnode	*mnt_rootvp;	/**< its root, referenced */
	struct vnode	*mnt_vnodecovered; /**< the directory it covers */
	int		mnt_flag;	/**< MNT_* */
	uint32_t	mnt_fsid;	/**< a number of its own */
	struct spinlock	mnt_spin;	/**< its vnode list, last references */
	TAILQ_HEAD(, vnode) mnt_vnodes;	/**< its vnodes alive */
	int		mnt_nvnodes;	/**< how many */
	TAILQ_ENTRY(mount) mnt_list;	/**< on the mount list */
	struct statfs	mnt_stat;	/**< its names, for statfs */
	
};

/** The root of every path (the root mount's root), or NULL before it. */
extern struct vnode *rootvnode;

/** \brief Boot: make filesystem type \a vfc known. */
void vfs_register(struct vfsconf *vfc);
/** \brief The filesystem type named \a name, or NULL. */
struct vfsconf *vfs_byname(const char *name);
/**
 * \brief Mount \a type on directory \a covered (NULL: as the root).
 * \return 0 and *\a mpp, -ENODEV, -ENOTDIR, -EBUSY, -ENOMEM or the
 * filesystem's error.
 */
int vfs_mount(const char *type, const char *from, const char *data,
    int flags, struct vnode *covered, const char *on, struct mount **mpp);
/**
 * \brief Mount \a type nowhere: a filesystem of the kernel's own.
 * \return 0 and *\a mpp, -ENODEV, -ENOMEM or the filesystem's error.
 */
int vfs_mount_detached(const char *type, const char *from,
    const char *data, struct mount **mpp);
/** \brief Unmount \a mp. \return 0, or -EBUSY (in use, or the root). */
int vfs_unmount(struct mount *mp);
/** \brief Unmount the mount of root \a root (held; released).
 * \return 0, -EINVAL (not a mount's root) or -EBUSY. */
int vfs_unmount_at(struct vnode *root);
/** \brief If \a vp is covered: 1 and the mount's root (referenced). */
int vfs_mountpoint_root(struct vnode *vp, struct vnode **rootp);
/** \brief The vnode the mount of root \a vp covers (referenced), or NULL. */
struct vnode *vfs_covered(struct vnode *vp);
/** \brief Every mount writes what it changed. \return 0 or the first error. */
int vfs_sync_all(void);
/** \brief \a mp's statfs. \return 0 or -errno. */
int vfs_statfs(struct mount *mp, struct statfs *sbp);
/** \brief The statfs of up to \a max mounts. \return the mounts' count. */
int vfs_getfsstat(struct statfs *sbp, int max);

/**
 * \brief Take a "threads=sync|percpu|N" mount option at \a *pp into
 * \a *threads, stepping past it. \return 1, 0 (not one), -EINVAL.
 */
int vfs_port_option(const char **pp, int *threads);
/** \brief Give \a mp its port: synchronous (0) or \a nthreads threads. */
int vfs_port_create(struct mount *mp, int nthreads);
/** \brief End \a mp's threads and free its port. */
void vfs_port_destroy(struct mount *mp);
/** \brief The operations thread \a i of \a mp served, or -1. */
int vfs_port_served(struct mount *mp, int i);
/** \brief Thread \a i of \a mp's port, or NULL. */
struct thread *vfs_port_thread(struct mount *mp, int i);

#endif /* !NAIAD_VFS_MOUNT_H */
