/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "ata/atareg.h"

/* The string of NWORDS words at word FIRST of ID into OUT (2 * NWORDS
 * + 1 bytes): each word's bytes swapped, trailing blanks dropped. */
void
ata_ident_string(const uint16_t *id, int first, int nwords, char *out)
{
	int i, n = 0;

	for (i = 0; i < nwords; i++) {
		out[n++] = (char)(id[first + i] >> 8);
		out[n++] = (char)(id[first + i] & 0xFF);
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
		n--;
	out[n] = '\0';
}

/* The sectors of the disk ID describes, and whether it speaks LBA48. */
uint64_t
ata_ident_sectors(const uint16_t *id, int *lba48)
{
	uint64_t n48;
	int i;

	*lba48 = (id[ATA_ID_CMDSET2] & ATA_ID_CMD_LBA48) != 0;
	if (*lba48) {
		n48 = 0;
		for (i = 3; i >= 0; i--)
			n48 = n48 << 16 | id[ATA_ID_LBA48 + i];
		if (n48 != 0)
			return n48;
	}
	return (uint64_t)id[ATA_ID_LBA28 + 1] << 16 | id[ATA_ID_LBA28];
}
