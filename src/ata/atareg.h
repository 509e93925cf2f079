/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief ATA registers, their bits, and command numbers.
 */
#ifndef NAIAD_ATA_ATAREG_H
#define NAIAD_ATA_ATAREG_H

/* The command block: offsets from the channel's base port. */
#define ATA_DATA	0	/**< data: 16 bits */
#define ATA_ERROR	1	/**< read: error */
#define ATA_FEATURE	1	/**< write: features */
#define ATA_COUNT	2	/**< sector count (ATAPI: interrupt reason) */
#define ATA_LBA_LOW	3	/**< LBA bits 0-7 (and 24-31 for LBA48) */
#define ATA_LBA_MID	4	/**< LBA bits 8-15 (ATAPI: byte count low) */
#define ATA_LBA_HIGH	5	/**< LBA bits 16-23 (ATAPI: byte count high) */
#define ATA_DEVICE	6	/**< device select, LBA bits 24-27 */
#define ATA_STATUS	7	/**< read: status (acknowledges the IRQ) */
#define ATA_COMMAND	7	/**< write: command */

/* Status bits. */
#define ATA_S_ERR	0x01	/**< the command failed: see the error */
#define ATA_S_DRQ	0x08	/**< the device wants to move data */
#define ATA_S_DSC	0x10	/**< seek complete (obsolete) */
#define ATA_S_DF	0x20	/**< device fault */
#define ATA_S_DRDY	0x40	/**< ready for commands */
#define ATA_S_BSY	0x80	/**< busy: the other bits mean nothing */

/* Error bits. */
#define ATA_E_ABRT	0x04	/**< command aborted */
#define ATA_E_IDNF	0x10	/**< sector not found */
#define ATA_E_UNC	0x40	/**< uncorrectable data */

/* Device register bits. */
#define ATA_D_IBM	0xA0	/**< bits 7 and 5: always one */
#define ATA_D_LBA	0x40	/**< the address is an LBA */
#define ATA_D_DEV	0x10	/**< the slave (device 1) */

/* Device control register bits (the control block). */
#define ATA_DC_NIEN	0x02	/**< the channel's IRQ masked */
#define ATA_DC_SRST	0x04	/**< software reset of both devices */

/* Commands. */
#define ATA_READ	0x20	/**< READ SECTORS (PIO, LBA28) */
#define ATA_READ48	0x24	/**< READ SECTORS EXT (PIO, LBA48) */
#define ATA_READ_DMA48	0x25	/**< READ DMA EXT */
#define ATA_WRITE	0x30	/**< WRITE SECTORS (PIO, LBA28) */
#define ATA_WRITE48	0x34	/**< WRITE SECTORS EXT */
#define ATA_WRITE_DMA48	0x35	/**< WRITE DMA EXT */
#define ATA_PACKET	0xA0	/**< PACKET: an ATAPI command follows */
#define ATA_ATAPI_IDENTIFY 0xA1	/**< IDENTIFY PACKET DEVICE */
#define ATA_READ_DMA	0xC8	/**< READ DMA (LBA28) */
#define ATA_WRITE_DMA	0xCA	/**< WRITE DMA (LBA28) */
#define ATA_FLUSHCACHE	0xE7	/**< FLUSH CACHE */
#define ATA_IDENTIFY	0xEC	/**< IDENTIFY DEVICE */
#define ATA_SETFEATURES	0xEF	/**< SET FEATURES */

/* The signature a device leaves in LBA mid/high after a reset. */
#define ATA_SIG_ATAPI_MID  0x14	/**< an ATAPI device: 0x14, 0xEB */
#define ATA_SIG_ATAPI_HIGH 0xEB	/**< ... */

/* IDENTIFY words. */
#define ATA_ID_CONFIG	0	/**< bit 15: 0 ATA, 1 (with 14 = 0) ATAPI */
#define ATA_ID_SERIAL	10	/**< 10 words, 20 characters */
#define ATA_ID_FIRMWARE	23	/**< 4 words */
#define ATA_ID_MODEL	27	/**< 20 words, 40 characters */
#define ATA_ID_CAPS	49	/**< bit 9: LBA, bit 8: DMA */
#define ATA_ID_LBA28	60	/**< 2 words: sectors for LBA28 */
#define ATA_ID_CMDSET2	83	/**< bit 10: LBA48 */
#define ATA_ID_LBA48	100	/**< 4 words: sectors for LBA48 */
#define ATA_ID_WORDS	256	/**< 512 bytes */
#define ATA_ID_CAP_DMA	0x0100	/**< word 49: DMA supported */
#define ATA_ID_CAP_LBA	0x0200	/**< word 49: LBA supported */
#define ATA_ID_CMD_LBA48 0x0400	/**< word 83: LBA48 supported */

#endif /* !NAIAD_ATA_ATAREG_H */
