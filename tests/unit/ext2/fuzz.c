/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ext2 image fuzzer (fuzz.h).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ext2/fuzz.h"
#include "host/ext2/hostdisk.h"
#include "vfs/ext2/ext2.h"

#define RUN_SECONDS	20	/* a run's time limit */
#define MAX_DEPTH	6	/* how deep the walk goes */
#define MAX_ENTRIES	2000	/* entries read in a run, at most */
#define BATCH		25	/* runs per child process */

/* What one run reports to the parent. */
struct run_result {
	int		mounted;
	unsigned long	ops, failed;
	int		misuse;
};

/* xorshift32. */
static uint32_t
next(uint32_t *s)
{
	uint32_t x = *s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *s = x;
}

/* Where the pristine image keeps what is worth damaging: its
 * superblock and descriptors, each group's bitmaps and inode table,
 * and the blocks after group 0's table (directories, small files,
 * indirect blocks). */
struct layout {
	uint32_t	bsize, ngroups;
	uint32_t	bb[16], ib[16], it[16], itb;
};

/* Read IMG's layout (the pristine image, trusted) into *L. */
static void
layout(const unsigned char *img, size_t size, struct layout *l)
{
	const struct ext2_super *sb = (const void *)(img + 1024);
	const struct ext2_gd *gd;
	uint32_t g;

	memset(l, 0, sizeof(*l));
	if (size < 4096 || sb->s_magic != EXT2_MAGIC || sb->s_blocks_per_group
	    == 0 || sb->s_log_block_size > 2)
		return;
	l->bsize = 1024u << sb->s_log_block_size;
	l->ngroups = (sb->s_blocks_count - sb->s_first_data_block +
	    sb->s_blocks_per_group - 1) / sb->s_blocks_per_group;
	if (l->ngroups > 16)
		l->ngroups = 16;
	l->itb = sb->s_inodes_per_group * (sb->s_rev_level ?
	    sb->s_inode_size : 128u) / l->bsize;
	gd = (const void *)(img + (sb->s_first_data_block + 1) * l->bsize);
	for (g = 0; g < l->ngroups; g++) {
		l->bb[g] = gd[g].bg_block_bitmap;
		l->ib[g] = gd[g].bg_inode_bitmap;
		l->it[g] = gd[g].bg_inode_table;
	}
}

/* A byte of IMG worth damaging. */
static size_t
target(const struct layout *l, size_t size, uint32_t *rng)
{
	uint32_t r = next(rng) % 100, g;
	uint64_t at;

	if (l->bsize == 0 || r < 20)
		return 1024 + next(rng) % 1024;		/* superblock */
	g = next(rng) % l->ngroups;
	if (r < 30)					/* descriptors */
		at = (uint64_t)(l->bsize == 1024 ? 2 : 1) * l->bsize +
		    next(rng) % (32 * l->ngroups);
	else if (r < 60)				/* inode tables */
		at = (uint64_t)l->it[g] * l->bsize + next(rng) %
		    (l->itb * l->bsize);
	else if (r < 75)				/* bitmaps */
		at = (uint64_t)(r & 1 ? l->bb[g] : l->ib[g]) * l->bsize +
		    next(rng) % 64;
	else						/* group 0's data */
		at = ((uint64_t)l->it[0] + l->itb) * l->bsize +
		    next(rng) % (64 * l->bsize);
	return at < size ? (size_t)at : next(rng) % size;
}

/* Damage 1 to 8 bytes of IMG (SIZE bytes) laid out as L. */
static void
mutate(unsigned char *img, size_t size, const struct layout *l,
    uint32_t *rng)
{
	unsigned k, n = 1 + next(rng) % 8;
	size_t at;

	for (k = 0; k < n; k++) {
		at = target(l, size, rng);
		switch (next(rng) % 4) {
		case 0: img[at] = (unsigned char)next(rng); break;
		case 1: img[at] ^= (unsigned char)(1u << (next(rng) % 8)); break;
		case 2: img[at] = 0; break;
		default: img[at] = 0xFF; break;
		}
	}
}

