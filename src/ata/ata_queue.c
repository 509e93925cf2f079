/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The ATA framework (book/39-ata.nw): queues, the channel's thread,
 * completion, timeouts and resets, the probe, the disks.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/apic_timer.h"
#include "arch/i386/atomic.h"
#include "arch/i386/cpufunc.h"
#include "arch/i386/ioapic.h"
#include "arch/i386/lapic.h"
#include "arch/i386/pci.h"
#include "arch/i386/pit.h"
#include "arch/i386/trap.h"
#include "arch/i386/vectors.h"
#include "ata/ata.h"
#include "ata/ata_io.h"
#include "ata/atareg.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt/msgport.h"

static void ata_timeout_callout(void *arg);
static int ata_poll_request(struct ata_request *req);

static const struct ata_protocol *ata_protocols[ATA_NPROTOS];

/* Make P the protocol of requests of kind KIND (ATA_PROTO_*); boot. */
void
ata_protocol_register(int kind, const struct ata_protocol *p)
{
	KASSERT(kind >= 0 && kind < ATA_NPROTOS,
	    ("ata_protocol_register: kind %d", kind));
	ata_protocols[kind] = p;
}

/* The kind of a request with FLAGS. */
static int
ata_kind(int flags)
{
	return ((flags & ATA_R_ATAPI) ? ATA_PROTO_ATAPI : ATA_PROTO_PIO) |
	    ((flags & ATA_R_DMA) ? ATA_PROTO_DMA : 0);
}

/* Is there a protocol for requests with FLAGS? */
int
ata_protocol_known(int flags)
{
	return ata_protocols[ata_kind(flags)] != NULL;
}

/* A request no protocol serves: fail it at once. */
static int
ata_none_begin(struct ata_request *req)
{
	return ata_fail(req, "no protocol for this kind of request");
}

static const struct ata_protocol ata_none_protocol = {
	"none", ata_none_begin, NULL, NULL, NULL
};

/* The protocol of REQ. */
static const struct ata_protocol *
ata_protocol_of(struct ata_request *req)
{
	const struct ata_protocol *p = ata_protocols[ata_kind(req->ar_flags)];

	return p != NULL ? p : &ata_none_protocol;
}

/* Fill REQ for DEV with the defaults: no data, 5 s, two retries. */
void
ata_request_init(struct ata_request *req, struct ata_device *dev)
{
	kmemset(req, 0, sizeof(*req));
	req->ar_dev = dev;
	req->ar_timeout = ATA_TIMEOUT;
	req->ar_retries = ATA_RETRIES;
	req->ar_transfersize = ATA_SECTOR_SIZE;
}

/* Put REQ first on CH's queue (queue.h has no TAILQ_INSERT_HEAD);
 * under ch_spin. */
static void
ata_queue_first(struct ata_channel *ch, struct ata_request *req)
{
	struct ata_request *first = TAILQ_FIRST(&ch->ch_queue);

	/* a variable: the macro reads its first argument after it changed
	 * the head, so TAILQ_FIRST itself would not do */
	if (first == NULL)
		TAILQ_INSERT_TAIL(&ch->ch_queue, req, ar_link);
	else
		TAILQ_INSERT_BEFORE(first, req, ar_link);
}

/* Wake CH's thread with EV; any CPU, any thread.  Before the thread
 * exists (the boot), the event waits for it. */
static void
ata_channel_kick(struct ata_channel *ch, uint32_t ev)
{
	atomic_set_int(&ch->ch_events, ev);
	if (ch->ch_td != NULL)
		lwkt_schedule(ch->ch_td);
}

/* Queue REQ on its device's channel; it starts when its turn comes.
 * Before the channel's thread runs (the boot), it runs at once. */
void
ata_queue_request(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;

	req->ar_done = 0;
	if (ch->ch_td == NULL) {	/* the boot: at once, by polling */
		ata_poll_request(req);
		if (req->ar_callback != NULL)
			req->ar_callback(req);
		return;
	}
	spin_lock(&ch->ch_spin);
	if (req->ar_flags & ATA_R_AT_HEAD)
		ata_queue_first(ch, req);
	else
		TAILQ_INSERT_TAIL(&ch->ch_queue, req, ar_link);
	spin_unlock(&ch->ch_spin);
	ata_channel_kick(ch, ATA_EV_QUEUE);
}

