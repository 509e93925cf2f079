/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ISO 9660 and Rock Ridge on the disk (book/52-cd9660.nw): volume
 * descriptors, directory records, names, links, file bytes.  No
 * hardware and no VFS: the host tests compile it as it is.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/buf.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "vfs/cd9660/iso9660.h"

/* The little-endian 32-bit number at P (any alignment). */
static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* The big-endian 32-bit number at P. */
static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[0] << 24;
}

/* The 32-bit both-endian number at P into *V: 0, or -EIO if its two
 * halves disagree (a damaged record). */
static int
both32(const uint8_t *p, uint32_t *v)
{
	*v = le32(p);
	return be32(p + 4) == *v ? 0 : -EIO;
}
/* The seven-byte date at D in seconds since 1970, or 0 if impossible. */
static int32_t
iso_date(const uint8_t *d)
{
	static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212,
	    243, 273, 304, 334 };
	int y = 1900 + d[0], m = d[1], day = d[2];
	int32_t days;

	if (y < 1970 || y > 2037 || m < 1 || m > 12 || day < 1 || day > 31 ||
	    d[3] > 23 || d[4] > 59 || d[5] > 60)
		return 0;
	days = (y - 1970) * 365 + (y - 1969) / 4 + before[m - 1] + day - 1;
	if (m > 2 && y % 4 == 0)		/* 2000 was a leap year too */
		days++;
	return days * 86400 + d[3] * 3600 + d[4] * 60 + d[5] -
	    (int8_t)d[6] * 15 * 60;
}
/* Put the name of identifier ID (IDLEN bytes) into IE: 0 or -EIO. */
static int
iso_name(struct iso_entry *ie, const uint8_t *id, size_t idlen,
    uint32_t addr)
{
	size_t i, n;

	if (idlen == 1 && (id[0] == 0 || id[0] == 1)) {
		ie->ie_kind = id[0] == 0 ? ISO_DOT : ISO_DOTDOT;
		n = id[0] == 0 ? 1 : 2;
		kmemcpy(ie->ie_name, "..", n);
		ie->ie_name[n] = '\0';
		ie->ie_namelen = n;
		return 0;
	}
	ie->ie_kind = ISO_NAME;
	for (n = 0; n < idlen && id[n] != ';'; n++)
		;
	if (n > 1 && id[n - 1] == '.')
		n--;
	for (i = 0; i < n; i++) {
		if (id[i] == '/' || id[i] == '\0')
			break;
		ie->ie_name[i] = id[i] >= 'A' && id[i] <= 'Z' ?
		    (char)(id[i] - 'A' + 'a') : (char)id[i];
	}
	if (i < n || n == 0 || (n == 1 && id[0] == '.') ||
	    (n == 2 && id[0] == '.' && id[1] == '.')) {
		kprintf("cd9660: record at byte %u: a name that cannot be\n",
		    addr);
		return -EIO;
	}
	ie->ie_name[n] = '\0';
	ie->ie_namelen = n;
	return 0;
}
/* The system use area of record REC (LEN bytes) of IV: [*P, *END). */
static void
iso_su_area(const struct iso_volume *iv, const uint8_t *rec, size_t len,
    const uint8_t **p, const uint8_t **end)
{
	size_t start = 33 + rec[32] + (rec[32] % 2 == 0 ? 1 : 0) +
	    iv->iv_rr_skip;

	*end = rec + len;
	*p = start < len ? rec + start : *end;
}

/* The next entry at *P before END: 1 and *E (P moves past it), 0 at
 * the end, -EIO if it does not fit. */
static int
iso_su_next(const uint8_t **p, const uint8_t *end, const uint8_t **e)
{
	const uint8_t *q = *p;

	if (end - q < 4)
		return 0;		/* padding: fewer bytes than a head */
	if (q[2] < 4 || q[2] > end - q)
		return -EIO;
	if (q[0] == 'S' && q[1] == 'T')
		return 0;
	*e = q;
	*p = q + q[2];
	return 1;
}
#define ISO_CE_MAX	8	/* continuation areas followed per record */

/* Call FN(E, ARG) on each entry of record REC (LEN bytes, at byte ADDR)
 * and of its continuations: 0, -EIO, or FN's error. */
