/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * bootfs (book/49-bootfs.nw): the boot archive as a read-only
 * filesystem, its tree built once at mount time, read in place.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"
#include "vfs/mount.h"
#include "vfs/namei.h"
#include "vfs/path.h"
#include "vfs/vop.h"
#include "vm/kmalloc.h"
#include "vm/vm.h"

/** A file or a directory of the boot archive. */
struct bootfs_node {
	char		bn_name[NAME_MAX + 1]; /**< its name in its directory */
	enum vtype	bn_type;	/**< VREG or VDIR */
	uint32_t	bn_ino;		/**< its number: its vnode's v_key */
	const char	*bn_data;	/**< a file's bytes, in the archive */
	uint32_t	bn_size;	/**< how many */
	struct bootfs_node *bn_parent;	/**< its directory (the root's: itself) */
	struct bootfs_node *bn_child;	/**< a directory's first entry */
	struct bootfs_node *bn_next;	/**< the next entry of its directory */
	uint32_t	bn_nentries;	/**< a directory's entries */
};

/** A mounted bootfs. */
struct bootfs_mount {
	struct bootfs_node *bm_root;	/**< the root directory */
	uint32_t	bm_nodes;	/**< nodes in the tree */
	uint64_t	bm_bytes;	/**< bytes of the files */
};

#define BOOTFS_ROOT_INO	2	/**< the root's number */
/* The entry NAME (LEN bytes) of directory DP, or NULL. */
static struct bootfs_node *
bootfs_child(struct bootfs_node *dp, const char *name, size_t len)
{
	struct bootfs_node *np;

	for (np = dp->bn_child; np != NULL; np = np->bn_next)
		if (kstrncmp(np->bn_name, name, len) == 0 &&
		    np->bn_name[len] == '\0')
			return np;
	return NULL;
}

/* A new entry NAME (LEN bytes) of TYPE in DP, numbered from BM: the
 * node, or NULL (no memory). */
static struct bootfs_node *
bootfs_add(struct bootfs_mount *bm, struct bootfs_node *dp,
    const char *name, size_t len, enum vtype type)
{
	struct bootfs_node *np = kmalloc(sizeof(*np), M_ZERO), **pp;

	if (np == NULL)
		return NULL;
	kmemcpy(np->bn_name, name, len);
	np->bn_type = type;
	np->bn_ino = BOOTFS_ROOT_INO + 1 + bm->bm_nodes++;
	np->bn_parent = dp;
	for (pp = &dp->bn_child; *pp != NULL; pp = &(*pp)->bn_next)
		;
	*pp = np;
	dp->bn_nentries++;
	return np;
}
/* Put archive file AF into BM's tree: 0, -EINVAL (a name that cannot
 * be), -ENOMEM. */
static int
bootfs_insert(struct bootfs_mount *bm, const struct archive_file *af)
{
	const char *p = af->af_name;
	enum vtype type = af->af_type == '5' ? VDIR : VREG;
	struct bootfs_node *dp = bm->bm_root, *np;
	struct path_component pc;
	int r;

	while ((r = path_next(&p, &pc)) == 1) {
		if (path_dotkind(pc.pc_name, pc.pc_len) != PATH_NAME)
			return -EINVAL;
		np = bootfs_child(dp, pc.pc_name, pc.pc_len);
		if (!pc.pc_last) {
			if (np == NULL && (np = bootfs_add(bm, dp, pc.pc_name,
			    pc.pc_len, VDIR)) == NULL)
				return -ENOMEM;
			if (np->bn_type != VDIR)
				return -EINVAL;
			dp = np;
			continue;
		}
		if (np != NULL)		/* a directory named twice is fine */
			return np->bn_type == VDIR && type == VDIR ? 0 : -EINVAL;
		if ((np = bootfs_add(bm, dp, pc.pc_name, pc.pc_len, type)) ==
		    NULL)
			return -ENOMEM;
		np->bn_data = af->af_data;
		np->bn_size = type == VREG ? af->af_size : 0;
		bm->bm_bytes += np->bn_size;
		return 0;
	}
	return r < 0 ? r : -EINVAL;		/* an empty name */
}

/* Build BM's tree from the archive at BASE (SIZE bytes): 0, or -EINVAL
 * (not an archive), -ENOMEM. */