/* Sleep until REQ (queued, without callback) is over: its result. */
int
ata_wait_request(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;

	spin_lock(&ch->ch_spin);
	while (!req->ar_done)
		ssleep(req, &ch->ch_spin, 0, "ataio", 0);
	spin_unlock(&ch->ch_spin);
	return req->ar_result;
}

/* Queue REQ and wait for it: its result. */
int
ata_do_request(struct ata_request *req)
{
	req->ar_callback = NULL;
	ata_queue_request(req);
	return ata_wait_request(req);
}

/* Stall CH (1: queued requests wait) or let it run again (0). */
void
ata_channel_stall(struct ata_channel *ch, int stall)
{
	spin_lock(&ch->ch_spin);
	ch->ch_stalled = stall;
	spin_unlock(&ch->ch_spin);
	if (!stall)
		ata_channel_kick(ch, ATA_EV_QUEUE);
}
/* Put REQ, just finished, back at the head of its channel's queue:
 * the channel's thread, from a protocol's ap_done. */
void
ata_requeue(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;

	spin_lock(&ch->ch_spin);
	ata_queue_first(ch, req);
	spin_unlock(&ch->ch_spin);
	atomic_set_int(&ch->ch_events, ATA_EV_QUEUE);
}

/* The name of ATA command CMD, for messages. */
const char *
ata_command_name(uint8_t cmd)
{
	switch (cmd) {
	case ATA_READ:		return "READ SECTORS";
	case ATA_READ48:	return "READ SECTORS EXT";
	case ATA_WRITE:		return "WRITE SECTORS";
	case ATA_WRITE48:	return "WRITE SECTORS EXT";
	case ATA_READ_DMA:	return "READ DMA";
	case ATA_READ_DMA48:	return "READ DMA EXT";
	case ATA_WRITE_DMA:	return "WRITE DMA";
	case ATA_WRITE_DMA48:	return "WRITE DMA EXT";
	case ATA_IDENTIFY:	return "IDENTIFY DEVICE";
	case ATA_ATAPI_IDENTIFY: return "IDENTIFY PACKET DEVICE";
	case ATA_PACKET:	return "PACKET";
	case ATA_FLUSHCACHE:	return "FLUSH CACHE";
	case ATA_SETFEATURES:	return "SET FEATURES";
	default:		return "command";
	}
}

/* The names of the bits of V set in NAMES (bit 7 first) into BUF. */
static void
ata_bits(char *buf, size_t size, uint8_t v, const char *const names[8])
{
	size_t n = 0;
	int bit;

	buf[0] = '\0';
	for (bit = 7; bit >= 0; bit--)
		if ((v & (1u << bit)) && n + 8 < size)
			n += (size_t)ksnprintf(buf + n, size - n, "%s%s",
			    n ? "," : "", names[7 - bit]);
}

/* Say on the console why REQ failed. */
void
ata_report(struct ata_request *req)
{
	static const char *const status_bits[8] = { "BSY", "DRDY", "DF",
	    "DSC", "DRQ", "CORR", "IDX", "ERR" };
	static const char *const error_bits[8] = { "ICRC", "UNC", "MC",
	    "IDNF", "MCR", "ABRT", "TK0NF", "AMNF" };
	struct ata_device *dev = req->ar_dev;
	char st[48], er[48];

	ata_bits(st, sizeof(st), req->ar_status, status_bits);
	ata_bits(er, sizeof(er), req->ar_error, error_bits);
	kprintf("%s: %s lba %llu count %u failed (%s): %s%s%s; status "
	    "0x%02x <%s> error 0x%02x <%s>\n", dev->ad_name,
	    ata_command_name(req->ar_command),
	    (unsigned long long)req->ar_lba, req->ar_count, dev->ad_where,
	    req->ar_reason != NULL ? req->ar_reason : "error",
	    req->ar_detail[0] != '\0' ? ": " : "", req->ar_detail,
	    req->ar_status, st, req->ar_error, er);
}

/* The running request REQ of CH is over: stop its clock, let its
 * protocol look, report, mark it done, wake its owner.  CH's thread. */
