/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The ATA framework: channels, devices and requests, a queue per
 * channel served by the channel's thread, protocols, the disks.
 */
#ifndef NAIAD_ATA_ATA_H
#define NAIAD_ATA_ATA_H

#include <stddef.h>
#include <stdint.h>

#include "ata/atareg.h"
#include "kern/callout.h"
#include "kern/ioccom.h"
#include "kern/queue.h"
#include "kern/spinlock.h"

struct thread;
struct ata_channel;
struct bio;
struct cdev;

#define ATA_NCHANNELS	2	/**< the primary and the secondary */
#define ATA_MASTER	0	/**< device 0 of a channel */
#define ATA_SLAVE	1	/**< device 1 of a channel */
#define ATA_SECTOR_SIZE	512	/**< bytes in a disk sector */
#define ATA_MAX_SECTORS	256	/**< sectors one disk request moves */
#define ATA_LBA28_LIMIT	(1ull << 28) /**< first sector LBA28 cannot name */
/** Ticks a request may take before it times out (5 s). */
#define ATA_TIMEOUT	500
#define ATA_RETRIES	2	/**< retries after a timeout */

/* Device types. */
#define ATA_T_NONE	0	/**< no device */
#define ATA_T_DISK	1	/**< an ATA disk */
#define ATA_T_ATAPI	2	/**< an ATAPI device (a CD) */

/* Device flags. */
#define ATA_DF_LBA48	0x0001	/**< speaks the 48-bit commands */
#define ATA_DF_DMA	0x0002	/**< can do DMA */
#define ATA_DF_USEDMA	0x0004	/**< its device's bios go by DMA */

/* Request flags. */
#define ATA_R_READ	0x0001	/**< data from the device */
#define ATA_R_WRITE	0x0002	/**< data to the device */
#define ATA_R_ATAPI	0x0004	/**< an ATAPI packet command */
#define ATA_R_DMA	0x0008	/**< by DMA (Chapter "ATA DMA") */
#define ATA_R_48BIT	0x0010	/**< the 48-bit register protocol */
#define ATA_R_AT_HEAD	0x0020	/**< queue before the others */
#define ATA_R_QUIET	0x0040	/**< no console message on failure */
#define ATA_R_TIMEDOUT	0x0100	/**< set: it failed by timeout */

/* What a protocol step says. */
#define ATA_OP_CONTINUES 0	/**< wait for the next interrupt */
#define ATA_OP_FINISHED	1	/**< over: ar_result says how */

/* Protocols, indexes of ata_protocol_register. */
#define ATA_PROTO_PIO	0	/**< ATA command, PIO */
#define ATA_PROTO_ATAPI	1	/**< ATAPI packet, PIO */
#define ATA_PROTO_DMA	2	/**< ATA command, DMA */
#define ATA_PROTO_ATAPI_DMA 3	/**< ATAPI packet, DMA */
#define ATA_NPROTOS	4	/**< how many */

/* Events that wake a channel's thread (ch_events). */
#define ATA_EV_QUEUE	0x1	/**< a request was queued */
#define ATA_EV_INTR	0x2	/**< the channel interrupted */
#define ATA_EV_TIMEOUT	0x4	/**< the running request's callout fired */

/** A device on a channel, as IDENTIFY described it. */
struct ata_device {
	struct ata_channel *ad_ch;	/**< its channel */
	int		ad_unit;	/**< ATA_MASTER or ATA_SLAVE */
	int		ad_type;	/**< ATA_T_* */
	int		ad_flags;	/**< ATA_DF_* */
	char		ad_name[8];	/**< "ad1", "acd0" */
	char		ad_where[16];	/**< "ata0-slave" */
	char		ad_model[41];	/**< from IDENTIFY, trimmed */
	char		ad_serial[21];	/**< from IDENTIFY, trimmed */
	uint64_t	ad_sectors;	/**< a disk's size in sectors */
	uint32_t	ad_secsize;	/**< bytes per sector */
	uint16_t	ad_ident[ATA_ID_WORDS]; /**< IDENTIFY's words */
	struct cdev	*ad_cdev;	/**< its device (chapter "Devices"), or NULL */
	
};