static int
bootfs_build(struct bootfs_mount *bm, const void *base, size_t size)
{
	char name[ARCHIVE_PATHMAX];
	struct archive_file af;
	size_t off = 0;
	int r, files = 0;

	while ((r = archive_next(base, size, &off, &af, name)) == 1) {
		if (af.af_type != '0' && af.af_type != '5') {
			kprintf("bootfs: %s: type '%c' left out\n", name,
			    af.af_type);
			continue;
		}
		if ((r = bootfs_insert(bm, &af)) == -ENOMEM)
			return r;
		if (r != 0)
			kprintf("bootfs: %s: a name that cannot be; left out\n",
			    name);
		files++;
	}
	if (r < 0 && files == 0)
		return r;			/* not an archive at all */
	if (r < 0)
		kprintf("bootfs: the archive is damaged at byte %u; the "
		    "files before are there\n", (unsigned)off);
	return 0;
}
/* Add the directories of option DATA ("dirs=a:b", or NULL) to BM's
 * root: 0, -EINVAL (another option), -ENOMEM. */
static int
bootfs_dirs(struct bootfs_mount *bm, const char *data)
{
	const char *p, *end;

	if (data == NULL || *data == '\0')
		return 0;
	if (kstrncmp(data, "dirs=", 5) != 0)
		return -EINVAL;
	for (p = data + 5; *p != '\0'; p = *end == ':' ? end + 1 : end) {
		for (end = p; *end != '\0' && *end != ':' && *end != '/';
		    end++)
			;
		if (*end == '/' || end == p || end - p > NAME_MAX)
			return -EINVAL;
		if (bootfs_child(bm->bm_root, p, (size_t)(end - p)) == NULL &&
		    bootfs_add(bm, bm->bm_root, p, (size_t)(end - p),
		    VDIR) == NULL)
			return -ENOMEM;
	}
	return 0;
}
/* Free every node below and including ROOT. */
static void
bootfs_free(struct bootfs_node *root)
{
	struct bootfs_node *dp = root, *np;

	while (dp != NULL) {
		if ((np = dp->bn_child) != NULL) {
			if (np->bn_child != NULL) {
				dp = np;	/* empty it first */
				continue;
			}
			dp->bn_child = np->bn_next;
			kfree(np);
			continue;
		}
		np = dp;
		dp = dp == root ? NULL : dp->bn_parent;
		if (np == root)
			kfree(np);
	}
}
/* NP's vnode in MP, referenced: 0 or -ENOMEM. */
static int
bootfs_vnode(struct mount *mp, struct bootfs_node *np, struct vnode **vpp)
{
	int r;

	if ((*vpp = vnode_find(mp, np->bn_ino)) != NULL)
		return 0;
	r = vnode_create(mp, np->bn_ino, np->bn_type, np, vpp);
	return r < 0 ? r : 0;
}

/* VOP_LOOKUP: an entry, or ".." (the parent). */
static int
bootfs_lookup(struct vop_lookup_args *ap)
{
	struct bootfs_node *dp = ap->a_head.a_vp->v_data, *np;
	struct componentname *cnp = ap->a_cnp;

	if (dp->bn_type != VDIR)
		return -ENOTDIR;
	if (path_dotkind(cnp->cn_nameptr, cnp->cn_namelen) == PATH_DOTDOT)
		np = dp->bn_parent;
	else if ((np = bootfs_child(dp, cnp->cn_nameptr,
	    cnp->cn_namelen)) == NULL)
		return -ENOENT;
	return bootfs_vnode(ap->a_head.a_vp->v_mount, np, ap->a_vpp);
}

/* VOP_READ: the bytes, from the archive. */
static int
bootfs_read(struct vop_rw_args *ap)
{
	struct bootfs_node *np = ap->a_head.a_vp->v_data;

	if (np->bn_type == VDIR)
		return -EISDIR;
	if (ap->a_offset < 0)
		return -EINVAL;
	if ((uint64_t)ap->a_offset >= np->bn_size)
		return 0;
	return uiomove((void *)(uintptr_t)(np->bn_data + ap->a_offset),
	    np->bn_size - (size_t)ap->a_offset, ap->a_uio);
}

/* VOP_READDIR: ".", "..", then the entries; the cookie counts them. */
static int
bootfs_readdir(struct vop_rw_args *ap)
{
	struct bootfs_node *dp = ap->a_head.a_vp->v_data, *np;
	int64_t *cookiep = ap->a_cookiep, i;
	int r = 1;

	if (dp->bn_type != VDIR)
		return -ENOTDIR;
	if (*cookiep == 0 && (r = vfs_dirent_put(ap->a_uio, dp->bn_ino,
	    DT_DIR, ".", 1)) > 0)
		*cookiep = 1;
	if (r > 0 && *cookiep == 1 && (r = vfs_dirent_put(ap->a_uio,
	    dp->bn_parent->bn_ino, DT_DIR, "..", 2)) > 0)
		*cookiep = 2;
	for (np = dp->bn_child, i = 2; np != NULL && r > 0;
	    np = np->bn_next, i++) {
		if (i < *cookiep)
			continue;
		r = vfs_dirent_put(ap->a_uio, np->bn_ino,
		    vfs_dirent_type(np->bn_type), np->bn_name,
		    kstrlen(np->bn_name));
		if (r > 0)
			*cookiep = i + 1;
	}
	return r < 0 ? r : 0;
}