void
ata_complete(struct ata_channel *ch, struct ata_request *req)
{
	ata_callback_fn *cb;

	callout_stop(&ch->ch_callout);
	ch->ch_running = NULL;
	if (ch->ch_proto->ap_done != NULL && ch->ch_proto->ap_done(req))
		return;
	if (req->ar_result != 0 && !(req->ar_flags & ATA_R_QUIET))
		ata_report(req);
	spin_lock(&ch->ch_spin);
	req->ar_done = 1;
	cb = req->ar_callback;
	spin_unlock(&ch->ch_spin);
	if (cb != NULL)
		cb(req);
	else
		wakeup(req);
}

/* Start CH's queued requests until one runs or none is left.  CH's
 * thread, with no request running. */
void
ata_start(struct ata_channel *ch)
{
	struct ata_request *req;

	while (ch->ch_running == NULL) {
		spin_lock(&ch->ch_spin);
		req = ch->ch_stalled ? NULL : TAILQ_FIRST(&ch->ch_queue);
		if (req != NULL)
			TAILQ_REMOVE(&ch->ch_queue, req, ar_link);
		spin_unlock(&ch->ch_spin);
		if (req == NULL)
			return;
		ch->ch_running = req;
		ch->ch_proto = ata_protocol_of(req);
		ch->ch_requests++;
		req->ar_result = 0;
		req->ar_reason = NULL;
		req->ar_donecount = 0;
		req->ar_status = req->ar_error = 0;
		callout_reset(&ch->ch_callout, req->ar_timeout, ata_timeout_callout,
		    ch);
		if (ch->ch_proto->ap_begin(req) == ATA_OP_FINISHED)
			ata_complete(ch, req);
	}
}

/* Wait TICKS ticks or more: CH's thread sleeps; the boot, before the
 * thread exists, counts on the PIT (boot CPU). */
static void
ata_pause(struct ata_channel *ch, int ticks)
{
	if (ch->ch_td == NULL)
		pit_delay_us((uint32_t)ticks * (1000000 / HZ));
	else
		tsleep(&ch->ch_resets, 0, "atarst", ticks);
}

/* Reset both devices of CH and wait (sleeping) until each is not
 * busy: 0, or -EIO after ATA_RESET_TICKS.  CH's thread, or the boot
 * before the thread runs. */
int
ata_reset(struct ata_channel *ch)
{
	int i, unit, waited = 0;

	ch->ch_resets++;
	ata_ctl_out(ch, ATA_DC_SRST | ATA_DC_NIEN);
	for (i = 0; i < 16; i++)		/* 5 us and more */
		ata_delay400(ch);
	ata_ctl_out(ch, ATA_DC_NIEN);
	ata_pause(ch, 2);			/* 2 ms and more */
	for (unit = ATA_MASTER; unit <= ATA_SLAVE; unit++) {
		ata_out(ch, ATA_DEVICE, ATA_D_IBM |
		    (unit == ATA_SLAVE ? ATA_D_DEV : 0));
		ata_delay400(ch);
		while ((ata_ctl_in(ch) & ATA_S_BSY) &&
		    waited < ATA_RESET_TICKS) {
			ata_pause(ch, 1);
			waited++;
		}
	}
	ata_out(ch, ATA_DEVICE, ATA_D_IBM);	/* leave the master selected */
	ata_delay400(ch);
	ata_ctl_out(ch, 0);
	atomic_clear_int(&ch->ch_events, ATA_EV_INTR);
	return waited < ATA_RESET_TICKS ? 0 : -EIO;
}

/* The channel of each ISA IRQ, for the handler. */
static struct ata_channel *ata_irq_channel[ISA_NIRQ];

/* VEC_ISA_BASE + 14 or 15, on the channel's CPU: wake its thread. */
static void
ata_intr_handler(struct trapframe *tf)
{
	struct ata_channel *ch;

	ch = ata_irq_channel[tf->tf_trapno - VEC_ISA_BASE];
	atomic_set_int(&ch->ch_events, ATA_EV_INTR);
	lapic_eoi();
	lwkt_schedule_interrupt(ch->ch_td);
}

/* The running request's callout (softclock, the channel's CPU). */
static void
ata_timeout_callout(void *arg)
{
	struct ata_channel *ch = arg;

	atomic_set_int(&ch->ch_events, ATA_EV_TIMEOUT);
	lwkt_schedule(ch->ch_td);
}

