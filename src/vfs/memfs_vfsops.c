/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * memfs's operations on a whole mount (book/44-memfs.nw): options,
 * mount, root, statfs, sync, unmount, and its registration at boot.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"
#include "vfs/memfs.h"
#include "vm/kmalloc.h"

/* Read the number at *S (decimal) into *V; 0, or -EINVAL. */
static int
memfs_number(const char **s, unsigned long *v)
{
	const char *p = *s;

	*v = 0;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	while (*p >= '0' && *p <= '9') {
		if (*v > 0x7fffffffUL / 10)
			return -EINVAL;
		*v = *v * 10 + (unsigned long)(*p++ - '0');
	}
	*s = p;
	return 0;
}

/* Parse options DATA (NULL: none) into *THREADS and *SIZE: 0 or
 * -EINVAL. */
int
memfs_options(const char *data, int *threads, size_t *size)
{
	unsigned long v;
	int r;

	*threads = VFS_PORT_PERCPU;
	*size = MEMFS_DEFAULT_SIZE;
	while (data != NULL && *data != '\0') {
		if ((r = vfs_port_option(&data, threads)) < 0)
			return r;
		if (r == 0 && kstrncmp(data, "size=", 5) == 0) {
			data += 5;
			if (memfs_number(&data, &v) != 0 || v < 4096)
				return -EINVAL;
			*size = (size_t)v;
		} else if (r == 0)
			return -EINVAL;
		if (*data == ',')
			data++;
		else if (*data != '\0')
			return -EINVAL;
	}
	return 0;
}
/* vfs_mount: an empty root directory, the port the options ask for. */
static int
memfs_mount(struct mount *mp, const char *from, const char *data)
{
	struct memfs_mount *mm;
	struct memfs_node *root;
	size_t size;
	int threads, error;

	(void)from;
	if ((error = memfs_options(data, &threads, &size)) != 0)
		return error;
	if ((mm = kmalloc(sizeof(*mm), M_ZERO)) == NULL)
		return -ENOMEM;
	vlock_init(&mm->mm_lock, "memfs");
	mm->mm_nextino = 2;			/* the root is 2, as in ext2 */
	mm->mm_maxbytes = size;
	if ((error = memfs_node_alloc(mm, VDIR, 0755, &root)) != 0) {
		kfree(mm);
		return error;
	}
	root->mn_nlink = 2;
	root->mn_parent = root;
	mm->mm_root = root;
	mp->mnt_data = mm;
	mp->mnt_vn_ops = &memfs_vops;
	if ((error = vfs_port_create(mp, threads)) != 0) {
		memfs_free_tree(mm, root);
		kfree(mm);
	}
	return error;
}

/* vfs_root: the root directory's vnode. */
static int
memfs_root(struct mount *mp, struct vnode **vpp)
{
	struct memfs_mount *mm = mp->mnt_data;
	int error;

	vlock_acquire(&mm->mm_lock);
	error = memfs_vnode(mp, mm->mm_root, vpp);
	vlock_release(&mm->mm_lock);
	return error;
}

/* vfs_statfs: blocks of 4 KiB within the limit, nodes in use. */
static int
memfs_statfs(struct mount *mp, struct statfs *sbp)
{
	struct memfs_mount *mm = mp->mnt_data;

	vlock_acquire(&mm->mm_lock);
	sbp->f_bsize = 4096;
	sbp->f_blocks = mm->mm_maxbytes / 4096;
	sbp->f_bfree = (mm->mm_maxbytes - mm->mm_bytes) / 4096;
	sbp->f_files = mm->mm_nodes + (mm->mm_maxbytes - mm->mm_bytes) /
	    sizeof(struct memfs_node);
	sbp->f_ffree = sbp->f_files - mm->mm_nodes;
	vlock_release(&mm->mm_lock);
	return 0;
}

/* vfs_sync: everything is in memory already. */
static int
memfs_sync(struct mount *mp)
{
	(void)mp;
	return 0;
}

/* vfs_unmount: free every node (no vnode is left). */
static int
memfs_unmount(struct mount *mp)
{
	struct memfs_mount *mm = mp->mnt_data;

	memfs_free_tree(mm, mm->mm_root);
	kfree(mm);
	mp->mnt_data = NULL;
	return 0;
}

static const struct vfsops memfs_vfsops = {
	memfs_mount, memfs_unmount, memfs_root, memfs_statfs, memfs_sync
};

static struct vfsconf memfs_vfsconf = { "memfs", &memfs_vfsops, NULL };
/* Boot: make the type "memfs" known. */
static void
memfs_init(void *arg)
{
	(void)arg;
	vfs_register(&memfs_vfsconf);
}

SYSINIT(memfs, SI_SUB_MEMFS, SI_ORDER_FIRST, memfs_init, NULL);