/* VOP_GETATTR: programs are 0555, directories 0555 too (read-only). */
static int
bootfs_getattr(struct vop_attr_args *ap)
{
	struct bootfs_node *np = ap->a_head.a_vp->v_data;
	struct vattr *va = ap->a_vap;

	va->va_type = np->bn_type;
	va->va_mode = 0555;
	va->va_nlink = np->bn_type == VDIR ? 2 : 1;
	va->va_fileid = np->bn_ino;
	va->va_fsid = ap->a_head.a_vp->v_mount->mnt_fsid;
	va->va_size = np->bn_type == VDIR ? 512 : np->bn_size;
	va->va_bytes = np->bn_size;
	va->va_blocksize = USTAR_BLOCK;
	return 0;
}

static const struct vop_ops bootfs_vops = {
	.vop_lookup = bootfs_lookup,
	.vop_read = bootfs_read,
	.vop_readdir = bootfs_readdir,
	.vop_getattr = bootfs_getattr,
};
/* vfs_mount: the tree of the boot archive, read-only, one thread. */
static int
bootfs_mount(struct mount *mp, const char *from, const char *data)
{
	const struct phys_range *m;
	struct bootfs_mount *bm;
	int n, error;

	if (from == NULL || kstrcmp(from, "archive") != 0)
		return -ENOENT;
	m = vm_boot_modules(&n);
	if (n == 0)
		return -ENOENT;
	if ((bm = kmalloc(sizeof(*bm), M_ZERO)) == NULL ||
	    (bm->bm_root = kmalloc(sizeof(*bm->bm_root), M_ZERO)) == NULL) {
		kfree(bm);
		return -ENOMEM;
	}
	bm->bm_root->bn_type = VDIR;
	bm->bm_root->bn_ino = BOOTFS_ROOT_INO;
	bm->bm_root->bn_parent = bm->bm_root;
	error = bootfs_build(bm, (const void *)(uintptr_t)m[0].start,
	    (size_t)(m[0].end - m[0].start));
	if (error == 0)
		error = bootfs_dirs(bm, data);
	if (error == 0) {
		mp->mnt_flag |= MNT_RDONLY;
		mp->mnt_data = bm;
		mp->mnt_vn_ops = &bootfs_vops;
		error = vfs_port_create(mp, 1);
	}
	if (error != 0) {
		bootfs_free(bm->bm_root);
		kfree(bm);
	}
	return error;
}

/* vfs_unmount: the tree goes. */
static int
bootfs_unmount(struct mount *mp)
{
	struct bootfs_mount *bm = mp->mnt_data;

	bootfs_free(bm->bm_root);
	kfree(bm);
	mp->mnt_data = NULL;
	return 0;
}

/* vfs_root */
static int
bootfs_root(struct mount *mp, struct vnode **vpp)
{
	return bootfs_vnode(mp, ((struct bootfs_mount *)mp->mnt_data)->bm_root,
	    vpp);
}

/* vfs_statfs: the archive's bytes in 512-byte blocks, none free. */
static int
bootfs_statfs(struct mount *mp, struct statfs *sbp)
{
	struct bootfs_mount *bm = mp->mnt_data;

	sbp->f_bsize = USTAR_BLOCK;
	sbp->f_blocks = (bm->bm_bytes + USTAR_BLOCK - 1) / USTAR_BLOCK;
	sbp->f_files = bm->bm_nodes + 1;
	return 0;
}

/* vfs_sync: nothing is ever written. */
static int
bootfs_sync(struct mount *mp)
{
	(void)mp;
	return 0;
}

static const struct vfsops bootfs_vfsops = {
	bootfs_mount, bootfs_unmount, bootfs_root, bootfs_statfs, bootfs_sync
};

static struct vfsconf bootfs_vfsconf = { "bootfs", &bootfs_vfsops, NULL };
static struct vfs_rootcand bootfs_rootcand = { "bootfs", "archive",
    "dirs=dev:tmp", VFS_ROOT_ARCHIVE, NULL };

/* Boot: the type "bootfs", and the boot archive as a root. */
static void
bootfs_init(void *arg)
{
	int n;

	(void)arg;
	vfs_register(&bootfs_vfsconf);
	vm_boot_modules(&n);
	if (n > 0)
		vfs_root_register(&bootfs_rootcand);
}

SYSINIT(bootfs, SI_SUB_BOOTFS, SI_ORDER_FIRST, bootfs_init, NULL);
