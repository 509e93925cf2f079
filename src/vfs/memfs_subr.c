/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * memfs (book/44-memfs.nw): nodes, their vnodes, contents, the names
 * of directories, freeing a whole tree.  Every function here runs with
 * the mount's lock held, or at unmount.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/panic.h"
#include "vfs/memfs.h"
#include "vm/kmalloc.h"

/* Charge N bytes to MM: 0, or -ENOSPC when the limit would pass. */
static int
memfs_charge(struct memfs_mount *mm, size_t n)
{
	if (n > mm->mm_maxbytes - mm->mm_bytes)
		return -ENOSPC;
	mm->mm_bytes += n;
	return 0;
}

/* A new node of TYPE and MODE in MM, with no name yet: 0 and *NPP,
 * -ENOSPC or -ENOMEM.  mm_lock held. */
int
memfs_node_alloc(struct memfs_mount *mm, enum vtype type, uint32_t mode,
    struct memfs_node **npp)
{
	struct memfs_node *np;
	int error;

	if ((error = memfs_charge(mm, sizeof(*np))) != 0)
		return error;
	if ((np = kmalloc(sizeof(*np), M_ZERO)) == NULL) {
		mm->mm_bytes -= sizeof(*np);
		return -ENOMEM;
	}
	np->mn_type = type;
	np->mn_ino = mm->mm_nextino++;
	np->mn_mode = mode & 07777;
	np->mn_mtime = memfs_now();
	TAILQ_INIT(&np->mn_entries);
	np->mn_nextcookie = MEMFS_FIRST_COOKIE;
	mm->mm_nodes++;
	*npp = np;
	return 0;
}

/* Free NP if nothing refers to it: no name, no vnode.  mm_lock held.
 * A directory is empty by then (rmdir saw to it). */
void
memfs_node_release(struct memfs_mount *mm, struct memfs_node *np)
{
	if (np->mn_nlink > 0 || np->mn_vnodes > 0)
		return;
	KASSERT(TAILQ_EMPTY(&np->mn_entries),
	    ("memfs: freeing directory %u with entries", np->mn_ino));
	mm->mm_bytes -= np->mn_cap + sizeof(*np);
	mm->mm_nodes--;
	kfree(np->mn_data);
	kfree(np);
}
/* NP's vnode in MP, referenced: 0 and *VPP, or -ENOMEM.  mm_lock held
 * (neither call sleeps). */
int
memfs_vnode(struct mount *mp, struct memfs_node *np, struct vnode **vpp)
{
	int r;

	if ((*vpp = vnode_find(mp, np->mn_ino)) != NULL)
		return 0;
	if ((r = vnode_create(mp, np->mn_ino, np->mn_type, np, vpp)) < 0)
		return r;
	if (r == 0)
		np->mn_vnodes++;
	return 0;
}
/* Make NP hold SIZE bytes (zeros after the old end), or fewer (the rest
 * forgotten): 0, -ENOSPC or -ENOMEM.  mm_lock held. */
int
memfs_resize(struct memfs_mount *mm, struct memfs_node *np, size_t size)
{
	size_t cap = 64;
	char *data;
	int error;

	if (size > np->mn_cap) {
		while (cap < size)
			cap <<= 1;
		if ((error = memfs_charge(mm, cap - np->mn_cap)) != 0)
			return error;
		if ((data = kmalloc(cap, M_ZERO)) == NULL) {
			mm->mm_bytes -= cap - np->mn_cap;
			return -ENOMEM;
		}
		if (np->mn_size > 0)
			kmemcpy(data, np->mn_data, np->mn_size);
		kfree(np->mn_data);
		np->mn_data = data;
		np->mn_cap = cap;
	} else if (size > np->mn_size)
		kmemset(np->mn_data + np->mn_size, 0, size - np->mn_size);
	np->mn_size = size;
	np->mn_mtime = memfs_now();
	return 0;
}
/* The entry of name CNP in directory DP, or NULL.  mm_lock held. */
struct memfs_dirent *
memfs_dir_find(struct memfs_node *dp, const struct componentname *cnp)
{
	struct memfs_dirent *de;

	TAILQ_FOREACH(de, &dp->mn_entries, md_link)
		if (de->md_namelen == cnp->cn_namelen &&
		    kstrncmp(de->md_name, cnp->cn_nameptr,
		    cnp->cn_namelen) == 0)
			return de;
	return NULL;
}

