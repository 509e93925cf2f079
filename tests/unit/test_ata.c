/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The PIO protocol of src/ata/ata_lowlevel.c (book/39-ata.nw), the
 * request state machine, against the simulated channel of
 * tests/unit/ata_fake.c: where LBA28 and LBA48 put an address, one
 * interrupt per sector, a write's first sector before any interrupt,
 * errors and a busy device; and the IDENTIFY arithmetic of
 * src/ata/ata_ident.c.
 */
#include <stdint.h>
#include <string.h>

#include "ata/ata.h"
#include "ata/atareg.h"
#include "ata_fake.h"
#include "check.h"
#include "suites.h"

static struct ata_channel ch;
static uint8_t buf[16 * 512];

/* A request of UNIT for COMMAND at LBA, N sectors, FLAGS. */
static void
setup(struct ata_request *req, int unit, uint8_t command, uint64_t lba,
    uint32_t n, int flags)
{
	ata_fake_reset();
	memset(&ch, 0, sizeof(ch));
	ch.ch_dev[0].ad_ch = ch.ch_dev[1].ad_ch = &ch;
	ch.ch_dev[1].ad_unit = 1;
	memset(req, 0, sizeof(*req));
	req->ar_dev = &ch.ch_dev[unit];
	req->ar_command = command;
	req->ar_lba = lba;
	req->ar_count = n;
	req->ar_flags = flags;
	req->ar_data = buf;
	req->ar_bytecount = n * 512;
	req->ar_transfersize = 512;
	memset(buf, 0x77, sizeof(buf));
}

/* Run REQ to its end as the channel's thread would: begin, then one
 * protocol step per interrupt the device raises.  The protocol's last
 * answer; *NINTR: the interrupts it took. */
static int
run(const struct ata_protocol *p, struct ata_request *req, int *nintr)
{
	int op, guard = 0;

	*nintr = 0;
	op = p->ap_begin(req);
	while (op == ATA_OP_CONTINUES && fake.irq && guard++ < 1000) {
		(*nintr)++;
		op = p->ap_intr(req);
	}
	return op;
}

static void
test_ata_pio_read_lba28(void)
{
	struct ata_request req;
	int n;

	/* sector 0x0A0B0C0 is beyond the fake: the address check below is
	 * of the registers, with a request that fits */
	setup(&req, 0, ATA_READ, 5, 3, ATA_R_READ);
	CU_ASSERT_EQUAL(run(&ata_pio_protocol, &req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT_EQUAL(n, 3);			/* one interrupt per sector */
	CU_ASSERT_EQUAL(req.ar_donecount, 3 * 512);
	CU_ASSERT(memcmp(buf, fake.drv[0].disk + 5 * 512, 3 * 512) == 0);
	CU_ASSERT_EQUAL(buf[3 * 512], 0x77);	/* nothing beyond */
	CU_ASSERT_EQUAL(ata_fake_written(ATA_DEVICE, 0), 0xE0);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COUNT, 0), 3);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_LOW, 0), 5);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_LOW, 1), -1);	/* once */
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COMMAND, 0), ATA_READ);
}

static void
test_ata_pio_lba28_address_registers(void)
{
	struct ata_request req;

	/* LBA 0x0ABCDEF: bits 24-27 in the device register, the rest in
	 * LBA low, mid, high; the slave's DEV bit; a count of 256 is 0 */
	setup(&req, 1, ATA_READ, 0x0ABCDEFull, 256, ATA_R_READ);
	(void)ata_pio_protocol.ap_begin(&req);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_DEVICE, 0),
	    ATA_D_IBM | ATA_D_LBA | ATA_D_DEV | 0x0);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_LOW, 0), 0xEF);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_MID, 0), 0xCD);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_HIGH, 0), 0xAB);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COUNT, 0), 0);
	setup(&req, 0, ATA_READ, 0x0F123456ull, 1, ATA_R_READ);
	(void)ata_pio_protocol.ap_begin(&req);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_DEVICE, 0), 0xE0 | 0xF);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_HIGH, 0), 0x12);
	/* beyond the fake's 64 sectors: it says IDNF */
	CU_ASSERT_EQUAL(fake.error, ATA_E_IDNF);
}

