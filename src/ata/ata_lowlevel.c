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
#include "ata/atareg.h"
#include "kern/errno.h"

/* About 400 ns: four reads of the alternate status. */
void
ata_delay400(struct ata_channel *ch)
{
	int i;

	for (i = 0; i < 4; i++)
		(void)ata_ctl_in(ch);
}

/* Poll until CH is not busy and (with DRQ) wants data or failed: the
 * status, or -1 after ATA_WAIT_POLLS polls. */
int
ata_wait(struct ata_channel *ch, int drq)
{
	uint8_t st;
	int i;

	for (i = 0; i < ATA_WAIT_POLLS; i++) {
		st = ata_ctl_in(ch);
		if (st & ATA_S_BSY)
			continue;
		if (!drq || (st & (ATA_S_DRQ | ATA_S_ERR | ATA_S_DF)))
			return st;
	}
	return -1;
}

/* Select REQ's device with device register bits DEVBITS and wait
 * until it is ready for a command: 0, or -1 with ar_status set. */
int
ata_select(struct ata_request *req, uint8_t devbits)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	int st;

	ata_out(ch, ATA_DEVICE, devbits);
	ata_delay400(ch);
	st = ata_wait(ch, 0);
	req->ar_status = (uint8_t)st;
	if (st < 0 || (st & ATA_S_DRQ))
		return -1;
	return 0;
}

/* End REQ with -EIO because of REASON: ATA_OP_FINISHED. */
int
ata_fail(struct ata_request *req, const char *reason)
{
	req->ar_result = -EIO;
	req->ar_reason = reason;
	return ATA_OP_FINISHED;
}

/* Select REQ's device, write the task file and the command: 0, or -1
 * with REQ failed.  The channel's thread. */
int
ata_issue_command(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	uint64_t lba = req->ar_lba;
	uint8_t dev = ATA_D_IBM | ATA_D_LBA |
	    (req->ar_dev->ad_unit == ATA_SLAVE ? ATA_D_DEV : 0);

	if (!(req->ar_flags & ATA_R_48BIT))
		dev |= (uint8_t)((lba >> 24) & 0x0F);
	if (ata_select(req, dev) != 0) {
		ata_fail(req, "the device stays busy");
		return -1;
	}
	if (req->ar_flags & ATA_R_48BIT) {
		ata_out(ch, ATA_FEATURE, (uint8_t)(req->ar_feature >> 8));
		ata_out(ch, ATA_FEATURE, (uint8_t)req->ar_feature);
		ata_out(ch, ATA_COUNT, (uint8_t)(req->ar_count >> 8));
		ata_out(ch, ATA_COUNT, (uint8_t)req->ar_count);
		ata_out(ch, ATA_LBA_LOW, (uint8_t)(lba >> 24));
		ata_out(ch, ATA_LBA_LOW, (uint8_t)lba);
		ata_out(ch, ATA_LBA_MID, (uint8_t)(lba >> 32));
		ata_out(ch, ATA_LBA_MID, (uint8_t)(lba >> 8));
		ata_out(ch, ATA_LBA_HIGH, (uint8_t)(lba >> 40));
		ata_out(ch, ATA_LBA_HIGH, (uint8_t)(lba >> 16));
	} else {
		ata_out(ch, ATA_FEATURE, (uint8_t)req->ar_feature);
		ata_out(ch, ATA_COUNT, (uint8_t)req->ar_count);
		ata_out(ch, ATA_LBA_LOW, (uint8_t)lba);
		ata_out(ch, ATA_LBA_MID, (uint8_t)(lba >> 8));
		ata_out(ch, ATA_LBA_HIGH, (uint8_t)(lba >> 16));
	}
	ata_out(ch, ATA_COMMAND, req->ar_command);
	return 0;
}

/* Begin REQ, an ATA command by PIO: the command, and a write's first
 * block.  The channel's thread. */
static int
ata_pio_begin(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	int st;

	if (ata_issue_command(req) != 0)
		return ATA_OP_FINISHED;
	if (!(req->ar_flags & ATA_R_WRITE))
		return ATA_OP_CONTINUES;
	st = ata_wait(ch, 1);
	req->ar_status = (uint8_t)st;
	if (st < 0 || !(st & ATA_S_DRQ) || (st & (ATA_S_ERR | ATA_S_DF))) {
		if (st >= 0 && (st & ATA_S_ERR))
			req->ar_error = ata_in(ch, ATA_ERROR);
		return ata_fail(req, "the device does not ask for data");
	}
	ata_data_out(ch, req->ar_data, req->ar_transfersize / 2);
	req->ar_donecount = req->ar_transfersize;
	return ATA_OP_CONTINUES;
}

/* An interrupt during REQ: check the status, move one block. */
static int
ata_pio_intr(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	uint8_t st = ata_in(ch, ATA_STATUS);
	uint8_t *data = req->ar_data;

	req->ar_status = st;
	if (st & ATA_S_BSY)
		return ATA_OP_CONTINUES;
	if (st & (ATA_S_ERR | ATA_S_DF)) {
		req->ar_error = ata_in(ch, ATA_ERROR);
		return ata_fail(req, "device error");
	}
	if (req->ar_flags & ATA_R_READ) {
		if (!(st & ATA_S_DRQ))
			return ata_fail(req, "no data where data was due");
		ata_data_in(ch, data + req->ar_donecount, req->ar_transfersize / 2);
		req->ar_donecount += req->ar_transfersize;
		return req->ar_donecount >= req->ar_bytecount ? ATA_OP_FINISHED :
		    ATA_OP_CONTINUES;
	}
	if (req->ar_flags & ATA_R_WRITE) {
		if (req->ar_donecount >= req->ar_bytecount)
			return ATA_OP_FINISHED;
		if (!(st & ATA_S_DRQ))
			return ata_fail(req, "the device does not ask for data");
		ata_data_out(ch, data + req->ar_donecount, req->ar_transfersize / 2);
		req->ar_donecount += req->ar_transfersize;
		return ATA_OP_CONTINUES;
	}
	return ATA_OP_FINISHED;
}

/** PIO for ATA commands. */
const struct ata_protocol ata_pio_protocol = {
	"PIO", ata_pio_begin, ata_pio_intr, NULL, NULL
};
