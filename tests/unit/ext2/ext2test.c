/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Helpers of the ext2 host tests (ext2test.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "ext2/ext2test.h"
#include "host/ext2/hostdisk.h"
#include "kernel_errno.h"

uint32_t
et_clock(void)
{
	return ET_NOW;
}

int
et_load(struct etest *t, const char *name)
{
	char path[256];

	memset(t, 0, sizeof(*t));
	mkdir("build/unit", 0755);
	mkdir(ET_TMP, 0755);
	snprintf(path, sizeof(path), "%s/%s.img", ET_DIR, name);
	t->dev = hostdisk_load(path);
	if (t->dev == NULL) {
		printf("ext2test: %s is missing: make ext2-images (make unit "
		    "does)\n", path);
		return -1;
	}
	hostdisk_log_clear();
	return 0;
}

int
et_copy(const char *name, const char *path)
{
	char from[256], buf[65536];
	FILE *in, *out;
	size_t n;
	int ok;

	mkdir("build/unit", 0755);
	mkdir(ET_TMP, 0755);
	snprintf(from, sizeof(from), "%s/%s.img", ET_DIR, name);
	if ((in = fopen(from, "rb")) == NULL) {
		printf("ext2test: %s is missing: make ext2-images (make unit "
		    "does)\n", from);
		return -1;
	}
	if ((out = fopen(path, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	ok = 1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		ok &= fwrite(buf, 1, n, out) == n;
	fclose(in);
	ok &= fclose(out) == 0;
	return ok ? 0 : -1;
}

int
et_mount(struct etest *t, int flags)
{
	int error = ext2_mount(&t->fs, t->dev, hostdisk_size(t->dev), flags,
	    et_clock);

	t->mounted = error == 0;
	return error;
}

int
et_open(struct etest *t, const char *name, int flags)
{
	int error;

	if (et_load(t, name) != 0)
		return -1;
	if ((error = et_mount(t, flags)) != 0) {
		printf("ext2test: mounting %s: %d\n%s", name, error,
		    hostdisk_log());
		return -1;
	}
	return 0;
}

/* Run the shell command CMD; its exit status, or -1. */
static int
run(const char *cmd)
{
	int status = system(cmd);

	if (status == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int
et_fsck(struct etest *t, const char *tag)
{
	char cmd[600], log[300];
	int error, status;

	if (t->mounted) {
		if ((error = ext2_unmount(&t->fs)) != 0) {
			printf("ext2test: unmount: %d\n%s", error,
			    hostdisk_log());
			return -1;
		}
		t->mounted = 0;
	}
	if (hostdisk_held(t->dev) != 0 || hostdisk_violations(t->dev) != 0) {
		printf("ext2test: %d buffers still held, %d misuses: %s\n",
		    hostdisk_held(t->dev), hostdisk_violations(t->dev),
		    hostdisk_violation(t->dev));
		return -1;
	}
	mkdir("build/unit", 0755);
	mkdir(ET_TMP, 0755);
	snprintf(t->img, sizeof(t->img), "%s/%s.img", ET_TMP, tag);
	snprintf(log, sizeof(log), "%s/%s.fsck", ET_TMP, tag);
	if (hostdisk_save(t->dev, t->img) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "e2fsck -fn %s >%s 2>&1", t->img, log);
	status = run(cmd);
	if (status != 0) {
		printf("ext2test: e2fsck -fn %s: status %d\n", t->img, status);
		snprintf(cmd, sizeof(cmd), "head -40 %s", log);
		run(cmd);
	}
	return status;
}

void
et_close(struct etest *t)
{
	if (t->mounted)
		ext2_unmount(&t->fs);
	hostdisk_free(t->dev);
	t->dev = NULL;
	t->mounted = 0;
}

int
et_resolve(struct ext2_fs *fs, const char *path, uint32_t *inop)
{
	uint32_t ino = EXT2_ROOT_INO;
	const char *p = path, *end;
	int error;

	while (*p != '\0') {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		error = ext2_lookup(fs, ino, p, (size_t)(end - p), &ino);
		if (error != 0)
			return error;
		p = end;
	}
	*inop = ino;
	return 0;
}

int
et_parent(struct ext2_fs *fs, const char *path, uint32_t *dirp,
    const char **namep)
{
	char dir[512];
	const char *slash = strrchr(path, '/');

	if (slash == NULL || (size_t)(slash - path) >= sizeof(dir))
		return -EINVAL;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	*namep = slash + 1;
	return et_resolve(fs, dir, dirp);
}

int
et_read_all(struct ext2_fs *fs, uint32_t ino, unsigned char **bufp,
    size_t *lenp, size_t max)
{
	struct ext2_attr a;
	size_t done;
	int error;

	*bufp = NULL;
	if ((error = ext2_getattr(fs, ino, &a)) != 0)
		return error;
	if (a.a_size > max)
		return -EFBIG;
	*bufp = malloc(a.a_size + 1);
	if (*bufp == NULL)
		return -ENOMEM;
	error = ext2_read(fs, ino, 0, *bufp, (size_t)a.a_size, &done);
	*lenp = done;
	return error;
}

int
et_host_file(const char *path, unsigned char **bufp, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0, r;

	*bufp = NULL;
	if (f == NULL)
		return -1;
	*bufp = malloc(cap);
	while (*bufp != NULL &&
	    (r = fread(*bufp + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			*bufp = realloc(*bufp, cap *= 2);
	}
	fclose(f);
	*lenp = n;
	return *bufp != NULL ? 0 : -1;
}

int
et_debugfs_cat(const char *img, const char *path, unsigned char **bufp,
    size_t *lenp)
{
	char cmd[700];
	FILE *p;
	size_t cap = 4096, n = 0, r;

	snprintf(cmd, sizeof(cmd), "debugfs -R 'cat %s' %s 2>/dev/null",
	    path, img);
	*bufp = NULL;
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	*bufp = malloc(cap);
	while (*bufp != NULL && (r = fread(*bufp + n, 1, cap - n, p)) > 0) {
		n += r;
		if (n == cap)
			*bufp = realloc(*bufp, cap *= 2);
	}
	*lenp = n;
	return pclose(p) == 0 && *bufp != NULL ? 0 : -1;
}

int
et_debugfs_write(const char *img, const char *cmd)
{
	char line[700];

	snprintf(line, sizeof(line), "debugfs -w -R '%s' %s >/dev/null 2>&1",
	    cmd, img);
	return run(line) == 0 ? 0 : -1;
}

int
et_debugfs_number(const char *img, const char *cmd, const char *what,
    uint64_t *valuep)
{
	char line[700];

	snprintf(line, sizeof(line), "debugfs -R '%s' %s 2>/dev/null", cmd,
	    img);
	return et_command_number(line, what, valuep);
}

int
et_command_number(const char *line, const char *what, uint64_t *valuep)
{
	char out[8192];
	const char *at;
	FILE *p;
	size_t n;

	if ((p = popen(line, "r")) == NULL)
		return -1;
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	at = what[0] != '\0' ? strstr(out, what) : out;
	if (at == NULL)
		return -1;
	at += strlen(what);
	while (*at != '\0' && (*at < '0' || *at > '9'))
		at++;
	if (*at == '\0')
		return -1;
	*valuep = strtoull(at, NULL, 0);
	return 0;
}

uint32_t
et_random(uint32_t *seed)
{
	uint32_t x = *seed ? *seed : 2463534242u;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *seed = x;
}
