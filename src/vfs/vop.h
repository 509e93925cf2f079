/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Vnode operations as messages: their argument blocks, a
 * filesystem's vector, the vop_* wrappers (book/43-vfs.nw).
 */
#ifndef NAIAD_VFS_VOP_H
#define NAIAD_VFS_VOP_H

#include <stddef.h>
#include <stdint.h>

#include "kern/file.h"
#include "lwkt/msgport.h"
#include "vfs/vnode.h"

#define VOP_LOOKUP	1	/**< find a name in a directory */
#define VOP_CREATE	2	/**< make a regular file */
#define VOP_MKDIR	3	/**< make a directory */
#define VOP_RMDIR	4	/**< remove an empty directory */
#define VOP_REMOVE	5	/**< remove a name of a file */
#define VOP_LINK	6	/**< another name for a file */
#define VOP_RENAME	7	/**< move a name */
#define VOP_SYMLINK	8	/**< make a symbolic link */
#define VOP_READLINK	9	/**< read a link's target */
#define VOP_OPEN	10	/**< a file is opened */
#define VOP_CLOSE	11	/**< ... closed */
#define VOP_READ	12	/**< read bytes */
#define VOP_WRITE	13	/**< write bytes */
#define VOP_IOCTL	14	/**< a device request */
#define VOP_GETATTR	15	/**< attributes */
#define VOP_SETATTR	16	/**< change attributes: size, mode */
#define VOP_READDIR	17	/**< directory entries */
#define VOP_FSYNC	18	/**< write a file's changes to its disk */
#define VOP_INACTIVE	19	/**< the last reference is gone */
#define VOP_RECLAIM	20	/**< forget the vnode */
#define VOP_NOPS	21	/**< one past the last */
#define VOP_QUIT	0xFFFF	/**< a filesystem's thread ends */
/** The head of every vnode operation's argument block. */
struct vop_generic_args {
	struct lwkt_msg	a_msg;		/**< the message: MSG_CMD_VFS | a_op */
	int		a_op;		/**< VOP_* */
	struct vnode	*a_vp;		/**< the vnode (a directory's, for names) */
};

/** A name in a directory: not NUL-terminated. */
struct componentname {
	const char	*cn_nameptr;	/**< its first byte */
	size_t		cn_namelen;	/**< its length, 1 to NAME_MAX */
};

/** VOP_LOOKUP: the referenced vnode of a_cnp in directory a_vp. */
struct vop_lookup_args {
	struct vop_generic_args a_head;	/**< a_vp: the directory */
	struct componentname *a_cnp;	/**< the name */
	struct vnode	**a_vpp;	/**< out: its vnode */
};

/** VOP_CREATE and VOP_MKDIR: a new name, -EEXIST if it is there. */
struct vop_create_args {
	struct vop_generic_args a_head;	/**< a_vp: the directory */
	struct componentname *a_cnp;	/**< the new name */
	uint32_t	a_mode;		/**< its permission bits */
	struct vnode	**a_vpp;	/**< out: its vnode, referenced */
};

/** VOP_REMOVE and VOP_RMDIR: a name goes. */
struct vop_remove_args {
	struct vop_generic_args a_head;	/**< a_vp: the directory */
	struct componentname *a_cnp;	/**< the name */
};

/** VOP_LINK: a new name a_cnp in directory a_head.a_vp for a_target. */
struct vop_link_args {
	struct vop_generic_args a_head;	/**< a_vp: the directory */
	struct vnode	*a_target;	/**< the file (same mount) */
	struct componentname *a_cnp;	/**< its new name */
};

/** VOP_RENAME: a_fcnp in a_head.a_vp becomes a_tcnp in a_tdvp. */
struct vop_rename_args {
	struct vop_generic_args a_head;	/**< a_vp: the source directory */
	struct componentname *a_fcnp;	/**< the name to move */
	struct vnode	*a_tdvp;	/**< the target directory (same mount) */
	struct componentname *a_tcnp;	/**< the new name */
};