static int
iso_su_walk(const struct iso_volume *iv, const uint8_t *rec, size_t len,
    uint32_t addr, int (*fn)(const uint8_t *e, void *arg), void *arg)
{
	uint32_t blk = 0, off = 0, n = 0, hops = 0;
	const uint8_t *p, *end, *e;
	struct buf *bp = NULL;
	int r, ce;

	iso_su_area(iv, rec, len, &p, &end);
	for (;;) {
		ce = 0;
		while ((r = iso_su_next(&p, end, &e)) == 1) {
			if (e[0] == 'C' && e[1] == 'E' && e[2] >= 28) {
				if (both32(e + 4, &blk) != 0 || both32(e + 12,
				    &off) != 0 || both32(e + 20, &n) != 0)
					break;
				ce = 1;
			} else if ((r = fn(e, arg)) != 0)
				break;
		}
		if (bp != NULL)
			brelse(bp);
		bp = NULL;
		if (r != 0 || !ce)
			return r < 0 ? r : r == 1 ? -EIO : 0;
		if (++hops > ISO_CE_MAX || blk == addr / ISO_BLOCK ||
		    blk >= iv->iv_blocks || off >= ISO_BLOCK || n > ISO_BLOCK - off) {
			kprintf("cd9660: record at byte %u: a bad continuation area "
			    "(block %u, %u+%u bytes, #%u)\n", addr, blk, off, n, hops);
			return -EIO;
		}
		if ((r = bread(iv->iv_dev, (uint64_t)blk * ISO_BLOCK, ISO_BLOCK, &bp)) !=
		    0)
			return r;
		p = (const uint8_t *)bp->b_data + off;
		end = p + n;
	}
}
/* What the entries of one record said so far. */
struct iso_rr {
	struct iso_entry *ie;	/* the entry being decoded */
	int		dir;	/* the ISO flags say: a directory */
	size_t		n;	/* bytes of the NM name */
	int		nm;	/* an NM was seen */
	int		more;	/* the last NM said: another follows */
	int		link;	/* an SL was seen */
};

/* iso_su_walk's function for a record's entries (ARG an iso_rr). */
static int
iso_rr_entry(const uint8_t *e, void *arg)
{
	struct iso_rr *rr = arg;
	size_t i;

	if (e[0] == 'N' && e[1] == 'M' && e[2] >= 5 && (e[4] & 6) == 0 &&
	    rr->ie->ie_kind == ISO_NAME) {
		rr->nm = 1;
		rr->more = e[4] & 1;
		for (i = 5; i < e[2]; i++) {
			if (rr->n == ISO_NAME_MAX || e[i] == '/' ||
			    e[i] == '\0')
				return -EIO;
			rr->ie->ie_name[rr->n++] = (char)e[i];
		}
	} else if (e[0] == 'P' && e[1] == 'X' && e[2] >= 36) {
		rr->ie->ie_mode = le32(e + 4) & 07777;
		rr->ie->ie_mode |= rr->dir ? ISO_IFDIR :
		    (le32(e + 4) & ISO_IFMT) == ISO_IFLNK ? ISO_IFLNK :
		    ISO_IFREG;
		rr->ie->ie_nlink = le32(e + 12);
	} else if (e[0] == 'S' && e[1] == 'L' && !rr->dir)
		rr->link = 1;
	return 0;
}

/* Apply the Rock Ridge entries of record REC (LEN bytes) to IE, a
 * directory if DIR: 0, or -EIO. */
static int
iso_rockridge(const struct iso_volume *iv, const uint8_t *rec, size_t len,
    struct iso_entry *ie, int dir)
{
	struct iso_rr rr = { ie, dir, 0, 0, 0, 0 };
	char isoname[ISO_NAME_MAX + 1];
	int error;

	kmemcpy(isoname, ie->ie_name, ie->ie_namelen + 1);
	error = iso_su_walk(iv, rec, len, ie->ie_addr, iso_rr_entry, &rr);
	if (error == 0 && rr.more)
		error = -EIO;		/* "another follows", and none did */
	if (error == 0 && rr.nm) {
		if (rr.n == 0 || (rr.n == 1 && ie->ie_name[0] == '.') ||
		    (rr.n == 2 && ie->ie_name[0] == '.' && ie->ie_name[1] == '.'))
			error = -EIO;
		ie->ie_name[rr.n] = '\0';
		ie->ie_namelen = rr.n;
	}
	if (error != 0) {
		kprintf("cd9660: record at byte %u (%s): bad Rock Ridge "
		    "entries\n", ie->ie_addr, isoname);
		return error;
	}
	if (rr.link)
		ie->ie_mode = (ie->ie_mode & 07777) | ISO_IFLNK;
	return 0;
}
/* Decode and check the record at REC (AVAIL bytes left in its block, at
 * byte ADDR) into IE: 0, -EIO (damaged), -EINVAL (not supported). */
