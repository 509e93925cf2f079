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

/* Damage a few bytes of IMG (SIZE bytes): mostly the superblock, the
 * descriptor table and the first blocks (bitmaps, inode table, the
 * root's and the small files' blocks). */
static void
mutate(unsigned char *img, size_t size, uint32_t *rng)
{
	unsigned k, n = 1 + next(rng) % 8;
	size_t at, span = size < 131072 ? size : 131072;

	for (k = 0; k < n; k++) {
		uint32_t r = next(rng) % 100;

		if (r < 25)
			at = 1024 + next(rng) % 1024;
		else if (r < 35)
			at = 2048 + next(rng) % 1024;
		else
			at = next(rng) % span;
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
one_run(const unsigned char *image, size_t size, uint32_t rng,
    struct run_result *r)
{
	struct cdev *dev = hostdisk_mem(image, size);
	struct ext2_fs fs;
	uint32_t file = 0, sub = 0;
	unsigned entries = 0;

	memset(r, 0, sizeof(*r));
	if (dev == NULL)
		return;
	mutate(hostdisk_bytes(dev), size, &rng);
	if (ext2_mount(&fs, dev, size, 0, NULL) == 0) {
		r->mounted = 1;
		walk(&fs, EXT2_ROOT_INO, 0, r, &entries, &rng, &file, &sub);
		change(&fs, r, file, sub);
		op(r, ext2_unmount(&fs));
	}
	r->misuse = hostdisk_held(dev) != 0 || hostdisk_violations(dev) != 0;
	hostdisk_free(dev);
}

void
ext2fuzz_run(const unsigned char *image, size_t size, uint32_t seed,
    unsigned first, unsigned count, int verbose,
    struct ext2fuzz_report *rep)
{
	struct run_result r;
	unsigned i;
	int fds[2], status, bad;
	pid_t pid;

	memset(rep, 0, sizeof(*rep));
	rep->first_bad = ~0u;
	for (i = first; i < first + count; i++) {
		fflush(stdout);
		if (pipe(fds) != 0 || (pid = fork()) < 0) {
			perror("ext2fuzz");
			return;
		}
		if (pid == 0) {
			close(fds[0]);
			alarm(RUN_SECONDS);
			one_run(image, size, seed * 1000003u + i + 1, &r);
			_exit(write(fds[1], &r, sizeof(r)) == sizeof(r) ? 0 : 2);
		}
		close(fds[1]);
		bad = read(fds[0], &r, sizeof(r)) != sizeof(r);
		close(fds[0]);
		waitpid(pid, &status, 0);
		rep->runs++;
		if (bad || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
				rep->hangs++;
			else
				rep->crashes++;
		} else {
			rep->mounted += r.mounted != 0;
			rep->refused += r.mounted == 0;
			rep->ops += r.ops;
			rep->ops_failed += r.failed;
			rep->misuses += r.misuse != 0;
			bad = r.misuse != 0;
		}
		if (bad || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			if (rep->first_bad == ~0u)
				rep->first_bad = i;
			if (verbose)
				printf("ext2fuzz: run %u (seed %u) went wrong: "
				    "replay with: build/unit/ext2fuzz IMAGE %u "
				    "1 %u\n", i, seed, seed, i);
		}
	}
}