/* An interrupt of CH: the running request's protocol handles it. */
static void
ata_interrupt(struct ata_channel *ch)
{
	struct ata_request *req = ch->ch_running;

	ch->ch_intrs++;
	if (req == NULL || ch->ch_proto->ap_intr == NULL) {
		(void)ata_in(ch, ATA_STATUS);	/* acknowledge it */
		ch->ch_spurious++;
		return;
	}
	if (ch->ch_proto->ap_intr(req) == ATA_OP_FINISHED)
		ata_complete(ch, req);
}

/* The running request's time is up, unless it already ended (or the
 * callout was armed again for the next one). */
static void
ata_timeout(struct ata_channel *ch)
{
	struct ata_request *req = ch->ch_running;

	if (req == NULL || callout_pending(&ch->ch_callout))
		return;
	ch->ch_timeouts++;
	if (ch->ch_proto->ap_stop != NULL)
		ch->ch_proto->ap_stop(req);
	req->ar_status = ata_ctl_in(ch);
	req->ar_error = ata_in(ch, ATA_ERROR);
	ata_reset(ch);
	if (req->ar_retries-- > 0) {
		if (!(req->ar_flags & ATA_R_QUIET))
			kprintf("%s: %s timed out; channel reset, retrying\n",
			    req->ar_dev->ad_name,
			    ata_command_name(req->ar_command));
		ch->ch_running = NULL;
		ata_requeue(req);
		return;
	}
	req->ar_flags |= ATA_R_TIMEDOUT;
	req->ar_result = -EIO;
	req->ar_reason = "timeout";
	ata_complete(ch, req);
}

/* CH's thread, on CH's CPU: interrupts, timeouts, the next request.
 * It starts on the boot CPU, moves to CH's, and routes CH's IRQ to
 * the CPU it is on before it starts any request. */
static void
ata_channel_thread(void *arg)
{
	struct ata_channel *ch = arg;
	uint64_t t0;
	uint32_t ev;
	int error;

	lwkt_setcpu_self(globaldata_find(ch->ch_cpu));
	lwkt_setpri_self(TDPRI_INT_MED);
	if ((error = ioapic_route(ch->ch_irq, VEC_ISA_BASE + ch->ch_irq,
	    mycpu->gd_cpuid)) != 0 || (error = ioapic_unmask(ch->ch_irq)) != 0)
		kprintf("ata%d: no interrupt (error %d): its requests will "
		    "time out\n", ch->ch_unit, error);
	for (;;) {
		crit_enter();
		while ((ev = atomic_swap_int(&ch->ch_events, 0)) == 0) {
			lwkt_deschedule_self(curthread);
			lwkt_switch();
		}
		crit_exit();
		t0 = rdtsc();
		if (ev & ATA_EV_INTR)
			ata_interrupt(ch);
		if (ev & ATA_EV_TIMEOUT)
			ata_timeout(ch);
		if (ch->ch_running == NULL)
			ata_start(ch);
		ch->ch_busy += rdtsc() - t0;
	}
}

/* Boot only, before CH's thread runs (its IRQ masked, nothing else on
 * the channel): run REQ to its end by polling; its result. */
static int
ata_poll_request(struct ata_request *req)
{
	struct ata_channel *ch = req->ar_dev->ad_ch;
	const struct ata_protocol *p;
	int op, again;

	do {
		p = ata_protocol_of(req);
		req->ar_result = 0;
		req->ar_reason = NULL;
		req->ar_donecount = 0;
		req->ar_status = req->ar_error = 0;
		op = p->ap_begin(req);
		while (op == ATA_OP_CONTINUES) {
			ata_delay400(ch);
			if (ata_wait(ch, 0) < 0) {
				req->ar_flags |= ATA_R_TIMEDOUT;
				op = ata_fail(req, "timeout");
				break;
			}
			op = p->ap_intr(req);
		}
		again = p->ap_done != NULL && p->ap_done(req);
		if (again) {
			spin_lock(&ch->ch_spin);
			TAILQ_REMOVE(&ch->ch_queue, req, ar_link);
			spin_unlock(&ch->ch_spin);
		}
	} while (again);
	if (req->ar_result != 0 && !(req->ar_flags & ATA_R_QUIET))
		ata_report(req);
	req->ar_done = 1;
	return req->ar_result;
}

static int ata_ncd;		/* ATAPI devices named so far (boot) */

