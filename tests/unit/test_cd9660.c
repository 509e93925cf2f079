/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * ISO 9660 and Rock Ridge on the host (book/52-cd9660.nw), on images
 * that xorriso (an independent implementation) makes from two trees
 * (tests/unit/cd9660/mkimages): every name, mode, link and byte read
 * through src/vfs/cd9660/cd9660_iso.c is compared with the tree
 * itself.  Then the corruption suite: the image damaged in precise
 * ways is refused at mount (-EINVAL) or the operation that meets the
 * damage fails (-EIO, -EINVAL), each time with a message naming it,
 * with no buffer left held and no misuse of the buffer cache; and a
 * bounded fuzz run that damages random bytes of the directories and
 * walks the whole tree, counting what failed, without a crash.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"
#include "suites.h"
#include "vfs/cd9660/iso9660.h"

#define CD_DIR		"build/cd9660"

/* A volume of image NAME (plain or rr), mounted; its root's entry. */
struct cdt {
	struct cdev		*dev;
	struct iso_volume	iv;
	struct iso_entry	root;
};

/* The root of T's volume: its own "." record.  0 or -errno. */
static int
cd_root(struct cdt *t)
{
	struct iso_entry d = { 0 };
	uint32_t off = 0;
	int r;

	d.ie_extent = t->iv.iv_root_extent;
	d.ie_size = t->iv.iv_root_size;
	d.ie_mode = ISO_IFDIR;
	r = iso_dir_next(&t->iv, &d, &off, &t->root);
	return r == 1 ? 0 : r < 0 ? r : -EIO;
}

/* Load image NAME into T and mount it: 0, or the mount's error. */
static int
cd_open(struct cdt *t, const char *name)
{
	char path[256];
	int r;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), CD_DIR "/%s.iso", name);
	t->dev = hostdisk_load(path);
	if (t->dev == NULL)
		return -ENOENT;
	hostdisk_log_clear();
	r = iso_mount(&t->iv, t->dev, hostdisk_size(t->dev));
	return r == 0 ? cd_root(t) : r;
}

/* Mount T's (damaged) disk again. */
static int
cd_remount(struct cdt *t)
{
	int r;

	hostdisk_log_clear();
	r = iso_mount(&t->iv, t->dev, hostdisk_size(t->dev));
	return r == 0 ? cd_root(t) : r;
}

static void
cd_close(struct cdt *t)
{
	if (t->dev != NULL)
		hostdisk_free(t->dev);
	t->dev = NULL;
}

/* No buffer is held and the cache was used rightly. */
static void
cd_clean(struct cdt *t, int line)
{
	CHECK_MSG(hostdisk_held(t->dev) == 0 && hostdisk_violations(t->dev) ==
	    0, line, "%d buffers held, misuse: %s", hostdisk_held(t->dev),
	    hostdisk_violation(t->dev));
}

/* The entry of PATH ("a/b/c", relative to the root) into *IE. */
static int
cd_path(struct cdt *t, const char *path, struct iso_entry *ie)
{
	char buf[1024], *p, *slash;
	struct iso_entry dir = t->root;
	int r;

	*ie = t->root;
	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf; *p != '\0'; p = slash + 1) {
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash = '\0';
		if ((r = iso_lookup(&t->iv, &dir, p, strlen(p), ie)) != 0)
			return r;
		dir = *ie;
		if (slash == NULL)
			break;
	}
	return 0;
}

/* iso_read's copy into a growing buffer (ARG a char **). */
static int
copy_out(const void *src, size_t n, void *arg)
{
	char **p = arg;

	memcpy(*p, src, n);
	*p += n;
	return 0;
}

/* Read all of IE in pieces of PIECE bytes into a new buffer. */
static char *
cd_slurp(struct cdt *t, const struct iso_entry *ie, size_t piece, int *err)
{
	char *buf = malloc(ie->ie_size + 1), *p = buf;
	uint64_t off = 0;
	int r;

	*err = 0;
	while (off < ie->ie_size) {
		r = iso_read(&t->iv, ie, off, piece, copy_out, &p);
		if (r <= 0) {
			*err = r < 0 ? r : -EIO;	/* short: wrong */
			break;
		}
		off += (uint64_t)r;
		piece = piece * 7 % 3001 + 1;
	}
	return buf;
}

