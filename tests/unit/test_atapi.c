/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The ATAPI packet protocol of src/ata/atapi.c (book/40-atapi.nw)
 * against the simulated channel of tests/unit/ata_fake.c, whose slave is
 * an ATAPI drive here: the PACKET command and its packet, data in pieces
 * with the count the device offers, more offered than wanted, the
 * status phase, and the automatic REQUEST SENSE of a check condition,
 * done and undone by atapi_done.
 */
#include <stdint.h>
#include <string.h>

#include "ata/ata.h"
#include "ata/atapi.h"
#include "ata/atareg.h"
#include "ata_fake.h"
#include "check.h"
#include "suites.h"

static struct ata_channel ch;
static uint8_t buf[4 * 2048];
static struct ata_request *requeued;	/* what atapi_done requeued */
static int nrequeued;

/* The framework's ata_requeue, as atapi_done sees it: noted here. */
void
ata_requeue(struct ata_request *req)
{
	requeued = req;
	nrequeued++;
}

/* A packet request for CDB (LEN bytes of data) to the ATAPI slave. */
static void
setup(struct ata_request *req, const uint8_t *cdb, uint32_t len)
{
	ata_fake_reset();
	fake.drv[1].atapi = 1;
	memset(&ch, 0, sizeof(ch));
	ch.ch_dev[0].ad_ch = ch.ch_dev[1].ad_ch = &ch;
	ch.ch_dev[1].ad_unit = 1;
	memset(req, 0, sizeof(*req));
	req->ar_dev = &ch.ch_dev[1];
	req->ar_command = ATA_PACKET;
	req->ar_flags = ATA_R_ATAPI | (len ? ATA_R_READ : 0);
	memcpy(req->ar_cdb, cdb, ATAPI_CDB_LEN);
	req->ar_data = buf;
	req->ar_bytecount = len;
	req->ar_retries = 2;
	memset(buf, 0x77, sizeof(buf));
	requeued = NULL;
	nrequeued = 0;
}

/* Begin REQ and run its interrupts: the last answer; *N: interrupts. */
static int
run(struct ata_request *req, int *n)
{
	int op, guard = 0;

	*n = 0;
	op = atapi_protocol.ap_begin(req);
	while (op == ATA_OP_CONTINUES && fake.irq && guard++ < 100) {
		(*n)++;
		op = atapi_protocol.ap_intr(req);
	}
	return op;
}

/* The CDB of READ(10) of N blocks at LBA. */
static void
read10(uint8_t *cdb, uint32_t lba, uint32_t n)
{
	memset(cdb, 0, ATAPI_CDB_LEN);
	cdb[0] = ATAPI_READ10;
	cdb[2] = (uint8_t)(lba >> 24);
	cdb[3] = (uint8_t)(lba >> 16);
	cdb[4] = (uint8_t)(lba >> 8);
	cdb[5] = (uint8_t)lba;
	cdb[7] = (uint8_t)(n >> 8);
	cdb[8] = (uint8_t)n;
}

static void
test_atapi_packet_and_read10(void)
{
	struct ata_request req;
	uint8_t cdb[ATAPI_CDB_LEN];
	int n;

	read10(cdb, 3, 2);
	setup(&req, cdb, 2 * 2048);
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	/* the packet: device register without LBA, features 0, the byte
	 * count limit, PACKET, then the twelve bytes */
	CU_ASSERT_EQUAL(ata_fake_written(ATA_DEVICE, 0), ATA_D_IBM | ATA_D_DEV);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_FEATURE, 0), 0);
	CU_ASSERT_EQUAL(fake.bytelimit, 2 * 2048);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COMMAND, 0), ATA_PACKET);
	CU_ASSERT(memcmp(fake.cdb, cdb, ATAPI_CDB_LEN) == 0);
	/* two data interrupts and the status one */
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(req.ar_donecount, 2 * 2048);
	CU_ASSERT(memcmp(buf, fake.drv[1].disk + 3 * 2048, 2 * 2048) == 0);
	CU_ASSERT_EQUAL(buf[2 * 2048], 0x77);
}

static void
test_atapi_more_offered_than_wanted(void)
{
	struct ata_request req;
	uint8_t cdb[ATAPI_CDB_LEN] = { ATAPI_READ_CAPACITY };
	int n;

	/* READ CAPACITY offers 8 bytes; the request wants 6: the other two
	 * are read and dropped, or the device would wait for them */
	setup(&req, cdb, 6);
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT_EQUAL(req.ar_donecount, 6);
	CU_ASSERT_EQUAL(buf[3], (FAKE_SECTORS * 512 / 2048) - 1);
	CU_ASSERT_EQUAL(buf[6], 0x77);
	CU_ASSERT_EQUAL(fake.dir, 0);		/* the device is done */
}