int
iso_record(const struct iso_volume *iv, const uint8_t *rec, size_t avail,
    uint32_t addr, struct iso_entry *ie)
{
	size_t len = avail > 0 ? rec[0] : 0, idlen;
	uint32_t blocks;
	int dir, error;

	if (len < ISO_DIR_MIN || len > avail) {
		kprintf("cd9660: record at byte %u: length %u %s\n", addr,
		    (unsigned)len, len > avail ? "runs past its block" :
		    "is shorter than a record");
		return -EIO;
	}
	idlen = rec[32];
	if (idlen == 0 || 33 + idlen > len) {
		kprintf("cd9660: record at byte %u: identifier of %u bytes "
		    "in a record of %u\n", addr, (unsigned)idlen,
		    (unsigned)len);
		return -EIO;
	}
	if (both32(rec + 2, &ie->ie_extent) != 0 ||
	    both32(rec + 10, &ie->ie_size) != 0) {
		kprintf("cd9660: record at byte %u: its both-endian numbers "
		    "disagree\n", addr);
		return -EIO;
	}
	if ((rec[25] & ISO_FLAG_MULTI) != 0) {
		kprintf("cd9660: record at byte %u: a file in several extents "
		    "(not supported)\n", addr);
		return -EINVAL;
	}
	if (rec[26] != 0 || rec[27] != 0) {
		kprintf("cd9660: record at byte %u: an interleaved file (not "
		    "supported)\n", addr);
		return -EINVAL;
	}
	ie->ie_extent += rec[1];	/* after an extended attribute record */
	blocks = (uint32_t)(((uint64_t)ie->ie_size + ISO_BLOCK - 1) /
	    ISO_BLOCK);
	if ((ie->ie_size > 0 || (rec[25] & ISO_FLAG_DIR) != 0) &&
	    (uint64_t)le32(rec + 2) + rec[1] + blocks > iv->iv_blocks) {
		kprintf("cd9660: record at byte %u: extent %u+%u blocks past "
		    "the volume's end (%u)\n", addr, ie->ie_extent, blocks,
		    iv->iv_blocks);
		return -EIO;
	}
	dir = (rec[25] & ISO_FLAG_DIR) != 0;
	ie->ie_addr = addr;
	ie->ie_mtime = iso_date(rec + 18);
	ie->ie_mode = dir ? ISO_IFDIR | 0555 : ISO_IFREG | 0444;
	ie->ie_nlink = dir ? 2 : 1;
	if ((error = iso_name(ie, rec + 33, idlen, addr)) != 0)
		return error;
	if (iv->iv_rr && (error = iso_rockridge(iv, rec, len, ie, dir)) != 0)
		return error;
	return 0;
}
/* The target being built (iso_su_walk's ARG for a link). */
struct iso_sl {
	char	*buf;		/* where */
	size_t	size;		/* its bytes, with the NUL */
	size_t	len;		/* used */
	int	slash;		/* a '/' is due before the next component */
	int	found;		/* an SL was seen */
	int	more;		/* the last SL said: another follows */
};

/* Append the N bytes at S to SL's target: 0, or -ENAMETOOLONG. */
static int
iso_append(struct iso_sl *sl, const void *s, size_t n)
{
	if (sl->len + n + 1 > sl->size)
		return -ENAMETOOLONG;
	kmemcpy(sl->buf + sl->len, s, n);
	sl->len += n;
	sl->buf[sl->len] = '\0';
	return 0;
}

