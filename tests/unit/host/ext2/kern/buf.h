/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The host's stand-in for the buffer cache's interface (the kernel's
 * kern/buf.h, from the chapter on the buffer cache), as the ext2 code
 * (book/47-ext2.nw) uses it: the same names and fields.  The ext2
 * sources are compiled for the host with tests/unit/host/ext2/ first
 * in the include path, so that "kern/buf.h" is this file, and with
 * hostdisk_names.h, so that these functions are the test double's
 * (hostdisk.c) and never meet a real cache linked into the same test.
 */
#ifndef NAIAD_TESTS_HOST_EXT2_BUF_H
#define NAIAD_TESTS_HOST_EXT2_BUF_H

#include <stddef.h>
#include <stdint.h>

struct cdev;

/* A buffer: SIZE bytes of the device at LOFFSET, held by its user. */
struct buf {
	void		*b_data;	/* the bytes */
	size_t		b_bcount;	/* how many */
	uint64_t	b_loffset;	/* where on the device */
	struct cdev	*b_dev;		/* which device */
	int		b_flags;	/* B_* */
	struct buf	*b_held_next;	/* the double's list of held buffers */
};

#define B_DIRTY		0x0001
#define B_ERROR		0x0002

int bread(struct cdev *dev, uint64_t loffset, size_t size,
    struct buf **bpp);
struct buf *getblk(struct cdev *dev, uint64_t loffset, size_t size);
void brelse(struct buf *bp);
int bwrite(struct buf *bp);
void bdwrite(struct buf *bp);
void bawrite(struct buf *bp);
int bsync(struct cdev *dev);
int binval(struct cdev *dev);

#endif /* !NAIAD_TESTS_HOST_EXT2_BUF_H */