/* The bytes of host file PATH, and their count. */
static char *
host_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	*n = fread(buf, 1, (size_t)len, f);
	fclose(f);
	return buf;
}

/* Compare directory DIR (a path on the volume, "" the root) with host
 * directory HOST, recursively: every name (LOWER: lower-cased), type,
 * size, byte, and with MODES, mode and link target.  Errors counted. */
static int
compare_tree(struct cdt *t, const char *dir, const char *host, int lower,
    int modes)
{
	char hpath[1024], cpath[1024], name[300], target[ISO_LINK_MAX],
	    htarget[ISO_LINK_MAX];
	struct iso_entry ie, d;
	struct dirent *de;
	struct stat st;
	int bad = 0, listed = 0, seen = 0, err, r;
	uint32_t off = 0;
	DIR *hd = opendir(host);
	size_t i, hn;
	char *want, *got;

	if (hd == NULL)
		return 1;
	while ((de = readdir(hd)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") ==
		    0)
			continue;
		seen++;
		snprintf(name, sizeof(name), "%s", de->d_name);
		for (i = 0; lower && name[i] != '\0'; i++)
			if (name[i] >= 'A' && name[i] <= 'Z')
				name[i] = (char)(name[i] - 'A' + 'a');
		snprintf(hpath, sizeof(hpath), "%s/%s", host, de->d_name);
		snprintf(cpath, sizeof(cpath), "%s%s%s", dir, *dir ? "/" : "",
		    name);
		lstat(hpath, &st);
		if ((r = cd_path(t, cpath, &ie)) != 0) {
			CHECK_MSG(0, __LINE__, "%s: %d", cpath, r);
			bad++;
			continue;
		}
		CHECK_MSG(strcmp(ie.ie_name, name) == 0, __LINE__,
		    "%s shown as %s", name, ie.ie_name);
		if (modes)
			CHECK_MSG((ie.ie_mode & 0177777) == (st.st_mode &
			    0177777), __LINE__, "%s: mode 0%o, the tree's 0%o",
			    cpath, ie.ie_mode, st.st_mode);
		if (S_ISDIR(st.st_mode)) {
			CHECK_MSG((ie.ie_mode & ISO_IFMT) == ISO_IFDIR,
			    __LINE__, "%s: not a directory", cpath);
			bad += compare_tree(t, cpath, hpath, lower, modes);
		} else if (S_ISLNK(st.st_mode)) {
			r = iso_readlink(&t->iv, &ie, target, sizeof(target));
			hn = (size_t)readlink(hpath, htarget, sizeof(htarget));
			htarget[hn] = '\0';
			CHECK_MSG(r == (int)hn && strcmp(target, htarget) == 0,
			    __LINE__, "%s -> %s (%d), the tree's -> %s", cpath,
			    target, r, htarget);
		} else {
			want = host_file(hpath, &hn);
			got = cd_slurp(t, &ie, 1 + hn % 777, &err);
			CHECK_MSG(err == 0 && ie.ie_size == hn && memcmp(want,
			    got, hn) == 0, __LINE__, "%s: %u bytes (the tree's "
			    "%zu), error %d, or not the same bytes", cpath,
			    ie.ie_size, hn, err);
			r = iso_read(&t->iv, &ie, hn, 10, copy_out, &got);
			CHECK_MSG(r == 0, __LINE__, "%s: read at its end: %d",
			    cpath, r);
			free(want);
			free(got);
		}
	}
	closedir(hd);
	/* The listing has exactly the tree's names, after . and .. */
	if (cd_path(t, dir, &d) != 0)
		return bad + 1;
	while ((r = iso_dir_next(&t->iv, &d, &off, &ie)) == 1) {
		if (listed == 0)
			CHECK_MSG(ie.ie_kind == ISO_DOT, __LINE__, "%s: "
			    "first is %s", dir, ie.ie_name);
		if (listed == 1)
			CHECK_MSG(ie.ie_kind == ISO_DOTDOT, __LINE__, "%s: "
			    "second is %s", dir, ie.ie_name);
		listed++;
	}
	CHECK_MSG(r == 0 && listed == seen + 2, __LINE__, "%s: %d entries "
	    "(error %d), the tree has %d and . and ..", dir, listed, r, seen);
	return bad;
}

