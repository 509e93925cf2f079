/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * A test double of the block layer for the ext2 host tests: a disk is
 * an image held in memory (loaded from a file, saved back for e2fsck
 * and debugfs), reached through the buffer cache's interface
 * (kern/buf.h here), with no cache at all: bread copies out, a write
 * copies in.  It also watches how it is used: a buffer held twice (a
 * real cache would wait for itself forever), a buffer never released,
 * a request past the end of the disk; and it can make reads or writes
 * of a range fail, as a bad disk would.
 */
#ifndef NAIAD_TESTS_HOST_EXT2_HOSTDISK_H
#define NAIAD_TESTS_HOST_EXT2_HOSTDISK_H

#include <stddef.h>
#include <stdint.h>

struct cdev;

/* A disk holding a copy of the SIZE bytes at DATA; NULL if no memory. */
struct cdev *hostdisk_mem(const void *data, size_t size);
/* A disk holding the image file PATH; NULL (and a message) on failure. */
struct cdev *hostdisk_load(const char *path);
/* Write DEV's image to PATH: 0, or -1 with a message. */
int hostdisk_save(struct cdev *dev, const char *path);
/* Forget DEV. */
void hostdisk_free(struct cdev *dev);

/* DEV's bytes (to damage or compare them) and their count. */
unsigned char *hostdisk_bytes(struct cdev *dev);
uint64_t hostdisk_size(struct cdev *dev);
/* Pretend the disk is only SIZE bytes long (a truncated image). */
void hostdisk_truncate(struct cdev *dev, uint64_t size);

/* Reads (or writes, WRITE) of bytes in [FROM, TO) fail with -EIO. */
void hostdisk_fail(struct cdev *dev, uint64_t from, uint64_t to, int write);

/* Buffers written to DEV so far (bwrite, bdwrite, bawrite). */
unsigned long hostdisk_writes(struct cdev *dev);
/* Buffers of DEV held now. */
int hostdisk_held(struct cdev *dev);
/* Misuses seen (a buffer held twice, released twice, past the end):
 * their count, and the first's description ("" if none). */
int hostdisk_violations(struct cdev *dev);
const char *hostdisk_violation(struct cdev *dev);

/* What the ext2 code printed with kprintf since the last clear. */
const char *hostdisk_log(void);
void hostdisk_log_clear(void);

#endif /* !NAIAD_TESTS_HOST_EXT2_HOSTDISK_H */