/* Count an operation and whether it failed. */
static void
op(struct run_result *r, int error)
{
	r->ops++;
	if (error < 0)
		r->failed++;
}

static unsigned char scratch[65536];

/* Walk directory DIR: every entry, every file's first bytes and a few
 * at a random place, every link, every directory below (to MAX_DEPTH).
 * *FILE and *SUB remember a regular file and a directory found. */
static void
walk(struct ext2_fs *fs, uint32_t dir, int depth, struct run_result *r,
    unsigned *entries, uint32_t *rng, uint32_t *file, uint32_t *sub)
{
	struct ext2_dent d;
	struct ext2_attr a;
	uint64_t cookie = 0;
	size_t done;
	int e = 0;

	while (*entries < MAX_ENTRIES &&
	    (e = ext2_readdir(fs, dir, &cookie, &d)) == 1) {
		++*entries;
		if (d.d_name[0] == '.' && (d.d_namlen == 1 ||
		    (d.d_namlen == 2 && d.d_name[1] == '.')))
			continue;
		op(r, e = ext2_getattr(fs, d.d_ino, &a));
		if (e != 0)
			continue;
		if (EXT2_S_ISDIR(a.a_mode)) {
			*sub = d.d_ino;
			if (depth < MAX_DEPTH)
				walk(fs, d.d_ino, depth + 1, r, entries, rng,
				    file, sub);
		} else if (EXT2_S_ISREG(a.a_mode)) {
			*file = d.d_ino;
			op(r, ext2_read(fs, d.d_ino, 0, scratch,
			    sizeof(scratch), &done));
			if (a.a_size > 0)
				op(r, ext2_read(fs, d.d_ino, next(rng) %
				    a.a_size, scratch, 4096, &done));
		} else if (EXT2_S_ISLNK(a.a_mode)) {
			op(r, ext2_readlink(fs, d.d_ino, (char *)scratch,
			    sizeof(scratch), &done));
		}
	}
	if (e < 0)
		op(r, e);
}

/* Change the mounted image: new files and directories, and the file and
 * directory the walk found. */
static void
change(struct ext2_fs *fs, struct run_result *r, uint32_t file, uint32_t sub)
{
	uint32_t f, d, g, s, gone;
	size_t done;
	int e;

	memset(scratch, 'z', sizeof(scratch));
	op(r, e = ext2_create(fs, EXT2_ROOT_INO, "fz-new", 6, 0644, &f));
	if (e == 0) {
		op(r, ext2_write(fs, f, 0, scratch, 3000, &done));
		op(r, ext2_write(fs, f, 70000, scratch, 1000, &done));
		op(r, ext2_truncate(fs, f, 500));
	}
	op(r, e = ext2_mkdir(fs, EXT2_ROOT_INO, "fz-dir", 6, 0755, &d));
	if (e == 0) {
		op(r, ext2_create(fs, d, "inner", 5, 0644, &g));
		op(r, ext2_rename(fs, EXT2_ROOT_INO, "fz-new", 6, d, "moved",
		    5, &gone));
		op(r, ext2_symlink(fs, d, "sl", 2, "moved", 5, &s));
		op(r, ext2_link(fs, EXT2_ROOT_INO, "fz-link", 7, g));
		op(r, ext2_rmdir(fs, EXT2_ROOT_INO, "fz-dir", 6, &gone));
		op(r, ext2_unlink(fs, EXT2_ROOT_INO, "fz-link", 7, &gone));
		op(r, ext2_unlink(fs, d, "inner", 5, &gone));
		op(r, ext2_inactive(fs, gone));
	}
	if (file != 0) {
		op(r, ext2_write(fs, file, 100, scratch, 100, &done));
		op(r, ext2_truncate(fs, file, 10));
	}
	if (sub != 0) {
		op(r, e = ext2_create(fs, sub, "fz-in-sub", 9, 0644, &g));
		if (e == 0)
			op(r, ext2_rename(fs, sub, "fz-in-sub", 9,
			    EXT2_ROOT_INO, "fz-back", 7, &gone));
	}
	op(r, ext2_sync(fs));
}