static void
test_cd9660_plain_names_and_bytes(void)
{
	struct iso_entry ie, dir, dd;
	struct cdt t;
	char *got;
	int err;

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "plain"), 0);
	CU_ASSERT_EQUAL(t.iv.iv_rr, 0);
	CU_ASSERT_STRING_EQUAL(t.iv.iv_volid, "PLAIN");
	CU_ASSERT_EQUAL(t.iv.iv_blocks * 2048ull, hostdisk_size(t.dev));
	CU_ASSERT_EQUAL(compare_tree(&t, "", CD_DIR "/plaintree", 1, 0), 0);
	/* README.;1 shows as readme; a lookup ignores case. */
	CU_ASSERT_EQUAL(cd_path(&t, "README", &ie), 0);
	CU_ASSERT_STRING_EQUAL(ie.ie_name, "readme");
	CU_ASSERT_EQUAL(cd_path(&t, "Dir/SUB/deep/File.Txt", &ie), 0);
	got = cd_slurp(&t, &ie, 100, &err);
	CU_ASSERT(err == 0 && ie.ie_size == 5 && memcmp(got, "deep\n", 5) ==
	    0);
	free(got);
	CU_ASSERT_EQUAL(ie.ie_mode, ISO_IFREG | 0444);
	CU_ASSERT(ie.ie_mtime > 1600000000);	/* made today, not 1970 */
	/* MANY spans several blocks. */
	CU_ASSERT_EQUAL(cd_path(&t, "many", &dir), 0);
	CU_ASSERT(dir.ie_size > 2048);
	CU_ASSERT_EQUAL(iso_lookup(&t.iv, &dir, "f119.txt", 8, &ie), 0);
	/* .. of dir/sub is dir; .. of the root is the root. */
	CU_ASSERT_EQUAL(cd_path(&t, "dir", &dir), 0);
	CU_ASSERT_EQUAL(cd_path(&t, "dir/sub/..", &dd), 0);
	CU_ASSERT_EQUAL(dd.ie_extent, dir.ie_extent);
	CU_ASSERT_EQUAL(cd_path(&t, "..", &dd), 0);
	CU_ASSERT_EQUAL(dd.ie_extent, t.root.ie_extent);
	/* Errors. */
	CU_ASSERT_EQUAL(cd_path(&t, "nosuch", &ie), -ENOENT);
	CU_ASSERT_EQUAL(cd_path(&t, "hello.txt/x", &ie), -ENOTDIR);
	CU_ASSERT_EQUAL(cd_path(&t, "hello.tx", &ie), -ENOENT);
	CU_ASSERT_EQUAL(cd_path(&t, "hello.txt", &ie), 0);
	CU_ASSERT_EQUAL(iso_read(&t.iv, &dir, 0, 10, copy_out, &got),
	    -EISDIR);
	CU_ASSERT_EQUAL(iso_readlink(&t.iv, &ie, (char [8]){ 0 }, 8),
	    -EINVAL);
	cd_clean(&t, __LINE__);
	cd_close(&t);
}

static void
test_cd9660_rock_ridge_names_modes_links(void)
{
	struct iso_entry ie;
	struct cdt t;
	char small[20];

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "rr"), 0);
	CU_ASSERT_EQUAL(t.iv.iv_rr, 1);
	CU_ASSERT_STRING_EQUAL(t.iv.iv_volid, "ROCK_RIDGE");
	CU_ASSERT_EQUAL(compare_tree(&t, "", CD_DIR "/rrtree", 0, 1), 0);
	/* With Rock Ridge, names have their case. */
	CU_ASSERT_EQUAL(cd_path(&t, "Hello.txt", &ie), -ENOENT);
	CU_ASSERT_EQUAL(cd_path(&t, "Mixed Case, a Longer Name.txt", &ie), 0);
	CU_ASSERT_EQUAL(cd_path(&t, "script", &ie), 0);
	CU_ASSERT_EQUAL(ie.ie_mode, ISO_IFREG | 0755);
	/* A target longer than the buffer is an error, not a cut. */
	CU_ASSERT_EQUAL(cd_path(&t, "longlink", &ie), 0);
	CU_ASSERT_EQUAL(iso_readlink(&t.iv, &ie, small, sizeof(small)),
	    -ENAMETOOLONG);
	cd_clean(&t, __LINE__);
	cd_close(&t);
}

/* Where the record NAME (its ISO name shown, or Rock Ridge's) of
 * directory PATH of T is, in bytes: found by the code under test, then
 * damaged by hand. */