/** VOP_SYMLINK: a new link a_cnp whose target is a_target. */
struct vop_symlink_args {
	struct vop_generic_args a_head;	/**< a_vp: the directory */
	struct componentname *a_cnp;	/**< the link's name */
	const char	*a_target;	/**< NUL-terminated */
};

/** VOP_READLINK, VOP_READ, VOP_WRITE, VOP_READDIR: bytes move. */
struct vop_rw_args {
	struct vop_generic_args a_head;	/**< a_vp: the file */
	struct uio	*a_uio;		/**< kernel memory, always */
	int64_t		a_offset;	/**< read/write: where, in the file */
	int64_t		*a_cookiep;	/**< readdir: where to go on (in, out) */
};

/** VOP_OPEN and VOP_CLOSE. */
struct vop_open_args {
	struct vop_generic_args a_head;	/**< a_vp: the file */
	int		a_mode;		/**< FREAD, FWRITE */
};

/** VOP_IOCTL: a request on kernel memory, as fo_ioctl. */
struct vop_ioctl_args {
	struct vop_generic_args a_head;	/**< a_vp: the device */
	unsigned long	a_cmd;		/**< the request */
	void		*a_data;	/**< its argument, kernel memory */
};

/** VOP_GETATTR and VOP_SETATTR. */
struct vop_attr_args {
	struct vop_generic_args a_head;	/**< a_vp: the file */
	struct vattr	*a_vap;		/**< out, or in with va_mask */
};
/** A filesystem's vnode operations: each 0 or -errno. */
struct vop_ops {
	int (*vop_lookup)(struct vop_lookup_args *ap);	/**< VOP_LOOKUP */
	int (*vop_create)(struct vop_create_args *ap);	/**< VOP_CREATE */
	int (*vop_mkdir)(struct vop_create_args *ap);	/**< VOP_MKDIR */
	int (*vop_rmdir)(struct vop_remove_args *ap);	/**< VOP_RMDIR */
	int (*vop_remove)(struct vop_remove_args *ap);	/**< VOP_REMOVE */
	int (*vop_link)(struct vop_link_args *ap);	/**< VOP_LINK */
	int (*vop_rename)(struct vop_rename_args *ap);	/**< VOP_RENAME */
	int (*vop_symlink)(struct vop_symlink_args *ap); /**< VOP_SYMLINK */
	int (*vop_readlink)(struct vop_rw_args *ap);	/**< VOP_READLINK */
	int (*vop_open)(struct vop_open_args *ap);	/**< VOP_OPEN */
	int (*vop_close)(struct vop_open_args *ap);	/**< VOP_CLOSE */
	int (*vop_read)(struct vop_rw_args *ap);	/**< VOP_READ */
	int (*vop_write)(struct vop_rw_args *ap);	/**< VOP_WRITE */
	int (*vop_ioctl)(struct vop_ioctl_args *ap);	/**< VOP_IOCTL */
	int (*vop_getattr)(struct vop_attr_args *ap);	/**< VOP_GETATTR */
	int (*vop_setattr)(struct vop_attr_args *ap);	/**< VOP_SETATTR */
	int (*vop_readdir)(struct vop_rw_args *ap);	/**< VOP_READDIR */
	int (*vop_fsync)(struct vop_generic_args *ap);	/**< VOP_FSYNC */
	int (*vop_inactive)(struct vop_generic_args *ap); /**< VOP_INACTIVE */
	int (*vop_reclaim)(struct vop_generic_args *ap); /**< VOP_RECLAIM */
};
#define DT_UNKNOWN	0	/**< d_type: unknown */
#define DT_CHR		2	/**< a device */
#define DT_DIR		4	/**< a directory */
#define DT_REG		8	/**< a regular file */
#define DT_LNK		10	/**< a symbolic link */