struct ata_request;
/** A completion callback: in the channel's thread, on its CPU. */
typedef void ata_callback_fn(struct ata_request *req);

/** A request to one device: a command, its data, and its result. */
struct ata_request {
	TAILQ_ENTRY(ata_request) ar_link; /**< on its channel's queue */
	struct ata_device *ar_dev;	/**< the device */
	int		ar_flags;	/**< ATA_R_* */
	uint8_t		ar_command;	/**< the ATA command */
	uint16_t	ar_feature;	/**< its features register */
	uint32_t	ar_count;	/**< its sector count */
	uint64_t	ar_lba;		/**< its address */
	void		*ar_data;	/**< the data, or NULL */
	uint32_t	ar_bytecount;	/**< bytes to move */
	uint32_t	ar_transfersize; /**< bytes per DRQ block (PIO) */
	uint32_t	ar_donecount;	/**< bytes moved so far */
	int		ar_timeout;	/**< ticks before a timeout */
	int		ar_retries;	/**< retries left after a timeout */
	uint8_t		ar_status;	/**< the status register at the end */
	uint8_t		ar_error;	/**< the error register, if ERR */
	int		ar_result;	/**< 0, or a negated errno */
	const char	*ar_reason;	/**< why it failed, for the message */
	char		ar_detail[80];	/**< more, from the protocol, or "" */
	ata_callback_fn	*ar_callback;	/**< NULL: the owner waits */
	void		*ar_caller;	/**< for the callback */
	volatile int	ar_done;	/**< 1 once over (under ch_spin) */
	uint8_t		ar_cdb[16];	/**< ATAPI: the SCSI command (12 bytes) */
	uint8_t		ar_sense[18];	/**< ATAPI: sense data of a check condition */
	uint8_t		ar_sensekey;	/**< ... its key (ATAPI_SENSE_*), or 0 */
	uint8_t		ar_asc;		/**< ... its additional sense code */
	uint8_t		ar_ascq;	/**< ... and qualifier */
	int		ar_sensing;	/**< 1: now the automatic REQUEST SENSE */
	void		*ar_saved_data;	/**< the original's, while sensing */
	uint32_t	ar_saved_bytecount; /**< ... */
	int		ar_saved_flags;	/**< ... */
	uint8_t		ar_saved_cdb[12]; /**< ... */
	uint8_t		ar_saved_status; /**< the check condition's status */
	uint8_t		ar_saved_error;	/**< ... and error (sense key << 4) */
};

/** How requests of one kind move their data. */
struct ata_protocol {
	const char	*ap_name;	/**< "PIO", "ATAPI", ... */
	/** Write the registers and the command: ATA_OP_*. */
	int		(*ap_begin)(struct ata_request *req);
	/** The channel interrupted during \a req: ATA_OP_*. */
	int		(*ap_intr)(struct ata_request *req);
	/** \a req is over (NULL: nothing to do); 1 if it was requeued. */
	int		(*ap_done)(struct ata_request *req);
	/** A timeout: stop what the protocol started (NULL: nothing). */
	void		(*ap_stop)(struct ata_request *req);
};

/** The requests waiting on a channel, first to start first. */
TAILQ_HEAD(ata_request_queue, ata_request);