static void
test_atapi_no_data_command(void)
{
	struct ata_request req;
	uint8_t cdb[ATAPI_CDB_LEN] = { ATAPI_TEST_UNIT_READY };
	int n;

	setup(&req, cdb, 0);
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(atapi_done(&req), 0);
	CU_ASSERT_EQUAL(nrequeued, 0);
}

static void
test_atapi_check_condition_senses(void)
{
	struct ata_request req;
	uint8_t cdb[ATAPI_CDB_LEN];
	int n;

	/* beyond the 16 blocks: check condition */
	read10(cdb, 15, 2);
	setup(&req, cdb, 2 * 2048);
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, -EIO);
	CU_ASSERT(req.ar_status & ATA_S_ERR);
	CU_ASSERT_EQUAL(req.ar_error >> 4, ATAPI_SENSE_ILLEGAL);
	/* atapi_done turns it into REQUEST SENSE and requeues it */
	CU_ASSERT_EQUAL(atapi_done(&req), 1);
	CU_ASSERT_PTR_EQUAL(requeued, &req);
	CU_ASSERT_EQUAL(req.ar_cdb[0], ATAPI_REQUEST_SENSE);
	CU_ASSERT_EQUAL(req.ar_cdb[4], 18);
	CU_ASSERT(!(req.ar_flags & ATA_R_DMA));
	/* the framework runs it again (ata_start clears the result) */
	req.ar_result = 0;
	req.ar_donecount = 0;
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT_EQUAL(fake.cdb[0], ATAPI_REQUEST_SENSE);
	/* and the sense is decoded, the original back */
	CU_ASSERT_EQUAL(atapi_done(&req), 0);
	CU_ASSERT_EQUAL(nrequeued, 1);
	CU_ASSERT_EQUAL(req.ar_result, -EIO);
	CU_ASSERT_EQUAL(req.ar_sensekey, ATAPI_SENSE_ILLEGAL);
	CU_ASSERT_EQUAL(req.ar_asc, 0x21);
	CU_ASSERT(memcmp(req.ar_cdb, cdb, ATAPI_CDB_LEN) == 0);
	CU_ASSERT_PTR_EQUAL(req.ar_data, buf);
	CU_ASSERT_EQUAL(req.ar_bytecount, 2 * 2048);
	CU_ASSERT(req.ar_status & ATA_S_ERR);
	CU_ASSERT(strstr(req.ar_detail, "ILLEGAL REQUEST") != NULL);
}

static void
test_atapi_unit_attention_retries(void)
{
	struct ata_request req;
	uint8_t cdb[ATAPI_CDB_LEN];
	int n;

	read10(cdb, 0, 1);
	setup(&req, cdb, 2048);
	/* as if the sense said UNIT ATTENTION, medium changed */
	req.ar_status = ATA_S_DRDY | ATA_S_ERR;
	req.ar_result = -EIO;
	req.ar_reason = "check condition";
	CU_ASSERT_EQUAL(atapi_done(&req), 1);	/* sense first */
	req.ar_result = 0;
	req.ar_donecount = 0;
	fake.sense_key = ATAPI_SENSE_UNIT_ATTENTION;
	fake.asc = 0x28;
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(atapi_done(&req), 1);	/* then the command again */
	CU_ASSERT_EQUAL(nrequeued, 2);
	CU_ASSERT_EQUAL(req.ar_retries, 1);
	CU_ASSERT_EQUAL(req.ar_cdb[0], ATAPI_READ10);
	req.ar_result = 0;
	req.ar_donecount = 0;
	CU_ASSERT_EQUAL(run(&req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT(memcmp(buf, fake.drv[1].disk, 2048) == 0);
}

static const struct unit_test atapi_tests[] = {
	{ "atapi_packet_and_read10", test_atapi_packet_and_read10 },
	{ "atapi_more_offered_than_wanted",
	    test_atapi_more_offered_than_wanted },
	{ "atapi_no_data_command", test_atapi_no_data_command },
	{ "atapi_check_condition_senses", test_atapi_check_condition_senses },
	{ "atapi_unit_attention_retries", test_atapi_unit_attention_retries },
	{ NULL, NULL }
};

int
add_atapi_suite(void)
{
	return add_suite("atapi", atapi_tests);
}