/* iso_su_walk's function for a link: the components of an SL. */
static int
iso_sl_entry(const uint8_t *e, void *arg)
{
	struct iso_sl *sl = arg;
	const uint8_t *c = e + 5, *end = e + e[2];
	int error = 0;

	if (e[0] != 'S' || e[1] != 'L' || e[2] < 5)
		return 0;
	sl->found = 1;
	sl->more = e[4] & 1;
	while (error == 0 && end - c >= 2) {
		if (c[1] > end - c - 2)
			return -EIO;
		if (sl->slash)
			error = iso_append(sl, "/", 1);
		if (error == 0 && (c[0] & 8) != 0)
			error = iso_append(sl, "/", 1);
		else if (error == 0 && (c[0] & 2) != 0)
			error = iso_append(sl, ".", 1);
		else if (error == 0 && (c[0] & 4) != 0)
			error = iso_append(sl, "..", 2);
		else if (error == 0)
			error = iso_append(sl, c + 2, c[1]);
		sl->slash = (c[0] & 9) == 0;	/* not "goes on", not root */
		c += 2 + c[1];
	}
	return error;
}
/* The target of link IE into BUF (SIZE bytes): its length, or -EINVAL,
 * -ENAMETOOLONG, -EIO.  Holds the record's block, then its
 * continuations' one at a time. */
int
iso_readlink(const struct iso_volume *iv, const struct iso_entry *ie,
    char *buf, size_t size)
{
	struct iso_sl sl = { buf, size, 0, 0, 0, 0 };
	uint32_t in = ie->ie_addr % ISO_BLOCK;
	const uint8_t *rec;
	struct buf *bp;
	int error;

	if ((ie->ie_mode & ISO_IFMT) != ISO_IFLNK || size == 0)
		return -EINVAL;
	buf[0] = '\0';
	if ((error = bread(iv->iv_dev, ie->ie_addr - in, ISO_BLOCK, &bp)) !=
	    0)
		return error;
	rec = (const uint8_t *)bp->b_data + in;
	if (rec[0] < ISO_DIR_MIN || rec[0] > ISO_BLOCK - in)
		error = -EIO;		/* it was checked: the disk changed */
	else
		error = iso_su_walk(iv, rec, rec[0], ie->ie_addr,
		    iso_sl_entry, &sl);
	brelse(bp);
	if (error == 0 && (!sl.found || sl.more || sl.len == 0))
		error = -EIO;
	if (error != 0)
		kprintf("cd9660: record at byte %u: a bad link (%d)\n",
		    ie->ie_addr, error);
	return error != 0 ? error : (int)sl.len;
}
/* Check primary descriptor PVD of IV on a device of DEVSIZE bytes. */
static int
iso_primary(struct iso_volume *iv, const uint8_t *pvd, uint64_t devsize)
{
	struct iso_entry root;
	int i, error;

	if (pvd[128] != 0x00 || pvd[129] != 0x08 || pvd[130] != 0x08 ||
	    pvd[131] != 0x00) {
		kprintf("cd9660: logical blocks of %u bytes (only 2048 "
		    "read)\n", (unsigned)(pvd[128] | pvd[129] << 8));
		return -EINVAL;
	}
	if (both32(pvd + 80, &iv->iv_blocks) != 0 || iv->iv_blocks <=
	    ISO_VD_FIRST) {
		kprintf("cd9660: a bad volume size\n");
		return -EINVAL;
	}
	if (iv->iv_blocks > ISO_MAX_BLOCKS) {
		kprintf("cd9660: a volume of %u blocks, over 4 GiB (not "
		    "supported)\n", iv->iv_blocks);
		return -EINVAL;
	}
	if (devsize != 0 && (uint64_t)iv->iv_blocks * ISO_BLOCK > devsize) {
		kprintf("cd9660: the volume has %u blocks, the device %u: "
		    "truncated\n", iv->iv_blocks,
		    (unsigned)(devsize / ISO_BLOCK));
		return -EINVAL;
	}
	kmemcpy(iv->iv_volid, pvd + 40, 32);
	for (i = 32; i > 0 && (iv->iv_volid[i - 1] == ' ' ||
	    iv->iv_volid[i - 1] == '\0'); i--)
		;
	iv->iv_volid[i] = '\0';
	if ((error = iso_record(iv, pvd + 156, 34, ISO_VD_FIRST * ISO_BLOCK +
	    156, &root)) != 0)
		return -EINVAL;
	if ((root.ie_mode & ISO_IFMT) != ISO_IFDIR || root.ie_size == 0) {
		kprintf("cd9660: the root is not a directory\n");
		return -EINVAL;
	}
	iv->iv_root_extent = root.ie_extent;
	iv->iv_root_size = root.ie_size;
	return 0;
}
/* Read IV's root's "." record: Rock Ridge or not.  0, -EINVAL. */
static int
iso_root(struct iso_volume *iv)
{
	const uint8_t *rec, *su;
	struct iso_entry dot;
	struct buf *bp;
	int error;

	if ((error = bread(iv->iv_dev, (uint64_t)iv->iv_root_extent *
	    ISO_BLOCK, ISO_BLOCK, &bp)) != 0)
		return error;
	rec = bp->b_data;
	error = iso_record(iv, rec, ISO_BLOCK, iv->iv_root_extent *
	    ISO_BLOCK, &dot);
	if (error == 0 && (dot.ie_kind != ISO_DOT || dot.ie_extent !=
	    iv->iv_root_extent)) {
		kprintf("cd9660: the root's first record is not itself\n");
		error = -EIO;
	}
	su = rec + 34;			/* "." has a 1-byte identifier */
	if (error == 0 && rec[0] >= 34 + 7 && su[0] == 'S' && su[1] == 'P' &&
	    su[2] >= 7 && su[3] == 1 && su[4] == 0xBE && su[5] == 0xEF) {
		iv->iv_rr = 1;
		iv->iv_rr_skip = su[6];
	}
	brelse(bp);
	return error != 0 ? -EINVAL : 0;
}
/* Read and check the volume on DEV (DEVSIZE bytes, 0 unknown) into IV:
 * 0, or -EINVAL (not a volume Naiad reads), -EIO; a message each time. */