/* After a reset: the type of CH's device UNIT by its signature. */
static int
ata_signature(struct ata_channel *ch, int unit)
{
	uint8_t st, mid, high;

	ata_out(ch, ATA_DEVICE, ATA_D_IBM | (unit == ATA_SLAVE ? ATA_D_DEV :
	    0));
	ata_delay400(ch);
	st = ata_ctl_in(ch);
	mid = ata_in(ch, ATA_LBA_MID);
	high = ata_in(ch, ATA_LBA_HIGH);
	if (mid == ATA_SIG_ATAPI_MID && high == ATA_SIG_ATAPI_HIGH)
		return ATA_T_ATAPI;
	if (st == 0x00 || st == 0xFF)
		return ATA_T_NONE;
	if (mid == 0 && high == 0)
		return ATA_T_DISK;
	return ATA_T_NONE;
}

/* IDENTIFY DEV (its type known): fill in its name, model, size. */
static int
ata_identify(struct ata_device *dev)
{
	struct ata_request req;
	int error, lba48;

	ata_request_init(&req, dev);
	req.ar_command = dev->ad_type == ATA_T_ATAPI ? ATA_ATAPI_IDENTIFY :
	    ATA_IDENTIFY;
	req.ar_flags = ATA_R_READ;
	req.ar_data = dev->ad_ident;
	req.ar_bytecount = sizeof(dev->ad_ident);
	if ((error = ata_do_request(&req)) != 0)
		return error;
	ata_ident_string(dev->ad_ident, ATA_ID_MODEL, 20, dev->ad_model);
	ata_ident_string(dev->ad_ident, ATA_ID_SERIAL, 10, dev->ad_serial);
	if (dev->ad_ident[ATA_ID_CAPS] & ATA_ID_CAP_DMA)
		dev->ad_flags |= ATA_DF_DMA;
	if (dev->ad_type == ATA_T_ATAPI) {
		dev->ad_secsize = 2048;
		ksnprintf(dev->ad_name, sizeof(dev->ad_name), "acd%d",
		    ata_ncd++);
		return 0;
	}
	dev->ad_secsize = ATA_SECTOR_SIZE;
	dev->ad_sectors = ata_ident_sectors(dev->ad_ident, &lba48);
	if (lba48)
		dev->ad_flags |= ATA_DF_LBA48;
	return 0;
}

/* The boot's look at CH: reset, signatures, IDENTIFY; print each. */
static void
ata_probe_channel(struct ata_channel *ch)
{
	struct ata_device *dev;
	int unit, type[2];

	ata_reset(ch);
	for (unit = ATA_MASTER; unit <= ATA_SLAVE; unit++)
		type[unit] = ata_signature(ch, unit);
	for (unit = ATA_MASTER; unit <= ATA_SLAVE; unit++) {
		dev = &ch->ch_dev[unit];
		if (type[unit] == ATA_T_NONE)
			continue;
		dev->ad_type = type[unit];
		if (ata_identify(dev) != 0) {
			kprintf("ata: %s: no answer to IDENTIFY; ignored\n",
			    dev->ad_where);
			dev->ad_type = ATA_T_NONE;
			continue;
		}
		if (dev->ad_type == ATA_T_DISK)
			kprintf("%s: <%s> %llu sectors (%llu MiB)%s%s at %s\n",
			    dev->ad_name, dev->ad_model,
			    (unsigned long long)dev->ad_sectors,
			    (unsigned long long)(dev->ad_sectors >> 11),
			    (dev->ad_flags & ATA_DF_LBA48) ? " LBA48" : "",
			    (dev->ad_flags & ATA_DF_DMA) ? " DMA" : "",
			    dev->ad_where);
		else
			kprintf("%s: <%s> ATAPI%s at %s\n", dev->ad_name,
			    dev->ad_model,
			    (dev->ad_flags & ATA_DF_DMA) ? " DMA" : "",
			    dev->ad_where);
	}
}

struct ata_channel ata_channels[ATA_NCHANNELS];