/** A channel: a task file, an IRQ, two devices, a queue, a thread. */
struct ata_channel {
	int		ch_unit;	/**< 0 primary, 1 secondary */
	uint16_t	ch_cmd;		/**< the command block's base port */
	uint16_t	ch_ctl;		/**< the control block's port */
	uint16_t	ch_bmio;	/**< bus master registers, 0: none */
	int		ch_irq;		/**< its ISA IRQ */
	int		ch_cpu;		/**< the CPU of its IRQ and thread */
	struct ata_device ch_dev[2];	/**< master and slave */
	struct spinlock	ch_spin;	/**< the queue, ch_stalled, ar_done */
	struct ata_request_queue ch_queue; /**< waiting requests */
	int		ch_stalled;	/**< 1: queued requests do not start */
	/** The running request; only the channel's thread touches it. */
	struct ata_request *ch_running;
	const struct ata_protocol *ch_proto; /**< its protocol */
	volatile uint32_t ch_events;	/**< ATA_EV_*, for the thread */
	struct thread	*ch_td;		/**< the channel's thread */
	struct callout	ch_callout;	/**< the running request's timeout */
	uint32_t	ch_requests;	/**< requests begun */
	uint32_t	ch_intrs;	/**< interrupts */
	uint32_t	ch_spurious;	/**< ... with no request running */
	uint32_t	ch_timeouts;	/**< timeouts */
	uint32_t	ch_resets;	/**< resets (SRST) */
	/** Time-stamp ticks its thread spent working (under Bochs:
	 * instructions), for the benchmarks. */
	uint64_t	ch_busy;
	struct ata_prd	*ch_prd;	/**< its PRD table (one page), or NULL */
	uint32_t	ch_prd_pa;	/**< ... at this physical address */
	uint32_t	ch_dma_xfers;	/**< transfers made by DMA */
};

/** The two channels of the controller. */
extern struct ata_channel ata_channels[ATA_NCHANNELS];

/** Polls of the status before ata_wait gives up (a fraction of a second). */
#define ATA_WAIT_POLLS	200000

/** \brief Wait about 400 ns (four reads of the alternate status). */
void ata_delay400(struct ata_channel *ch);
/**
 * \brief Poll \a ch until it is not busy and, with \a drq, wants data or
 * failed.  \return the status, or -1 when it stays busy.
 */
int ata_wait(struct ata_channel *ch, int drq);
/**
 * \brief Select \a req's device with \a devbits and wait until it can
 * take a command.  \return 0, or -1 (ar_status set).
 */
int ata_select(struct ata_request *req, uint8_t devbits);
/** \brief End \a req with -EIO for \a reason.  \return ATA_OP_FINISHED. */
int ata_fail(struct ata_request *req, const char *reason);
/**
 * \brief Select \a req's device, write its task file (LBA28 or LBA48)
 * and its command.  \return 0, or -1 with \a req failed (-EIO).
 */
int ata_issue_command(struct ata_request *req);
/** The PIO protocol for ATA commands. */
extern const struct ata_protocol ata_pio_protocol;
/**
 * \brief Copy the IDENTIFY string of \a nwords words at word \a first
 * of \a id into \a out (2 * \a nwords + 1 bytes), bytes of each word
 * swapped, trailing blanks dropped.  Pure.
 */
void ata_ident_string(const uint16_t *id, int first, int nwords,
    char *out);
/**
 * \brief The size in sectors of the disk whose IDENTIFY data is \a id;
 * *\a lba48 says whether it speaks the 48-bit commands.  Pure.
 */
uint64_t ata_ident_sectors(const uint16_t *id, int *lba48);
/** A bio on its way through requests: the request first. */
struct ata_bio {
	struct ata_request ab_req;	/**< the request, reused per piece */
	struct bio	*ab_bio;	/**< the bio */
	struct ata_device *ab_dev;	/**< its device */
	uint64_t	ab_next;	/**< the next block, in ad_secsize */
	uint8_t		*ab_data;	/**< where the next piece goes */
	uint32_t	ab_left;	/**< blocks left, the current piece's
					     included */
	uint32_t	ab_count;	/**< blocks of the current piece */
	int		ab_flags;	/**< ATA_R_READ or _WRITE, and _DMA */
	/** Fill ab_req for the next piece: its number of blocks. */
	uint32_t	(*ab_fill)(struct ata_bio *ab);
};