int
iso_mount(struct iso_volume *iv, struct cdev *dev, uint64_t devsize)
{
	uint32_t b, have = 0;	/* the primary's block, once seen */
	int error = 0, type;
	struct buf *bp;

	kmemset(iv, 0, sizeof(*iv));
	iv->iv_dev = dev;
	for (b = ISO_VD_FIRST; b < ISO_VD_FIRST + ISO_VD_MAX; b++) {
		const uint8_t *d;

		if (devsize != 0 && (uint64_t)(b + 1) * ISO_BLOCK > devsize) {
			kprintf("cd9660: the device ends at descriptor %u: truncated\n", b);
			error = -EINVAL;
			break;
		}
		if ((error = bread(dev, (uint64_t)b * ISO_BLOCK, ISO_BLOCK, &bp)) != 0) {
			kprintf("cd9660: cannot read block %u (%d)\n", b, error);
			break;
		}
		d = bp->b_data;
		if (kstrncmp((const char *)d + 1, "CD001", 5) != 0 || d[6] != 1) {
			kprintf("cd9660: block %u is not a volume descriptor (no CD001, "
			    "version 1): not an ISO 9660 volume\n", b);
			brelse(bp);
			error = -EINVAL;
			break;
		}
		type = d[0];		/* the buffer is not ours after brelse */
		if (type == ISO_VD_PRIMARY && !have)
			have = b;		/* read again below: no copy on the stack */
		brelse(bp);
		if (type == ISO_VD_TERM)
			break;
	}
	if (error == 0 && b == ISO_VD_FIRST + ISO_VD_MAX) {
		kprintf("cd9660: no terminator in %d descriptors\n",
		    ISO_VD_MAX);
		error = -EINVAL;
	}
	if (error == 0 && !have) {
		kprintf("cd9660: no primary volume descriptor\n");
		error = -EINVAL;
	}
	if (error == 0 && (error = bread(dev, (uint64_t)have * ISO_BLOCK,
	    ISO_BLOCK, &bp)) == 0) {
		error = iso_primary(iv, bp->b_data, devsize);
		brelse(bp);
	}
	if (error == 0)
		error = iso_root(iv);
	return error;
}
/* The entry at byte *OFFP of DIR into IE, and *OFFP past it: 1, 0 at
 * the end, or -errno.  Always moves forward, so a walk ends. */
