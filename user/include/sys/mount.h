/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Mounts (book/50-vfs-syscalls.nw): struct statfs and the flags of
 * mount, as the kernel declares them.
 */
#ifndef _SYS_MOUNT_H_
#define _SYS_MOUNT_H_

#include <stdint.h>
#include <sys/syscall.h>

#define MNT_RDONLY	0x0001	/* mount: nothing may be written */

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

/**
 * \brief What statfs says of each mount found: the root's, then those
 * on the root's directories, into *\a mntbufp (the library's buffer,
 * valid until the next call); \a flags is unused (BSD's MNT_NOWAIT).
 * \return how many, or 0 with errno when not even the root answers.
 */
int getmntinfo(struct statfs **mntbufp, int flags);

#endif
