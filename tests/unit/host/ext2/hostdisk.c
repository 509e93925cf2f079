/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The block layer's test double for the ext2 host tests (hostdisk.h):
 * the buffer cache's functions over an image in memory, without a
 * cache, watching how they are used.  Compiled with the ext2 sources'
 * flags (hostdisk_names.h renames bread and the others to hostdisk_*),
 * against the kernel's error numbers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostdisk.h"
#include "kern/buf.h"
#include "kern/errno.h"

/* The host's disk: an image in memory. */
struct cdev {
	unsigned char	*hd_data;	/* the image */
	uint64_t	hd_size;	/* its bytes (maybe cut short) */
	struct buf	*hd_held;	/* the buffers held now */
	int		hd_nheld;
	unsigned long	hd_writes;
	int		hd_write_error;	/* a delayed write failed: bsync's */
	uint64_t	hd_fail_from[2], hd_fail_to[2]; /* [0] reads, [1] writes */
	int		hd_violations;
	char		hd_violation[256];
};

static char log_buf[16384];
static size_t log_len;

/* Record a misuse of the interface (the first one's text is kept). */
static void
violation(struct cdev *dev, const char *fmt, ...)
{
	va_list ap;

	if (dev->hd_violations++ == 0) {
		va_start(ap, fmt);
		vsnprintf(dev->hd_violation, sizeof(dev->hd_violation), fmt, ap);
		va_end(ap);
	}
}

struct cdev *
hostdisk_mem(const void *data, size_t size)
{
	struct cdev *dev = calloc(1, sizeof(*dev));

	if (dev == NULL || (dev->hd_data = malloc(size ? size : 1)) == NULL) {
		free(dev);
		return NULL;
	}
	memcpy(dev->hd_data, data, size);
	dev->hd_size = size;
	return dev;
}

struct cdev *
hostdisk_load(const char *path)
{
	struct cdev *dev = NULL;
	FILE *f = fopen(path, "rb");
	long size;

	if (f == NULL) {
		fprintf(stderr, "hostdisk: cannot open %s\n", path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    (dev = calloc(1, sizeof(*dev))) != NULL &&
	    (dev->hd_data = malloc((size_t)size)) != NULL &&
	    fread(dev->hd_data, 1, (size_t)size, f) == (size_t)size) {
		dev->hd_size = (uint64_t)size;
	} else if (dev != NULL) {
		free(dev->hd_data);
		free(dev);
		dev = NULL;
	}
	fclose(f);
	if (dev == NULL)
		fprintf(stderr, "hostdisk: cannot read %s\n", path);
	return dev;
}

int
hostdisk_save(struct cdev *dev, const char *path)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (f == NULL) {
		fprintf(stderr, "hostdisk: cannot write %s\n", path);
		return -1;
	}
	ok = fwrite(dev->hd_data, 1, dev->hd_size, f) == dev->hd_size;
	ok &= fclose(f) == 0;
	if (!ok)
		fprintf(stderr, "hostdisk: cannot write %s\n", path);
	return ok ? 0 : -1;
}

void
hostdisk_free(struct cdev *dev)
{
	struct buf *bp, *next;

	if (dev == NULL)
		return;
	for (bp = dev->hd_held; bp != NULL; bp = next) {
		next = bp->b_held_next;
		free(bp->b_data);
		free(bp);
	}
	free(dev->hd_data);
	free(dev);
}

unsigned char *
hostdisk_bytes(struct cdev *dev)
{
	return dev->hd_data;
}

uint64_t
hostdisk_size(struct cdev *dev)
{
	return dev->hd_size;
}

void
hostdisk_truncate(struct cdev *dev, uint64_t size)
{
	if (size < dev->hd_size)
		dev->hd_size = size;
}

void
hostdisk_fail(struct cdev *dev, uint64_t from, uint64_t to, int write)
{
	dev->hd_fail_from[write != 0] = from;
	dev->hd_fail_to[write != 0] = to;
}

unsigned long
hostdisk_writes(struct cdev *dev)
{
	return dev->hd_writes;
}

int
hostdisk_held(struct cdev *dev)
{
	return dev->hd_nheld;
}

int
hostdisk_violations(struct cdev *dev)
{
	return dev->hd_violations;
}

const char *
hostdisk_violation(struct cdev *dev)
{
	return dev->hd_violation;
}

const char *
hostdisk_log(void)
{
	return log_buf;
}

void
hostdisk_log_clear(void)
{
	log_len = 0;
	log_buf[0] = '\0';
}