/* Fill in CH, unit UNIT, with its ports, IRQ, CPU and device slots. */
static void
ata_channel_init(struct ata_channel *ch, int unit, uint16_t bm)
{
	static const uint16_t cmd[2] = { 0x1F0, 0x170 }, ctl[2] = { 0x3F6,
	    0x376 };
	static const int irq[2] = { 14, 15 };
	int u;

	ch->ch_unit = unit;
	ch->ch_cmd = cmd[unit];
	ch->ch_ctl = ctl[unit];
	ch->ch_irq = irq[unit];
	ch->ch_bmio = bm != 0 ? (uint16_t)(bm + 8 * unit) : 0;
	ch->ch_cpu = unit % ncpus;
	spin_init(&ch->ch_spin);
	TAILQ_INIT(&ch->ch_queue);
	callout_init(&ch->ch_callout);
	for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
		ch->ch_dev[u].ad_ch = ch;
		ch->ch_dev[u].ad_unit = u;
		ksnprintf(ch->ch_dev[u].ad_where,
		    sizeof(ch->ch_dev[u].ad_where), "ata%d-%s", unit,
		    u == ATA_MASTER ? "master" : "slave");
		ksnprintf(ch->ch_dev[u].ad_name,
		    sizeof(ch->ch_dev[u].ad_name), "ad%d", 2 * unit + u);
	}
}

/* CH's thread, made here (the boot CPU) and started: it moves to its
 * CPU and turns its IRQ on there itself.  0 or -errno. */
static int
ata_channel_start(struct ata_channel *ch)
{
	int error;

	error = lwkt_create(ata_channel_thread, ch, &ch->ch_td,
	    TDF_INTTHREAD | TDF_NOSTART, mycpu->gd_cpuid, "ata%d",
	    ch->ch_unit);
	if (error != 0)
		return error;
	ata_irq_channel[ch->ch_irq] = ch;
	trap_set_handler(VEC_ISA_BASE + ch->ch_irq, ata_intr_handler);
	lwkt_schedule(ch->ch_td);
	return 0;
}

/* The boot step: the controller, its channels, their devices. */
static void
ata_attach(void *arg)
{
	const struct pci_func *pf;
	uint16_t bm = 0;
	int i;

	(void)arg;
	ata_protocol_register(ATA_PROTO_PIO, &ata_pio_protocol);
	pf = pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, 0);
	if (pf == NULL) {
		kprintf("ata: no IDE controller on the PCI bus\n");
		return;
	}
	if (pf->pf_progif & 0x05)
		kprintf("ata: controller in native mode; using the legacy "
		    "ports anyway\n");
	if (pci_bar_io(pf, 4, &bm) == 0)
		pci_enable(pf, PCI_COMMAND_IO | PCI_COMMAND_MASTER);
	else
		pci_enable(pf, PCI_COMMAND_IO);
	kprintf("ata: %04x:%04x, bus master %s0x%x\n", pf->pf_vendor,
	    pf->pf_device, bm != 0 ? "at " : "none ", bm);
	for (i = 0; i < ATA_NCHANNELS; i++) {
		ata_channel_init(&ata_channels[i], i, bm);
		ata_probe_channel(&ata_channels[i]);
	}
}

SYSINIT(ata, SI_SUB_ATA, SI_ORDER_FIRST, ata_attach, NULL);

/* The last ATA boot step: every channel's thread and interrupt. */
static void
ata_run(void *arg)
{
	int i, error;

	(void)arg;
	for (i = 0; i < ATA_NCHANNELS; i++)
		if (ata_channels[i].ch_cmd != 0 &&
		    (error = ata_channel_start(&ata_channels[i])) != 0)
			kprintf("ata%d: cannot start (error %d): its requests "
			    "will wait\n", i, error);
}

SYSINIT(atarun, SI_SUB_ATA_RUN, SI_ORDER_FIRST, ata_run, NULL);

/* The device of CHANNEL and UNIT, present or not, or NULL. */
struct ata_device *
ata_device_at(int channel, int unit)
{
	if (channel < 0 || channel >= ATA_NCHANNELS || unit < ATA_MASTER ||
	    unit > ATA_SLAVE || ata_channels[channel].ch_cmd == 0)
		return NULL;
	return &ata_channels[channel].ch_dev[unit];
}

/* The present device named NAME ("ad1", "acd0"), or NULL. */
struct ata_device *
ata_device_find(const char *name)
{
	struct ata_device *dev;
	int c, u;

	for (c = 0; c < ATA_NCHANNELS; c++)
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = ata_device_at(c, u);
			if (dev != NULL && dev->ad_type != ATA_T_NONE &&
			    kstrcmp(dev->ad_name, name) == 0)
				return dev;
		}
	return NULL;
}

