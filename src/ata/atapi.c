/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "ata/ata_io.h"
#include "ata/atapi.h"
#include "ata/atareg.h"
#include "kern/errno.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"

/* Begin REQ, a packet command: select, PACKET, the packet itself. */
int
atapi_send_packet(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	uint32_t limit = req->ar_bytecount;
	int st;

	if (ata_select(req, ATA_D_IBM |
	    (req->ar_dev->ad_unit == ATA_SLAVE ? ATA_D_DEV : 0)) != 0)
		return ata_fail(req, "the device stays busy");
	if (limit == 0 || limit > 0xFFFE)
		limit = 0xFFFE;
	ata_out(ch, ATA_FEATURE, (req->ar_flags & ATA_R_DMA) ? 0x01 : 0x00);
	ata_out(ch, ATA_COUNT, 0);
	ata_out(ch, ATA_LBA_LOW, 0);
	ata_out(ch, ATA_LBA_MID, (uint8_t)limit);
	ata_out(ch, ATA_LBA_HIGH, (uint8_t)(limit >> 8));
	ata_out(ch, ATA_COMMAND, ATA_PACKET);
	st = ata_wait(ch, 1);
	req->ar_status = (uint8_t)st;
	if (st < 0 || (st & (ATA_S_ERR | ATA_S_DF)) || !(st & ATA_S_DRQ) ||
	    (ata_in(ch, ATA_COUNT) & (ATAPI_I_COD | ATAPI_I_IO)) != ATAPI_I_COD) {
		if (st >= 0 && (st & ATA_S_ERR))
			req->ar_error = ata_in(ch, ATA_ERROR);
		return ata_fail(req, "the device does not take the packet");
	}
	ata_data_out(ch, req->ar_cdb, ATAPI_CDB_LEN / 2);
	return ATA_OP_CONTINUES;
}

/* An interrupt during packet command REQ: data, or the end. */
static int
atapi_intr(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	uint8_t st = ata_in(ch, ATA_STATUS), *data = req->ar_data;
	uint32_t len, keep;
	uint16_t junk;
	int reason;

	req->ar_status = st;
	if (st & ATA_S_BSY)
		return ATA_OP_CONTINUES;
	reason = ata_in(ch, ATA_COUNT) & (ATAPI_I_COD | ATAPI_I_IO);
	if (!(st & ATA_S_DRQ)) {
		if (st & (ATA_S_ERR | ATA_S_DF)) {
			req->ar_error = ata_in(ch, ATA_ERROR);
			return ata_fail(req, "check condition");
		}
		return ATA_OP_FINISHED;
	}
	if (reason != ATAPI_I_IO)
		return ata_fail(req, "unexpected phase of a packet command");
	len = ata_in(ch, ATA_LBA_MID) | (uint32_t)ata_in(ch, ATA_LBA_HIGH) << 8;
	keep = req->ar_bytecount - req->ar_donecount;
	if (keep > len)
		keep = len;
	keep &= ~1u;
	if (keep > 0)
		ata_data_in(ch, data + req->ar_donecount, keep / 2);
	req->ar_donecount += keep;
	for (len -= keep; len > 0; len -= len > 1 ? 2 : 1)
		ata_data_in(ch, &junk, 1);
	return ATA_OP_CONTINUES;
}

/* Turn REQ, failed by a check condition, into its REQUEST SENSE. */
static void
atapi_start_sense(struct ata_request *req)
{
	req->ar_saved_data = req->ar_data;
	req->ar_saved_bytecount = req->ar_bytecount;
	req->ar_saved_flags = req->ar_flags;
	kmemcpy(req->ar_saved_cdb, req->ar_cdb, ATAPI_CDB_LEN);
	req->ar_saved_status = req->ar_status;
	req->ar_saved_error = req->ar_error;
	kmemset(req->ar_cdb, 0, sizeof(req->ar_cdb));
	req->ar_cdb[0] = ATAPI_REQUEST_SENSE;
	req->ar_cdb[4] = sizeof(req->ar_sense);
	kmemset(req->ar_sense, 0, sizeof(req->ar_sense));
	req->ar_data = req->ar_sense;
	req->ar_bytecount = sizeof(req->ar_sense);
	req->ar_flags = (req->ar_flags & ~ATA_R_DMA) | ATA_R_READ;
	req->ar_sensing = 1;
}

/* The sense of REQ is in: the original back, the sense decoded. */
static void
atapi_end_sense(struct ata_request *req)
{
	int sensed = req->ar_result == 0 && req->ar_donecount >= 14;

	req->ar_sensing = 0;
	req->ar_data = req->ar_saved_data;
	req->ar_bytecount = req->ar_saved_bytecount;
	req->ar_flags = req->ar_saved_flags;
	kmemcpy(req->ar_cdb, req->ar_saved_cdb, ATAPI_CDB_LEN);
	req->ar_status = req->ar_saved_status;
	req->ar_error = req->ar_saved_error;
	req->ar_sensekey = sensed ? (req->ar_sense[2] & 0x0F) :
	    (req->ar_error >> 4);
	req->ar_asc = sensed ? req->ar_sense[12] : 0;
	req->ar_ascq = sensed ? req->ar_sense[13] : 0;
	req->ar_result = -EIO;
	req->ar_reason = "check condition";
}

/* ap_done of the packet protocols: 1 if REQ went back to the queue. */
int
atapi_done(struct ata_request *req)
{
	if (req->ar_sensing) {
		atapi_end_sense(req);
		if (req->ar_sensekey == ATAPI_SENSE_UNIT_ATTENTION &&
		    req->ar_retries-- > 0) {
			ata_requeue(req);
			return 1;
		}
		ksnprintf(req->ar_detail, sizeof(req->ar_detail),
		    "SCSI 0x%02x, sense key %u (%s) asc 0x%02x ascq 0x%02x",
		    req->ar_cdb[0], req->ar_sensekey,
		    atapi_sense_name(req->ar_sensekey), req->ar_asc,
		    req->ar_ascq);
		return 0;
	}
	if (req->ar_result != 0 && (req->ar_status & ATA_S_ERR) &&
	    req->ar_reason != NULL && kstrcmp(req->ar_reason,
	    "check condition") == 0) {
		atapi_start_sense(req);
		ata_requeue(req);
		return 1;
	}
	return 0;
}

/* The name of sense key KEY. */
const char *
atapi_sense_name(int key)
{
	static const char *const names[16] = { "NO SENSE",
	    "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR", "HARDWARE ERROR",
	    "ILLEGAL REQUEST", "UNIT ATTENTION", "DATA PROTECT",
	    "BLANK CHECK", "VENDOR SPECIFIC", "COPY ABORTED",
	    "ABORTED COMMAND", "EQUAL", "VOLUME OVERFLOW", "MISCOMPARE",
	    "RESERVED" };

	return names[key & 0x0F];
}

/** The packet protocol, by PIO. */
const struct ata_protocol atapi_protocol = {
	"ATAPI", atapi_send_packet, atapi_intr, atapi_done, NULL
};
