/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Vnodes: files in use, their references, attributes and lock
 * (book/43-vfs.nw).
 */
#ifndef NAIAD_VFS_VNODE_H
#define NAIAD_VFS_VNODE_H

#include <stddef.h>
#include <stdint.h>

#include "kern/queue.h"
#include "kern/spinlock.h"

struct mount;
struct thread;

/** What a vnode is. */
enum vtype {
	VNON,		/**< nothing yet */
	VREG,		/**< a regular file */
	VDIR,		/**< a directory */
	VLNK,		/**< a symbolic link */
	VCHR,		/**< a device */
	VFIFO		/**< a pipe: bytes that flow, not stored */
};

/** The longest name of a directory entry, in bytes. */
#define NAME_MAX	255
#define VA_SIZE		0x0001	/**< setattr: change va_size (truncate) */
#define VA_MODE		0x0002	/**< setattr: change va_mode */
#define VA_MTIME	0x0004	/**< setattr: change va_mtime */

/** What a filesystem tells about a file (getattr) or changes (setattr). */
struct vattr {
	enum vtype	va_type;	/**< its type */
	uint32_t	va_mode;	/**< permission bits, 07777 */
	uint32_t	va_nlink;	/**< directory entries naming it */
	uint32_t	va_fileid;	/**< its number in its filesystem */
	uint32_t	va_fsid;	/**< its filesystem's (mnt_fsid) */
	uint64_t	va_size;	/**< bytes (a link: its target's) */
	uint64_t	va_bytes;	/**< bytes of storage it takes */
	uint32_t	va_blocksize;	/**< the best size of a transfer */
	uint32_t	va_rdev;	/**< a device: its number */
	int32_t		va_mtime;	/**< last change of contents, s */
	uint32_t	va_mask;	/**< setattr: VA_* to change */
};
/** An exclusive lock whose waiters sleep (a vnode's, a filesystem's). */
struct vlock {
	struct spinlock	vl_spin;	/**< protects the rest */
	struct thread	*vl_owner;	/**< the holder, or NULL */
	int		vl_waiters;	/**< threads asleep on it */
	const char	*vl_name;	/**< for the sleepers' wait message */
};
#define VROOT		0x0001	/**< the root of its mount */
#define VRECLAIM	0x0002	/**< its last reference is gone: ending */

/** A file, directory, link or device in use by the kernel. */
struct vnode {
	enum vtype	v_type;		/**< what it is */
	volatile uint32_t v_refcnt;	/**< references: its users */
	uint32_t	v_flag;		/**< VROOT, VRECLAIM */
	uint32_t	v_key;		/**< the file's number in its mount */
	struct mount	*v_mount;	/**< the filesystem it belongs to */
	void		*v_data;	/**< the filesystem's own */
	struct mount	*v_mountedhere;	/**< a mount covering it, or NULL */
	struct vlock	v_lock;		/**< one read or write at a time */
	TAILQ_ENTRY(vnode) v_mntvnodes;	/**< on its mount's list */
	
};

/** \brief An unlocked lock named \a name. */
void vlock_init(struct vlock *l, const char *name);
/** \brief Take \a l, sleeping while another thread holds it. */
void vlock_acquire(struct vlock *l);
/** \brief Release \a l, which the caller holds. */
void vlock_release(struct vlock *l);
/** \brief Does the current thread hold \a l? */
int vlock_owned(const struct vlock *l);

/** \brief The vnode of file \a key of \a mp, referenced, or NULL. */
struct vnode *vnode_find(struct mount *mp, uint32_t key);
/**
 * \brief A vnode for file \a key of \a mp unless one is in use.
 * \return 0 (new, one reference), 1 (another thread's, referenced:
 * \a data unused) or -ENOMEM; the vnode in *\a vpp.
 */
int vnode_create(struct mount *mp, uint32_t key, enum vtype type,
    void *data, struct vnode **vpp);
/** \brief One more reference to \a vp, which the caller holds. */
void vref(struct vnode *vp);
/** \brief Drop a reference; the last one finishes the vnode. */
void vrele(struct vnode *vp);
/** \brief Vnodes alive in the system. */
int vnode_count(void);
/** \brief Take \a vp's lock. */
void vn_lock(struct vnode *vp);
/** \brief Release \a vp's lock. */
void vn_unlock(struct vnode *vp);

#endif /* !NAIAD_VFS_VNODE_H */