/** A directory entry as getdents returns it; d_reclen bytes long. */
struct dirent {
	uint32_t	d_fileno;	/**< the file's number */
	uint16_t	d_reclen;	/**< this record's length */
	uint8_t		d_type;		/**< DT_* */
	uint8_t		d_namlen;	/**< the name's length */
	char		d_name[NAME_MAX + 1]; /**< the name, NUL-terminated */
};

/** The length of the record of a name of \a namlen bytes. */
#define DIRENT_RECLEN(namlen) \
	((offsetof(struct dirent, d_name) + (namlen) + 1 + 3) & ~3u)

/** \brief Run the operation of \a ap with its mount's functions. */
int vop_dispatch(struct vop_generic_args *ap);

/** \brief VOP_LOOKUP: the referenced vnode of \a cnp in \a dvp. */
int vop_lookup(struct vnode *dvp, struct componentname *cnp,
    struct vnode **vpp);
/** \brief VOP_CREATE: a new regular file. */
int vop_create(struct vnode *dvp, struct componentname *cnp, uint32_t mode,
    struct vnode **vpp);
/** \brief VOP_MKDIR: a new directory. */
int vop_mkdir(struct vnode *dvp, struct componentname *cnp, uint32_t mode,
    struct vnode **vpp);
/** \brief VOP_RMDIR: an empty directory goes. */
int vop_rmdir(struct vnode *dvp, struct componentname *cnp);
/** \brief VOP_REMOVE: a name of a file goes. */
int vop_remove(struct vnode *dvp, struct componentname *cnp);
/** \brief VOP_LINK: a new name for \a vp. */
int vop_link(struct vnode *dvp, struct vnode *vp, struct componentname *cnp);
/** \brief VOP_RENAME: a name moves (same mount). */
int vop_rename(struct vnode *fdvp, struct componentname *fcnp,
    struct vnode *tdvp, struct componentname *tcnp);
/** \brief VOP_SYMLINK: a new symbolic link to \a target. */
int vop_symlink(struct vnode *dvp, struct componentname *cnp,
    const char *target);
/** \brief VOP_READLINK: a link's target into \a uio. */
int vop_readlink(struct vnode *vp, struct uio *uio);
/** \brief VOP_OPEN: \a vp is opened for \a mode. */
int vop_open(struct vnode *vp, int mode);
/** \brief VOP_CLOSE: a file of \a vp is closed. */
int vop_close(struct vnode *vp, int mode);
/** \brief VOP_READ: bytes of \a vp at \a offset into \a uio (kernel). */
int vop_read(struct vnode *vp, struct uio *uio, int64_t offset);
/** \brief VOP_WRITE: \a uio's bytes into \a vp at \a offset. */
int vop_write(struct vnode *vp, struct uio *uio, int64_t offset);
/** \brief VOP_IOCTL: a request on kernel memory. */
int vop_ioctl(struct vnode *vp, unsigned long cmd, void *data);
/** \brief VOP_GETATTR: \a vp's attributes. */
int vop_getattr(struct vnode *vp, struct vattr *vap);
/** \brief VOP_SETATTR: change what \a vap->va_mask names. */
int vop_setattr(struct vnode *vp, struct vattr *vap);
/** \brief VOP_READDIR: entries from *\a cookiep into \a uio. */
int vop_readdir(struct vnode *vp, struct uio *uio, int64_t *cookiep);
/** \brief VOP_FSYNC: \a vp's changes to its disk. */
int vop_fsync(struct vnode *vp);
/** \brief VOP_INACTIVE: the last reference went. */
int vop_inactive(struct vnode *vp);
/** \brief VOP_RECLAIM: the filesystem forgets \a vp. */
int vop_reclaim(struct vnode *vp);

/** \brief The d_type of vnode type \a type. */
int vfs_dirent_type(enum vtype type);
/** \brief Put a directory entry in \a uio if it fits whole.
 * \return 1, 0 (no room), or -errno. */
int vfs_dirent_put(struct uio *uio, uint32_t fileno, int type,
    const char *name, size_t len);

#endif /* !NAIAD_VFS_VOP_H */
