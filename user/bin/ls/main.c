/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ls [-l] [FILE...] (book/53-utilities.nw): list files and directories.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ls.h"

#define LS_PATH_MAX	1024	/* the longest path ls builds */

static int long_format;		/* -l */
static int status;		/* the exit status so far */

/* Say that PATH could not be used, and remember it for the status. */
static void
complain(const char *path)
{
	fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
	status = 1;
}

/* Print NAME, the file at PATH, whose attributes are ST. */
static void
show(const char *path, const char *name, const struct stat *st)
{
	char mode[11], target[LS_PATH_MAX];
	long n;

	if (!long_format) {
		printf("%s\n", name);
		return;
	}
	ls_mode_string(st->st_mode, mode);
	printf("%s %3u %8ld %s", mode, (unsigned)st->st_nlink,
	    (long)st->st_size, name);
	if (S_ISLNK(st->st_mode) &&
	    (n = readlink(path, target, sizeof(target) - 1)) >= 0) {
		target[n] = '\0';
		printf(" -> %s", target);
	}
	printf("\n");
}

/* DIR/NAME into BUF (LS_PATH_MAX bytes); 0, or -1 if too long. */
static int
join(char *buf, const char *dir, const char *name)
{
	size_t n = strlen(dir);
	int r;

	r = snprintf(buf, LS_PATH_MAX, "%s%s%s", dir,
	    n > 0 && dir[n - 1] == '/' ? "" : "/", name);
	return r < 0 || r >= LS_PATH_MAX ? -1 : 0;
}

/* Sort the N names of V, by strcmp (an insertion sort: directories
 * are small). */
static void
sort_names(char **v, int n)
{
	char *x;
	int i, j;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && strcmp(v[j - 1], x) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* List the entries of directory PATH, sorted, without those starting
 * with a dot. */
static void
list_dir(const char *path)
{
	char **names = NULL, **more, full[LS_PATH_MAX];
	int n = 0, room = 0, i;
	struct dirent *d;
	struct stat st;
	DIR *dir;

	if ((dir = opendir(path)) == NULL) {
		complain(path);
		return;
	}
	errno = 0;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		if (n == room) {
			room = room == 0 ? 32 : 2 * room;
			if ((more = realloc(names, room * sizeof(*names))) ==
			    NULL)
				break;
			names = more;
		}
		if ((names[n] = strdup(d->d_name)) == NULL)
			break;
		n++;
	}
	if (errno != 0)
		complain(path);
	closedir(dir);
	sort_names(names, n);
	for (i = 0; i < n; i++) {
		if (long_format && join(full, path, names[i]) != 0) {
			errno = ENAMETOOLONG;
			complain(names[i]);
		} else if (long_format && lstat(full, &st) != 0) {
			complain(full);
		} else {
			show(full, names[i], &st);
		}
		free(names[i]);
	}
	free(names);
}

/* The attributes of operand PATH into ST, as ls uses them: 0, or -1
 * (said). */
static int
look(const char *path, struct stat *st)
{
	if (!long_format && stat(path, st) == 0)
		return 0;
	if (lstat(path, st) == 0)
		return 0;		/* -l, or a link that leads nowhere */
	complain(path);
	return -1;
}

/* ls [-l] [FILE...] */
int
main(int argc, char **argv)
{
	struct stat st;
	int c, i, shown = 0;

	while ((c = getopt(argc, argv, "l")) != -1) {
		if (c != 'l') {
			fprintf(stderr, "usage: ls [-l] [file ...]\n");
			return 2;
		}
		long_format = 1;
	}
	if (optind == argc) {
		list_dir(".");
		return status;
	}
	for (i = optind; i < argc; i++)		/* the files first */
		if (look(argv[i], &st) == 0 && !S_ISDIR(st.st_mode)) {
			show(argv[i], argv[i], &st);
			shown++;
		}
	for (i = optind; i < argc; i++) {	/* then the directories */
		if (stat(argv[i], &st) != 0 || !S_ISDIR(st.st_mode) ||
		    (long_format && lstat(argv[i], &st) == 0 &&
		    S_ISLNK(st.st_mode)))
			continue;
		if (argc - optind > 1)
			printf("%s%s:\n", shown++ > 0 ? "\n" : "", argv[i]);
		list_dir(argv[i]);
	}
	return status;
}