/** ioctl of an ATA device: its bios by DMA (1) or PIO (0). */
#define ATAIOCSETDMA	_IOW('a', 1, int)
/** ioctl of an ATA device: whether its bios go by DMA. */
#define ATAIOCGETDMA	_IOR('a', 2, int)

/**
 * \brief Start \a bio (checked) on \a dev, its pieces made by \a fill;
 * the bio ends by biodone.  \return 0, or -ENOMEM (not taken).
 */
int ata_bio_start(struct ata_device *dev, struct bio *bio,
    uint32_t (*fill)(struct ata_bio *ab));
/**
 * \brief Why \a bio cannot be done on \a dev: 0; -EINVAL (not whole
 * blocks, not a read or a write); -ENXIO (beyond its end).
 */
int ata_bio_check(struct ata_device *dev, struct bio *bio);
struct dev_ioctl_args;
/** \brief d_ioctl of ATA devices: ATAIOCSETDMA, ATAIOCGETDMA. */
int ata_dev_ioctl(struct dev_ioctl_args *ap);
/** Ticks a reset may wait for the devices (3 s). */
#define ATA_RESET_TICKS	300

/** \brief Fill \a req for \a dev with the defaults (5 s, two retries). */
void ata_request_init(struct ata_request *req, struct ata_device *dev);
/** \brief Queue \a req on its channel; any thread.  It completes later. */
void ata_queue_request(struct ata_request *req);
/** \brief Sleep until \a req (queued, no callback) is over: its result. */
int ata_wait_request(struct ata_request *req);
/** \brief Queue \a req and wait: 0 or a negated errno (-EIO). */
int ata_do_request(struct ata_request *req);
/** \brief From a protocol's ap_done: run \a req again, first. */
void ata_requeue(struct ata_request *req);
/** \brief Stall \a ch (1: queued requests wait) or let it go (0). */
void ata_channel_stall(struct ata_channel *ch, int stall);
/** \brief Make \a p the protocol of requests of \a kind; boot. */
void ata_protocol_register(int kind, const struct ata_protocol *p);
/** \brief Whether requests with \a flags (ATAPI, DMA) have a protocol. */
int ata_protocol_known(int flags);
/** \brief \a req is over: report, mark done, wake.  Channel's thread. */
void ata_complete(struct ata_channel *ch, struct ata_request *req);
/** \brief Start \a ch's next requests.  Channel's thread, when idle. */
void ata_start(struct ata_channel *ch);
/** \brief Reset \a ch (SRST) and wait for its devices: 0 or -EIO. */
int ata_reset(struct ata_channel *ch);
/** \brief Print why \a req failed. */
void ata_report(struct ata_request *req);
/** \brief The name of ATA command \a cmd. */
const char *ata_command_name(uint8_t cmd);
/** \brief The device at \a channel and \a unit (present or not), or NULL. */
struct ata_device *ata_device_at(int channel, int unit);
/** \brief The present device named \a name, or NULL. */
struct ata_device *ata_device_find(const char *name);
/** \brief The read or write command (PIO or DMA, LBA28 or LBA48).  Pure. */
uint8_t ata_rw_command(int write, int dma, int lba48);
/** \brief Whether requests of \a dev may use DMA. */
int ata_dma_usable(struct ata_device *dev);
/**
 * \brief Fill \a req to read or write (\a flags: ATA_R_READ or _WRITE,
 * and _48BIT, _DMA, _QUIET) \a n sectors of \a dev at \a lba into or
 * from \a buf; no check of the bounds.
 */
void ata_disk_request(struct ata_request *req, struct ata_device *dev,
    int flags, uint64_t lba, void *buf, uint32_t n);
/**
 * \brief Read or write \a nsect sectors of disk \a dev at \a lba,
 * waiting.  \return 0; -EINVAL for a transfer off the disk (or 48-bit
 * on a disk without it); -EIO when the device fails.
 */
int ata_disk_rw(struct ata_device *dev, int flags, uint64_t lba,
    void *buf, uint32_t nsect);

#endif /* !NAIAD_ATA_ATA_H */
