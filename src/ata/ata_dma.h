/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Bus-master DMA: PRD tables, the bus-master registers, the DMA
 * protocols.
 */
#ifndef NAIAD_ATA_ATA_DMA_H
#define NAIAD_ATA_ATA_DMA_H

#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"

/* Bus-master registers: offsets from a channel's ch_bmio. */
#define ATA_BMCMD	0	/**< command */
#define ATA_BMSTAT	2	/**< status */
#define ATA_BMPRD	4	/**< the PRD table's address (32 bits) */
#define ATA_BMCMD_START	0x01	/**< go (0: stop) */
#define ATA_BMCMD_WRITE_MEM 0x08 /**< the controller writes memory */
#define ATA_BMSTAT_ACTIVE 0x01	/**< still copying */
#define ATA_BMSTAT_ERROR 0x02	/**< a bus error; write 1 to clear */
#define ATA_BMSTAT_INTR	0x04	/**< the drive interrupted; 1 clears */

/** One physical region descriptor. */
struct ata_prd {
	uint32_t	prd_addr;	/**< physical address, even */
	uint32_t	prd_count;	/**< bytes (0: 64 KiB), bit 31 EOT */
};
#define ATA_PRD_EOT	0x80000000u	/**< the last entry */
#define ATA_DMA_BOUNDARY 0x10000u	/**< no piece crosses 64 KiB */
/** Entries in a channel's table: one page. */
#define ATA_DMA_MAXPRD	512

/** A physical address for the kernel address \a va, or 0. */
typedef uint32_t ata_vtophys_fn(const void *va);

/**
 * \brief Describe \a len bytes at \a buf in \a prd (at most \a max
 * entries), physical addresses by \a vtophys: no piece crosses 64 KiB,
 * contiguous pages join.  Pure.
 * \return the number of entries, or -EINVAL: an odd address or length,
 * no length, an unmapped page, too many entries.
 */
int ata_dma_load(struct ata_prd *prd, int max, const void *buf,
    uint32_t len, ata_vtophys_fn *vtophys);

/** \brief The physical address of kernel address \a va, or 0. */
uint32_t ata_dma_vtophys(const void *va);
/** \brief Read bus-master register \a reg of \a ch. */
uint8_t ata_bm_in(struct ata_channel *ch, int reg);
/** \brief Write bus-master register \a reg of \a ch. */
void ata_bm_out(struct ata_channel *ch, int reg, uint8_t v);
/** \brief Write the 32-bit bus-master register \a reg of \a ch. */
void ata_bm_outl(struct ata_channel *ch, int reg, uint32_t v);

/** DMA for ATA commands. */
extern const struct ata_protocol ata_dma_protocol;
/** DMA for ATAPI packets. */
extern const struct ata_protocol atapi_dma_protocol;

#endif /* !NAIAD_ATA_ATA_DMA_H */
