/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ISO 9660 with Rock Ridge, read-only (book/52-cd9660.nw): the
 * on-disk logic, plain functions over the buffer cache.
 *
 * Every function returns 0 (or a count) or a negated error number; a
 * value on the disk that cannot be right makes it fail with -EIO, a
 * legal thing Naiad does not read with -EINVAL, each with a message.
 * Functions hold at most one buffer at a time and give it back before
 * they return.
 */
#ifndef NAIAD_VFS_CD9660_ISO9660_H
#define NAIAD_VFS_CD9660_ISO9660_H

#include <stddef.h>
#include <stdint.h>

struct cdev;

#define ISO_BLOCK	2048	/**< the logical block of every CD read */
#define ISO_VD_FIRST	16	/**< the first volume descriptor's block */
#define ISO_VD_MAX	64	/**< descriptors read before giving up */
#define ISO_VD_PRIMARY	1	/**< type: the primary volume descriptor */
#define ISO_VD_TERM	255	/**< type: the set's terminator */
#define ISO_DIR_MIN	34	/**< the shortest directory record */
#define ISO_FLAG_DIR	0x02	/**< a record's flag: a directory */
#define ISO_FLAG_MULTI	0x80	/**< ... not the file's last extent */
#define ISO_NAME_MAX	255	/**< the longest name shown */
#define ISO_LINK_MAX	1024	/**< the longest link target read */
#define ISO_MAX_BLOCKS	((1u << 21) - 1) /**< under 4 GiB: keys stay 32 bits */

#define ISO_IFMT	0170000	/**< mode: the type bits */
#define ISO_IFDIR	0040000	/**< ... a directory */
#define ISO_IFREG	0100000	/**< ... a regular file */
#define ISO_IFLNK	0120000	/**< ... a symbolic link */

/** An entry's kind: its own directory, the parent, or a name. */
enum iso_kind { ISO_DOT, ISO_DOTDOT, ISO_NAME };
/** A mounted ISO 9660 volume. */
struct iso_volume {
	struct cdev	*iv_dev;	/**< the device it is read from */
	uint32_t	iv_blocks;	/**< the volume space size, blocks */
	uint32_t	iv_root_extent;	/**< the root directory's extent */
	uint32_t	iv_root_size;	/**< ... and size in bytes */
	int		iv_rr;		/**< 1: Rock Ridge (an SP entry) */
	uint32_t	iv_rr_skip;	/**< SP's bytes to skip in each area */
	char		iv_volid[33];	/**< the volume's name, trimmed */
};

/** One directory record, decoded and checked. */
struct iso_entry {
	enum iso_kind	ie_kind;	/**< ., .. or a name */
	char		ie_name[ISO_NAME_MAX + 1]; /**< the name shown */
	size_t		ie_namelen;	/**< its length */
	uint32_t	ie_mode;	/**< ISO_IF* and permission bits */
	uint32_t	ie_nlink;	/**< links (PX's, else 1 or 2) */
	uint32_t	ie_extent;	/**< the first block of its bytes */
	uint32_t	ie_size;	/**< bytes */
	uint32_t	ie_addr;	/**< where its record is, bytes */
	int32_t		ie_mtime;	/**< the record's date, Unix seconds */
};

/** \brief Mount the volume on \a dev, of \a devsize bytes (0: unknown),
 * into \a iv.  \return 0, -EINVAL (not a volume Naiad reads), -EIO. */
int iso_mount(struct iso_volume *iv, struct cdev *dev, uint64_t devsize);
/** \brief Decode the record at \a rec (\a avail bytes left in its block,
 * at byte \a addr of the volume) into \a ie.  \return 0, -EIO, -EINVAL. */
int iso_record(const struct iso_volume *iv, const uint8_t *rec, size_t avail,
    uint32_t addr, struct iso_entry *ie);
/** \brief The entry at byte *\a offp of directory \a dir, and *\a offp
 * past it.  \return 1, 0 (the end), -EIO. */
int iso_dir_next(const struct iso_volume *iv, const struct iso_entry *dir,
    uint32_t *offp, struct iso_entry *ie);
/** \brief The entry \a name (\a len bytes; ".." the parent) of \a dir.
 * \return 0, -ENOENT, -ENOTDIR, -EIO (a damaged directory, a loop). */
int iso_lookup(const struct iso_volume *iv, const struct iso_entry *dir,
    const char *name, size_t len, struct iso_entry *ie);
/** \brief Up to \a n bytes of file \a ie from \a off, given to \a copy
 * (0 or -errno) a piece at a time.  \return the bytes, or -errno. */
int iso_read(const struct iso_volume *iv, const struct iso_entry *ie,
    uint64_t off, size_t n, int (*copy)(const void *src, size_t n,
    void *arg), void *arg);
/** \brief The target of link \a ie into \a buf (\a size bytes, with its
 * NUL).  \return its length, -EINVAL (not a link), -ENAMETOOLONG, -EIO. */
int iso_readlink(const struct iso_volume *iv, const struct iso_entry *ie,
    char *buf, size_t size);

#endif /* !NAIAD_VFS_CD9660_ISO9660_H */