/* One run, in the child: damage, mount, walk, change, unmount. */
static void
one_run(const unsigned char *image, size_t size, const struct layout *l,
    uint32_t rng, struct run_result *r)
{
	struct cdev *dev = hostdisk_mem(image, size);
	struct ext2_fs fs;
	uint32_t file = 0, sub = 0;
	unsigned entries = 0;

	memset(r, 0, sizeof(*r));
	if (dev == NULL)
		return;
	mutate(hostdisk_bytes(dev), size, l, &rng);
	if (ext2_mount(&fs, dev, size, 0, NULL) == 0) {
		r->mounted = 1;
		walk(&fs, EXT2_ROOT_INO, 0, r, &entries, &rng, &file, &sub);
		change(&fs, r, file, sub);
		op(r, ext2_unmount(&fs));
	}
	r->misuse = hostdisk_held(dev) != 0 || hostdisk_violations(dev) != 0;
	hostdisk_free(dev);
}

/* Runs [FIRST, END) in one child, each run's result written to FD as it
 * ends (a run that kills the child writes nothing). */
static void
child(const unsigned char *image, size_t size, uint32_t seed, unsigned first,
    unsigned end, int fd)
{
	struct run_result r;
	struct layout l;
	unsigned i;

	layout(image, size, &l);
	for (i = first; i < end; i++) {
		alarm(RUN_SECONDS);
		one_run(image, size, &l, seed * 1000003u + i + 1, &r);
		if (write(fd, &r, sizeof(r)) != sizeof(r))
			_exit(2);
	}
	_exit(0);
}

/* Count run I's result R in REP. */
static void
count(struct ext2fuzz_report *rep, const struct run_result *r)
{
	rep->runs++;
	rep->mounted += r->mounted != 0;
	rep->refused += r->mounted == 0;
	rep->ops += r->ops;
	rep->ops_failed += r->failed;
	rep->misuses += r->misuse != 0;
}

/* Run I went wrong: count it in REP (HOW: 1 crash, 2 hang, 3 misuse). */
static void
bad_run(struct ext2fuzz_report *rep, unsigned i, int how, uint32_t seed,
    int verbose)
{
	if (how == 1)
		rep->crashes++;
	else if (how == 2)
		rep->hangs++;
	if (how != 3)
		rep->runs++;
	if (rep->first_bad == ~0u)
		rep->first_bad = i;
	if (verbose)
		printf("ext2fuzz: run %u (seed %u) %s: replay it with "
		    "build/unit/ext2fuzz IMAGE %u 1 %u\n", i, seed,
		    how == 1 ? "crashed" : how == 2 ? "hung" :
		    "misused the buffer cache", seed, i);
}

void
ext2fuzz_run(const unsigned char *image, size_t size, uint32_t seed,
    unsigned first, unsigned count_, int verbose,
    struct ext2fuzz_report *rep)
{
	struct run_result r;
	unsigned i = first, end = first + count_;
	int fds[2], status;
	pid_t pid;

	memset(rep, 0, sizeof(*rep));
	rep->first_bad = ~0u;
	while (i < end) {
		fflush(stdout);
		if (pipe(fds) != 0 || (pid = fork()) < 0) {
			perror("ext2fuzz");
			return;
		}
		if (pid == 0) {
			close(fds[0]);
			child(image, size, seed, i, i + BATCH < end ? i + BATCH :
			    end, fds[1]);
		}
		close(fds[1]);
		while (read(fds[0], &r, sizeof(r)) == sizeof(r)) {
			count(rep, &r);
			if (r.misuse)
				bad_run(rep, i, 3, seed, verbose);
			i++;
		}
		close(fds[0]);
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			bad_run(rep, i, WIFSIGNALED(status) &&
			    WTERMSIG(status) == SIGALRM ? 2 : 1, seed, verbose);
			i++;
		}
	}
}