static uint32_t
rec_at(struct cdt *t, const char *path)
{
	struct iso_entry ie;

	if (cd_path(t, path, &ie) != 0)
		return 0;
	return ie.ie_addr;
}

/* Write the both-endian 32-bit V at P. */
static void
put_both32(unsigned char *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++) {
		p[i] = (unsigned char)(v >> (8 * i));
		p[7 - i] = (unsigned char)(v >> (8 * i));
	}
}

#define EXPECT_FAIL(t, call, error, msg) do {				\
	int r_;								\
									\
	hostdisk_log_clear();						\
	r_ = (call);							\
	CHECK_MSG(r_ == (error), __LINE__, "%s: %d, not %d", #call, r_,	\
	    (error));							\
	CHECK_MSG(strstr(hostdisk_log(), (msg)) != NULL, __LINE__,	\
	    "the message \"%s\" does not say \"%s\"", hostdisk_log(),	\
	    (msg));							\
	cd_clean((t), __LINE__);					\
} while (0)

static void
test_cd9660_bad_volumes_are_refused(void)
{
	unsigned char *b;
	uint32_t blocks, root;
	unsigned char dotlen;
	struct cdt t;
	uint64_t size;

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "plain"), 0);
	b = hostdisk_bytes(t.dev);
	size = hostdisk_size(t.dev);
	blocks = t.iv.iv_blocks;	/* a failed mount forgets them */
	root = t.iv.iv_root_extent;
	/* The magic. */
	b[16 * 2048 + 1] = 'X';
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "no CD001");
	b[16 * 2048 + 1] = 'C';
	CU_ASSERT_EQUAL(cd_remount(&t), 0);
	/* The terminator gone: the next block is no descriptor. */
	CU_ASSERT_EQUAL(b[17 * 2048], 255);
	b[17 * 2048] = 2;
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "not a volume descriptor");
	b[17 * 2048] = 255;
	/* Another block size. */
	b[16 * 2048 + 129] = 0x02;
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "logical blocks of 512");
	b[16 * 2048 + 129] = 0x08;
	/* The volume size's halves disagree. */
	b[16 * 2048 + 80] ^= 1;
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "a bad volume size");
	b[16 * 2048 + 80] ^= 1;
	/* The root is not a directory, or starts past the end. */
	b[16 * 2048 + 156 + 25] &= ~ISO_FLAG_DIR;
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "not a directory");
	b[16 * 2048 + 156 + 25] |= ISO_FLAG_DIR;
	put_both32(b + 16 * 2048 + 156 + 2, blocks);
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "past the volume's end");
	put_both32(b + 16 * 2048 + 156 + 2, root);
	CU_ASSERT_EQUAL(cd_remount(&t), 0);
	/* The root's "." is empty (zero length where it must not be). */
	dotlen = b[root * 2048];
	b[root * 2048] = 0;
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "shorter than a record");
	b[root * 2048] = dotlen;
	CU_ASSERT_EQUAL(cd_remount(&t), 0);
	/* Truncated: the volume is larger than the device, or the device
	 * ends among the descriptors (the double only shrinks: last). */
	hostdisk_truncate(t.dev, size - 2048);
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "truncated");
	hostdisk_truncate(t.dev, 17 * 2048);
	EXPECT_FAIL(&t, cd_remount(&t), -EINVAL, "truncated");
	cd_close(&t);
}

