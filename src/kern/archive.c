/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The ustar format of the boot archive: walking and finding files.
 * Pure: it reads a buffer, and the host tests run it.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/archive.h"
#include "kern/errno.h"
#include "kern/kstring.h"

/* The octal number in FIELD (LEN bytes): 0 and *V, or -EINVAL; pure. */
static int
archive_octal(const char *field, int len, uint32_t *v)
{
	uint64_t n = 0;
	int i = 0, digits = 0;

	while (i < len && field[i] == ' ')
		i++;
	for (; i < len && field[i] >= '0' && field[i] <= '7'; i++) {
		n = n * 8 + (uint64_t)(field[i] - '0');
		if (n > 0xFFFFFFFFu)
			return -EINVAL;
		digits++;
	}
	if (digits == 0 || (i < len && field[i] != ' ' && field[i] != '\0'))
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}
/* The file whose header is at *OFF in ARCHIVE (SIZE bytes): 1 and *AF
 * (name in NAME, ARCHIVE_PATHMAX bytes), 0 at the end, -EINVAL when
 * damaged.  *OFF moves to the next header.  Pure. */
int
archive_next(const void *archive, size_t size, size_t *off,
    struct archive_file *af, char *name)
{
	const char *h = (const char *)archive + *off;
	uint32_t len;
	int i, n = 0;

	if (*off + USTAR_BLOCK > size)
		return *off == size ? 0 : -EINVAL;
	if (h[0] == '\0')
		return 0;
	if (kstrncmp(h + USTAR_MAGIC, "ustar", 5) != 0 ||
	    archive_octal(h + USTAR_SIZE, 12, &len) != 0)
		return -EINVAL;
	if (len > size - *off - USTAR_BLOCK)
		return -EINVAL;
	for (i = 0; i < USTAR_PREFIXLEN && h[USTAR_PREFIX + i] != '\0'; i++)
		name[n++] = h[USTAR_PREFIX + i];
	if (n > 0)
		name[n++] = '/';
	for (i = 0; i < USTAR_NAMELEN && h[USTAR_NAME + i] != '\0'; i++)
		name[n++] = h[USTAR_NAME + i];
	name[n] = '\0';
	af->af_name = name;
	af->af_data = h + USTAR_BLOCK;
	af->af_size = len;
	af->af_type = h[USTAR_TYPE] == '\0' ? '0' : h[USTAR_TYPE];
	*off += USTAR_BLOCK + (len + USTAR_BLOCK - 1) / USTAR_BLOCK *
	    USTAR_BLOCK;
	return 1;
}

/* Find PATH ("/bin/sh", "bin/sh" or "./bin/sh") among ARCHIVE's files:
 * 0 and *AF, -ENOENT, or -EINVAL for a damaged archive.  Pure. */
int
archive_lookup(const void *archive, size_t size, const char *path,
    struct archive_file *af, char *name)
{
	const char *want = path, *have;
	size_t off = 0;
	int r;

	while (*want == '/' || (want[0] == '.' && want[1] == '/'))
		want += *want == '/' ? 1 : 2;
	while ((r = archive_next(archive, size, &off, af, name)) == 1) {
		have = af->af_name;
		if (have[0] == '.' && have[1] == '/')
			have += 2;
		if (af->af_type == '0' && kstrcmp(have, want) == 0)
			return 0;
	}
	return r == 0 ? -ENOENT : r;
}