/* The kernel's kprintf, for the ext2 code: into the log (and on stderr
 * with EXT2_VERBOSE set in the environment). */
int
kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	if (getenv("EXT2_VERBOSE") != NULL) {
		va_list aq;

		va_copy(aq, ap);
		vfprintf(stderr, fmt, aq);
		va_end(aq);
	}
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		log_len += (size_t)n < sizeof(log_buf) - log_len ? (size_t)n :
		    sizeof(log_buf) - 1 - log_len;
	return n;
}

/* Whether [OFF, OFF+SIZE) overlaps [FROM, TO). */
static int
overlaps(uint64_t off, uint64_t size, uint64_t from, uint64_t to)
{
	return off < to && from < off + size;
}

/* A held buffer for SIZE bytes at LOFFSET, after the checks a real
 * cache would make (or hang on): NULL on a request past the end. */
static struct buf *
hold(struct cdev *dev, uint64_t loffset, size_t size)
{
	struct buf *bp;

	if (size == 0 || size > 4096 || loffset % size != 0 ||
	    loffset + size > dev->hd_size)
		return NULL;
	for (bp = dev->hd_held; bp != NULL; bp = bp->b_held_next)
		if (overlaps(loffset, (uint64_t)size, bp->b_loffset,
		    bp->b_loffset + (uint64_t)bp->b_bcount))
			violation(dev, "bytes %llu+%zu requested while held "
			    "(a real cache would wait forever)",
			    (unsigned long long)loffset, size);
	bp = calloc(1, sizeof(*bp));
	if (bp == NULL || (bp->b_data = malloc(size)) == NULL) {
		free(bp);
		return NULL;
	}
	bp->b_bcount = size;
	bp->b_loffset = loffset;
	bp->b_dev = dev;
	bp->b_held_next = dev->hd_held;
	dev->hd_held = bp;
	dev->hd_nheld++;
	return bp;
}

/* Take BP off its device's held list and free it. */
static void
unhold(struct buf *bp)
{
	struct cdev *dev = bp->b_dev;
	struct buf **pp;

	for (pp = &dev->hd_held; *pp != NULL; pp = &(*pp)->b_held_next)
		if (*pp == bp) {
			*pp = bp->b_held_next;
			dev->hd_nheld--;
			free(bp->b_data);
			free(bp);
			return;
		}
	violation(dev, "a buffer released that was not held");
}

int
bread(struct cdev *dev, uint64_t loffset, size_t size, struct buf **bpp)
{
	struct buf *bp;

	*bpp = NULL;
	if (overlaps(loffset, size, dev->hd_fail_from[0], dev->hd_fail_to[0]))
		return -EIO;
	if ((bp = hold(dev, loffset, size)) == NULL)
		return -EIO;
	memcpy(bp->b_data, dev->hd_data + loffset, size);
	*bpp = bp;
	return 0;
}

struct buf *
getblk(struct cdev *dev, uint64_t loffset, size_t size)
{
	struct buf *bp = hold(dev, loffset, size);

	if (bp != NULL)		/* whatever a cache would have: not zeros */
		memset(bp->b_data, 0xA5, size);
	return bp;
}

void
brelse(struct buf *bp)
{
	unhold(bp);
}

/* Copy BP to the disk unless writes there fail: 0 or -EIO. */
static int
write_out(struct buf *bp)
{
	struct cdev *dev = bp->b_dev;

	dev->hd_writes++;
	if (overlaps(bp->b_loffset, bp->b_bcount, dev->hd_fail_from[1],
	    dev->hd_fail_to[1]))
		return -EIO;
	memcpy(dev->hd_data + bp->b_loffset, bp->b_data, bp->b_bcount);
	return 0;
}

int
bwrite(struct buf *bp)
{
	int error = write_out(bp);

	unhold(bp);
	return error;
}

void
bdwrite(struct buf *bp)
{
	if (write_out(bp) != 0)
		bp->b_dev->hd_write_error = -EIO;
	unhold(bp);
}

void
bawrite(struct buf *bp)
{
	bdwrite(bp);
}

int
bsync(struct cdev *dev)
{
	int error = dev->hd_write_error;

	dev->hd_write_error = 0;
	return error;
}

int
binval(struct cdev *dev)
{
	if (dev->hd_nheld != 0)
		violation(dev, "binval with %d buffers held", dev->hd_nheld);
	return 0;	/* nothing is kept dirty here: none dropped */
}
