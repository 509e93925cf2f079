/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Path lookup: nlookup, the current directory of a process, the
 * link filter, the root filesystem's candidates (book/45-namei.nw).
 */
#ifndef NAIAD_VFS_NAMEI_H
#define NAIAD_VFS_NAMEI_H

#include <stddef.h>

#include "kern/file.h"
#include "vfs/path.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

struct proc;

#define NLC_FOLLOW	0x0001	/**< follow a link in the last component */
#define NLC_PARENT	0x0002	/**< stop at the last component's directory */

/** A lookup: its path, its flags, its results. */
struct nlookupdata {
	char		*nl_path;	/**< the path, PATH_MAX bytes, walked */
	char		*nl_link;	/**< a target, and its rewriting */
	int		nl_flags;	/**< NLC_* */
	struct vnode	*nl_startdir;	/**< relative paths start here, or NULL */
	struct vnode	*nl_dvp;	/**< NLC_PARENT: the directory */
	struct vnode	*nl_vp;		/**< the vnode (NLC_PARENT: or NULL) */
	struct componentname nl_cn;	/**< NLC_PARENT: the last name */
	int		nl_trailing;	/**< the path ended with a slash */
	int		nl_nlinks;	/**< links followed */
};

/**
 * A link filter: rewrite the target \a in into \a out (\a outsize
 * bytes, NUL-terminated); 0, or -errno (the lookup fails with it).
 * Runs in the looking-up thread.
 */
typedef int (*namei_link_filter_t)(const char *in, char *out,
    size_t outsize);
/** A filesystem that can be the root, and how to mount it. */
struct vfs_rootcand {
	const char	*rc_type;	/**< its type: "ext2" */
	const char	*rc_from;	/**< what to mount: "ad0" */
	const char	*rc_data;	/**< options, or NULL */
	int		rc_priority;	/**< the highest that mounts wins */
	struct vfs_rootcand *rc_next;	/**< the next candidate */
};

/** The root candidates' priorities of the book's filesystems. */
#define VFS_ROOT_MEMFS		10	/**< an empty memfs: the last resort */
#define VFS_ROOT_ARCHIVE	20	/**< the boot archive, read-only */
#define VFS_ROOT_DISK		30	/**< a filesystem on a disk */

/** \brief Prepare a lookup of \a path. \return 0 or -errno. */
int nlookup_init(struct nlookupdata *nd, const char *path,
    enum uio_seg seg, int flags);
/** \brief Relative paths of \a nd start at \a vp. */
void nlookup_set_startdir(struct nlookupdata *nd, struct vnode *vp);
/** \brief Look the path up. \return 0 (nl_vp, ...) or -errno. */
int nlookup(struct nlookupdata *nd);
/** \brief Release what \a nd holds. */
void nlookup_done(struct nlookupdata *nd);
/** \brief The vnode of a kernel path, referenced. \return 0 or -errno. */
int nlookup_vnode(const char *path, int flags, struct vnode **vpp);
/**
 * \brief Register \a fn to rewrite every symbolic link's target before
 * it is followed (NULL: none). \return the filter registered before.
 */
namei_link_filter_t namei_set_link_filter(namei_link_filter_t fn);
/** \brief \a p's current directory (the root by default), referenced. */
struct vnode *proc_cwd(struct proc *p);
/** \brief \a p's current directory becomes \a vp (its reference). */
void proc_set_cwd(struct proc *p, struct vnode *vp);
/** \brief Boot: \a rc may be the root filesystem. */
void vfs_root_register(struct vfs_rootcand *rc);

#endif /* !NAIAD_VFS_NAMEI_H */