/* The command that reads or writes by DMA or PIO, LBA28 or LBA48. */
uint8_t
ata_rw_command(int write, int dma, int lba48)
{
	static const uint8_t cmd[2][2][2] = {
		{ { ATA_READ, ATA_READ48 }, { ATA_READ_DMA, ATA_READ_DMA48 } },
		{ { ATA_WRITE, ATA_WRITE48 },
		  { ATA_WRITE_DMA, ATA_WRITE_DMA48 } } };

	return cmd[write != 0][dma != 0][lba48 != 0];
}

/* Whether a request of DEV may be DMA: a bus master on its channel, a
 * device that can, a protocol that does it. */
int
ata_dma_usable(struct ata_device *dev)
{
	return dev->ad_ch->ch_bmio != 0 && (dev->ad_flags & ATA_DF_DMA) &&
	    ata_protocol_known(ATA_R_DMA | (dev->ad_type == ATA_T_ATAPI ?
	    ATA_R_ATAPI : 0));
}

/* Fill REQ to read or write (FLAGS) N sectors of DEV at LBA into BUF. */
void
ata_disk_request(struct ata_request *req, struct ata_device *dev,
    int flags, uint64_t lba, void *buf, uint32_t n)
{
	int write = (flags & ATA_R_WRITE) != 0, dma, lba48;

	dma = (flags & ATA_R_DMA) && ata_dma_usable(dev);
	lba48 = (flags & ATA_R_48BIT) || lba + n > ATA_LBA28_LIMIT;
	ata_request_init(req, dev);
	req->ar_flags = (write ? ATA_R_WRITE : ATA_R_READ) |
	    (dma ? ATA_R_DMA : 0) | (lba48 ? ATA_R_48BIT : 0) |
	    (flags & ATA_R_QUIET);
	req->ar_command = ata_rw_command(write, dma, lba48);
	req->ar_lba = lba;
	req->ar_count = n;
	req->ar_data = buf;
	req->ar_bytecount = n * ATA_SECTOR_SIZE;
}

/* Read or write (FLAGS) NSECT sectors of disk DEV at LBA, waiting. */
int
ata_disk_rw(struct ata_device *dev, int flags, uint64_t lba, void *buf,
    uint32_t nsect)
{
	struct ata_request req;
	uint32_t n;
	int error;

	if (dev == NULL || dev->ad_type != ATA_T_DISK)
		return -EINVAL;
	if (nsect == 0 || lba >= dev->ad_sectors ||
	    nsect > dev->ad_sectors - lba)
		return -EINVAL;
	if (((flags & ATA_R_48BIT) || lba + nsect > ATA_LBA28_LIMIT) &&
	    !(dev->ad_flags & ATA_DF_LBA48))
		return -EINVAL;
	while (nsect > 0) {
		n = nsect < ATA_MAX_SECTORS ? nsect : ATA_MAX_SECTORS;
		ata_disk_request(&req, dev, flags, lba, buf, n);
		if ((error = ata_do_request(&req)) != 0)
			return error;
		lba += n;
		buf = (uint8_t *)buf + (size_t)n * ATA_SECTOR_SIZE;
		nsect -= n;
	}
	return 0;
}

/* The monitor's ata command: each channel's devices and counters. */
static int
ata_command(int argc, char **argv)
{
	struct ata_channel *ch;
	struct ata_device *dev;
	int c, u;

	(void)argc;
	(void)argv;
	for (c = 0; c < ATA_NCHANNELS; c++) {
		ch = &ata_channels[c];
		if (ch->ch_cmd == 0)
			continue;
		kprintf("ata%d: ports 0x%x/0x%x irq %d cpu %d bm 0x%x: %u "
		    "requests, %u interrupts (%u spurious), %u timeouts, %u "
		    "resets\n", c, ch->ch_cmd, ch->ch_ctl, ch->ch_irq,
		    ch->ch_cpu, ch->ch_bmio, ch->ch_requests, ch->ch_intrs,
		    ch->ch_spurious, ch->ch_timeouts, ch->ch_resets);
		for (u = ATA_MASTER; u <= ATA_SLAVE; u++) {
			dev = &ch->ch_dev[u];
			if (dev->ad_type != ATA_T_NONE)
				kprintf("  %s %s <%s> %llu sectors of %u\n",
				    dev->ad_where, dev->ad_name,
				    dev->ad_model,
				    (unsigned long long)dev->ad_sectors,
				    dev->ad_secsize);
		}
	}
	return 0;
}

MONITOR_COMMAND(ata, "ata", "ata", "ATA channels, devices, counters",
    ata_command);