static void
test_cd9660_bad_records_fail(void)
{
	struct iso_entry ie;
	unsigned char *b, *rec;
	uint32_t a, many, off, last = 0;
	struct cdt t;
	char *p;

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "plain"), 0);
	b = hostdisk_bytes(t.dev);
	/* A record running past its block: the last record of MANY's first
	 * block, made 255 bytes long. */
	CU_ASSERT_EQUAL_FATAL(cd_path(&t, "many", &ie), 0);
	many = ie.ie_extent * 2048;
	for (off = 0; off < 2048 && b[many + off] != 0; off += b[many + off])
		last = off;
	CU_ASSERT_FATAL(last + 255 > 2048);
	a = b[many + last];
	b[many + last] = 255;
	EXPECT_FAIL(&t, cd_path(&t, "many/f119.txt", &ie), -EIO,
	    "runs past its block");
	b[many + last] = 10;			/* shorter than a record */
	EXPECT_FAIL(&t, cd_path(&t, "many/f119.txt", &ie), -EIO,
	    "shorter than a record");
	b[many + last] = (unsigned char)a;
	CU_ASSERT_EQUAL(cd_path(&t, "many/f119.txt", &ie), 0);
	/* A directory without its ".": zero where a record must be. */
	b[many] = 0;
	EXPECT_FAIL(&t, cd_path(&t, "many/f000.txt", &ie), -EIO,
	    "has no records");
	b[many] = 34;
	/* The first record is not the directory itself. */
	put_both32(b + many + 2, t.root.ie_extent);
	EXPECT_FAIL(&t, cd_path(&t, "many/f000.txt", &ie), -EIO,
	    "does not begin with itself");
	put_both32(b + many + 2, many / 2048);
	/* An identifier longer than its record. */
	CU_ASSERT_FATAL((a = rec_at(&t, "hello.txt")) != 0);
	rec = b + a;
	rec[32] = 200;
	EXPECT_FAIL(&t, cd_path(&t, "hello.txt", &ie), -EIO, "identifier");
	rec[32] = 11;
	/* An extent past the volume's end. */
	put_both32(rec + 2, t.iv.iv_blocks);
	EXPECT_FAIL(&t, cd_path(&t, "hello.txt", &ie), -EIO,
	    "past the volume's end");
	/* Halves that disagree. */
	rec[10] ^= 1;
	EXPECT_FAIL(&t, cd_path(&t, "hello.txt", &ie), -EIO, "disagree");
	rec[10] ^= 1;
	/* A file in several extents, an interleaved file. */
	CU_ASSERT_FATAL((a = rec_at(&t, "big.bin")) != 0);
	b[a + 25] |= ISO_FLAG_MULTI;
	EXPECT_FAIL(&t, cd_path(&t, "big.bin", &ie), -EINVAL,
	    "several extents");
	b[a + 25] &= ~ISO_FLAG_MULTI;
	b[a + 26] = 1;
	EXPECT_FAIL(&t, cd_path(&t, "big.bin", &ie), -EINVAL, "interleaved");
	b[a + 26] = 0;
	/* A name with a '/' in it. */
	b[a + 33 + 1] = '/';
	EXPECT_FAIL(&t, cd_path(&t, "big.bin", &ie), -EIO,
	    "a name that cannot be");
	b[a + 33 + 1] = 'I';
	/* A read error of the device reaches the reader. */
	CU_ASSERT_EQUAL_FATAL(cd_path(&t, "big.bin", &ie), 0);
	hostdisk_fail(t.dev, ie.ie_extent * 2048ull + 4096,
	    ie.ie_extent * 2048ull + 6144, 0);
	p = malloc(ie.ie_size);
	{
		char *q = p;

		CU_ASSERT_EQUAL(iso_read(&t.iv, &ie, 4096, 100, copy_out, &q),
		    -EIO);
		q = p;
		CU_ASSERT_EQUAL(iso_read(&t.iv, &ie, 0, 8000, copy_out, &q),
		    4096);		/* what was read before the error */
	}
	free(p);
	cd_clean(&t, __LINE__);
	cd_close(&t);
}

static void
test_cd9660_directory_loops_fail(void)
{
	struct iso_entry ie, dir, sub;
	unsigned char *b;
	uint32_t a;
	struct cdt t;

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "plain"), 0);
	b = hostdisk_bytes(t.dev);
	CU_ASSERT_EQUAL_FATAL(cd_path(&t, "dir", &dir), 0);
	CU_ASSERT_EQUAL_FATAL(cd_path(&t, "dir/sub", &sub), 0);
	/* dir/sub names dir itself ... */
	a = sub.ie_addr;
	put_both32(b + a + 2, dir.ie_extent);
	EXPECT_FAIL(&t, cd_path(&t, "dir/sub", &ie), -EIO, "directory loop");
	/* ... or the root, dir's parent. */
	put_both32(b + a + 2, t.root.ie_extent);
	EXPECT_FAIL(&t, cd_path(&t, "dir/sub", &ie), -EIO, "directory loop");
	put_both32(b + a + 2, sub.ie_extent);
	CU_ASSERT_EQUAL(cd_path(&t, "dir/sub/deep/file.txt", &ie), 0);
	cd_clean(&t, __LINE__);
	cd_close(&t);
}

