/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ATAPI: the packet protocol and SCSI commands for CDs.
 */
#ifndef NAIAD_ATA_ATAPI_H
#define NAIAD_ATA_ATAPI_H

#include <stdint.h>

#include "ata/ata.h"

#define ATAPI_CDB_LEN		12	/**< bytes of a packet */
#define ATAPI_BLOCK		2048	/**< bytes of a CD block */
#define ATAPI_MAX_BLOCKS	32	/**< blocks one request reads */
/** Ticks a packet command may take (10 s: a CD may spin up). */
#define ATAPI_TIMEOUT		1000

/* The interrupt reason (the sector count register during a packet). */
#define ATAPI_I_COD		0x01	/**< 1: command (or status) */
#define ATAPI_I_IO		0x02	/**< 1: data to the host */

/* SCSI commands. */
#define ATAPI_TEST_UNIT_READY	0x00	/**< is the medium there? */
#define ATAPI_REQUEST_SENSE	0x03	/**< why the last one failed */
#define ATAPI_READ_CAPACITY	0x25	/**< last block, block size */
#define ATAPI_READ10		0x28	/**< read blocks */

/* Sense keys. */
#define ATAPI_SENSE_NOT_READY	0x2	/**< no medium, or spinning up */
#define ATAPI_SENSE_MEDIUM	0x3	/**< medium error */
#define ATAPI_SENSE_ILLEGAL	0x5	/**< illegal request */
#define ATAPI_SENSE_UNIT_ATTENTION 0x6	/**< reset, or medium changed */

/** The ATAPI packet protocol (PIO). */
extern const struct ata_protocol atapi_protocol;

/**
 * \brief Fill \a req for packet command \a cdb (ATAPI_CDB_LEN bytes) to
 * \a dev, reading \a len bytes into \a data (NULL, 0: no data);
 * \a flags adds ATA_R_DMA or ATA_R_QUIET.
 */
void atapi_request(struct ata_request *req, struct ata_device *dev,
    const uint8_t *cdb, void *data, uint32_t len, int flags);
/**
 * \brief Select \a req's device and send its packet: the beginning of
 * every packet command (PIO or DMA).  \return ATA_OP_CONTINUES, or
 * ATA_OP_FINISHED with -EIO.
 */
int atapi_send_packet(struct ata_request *req);
/**
 * \brief The automatic REQUEST SENSE, as a protocol's ap_done: 1 if
 * \a req went back to the queue (to sense, or to retry after a unit
 * attention), 0 when it is over.
 */
int atapi_done(struct ata_request *req);
/** \brief The name of sense key \a key. */
const char *atapi_sense_name(int key);

/** \brief TEST UNIT READY: 0, or -EIO (sense in the message). */
int atapi_test_unit_ready(struct ata_device *dev);
/**
 * \brief READ CAPACITY: the number of blocks in *\a blocks and their
 * size in *\a blksize.  \return 0 or -EIO.
 */
int atapi_read_capacity(struct ata_device *dev, uint32_t *blocks,
    uint32_t *blksize);
/**
 * \brief Read \a n 2048-byte blocks from \a lba into \a buf (READ(10)),
 * waiting; \a flags: ATA_R_DMA, ATA_R_QUIET.  \return 0; -EINVAL off
 * the medium; -EIO.
 */
int atapi_read(struct ata_device *dev, uint32_t lba, void *buf, uint32_t n,
    int flags);
/**
 * \brief The request \a req (filled by atapi_request) queued and waited
 * for: 0 or -EIO, with the sense in \a req.
 */
int atapi_do(struct ata_request *req);

#endif /* !NAIAD_ATA_ATAPI_H */
