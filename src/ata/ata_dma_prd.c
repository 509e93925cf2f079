/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata_dma.h"
#include "kern/errno.h"

#define ATA_DMA_PAGE	4096u

/* Fill PRD (MAX entries) for LEN bytes at BUF: the number of entries,
 * or -EINVAL.  Pure. */
int
ata_dma_load(struct ata_prd *prd, int max, const void *buf, uint32_t len,
    ata_vtophys_fn *vtophys)
{
	const uint8_t *va = buf;
	uint32_t pa, chunk, count;
	int n = 0;

	if (len == 0 || ((uintptr_t)buf & 1) || (len & 1))
		return -EINVAL;
	while (len > 0) {
		chunk = ATA_DMA_PAGE - ((uintptr_t)va & (ATA_DMA_PAGE - 1));
		if (chunk > len)
			chunk = len;
		if ((pa = vtophys(va)) == 0)
			return -EINVAL;
		count = n > 0 ? (prd[n - 1].prd_count & 0xFFFF) : 0;
		if (n > 0 && count == 0)
			count = ATA_DMA_BOUNDARY;
		if (n > 0 && prd[n - 1].prd_addr + count == pa &&
		    (pa & (ATA_DMA_BOUNDARY - 1)) != 0 &&
		    count + chunk <= ATA_DMA_BOUNDARY) {
			prd[n - 1].prd_count = (count + chunk) & 0xFFFF;
		} else {
			if (n == max)
				return -EINVAL;
			prd[n].prd_addr = pa;
			prd[n].prd_count = chunk & 0xFFFF;
			n++;
		}
		va += chunk;
		len -= chunk;
	}
	prd[n - 1].prd_count |= ATA_PRD_EOT;
	return n;
}