/* The first Rock Ridge entry SIG of the record at byte A, or NULL. */
static unsigned char *
rr_entry(unsigned char *b, uint32_t a, const char *sig)
{
	unsigned char *rec = b + a, *p, *end = rec + rec[0];

	p = rec + 33 + rec[32] + (rec[32] % 2 == 0);
	while (end - p >= 4 && p[2] >= 4) {
		if (p[0] == sig[0] && p[1] == sig[1])
			return p;
		p += p[2];
	}
	return NULL;
}

static void
test_cd9660_bad_rock_ridge_fails(void)
{
	struct iso_entry ie;
	unsigned char *b, *e;
	uint32_t a, blk;
	struct cdt t;
	char target[ISO_LINK_MAX];

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "rr"), 0);
	b = hostdisk_bytes(t.dev);
	/* An NM entry longer than its record. */
	CU_ASSERT_FATAL((a = rec_at(&t, "hello.txt")) != 0);
	CU_ASSERT_FATAL((e = rr_entry(b, a, "NM")) != NULL);
	e[2] = 250;
	EXPECT_FAIL(&t, cd_path(&t, "hello.txt", &ie), -EIO,
	    "bad Rock Ridge entries");
	e[2] = 5 + 9;
	/* An NM that says another follows, and none does. */
	e[4] |= 1;
	EXPECT_FAIL(&t, cd_path(&t, "hello.txt", &ie), -EIO,
	    "bad Rock Ridge entries");
	e[4] &= ~1;
	CU_ASSERT_EQUAL(cd_path(&t, "hello.txt", &ie), 0);
	/* The 200-byte name goes on in a continuation area: point it at the
	 * record's own block, past the volume, then at a chain that loops
	 * (a CE that continues in its own area). */
	memset(target, 'n', 200);
	target[200] = '\0';
	CU_ASSERT_FATAL((a = rec_at(&t, target)) != 0);
	CU_ASSERT_FATAL((e = rr_entry(b, a, "CE")) != NULL);
	blk = e[4] | e[5] << 8 | e[6] << 16 | (uint32_t)e[7] << 24;
	put_both32(e + 4, a / 2048);
	EXPECT_FAIL(&t, cd_path(&t, target, &ie), -EIO,
	    "a bad continuation area");
	put_both32(e + 4, t.iv.iv_blocks);
	EXPECT_FAIL(&t, cd_path(&t, target, &ie), -EIO,
	    "a bad continuation area");
	put_both32(e + 4, blk);
	CU_ASSERT_EQUAL(cd_path(&t, target, &ie), 0);
	{
		/* The continuation area's own CE, if it has none: write one
		 * pointing back at the area. */
		uint32_t off = e[12] | e[13] << 8, len = e[20] | e[21] << 8;
		unsigned char *ca = b + blk * 2048 + off, saved[28];

		put_both32(e + 20, len + 28);
		memcpy(saved, ca + len, 28);
		memcpy(ca + len, e, 28);	/* the same CE, again */
		EXPECT_FAIL(&t, cd_path(&t, target, &ie), -EIO,
		    "bad");
		memcpy(ca + len, saved, 28);
		put_both32(e + 20, len);
	}
	/* A link whose component runs past its entry. */
	CU_ASSERT_FATAL(cd_path(&t, "abslink", &ie) == 0);
	CU_ASSERT_FATAL((e = rr_entry(b, ie.ie_addr, "SL")) != NULL);
	e[5 + 2 + 1] = 200;	/* the second component: "etc" */
	EXPECT_FAIL(&t, iso_readlink(&t.iv, &ie, target, sizeof(target)),
	    -EIO, "a bad link");
	e[5 + 2 + 1] = 3;
	CU_ASSERT_EQUAL(iso_readlink(&t.iv, &ie, target, sizeof(target)), 9);
	CU_ASSERT_STRING_EQUAL(target, "/etc/motd");
	cd_clean(&t, __LINE__);
	cd_close(&t);
}

/* Walk the tree below DIR (DEPTH levels at most), reading what is
 * there; the errors met are counted in *ERRORS, the entries in *SEEN. */
