/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief memfs, a filesystem in kernel memory (book/44-memfs.nw).
 */
#ifndef NAIAD_VFS_MEMFS_H
#define NAIAD_VFS_MEMFS_H

#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "kern/globaldata.h"
#include "kern/queue.h"
#include "vfs/mount.h"
#include "vfs/vnode.h"
#include "vfs/vop.h"

/** A name in a memfs directory. */
struct memfs_dirent {
	TAILQ_ENTRY(memfs_dirent) md_link; /**< on its directory's list */
	struct memfs_node *md_node;	/**< the node it names */
	uint32_t	md_cookie;	/**< readdir goes on from here */
	uint8_t		md_namelen;	/**< the name's length */
	char		md_name[NAME_MAX + 1]; /**< the name, NUL-terminated */
};

/** A file of memfs: a regular file, a directory or a link. */
struct memfs_node {
	enum vtype	mn_type;	/**< VREG, VDIR, VLNK */
	uint32_t	mn_ino;		/**< its number: its vnodes' v_key */
	uint32_t	mn_mode;	/**< permission bits */
	uint32_t	mn_nlink;	/**< names (a directory: 2 + subdirs) */
	uint32_t	mn_vnodes;	/**< vnodes that use it */
	int32_t		mn_mtime;	/**< last change, seconds since boot */
	char		*mn_data;	/**< a file's bytes, a link's target */
	size_t		mn_size;	/**< bytes used */
	size_t		mn_cap;		/**< bytes allocated */
	struct memfs_node *mn_parent;	/**< a directory's parent */
	TAILQ_HEAD(, memfs_dirent) mn_entries; /**< a directory's names */
	uint32_t	mn_nextcookie;	/**< the cookie of its next name */
};

/** A mounted memfs. */
struct memfs_mount {
	struct vlock	mm_lock;	/**< every operation holds it */
	struct memfs_node *mm_root;	/**< its root directory */
	uint32_t	mm_nextino;	/**< the number of the next node */
	uint32_t	mm_nodes;	/**< nodes alive */
	size_t		mm_bytes;	/**< bytes held (data and entries) */
	size_t		mm_maxbytes;	/**< at most */
};

/** The first cookie of a name: 0 and 1 are "." and "..". */
#define MEMFS_FIRST_COOKIE	2
/** The size of a mount unless size= says otherwise. */
#define MEMFS_DEFAULT_SIZE	(8u << 20)
/* Seconds since boot, for mtimes. */
static inline int32_t
memfs_now(void)
{
	return (int32_t)(globaldata_find(0)->gd_ticks / HZ);
}

/** \brief A new nameless node. \return 0, -ENOSPC or -ENOMEM. */
int memfs_node_alloc(struct memfs_mount *mm, enum vtype type,
    uint32_t mode, struct memfs_node **npp);
/** \brief Free \a np if it has no name and no vnode. */
void memfs_node_release(struct memfs_mount *mm, struct memfs_node *np);
/** \brief \a np's vnode, referenced. \return 0 or -ENOMEM. */
int memfs_vnode(struct mount *mp, struct memfs_node *np,
    struct vnode **vpp);
/** \brief Make \a np hold \a size bytes. \return 0, -ENOSPC, -ENOMEM. */
int memfs_resize(struct memfs_mount *mm, struct memfs_node *np,
    size_t size);
/** \brief The entry of \a cnp in \a dp, or NULL. */
struct memfs_dirent *memfs_dir_find(struct memfs_node *dp,
    const struct componentname *cnp);
/** \brief A new name in \a dp for \a np. \return 0, -ENOSPC, -ENOMEM. */
int memfs_dir_add(struct memfs_mount *mm, struct memfs_node *dp,
    const struct componentname *cnp, struct memfs_node *np);
/** \brief Take \a de out of \a dp; its node stays. */
void memfs_dir_unlink(struct memfs_mount *mm, struct memfs_node *dp,
    struct memfs_dirent *de);
/** \brief Remove \a de from \a dp for good; its node may go. */
void memfs_dir_remove(struct memfs_mount *mm, struct memfs_node *dp,
    struct memfs_dirent *de);
/** \brief Free \a dp and everything below it (unmount). */
void memfs_free_tree(struct memfs_mount *mm, struct memfs_node *dp);
/** The vnode operations of memfs. */
extern const struct vop_ops memfs_vops;
/** \brief Parse mount options. \return 0 or -EINVAL. */
int memfs_options(const char *data, int *threads, size_t *size);

#endif /* !NAIAD_VFS_MEMFS_H */
