/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The boot archive: a ustar file from the loader (pure parser).
 */
#ifndef NAIAD_KERN_ARCHIVE_H
#define NAIAD_KERN_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

/** Bytes of a path in the archive, NUL included. */
#define ARCHIVE_PATHMAX	256

#define USTAR_BLOCK	512	/**< header and data granule */
#define USTAR_NAME	0	/**< offset: name, 100 bytes */
#define USTAR_NAMELEN	100	/**< ... its size */
#define USTAR_SIZE	124	/**< offset: size, 12 bytes of octal */
#define USTAR_TYPE	156	/**< offset: type flag */
#define USTAR_MAGIC	257	/**< offset: "ustar" */
#define USTAR_PREFIX	345	/**< offset: name prefix, 155 bytes */
#define USTAR_PREFIXLEN	155	/**< ... its size */

/** One file found in the archive. */
struct archive_file {
	const char	*af_name;	/**< its name: a copy, NUL-terminated */
	const void	*af_data;	/**< its bytes, in the archive */
	uint32_t	af_size;	/**< how many */
	int		af_type;	/**< '0' file, '5' directory, ... */
};

/** \brief The next file of an archive: 1, 0 at the end, -EINVAL. */
int archive_next(const void *archive, size_t size, size_t *off,
    struct archive_file *af, char *name);
/** \brief Find \a path in an archive: 0, -ENOENT or -EINVAL. */
int archive_lookup(const void *archive, size_t size, const char *path,
    struct archive_file *af, char *name);
/** \brief Find \a path in the boot archive: 0, -ENOENT or -EINVAL. */
int bootarchive_lookup(const char *path, struct archive_file *af,
    char *name);

#endif /* !NAIAD_KERN_ARCHIVE_H */