static void
fuzz_walk(struct cdt *t, const struct iso_entry *dir, int depth, int *seen,
    int *errors)
{
	struct iso_entry *ie = malloc(sizeof(*ie)), *child = malloc(
	    sizeof(*child));
	char target[ISO_LINK_MAX], *buf = malloc(4096), *p;
	uint32_t off = 0;
	int r = 0;

	while (*seen < 2000 && (r = iso_dir_next(&t->iv, dir, &off, ie)) ==
	    1) {
		(*seen)++;
		if (ie->ie_kind != ISO_NAME)
			continue;
		if (iso_lookup(&t->iv, dir, ie->ie_name, ie->ie_namelen,
		    child) != 0) {
			(*errors)++;
			continue;
		}
		p = buf;
		if ((child->ie_mode & ISO_IFMT) == ISO_IFDIR) {
			if (depth > 0)
				fuzz_walk(t, child, depth - 1, seen, errors);
		} else if ((child->ie_mode & ISO_IFMT) == ISO_IFLNK)
			*errors += iso_readlink(&t->iv, child, target,
			    sizeof(target)) < 0;
		else
			*errors += iso_read(&t->iv, child, 0, 4096, copy_out,
			    &p) < 0;
	}
	if (r < 0)
		(*errors)++;
	free(ie);
	free(child);
	free(buf);
}

static void
test_cd9660_fuzzed_images_never_crash(void)
{
	int i, k, mounted = 0, refused = 0, seen, errors, failed = 0;
	uint32_t meta;
	unsigned char *b, *orig;
	struct cdt t;
	uint64_t size;

	CU_ASSERT_EQUAL_FATAL(cd_open(&t, "rr"), 0);
	b = hostdisk_bytes(t.dev);
	size = hostdisk_size(t.dev);
	orig = malloc(size);
	memcpy(orig, b, size);
	/* Where to damage: the primary descriptor (a tenth of the time)
	 * or the directories' bytes (their records, Rock Ridge entries and
	 * continuation areas), which xorriso puts together from the root's
	 * extent on, before the path tables' copies and the files. */
	meta = (uint32_t)(size / 2048);
	{
		struct iso_entry ie;
		uint32_t off = 0;

		while (iso_dir_next(&t.iv, &t.root, &off, &ie) == 1)
			if ((ie.ie_mode & ISO_IFMT) == ISO_IFREG &&
			    ie.ie_size > 0 && ie.ie_extent < meta)
				meta = ie.ie_extent;	/* the first file */
	}
	CU_ASSERT_FATAL(meta > t.root.ie_extent);
	srand(1);
	for (i = 0; i < 300; i++) {
		for (k = 0; k < 1 + i % 24; k++)
			b[rand() % 10 == 0 ? 16 * 2048 + (uint32_t)rand() % 2048 :
			    t.root.ie_extent * 2048 + (uint32_t)rand() %
			    ((meta - t.root.ie_extent) * 2048)] =
			    (unsigned char)rand();
		if (cd_remount(&t) != 0) {
			refused++;
		} else {
			mounted++;
			seen = errors = 0;
			fuzz_walk(&t, &t.root, 8, &seen, &errors);
			failed += errors > 0;
		}
		CHECK_MSG(hostdisk_held(t.dev) == 0 &&
		    hostdisk_violations(t.dev) == 0, __LINE__, "image %d: %d "
		    "held, %s", i, hostdisk_held(t.dev),
		    hostdisk_violation(t.dev));
		memcpy(b, orig, size);
	}
	printf("\n    cd9660 fuzz: 300 images, %d refused, %d mounted (%d of "
	    "them with errors met), 0 crashes ", refused, mounted, failed);
	free(orig);
	cd_close(&t);
}

int
add_cd9660_suite(void)
{
	static const struct unit_test tests[] = {
		{ "cd9660_plain_names_and_bytes",
		    test_cd9660_plain_names_and_bytes },
		{ "cd9660_rock_ridge_names_modes_links",
		    test_cd9660_rock_ridge_names_modes_links },
		{ "cd9660_bad_volumes_are_refused",
		    test_cd9660_bad_volumes_are_refused },
		{ "cd9660_bad_records_fail", test_cd9660_bad_records_fail },
		{ "cd9660_directory_loops_fail",
		    test_cd9660_directory_loops_fail },
		{ "cd9660_bad_rock_ridge_fails",
		    test_cd9660_bad_rock_ridge_fails },
		{ "cd9660_fuzzed_images_never_crash",
		    test_cd9660_fuzzed_images_never_crash },
		{ NULL, NULL }
	};

	return add_suite("cd9660", tests);
}
