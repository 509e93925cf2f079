/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers of the ext2 host tests (tests/unit/test_ext2_*.c): a disk
 * made from one of the images of tests/unit/ext2/mkimages, mounted;
 * paths resolved; the image saved and handed to e2fsck and debugfs,
 * the independent implementation that says whether Naiad wrote a
 * correct filesystem.
 */
#ifndef NAIAD_TESTS_UNIT_EXT2_EXT2TEST_H
#define NAIAD_TESTS_UNIT_EXT2_EXT2TEST_H

#include <stddef.h>
#include <stdint.h>

#include "vfs/ext2/ext2.h"

/* Where mkimages put the images and the tree they hold. */
#define ET_DIR		"build/ext2"
#define ET_TREE		ET_DIR "/tree"
/* Where the tests save the images they wrote. */
#define ET_TMP		"build/unit/ext2-tmp"

/* One test's disk and filesystem. */
struct etest {
	struct cdev	*dev;
	struct ext2_fs	fs;
	int		mounted;
	char		img[256];	/* where it was (or will be) saved */
};

/* The stamp of every time the tests write: a fixed second. */
#define ET_NOW		1700000000u
uint32_t et_clock(void);

/* Load build/ext2/NAME.img into T's disk: 0, -1 (and a message). */
int et_load(struct etest *t, const char *name);
/* Copy build/ext2/NAME.img to the file PATH: 0, -1 (and a message). */
int et_copy(const char *name, const char *path);
/* Mount T's disk with FLAGS: ext2_mount's result. */
int et_mount(struct etest *t, int flags);
/* et_load and et_mount; a test fails unless both succeed.  0 or -1. */
int et_open(struct etest *t, const char *name, int flags);
/* Unmount (if mounted), check that no buffer is held and the double saw
 * no misuse, save the image as ET_TMP/TAG.img, run e2fsck -fn on it:
 * its exit status (0: clean; the log is printed otherwise), or -1. */
int et_fsck(struct etest *t, const char *tag);
/* Free T's disk (after et_fsck, or for a test that does not write). */
void et_close(struct etest *t);

/* The inode of PATH ("/a/b"), symbolic links not followed: 0 or the
 * error of the lookup that failed. */
int et_resolve(struct ext2_fs *fs, const char *path, uint32_t *inop);
/* The parent directory of PATH and its last component (in *NAMEP). */
int et_parent(struct ext2_fs *fs, const char *path, uint32_t *dirp,
    const char **namep);

/* Read all of inode INO (at most MAX bytes) into a malloc'd buffer:
 * its size in *LENP.  0 or an error. */
int et_read_all(struct ext2_fs *fs, uint32_t ino, unsigned char **bufp,
    size_t *lenp, size_t max);
/* The host file PATH, whole, into a malloc'd buffer: 0 or -1. */
int et_host_file(const char *path, unsigned char **bufp, size_t *lenp);
/* What "debugfs -R 'cat PATH' IMG" prints, into a malloc'd buffer (its
 * length in *LENP): 0, or -1 if debugfs could not run. */
int et_debugfs_cat(const char *img, const char *path, unsigned char **bufp,
    size_t *lenp);
/* Run "debugfs -w -R 'CMD' IMG" (to damage an image): 0 or -1. */
int et_debugfs_write(const char *img, const char *cmd);
/* Run "debugfs -R 'CMD' IMG" and return its first number after WHAT
 * (e.g. "bmap /x 0" -> the block): 0 or -1. */
int et_debugfs_number(const char *img, const char *cmd, const char *what,
    uint64_t *valuep);
/* Run the shell command CMD and return the first number after WHAT in
 * what it prints: 0 or -1. */
int et_command_number(const char *cmd, const char *what, uint64_t *valuep);

/* A pseudo-random number for tests (xorshift32, from SEED). */
uint32_t et_random(uint32_t *seed);

#endif /* !NAIAD_TESTS_UNIT_EXT2_EXT2TEST_H */
