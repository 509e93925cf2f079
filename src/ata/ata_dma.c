/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
#include <stddef.h>
#include <stdint.h>

#include "ata/ata.h"
#include "ata/ata_dma.h"
#include "ata/ata_io.h"
#include "ata/atapi.h"
#include "ata/atareg.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/sysinit.h"
#include "vm/vm_page.h"
#include "vm/vm_param.h"

/* Begin REQ by DMA: the table, the engine, the command, go. */
static int
ata_dma_begin(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	int n, op;

	n = ata_dma_load(ch->ch_prd, ATA_DMA_MAXPRD, req->ar_data,
	    req->ar_bytecount, ata_dma_vtophys);
	if (n < 0)
		return ata_fail(req, "a buffer DMA cannot reach");
	ata_bm_out(ch, ATA_BMCMD, 0);
	ata_bm_outl(ch, ATA_BMPRD, ch->ch_prd_pa);
	ata_bm_out(ch, ATA_BMSTAT, ata_bm_in(ch, ATA_BMSTAT) |
	    ATA_BMSTAT_ERROR | ATA_BMSTAT_INTR);
	ata_bm_out(ch, ATA_BMCMD, (req->ar_flags & ATA_R_READ) ?
	    ATA_BMCMD_WRITE_MEM : 0);
	if (req->ar_flags & ATA_R_ATAPI)
		op = atapi_send_packet(req);
	else
		op = ata_issue_command(req) == 0 ? ATA_OP_CONTINUES : ATA_OP_FINISHED;
	if (op == ATA_OP_FINISHED)
		return op;
	ata_bm_out(ch, ATA_BMCMD, ata_bm_in(ch, ATA_BMCMD) | ATA_BMCMD_START);
	return ATA_OP_CONTINUES;
}

/* The interrupt of a DMA transfer: stop, check, done. */
static int
ata_dma_intr(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	uint8_t bst, st;

	bst = ata_bm_in(ch, ATA_BMSTAT);
	if (!(bst & ATA_BMSTAT_INTR))
		return ATA_OP_CONTINUES;
	ata_bm_out(ch, ATA_BMCMD, ata_bm_in(ch, ATA_BMCMD) & ~ATA_BMCMD_START);
	st = ata_in(ch, ATA_STATUS);
	ata_bm_out(ch, ATA_BMSTAT, bst | ATA_BMSTAT_ERROR | ATA_BMSTAT_INTR);
	req->ar_status = st;
	if (st & (ATA_S_ERR | ATA_S_DF)) {
		req->ar_error = ata_in(ch, ATA_ERROR);
		return ata_fail(req, (req->ar_flags & ATA_R_ATAPI) ?
		    "check condition" : "device error");
	}
	if (bst & ATA_BMSTAT_ERROR)
		return ata_fail(req, "bus master error");
	req->ar_donecount = req->ar_bytecount;
	ch->ch_dma_xfers++;
	return ATA_OP_FINISHED;
}

/* ap_stop of the DMA protocols: stop the engine, clear its bits. */
static void
ata_dma_stop(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;

	ata_bm_out(ch, ATA_BMCMD, 0);
	ata_bm_out(ch, ATA_BMSTAT, ata_bm_in(ch, ATA_BMSTAT) |
	    ATA_BMSTAT_ERROR | ATA_BMSTAT_INTR);
}

/** DMA for ATA commands. */
const struct ata_protocol ata_dma_protocol = {
	"DMA", ata_dma_begin, ata_dma_intr, NULL, ata_dma_stop
};

/** DMA for ATAPI packets. */
const struct ata_protocol atapi_dma_protocol = {
	"ATAPI DMA", ata_dma_begin, ata_dma_intr, atapi_done, ata_dma_stop
};

/* The boot step: a PRD table per channel with a bus master, then the
 * protocols. */
static void
ata_dma_attach(void *arg)
{
	struct ata_channel *ch;
	struct ata_device *dev;
	vm_paddr_t pa;
	int c, u, tables = 0;

	(void)arg;
	for (c = 0; c < ATA_NCHANNELS; c++) {
		ch = &ata_channels[c];
		if (ch->ch_cmd == 0 || ch->ch_bmio == 0)
			continue;
		if ((pa = vm_page_alloc()) == 0) {
			kprintf("ata%d: no page for a PRD table: PIO only\n", c);
			ch->ch_bmio = 0;
			continue;
		}
		ch->ch_prd = (struct ata_prd *)(uintptr_t)pa;
		ch->ch_prd_pa = pa;
		kmemset(ch->ch_prd, 0, PAGE_SIZE);
		tables++;
	}
	if (tables == 0)
		return;
	ata_protocol_register(ATA_PROTO_DMA, &ata_dma_protocol);
	ata_protocol_register(ATA_PROTO_ATAPI_DMA, &atapi_dma_protocol);
	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev != NULL && dev->ad_type != ATA_T_NONE &&
			    ata_dma_usable(dev))
				dev->ad_flags |= ATA_DF_USEDMA;
		}
	kprintf("ata: bus-master DMA on %d channel%s\n", tables,
	    tables == 1 ? "" : "s");
}

SYSINIT(atadma, SI_SUB_ATA, SI_ORDER_MIDDLE, ata_dma_attach, NULL);