/* Name CNP in DP for NP (one more link to NP): 0, -ENOSPC, -ENOMEM.
 * The caller knows the name is free.  mm_lock held. */
int
memfs_dir_add(struct memfs_mount *mm, struct memfs_node *dp,
    const struct componentname *cnp, struct memfs_node *np)
{
	struct memfs_dirent *de;
	int error;

	if ((error = memfs_charge(mm, sizeof(*de))) != 0)
		return error;
	if ((de = kmalloc(sizeof(*de), M_ZERO)) == NULL) {
		mm->mm_bytes -= sizeof(*de);
		return -ENOMEM;
	}
	de->md_node = np;
	de->md_cookie = dp->mn_nextcookie++;
	de->md_namelen = (uint8_t)cnp->cn_namelen;
	kmemcpy(de->md_name, cnp->cn_nameptr, cnp->cn_namelen);
	TAILQ_INSERT_TAIL(&dp->mn_entries, de, md_link);
	np->mn_nlink++;
	if (np->mn_type == VDIR) {
		np->mn_parent = dp;
		dp->mn_nlink++;			/* NP's ".." */
	}
	dp->mn_mtime = memfs_now();
	return 0;
}

/* Take entry DE out of DP: its node has one name fewer (and a
 * directory's ".." leaves DP).  The node stays: the caller decides.
 * mm_lock held. */
void
memfs_dir_unlink(struct memfs_mount *mm, struct memfs_node *dp,
    struct memfs_dirent *de)
{
	struct memfs_node *np = de->md_node;

	TAILQ_REMOVE(&dp->mn_entries, de, md_link);
	mm->mm_bytes -= sizeof(*de);
	kfree(de);
	np->mn_nlink--;
	if (np->mn_type == VDIR)
		dp->mn_nlink--;			/* its ".." is gone */
	dp->mn_mtime = memfs_now();
}

/* Remove entry DE from DP for good: a directory also loses its own "."
 * and its parent; the node goes if nothing else refers to it.
 * mm_lock held. */
void
memfs_dir_remove(struct memfs_mount *mm, struct memfs_node *dp,
    struct memfs_dirent *de)
{
	struct memfs_node *np = de->md_node;

	memfs_dir_unlink(mm, dp, de);
	if (np->mn_type == VDIR) {
		np->mn_nlink--;			/* its "." */
		np->mn_parent = NULL;		/* ".." finds nothing now */
	}
	memfs_node_release(mm, np);
}
/* Free DP and everything below it.  Unmount: nobody else looks. */
void
memfs_free_tree(struct memfs_mount *mm, struct memfs_node *dp)
{
	struct memfs_node *top = dp, *np;
	struct memfs_dirent *de;

	for (;;) {
		while ((de = TAILQ_FIRST(&dp->mn_entries)) != NULL) {
			np = de->md_node;
			if (np->mn_type == VDIR && np->mn_parent == dp &&
			    !TAILQ_EMPTY(&np->mn_entries)) {
				dp = np;	/* empty it first */
				continue;
			}
			TAILQ_REMOVE(&dp->mn_entries, de, md_link);
			kfree(de);
			if (--np->mn_nlink == 0 || np->mn_type == VDIR) {
				kfree(np->mn_data);
				kfree(np);
			}
		}
		if (dp == top)
			break;
		dp = dp->mn_parent;
	}
	kfree(top->mn_data);
	kfree(top);
	mm->mm_nodes = 0;
}