static void
test_ata_pio_lba48_address_registers(void)
{
	struct ata_request req;
	int n;

	/* every register twice, high-order byte first */
	setup(&req, 0, ATA_READ48, 0x0000123456789ABCull, 0x0102,
	    ATA_R_READ | ATA_R_48BIT);
	(void)ata_pio_protocol.ap_begin(&req);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_DEVICE, 0), ATA_D_IBM | ATA_D_LBA);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COUNT, 0), 0x01);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COUNT, 1), 0x02);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_LOW, 0), 0x56);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_LOW, 1), 0xBC);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_MID, 0), 0x34);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_MID, 1), 0x9A);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_HIGH, 0), 0x12);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_LBA_HIGH, 1), 0x78);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COMMAND, 0), ATA_READ48);
	/* and a 48-bit read that fits reads the right sectors */
	setup(&req, 1, ATA_READ48, 60, 4, ATA_R_READ | ATA_R_48BIT);
	CU_ASSERT_EQUAL(run(&ata_pio_protocol, &req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT(memcmp(buf, fake.drv[1].disk + 60 * 512, 4 * 512) == 0);
}

static void
test_ata_pio_write(void)
{
	struct ata_request req;
	int n, i;

	setup(&req, 1, ATA_WRITE, 9, 3, ATA_R_WRITE);
	for (i = 0; i < 3 * 512; i++)
		buf[i] = (uint8_t)(i * 7 + i / 512 * 13);	/* per sector */
	/* the first sector goes out before any interrupt */
	CU_ASSERT_EQUAL(ata_pio_protocol.ap_begin(&req), ATA_OP_CONTINUES);
	CU_ASSERT_EQUAL(fake.irqs, 1);
	CU_ASSERT(memcmp(fake.drv[1].disk + 9 * 512, buf, 512) == 0);
	CU_ASSERT_EQUAL(req.ar_donecount, 512);
	/* then one per interrupt, and the third interrupt ends it */
	n = 0;
	while (fake.irq && n < 10) {
		n++;
		if (ata_pio_protocol.ap_intr(&req) == ATA_OP_FINISHED)
			break;
	}
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT(memcmp(fake.drv[1].disk + 9 * 512, buf, 3 * 512) == 0);
	CU_ASSERT_EQUAL(fake.drv[1].disk[12 * 512], (uint8_t)(12 * 3 + 1));
	CU_ASSERT_EQUAL(fake.drv[0].disk[9 * 512], (uint8_t)(9 * 3));
}

static void
test_ata_pio_error_ends_request(void)
{
	struct ata_request req;
	int n;

	/* 2 sectors from the last one: the fake refuses with IDNF */
	setup(&req, 0, ATA_READ, FAKE_SECTORS - 1, 2, ATA_R_READ);
	CU_ASSERT_EQUAL(run(&ata_pio_protocol, &req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(req.ar_result, -EIO);
	CU_ASSERT(req.ar_status & ATA_S_ERR);
	CU_ASSERT_EQUAL(req.ar_error, ATA_E_IDNF);
	CU_ASSERT_EQUAL(req.ar_donecount, 0);
	CU_ASSERT_PTR_NOT_NULL(req.ar_reason);
}

static void
test_ata_pio_busy_device_refused(void)
{
	struct ata_request req;

	setup(&req, 0, ATA_READ, 0, 1, ATA_R_READ);
	fake.drv[0].busy = 1;
	CU_ASSERT_EQUAL(ata_pio_protocol.ap_begin(&req), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, -EIO);
	CU_ASSERT_EQUAL(ata_fake_written(ATA_COMMAND, 0), -1);	/* no command */
}

static void
test_ata_pio_stale_interrupt_waits(void)
{
	struct ata_request req;

	setup(&req, 0, ATA_READ, 0, 2, ATA_R_READ);
	CU_ASSERT_EQUAL(ata_pio_protocol.ap_begin(&req), ATA_OP_CONTINUES);
	fake.drv[0].busy = 1;			/* not ready yet */
	CU_ASSERT_EQUAL(ata_pio_protocol.ap_intr(&req), ATA_OP_CONTINUES);
	CU_ASSERT_EQUAL(req.ar_donecount, 0);
	fake.drv[0].busy = 0;
	CU_ASSERT_EQUAL(ata_pio_protocol.ap_intr(&req), ATA_OP_CONTINUES);
	CU_ASSERT_EQUAL(ata_pio_protocol.ap_intr(&req), ATA_OP_FINISHED);
	CU_ASSERT(memcmp(buf, fake.drv[0].disk, 2 * 512) == 0);
}

static void
test_ata_identify_by_pio(void)
{
	struct ata_request req;
	uint16_t id[256];
	int n;

	setup(&req, 1, ATA_IDENTIFY, 0, 0, ATA_R_READ);
	req.ar_data = id;
	req.ar_bytecount = sizeof(id);
	CU_ASSERT_EQUAL(run(&ata_pio_protocol, &req, &n), ATA_OP_FINISHED);
	CU_ASSERT_EQUAL(req.ar_result, 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(id[0], 0x1000);
	CU_ASSERT_EQUAL(id[255], 0x1000 + 255);
}

static void
test_ata_ident_strings_and_size(void)
{
	uint16_t id[256];
	char s[41];
	int lba48 = -1;

	memset(id, 0, sizeof(id));
	/* "QEMU HARDDISK" as IDENTIFY stores it: each pair swapped, blanks */
	id[27] = 'Q' << 8 | 'E';
	id[28] = 'M' << 8 | 'U';
	id[29] = ' ' << 8 | 'H';
	id[30] = 'A' << 8 | 'R';
	id[31] = 'D' << 8 | 'D';
	id[32] = 'I' << 8 | 'S';
	id[33] = 'K' << 8 | ' ';
	for (int i = 34; i < 47; i++)
		id[i] = ' ' << 8 | ' ';
	ata_ident_string(id, 27, 20, s);
	CU_ASSERT_STRING_EQUAL(s, "QEMU HARDDISK");
	/* LBA28 only: words 60-61, low word first */
	id[60] = 0x1F80;
	id[61] = 0x0001;
	CU_ASSERT_EQUAL(ata_ident_sectors(id, &lba48), 0x11F80ull);
	CU_ASSERT_EQUAL(lba48, 0);
	/* LBA48: words 100-103 win when word 83 says so */
	id[83] = 0x0400;
	id[100] = 0x0000;
	id[101] = 0x0020;
	id[102] = 0x0001;
	CU_ASSERT_EQUAL(ata_ident_sectors(id, &lba48), 0x100200000ull);
	CU_ASSERT_EQUAL(lba48, 1);
}

static const struct unit_test ata_tests[] = {
	{ "ata_pio_read_lba28", test_ata_pio_read_lba28 },
	{ "ata_pio_lba28_address_registers",
	    test_ata_pio_lba28_address_registers },
	{ "ata_pio_lba48_address_registers",
	    test_ata_pio_lba48_address_registers },
	{ "ata_pio_write", test_ata_pio_write },
	{ "ata_pio_error_ends_request", test_ata_pio_error_ends_request },
	{ "ata_pio_busy_device_refused", test_ata_pio_busy_device_refused },
	{ "ata_pio_stale_interrupt_waits",
	    test_ata_pio_stale_interrupt_waits },
	{ "ata_identify_by_pio", test_ata_identify_by_pio },
	{ "ata_ident_strings_and_size", test_ata_ident_strings_and_size },
	{ NULL, NULL }
};

int
add_ata_suite(void)
{
	return add_suite("ata", ata_tests);
}