int
iso_dir_next(const struct iso_volume *iv, const struct iso_entry *dir,
    uint32_t *offp, struct iso_entry *ie)
{
	uint32_t off, in, len;
	const uint8_t *rec;
	struct buf *bp;
	int error;

	while ((off = *offp) < dir->ie_size) {
		in = off % ISO_BLOCK;
		if ((error = bread(iv->iv_dev, (uint64_t)dir->ie_extent *
		    ISO_BLOCK + off - in, ISO_BLOCK, &bp)) != 0)
			return error;
		rec = (const uint8_t *)bp->b_data + in;
		if (rec[0] == 0) {	/* the rest of the block is padding */
			brelse(bp);
			if (off == 0) {
				kprintf("cd9660: directory at block %u has "
				    "no records\n", dir->ie_extent);
				return -EIO;
			}
			*offp = off - in + ISO_BLOCK;
			continue;
		}
		error = iso_record(iv, rec, ISO_BLOCK - in, dir->ie_extent *
		    ISO_BLOCK + off, ie);
		len = rec[0];	/* read before the buffer goes back */
		brelse(bp);
		if (error != 0)
			return error;
		*offp = off + len;
		return 1;
	}
	return 0;
}
/* Are the N bytes at A and B the same name (IGNORECASE: in ASCII)? */
static int
iso_same(const char *a, const char *b, size_t n, int ignorecase)
{
	size_t i;
	char x, y;

	for (i = 0; i < n; i++) {
		x = a[i];
		y = b[i];
		if (ignorecase && x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (ignorecase && y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

/* The entry NAME (LEN bytes) of DIR into IE: 0, -ENOENT, -ENOTDIR,
 * or -EIO (a damaged directory, a loop of one or two levels). */
int
iso_lookup(const struct iso_volume *iv, const struct iso_entry *dir,
    const char *name, size_t len, struct iso_entry *ie)
{
	uint32_t off = 0, parent = dir->ie_extent;
	int r, dotdot = len == 2 && name[0] == '.' && name[1] == '.';

	if ((dir->ie_mode & ISO_IFMT) != ISO_IFDIR)
		return -ENOTDIR;
	while ((r = iso_dir_next(iv, dir, &off, ie)) == 1) {
		if (ie->ie_addr == dir->ie_extent * ISO_BLOCK && (ie->ie_kind !=
		    ISO_DOT || ie->ie_extent != dir->ie_extent)) {
			kprintf("cd9660: directory at block %u does not begin with "
			    "itself\n", dir->ie_extent);
			return -EIO;
		}
		if (ie->ie_kind == ISO_DOTDOT)
			parent = ie->ie_extent;
		if (dotdot && ie->ie_kind == ISO_DOTDOT)
			return 0;
		if (ie->ie_kind != ISO_NAME || ie->ie_namelen != len ||
		    !iso_same(ie->ie_name, name, len, !iv->iv_rr))
			continue;
		if ((ie->ie_mode & ISO_IFMT) == ISO_IFDIR && (ie->ie_extent ==
		    dir->ie_extent || ie->ie_extent == parent)) {
			kprintf("cd9660: %s at byte %u: a directory loop\n",
			    ie->ie_name, ie->ie_addr);
			return -EIO;
		}
		return 0;
	}
	return r < 0 ? r : -ENOENT;
}
/* Give up to N bytes of IE from OFF to COPY, a block's piece at a time:
 * the bytes given (short only at the end or after a read error), or
 * -errno if none was. */
int
iso_read(const struct iso_volume *iv, const struct iso_entry *ie,
    uint64_t off, size_t n, int (*copy)(const void *src, size_t n,
    void *arg), void *arg)
{
	size_t done = 0, in, piece;
	struct buf *bp;
	int error;

	if ((ie->ie_mode & ISO_IFMT) == ISO_IFDIR)
		return -EISDIR;
	if (off >= ie->ie_size)
		return 0;
	if (n > ie->ie_size - off)
		n = (size_t)(ie->ie_size - off);
	while (done < n) {
		in = (size_t)((off + done) % ISO_BLOCK);
		piece = ISO_BLOCK - in < n - done ? ISO_BLOCK - in : n - done;
		if ((error = bread(iv->iv_dev, (uint64_t)ie->ie_extent *
		    ISO_BLOCK + off + done - in, ISO_BLOCK, &bp)) != 0) {
			kprintf("cd9660: cannot read block %u (%d)\n",
			    (unsigned)(ie->ie_extent + (off + done) /
			    ISO_BLOCK), error);
			return done > 0 ? (int)done : error;
		}
		error = copy((const uint8_t *)bp->b_data + in, piece, arg);
		brelse(bp);
		if (error != 0)
			return error;
		done += piece;
	}
	return (int)done;
}
