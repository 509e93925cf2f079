/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * mkarchive OUT NAME=FILE...: write a ustar archive OUT holding each
 * FILE under NAME (book/27-exec.nw).  A host program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK		512
#define MAX_FILE	(16u << 20)	/* no program is larger */

/* Split NAME into the header's prefix and name fields; 0 or -1. */
static int
set_name(unsigned char *h, const char *name)
{
	size_t len = strlen(name);
	const char *cut;

	if (len == 0)
		return -1;
	if (len <= 100) {
		memcpy(h, name, len);
		return 0;
	}
	for (cut = name + len - 1; cut > name; cut--)
		if (*cut == '/' && (size_t)(cut - name) <= 155 &&
		    strlen(cut + 1) <= 100 && cut[1] != '\0')
			break;
	if (cut == name)
		return -1;
	memcpy(h + 345, name, (size_t)(cut - name));
	memcpy(h, cut + 1, strlen(cut + 1));
	return 0;
}

/* Fill header H for NAME of SIZE bytes; 0 or -1 (name unusable). */
static int
make_header(unsigned char *h, const char *name, unsigned long size)
{
	unsigned sum = 0;
	int i;

	memset(h, 0, BLOCK);
	if (set_name(h, name) != 0)
		return -1;
	snprintf((char *)h + 100, 8, "%07o", 0755);	/* mode */
	snprintf((char *)h + 108, 8, "%07o", 0);	/* uid */
	snprintf((char *)h + 116, 8, "%07o", 0);	/* gid */
	snprintf((char *)h + 124, 12, "%011lo", size);
	snprintf((char *)h + 136, 12, "%011o", 0);	/* mtime */
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);			/* magic, NUL */
	memcpy(h + 263, "00", 2);			/* version */
	memset(h + 148, ' ', 8);
	for (i = 0; i < BLOCK; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
	return 0;
}

/* Append one NAME=FILE argument to OUT; 0, or -1 with a message. */
static int
add_file(FILE *out, const char *arg)
{
	static unsigned char data[MAX_FILE + BLOCK];
	unsigned char h[BLOCK];
	const char *eq = strchr(arg, '=');
	char name[300];
	size_t n, pad;
	FILE *in;

	if (eq == NULL || eq == arg || (size_t)(eq - arg) >= sizeof(name)) {
		fprintf(stderr, "mkarchive: %s: not NAME=FILE\n", arg);
		return -1;
	}
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	if ((in = fopen(eq + 1, "rb")) == NULL) {
		fprintf(stderr, "mkarchive: %s: %s\n", eq + 1, strerror(errno));
		return -1;
	}
	n = fread(data, 1, MAX_FILE + 1, in);
	fclose(in);
	if (n > MAX_FILE) {
		fprintf(stderr, "mkarchive: %s: larger than %u bytes\n",
		    eq + 1, MAX_FILE);
		return -1;
	}
	if (make_header(h, name, (unsigned long)n) != 0) {
		fprintf(stderr, "mkarchive: %s: name too long for ustar\n",
		    name);
		return -1;
	}
	pad = (BLOCK - n % BLOCK) % BLOCK;
	memset(data + n, 0, pad);
	if (fwrite(h, 1, BLOCK, out) != BLOCK ||
	    fwrite(data, 1, n + pad, out) != n + pad) {
		fprintf(stderr, "mkarchive: write error\n");
		return -1;
	}
	return 0;
}

/* mkarchive OUT NAME=FILE...: 0, 1 on a bad input, 2 on bad usage. */
int
main(int argc, char **argv)
{
	static const unsigned char end[2 * BLOCK];
	char tmp[4096];
	FILE *out;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: mkarchive OUT NAME=FILE...\n");
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	if ((out = fopen(tmp, "wb")) == NULL) {
		fprintf(stderr, "mkarchive: %s: %s\n", tmp, strerror(errno));
		return 1;
	}
	for (i = 2; i < argc; i++)
		if (add_file(out, argv[i]) != 0) {
			fclose(out);
			remove(tmp);
			return 1;
		}
	if (fwrite(end, 1, sizeof(end), out) != sizeof(end) ||
	    fclose(out) != 0 || rename(tmp, argv[1]) != 0) {
		fprintf(stderr, "mkarchive: cannot write %s\n", argv[1]);
		remove(tmp);
		return 1;
	}
	return 0;
}
