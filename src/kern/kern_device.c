/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Devices as messages (book/37-device.nw): each request is an argument
 * block that is a message, sent to the device's port; the default port
 * runs the driver's function at once; layers put a port in front.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"

/* Run the request AP in its device's driver, in this thread: the
 * driver's value (0, -errno, or -EASYNC if it kept the message). */
int
dev_doperate(struct dev_generic_args *ap)
{
	const struct dev_ops *ops = ap->a_dev->si_ops;

	switch (ap->a_op) {
	case DEV_OPEN:
		return ops->d_open == NULL ? 0 :
		    ops->d_open((struct dev_open_args *)ap);
	case DEV_CLOSE:
		return ops->d_close == NULL ? 0 :
		    ops->d_close((struct dev_close_args *)ap);
	case DEV_READ:
		return ops->d_read == NULL ? -ENODEV :
		    ops->d_read((struct dev_read_args *)ap);
	case DEV_WRITE:
		return ops->d_write == NULL ? -ENODEV :
		    ops->d_write((struct dev_write_args *)ap);
	case DEV_IOCTL:
		return ops->d_ioctl == NULL ? -ENOTTY :
		    ops->d_ioctl((struct dev_ioctl_args *)ap);
	case DEV_STRATEGY:
		return ops->d_strategy == NULL ? -ENODEV :
		    ops->d_strategy((struct dev_strategy_args *)ap);
	}
	panic("dev_doperate: %s: operation %d", ap->a_dev->si_name,
	    ap->a_op);
}

/* putport of the default port: the driver runs the request now. */
static int
dev_default_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	(void)port;
	return dev_doperate((struct dev_generic_args *)msg);
}
struct lwkt_port dev_default_port;	/* runs the driver at once */
static struct lwkt_port dev_replyport;	/* device messages come back */

/* Send the block AP, operation OP, to DEV's port and wait for the
 * reply: its error.  The caller holds a reference to DEV. */
static int
dev_domsg(struct cdev *dev, struct dev_generic_args *ap, int op)
{
	int error;

	lwkt_initmsg(&ap->a_msg, &dev_replyport, 0);
	ap->a_msg.ms_cmd = MSG_CMD_DEVICE | (uint32_t)op;
	ap->a_op = op;
	ap->a_dev = dev;
	atomic_add_int(&dev->si_busy, 1);
	if ((dev->si_flags & SI_GONE) != 0)
		error = -ENXIO;
	else
		error = lwkt_domsg(dev->si_port, &ap->a_msg, 0);
	atomic_add_int(&dev->si_busy, (uint32_t)-1);
	return error;
}
/* Open DEV for OFLAGS (FREAD, FWRITE): 0 or -errno. */
int
dev_dopen(struct cdev *dev, int oflags)
{
	struct dev_open_args a;

	a.a_oflags = oflags;
	return dev_domsg(dev, &a.a_head, DEV_OPEN);
}

/* Close DEV, opened for FFLAG: 0 or -errno. */
int
dev_dclose(struct cdev *dev, int fflag)
{
	struct dev_close_args a;

	a.a_fflag = fflag;
	return dev_domsg(dev, &a.a_head, DEV_CLOSE);
}

/* Read from DEV at byte OFFSET into UIO: 0 or -errno. */
int
dev_dread(struct cdev *dev, struct uio *uio, uint64_t offset)
{
	struct dev_read_args a;

	a.a_uio = uio;
	a.a_offset = offset;
	return dev_domsg(dev, &a.a_head, DEV_READ);
}

/* Write UIO to DEV at byte OFFSET: 0 or -errno. */
int
dev_dwrite(struct cdev *dev, struct uio *uio, uint64_t offset)
{
	struct dev_write_args a;

	a.a_uio = uio;
	a.a_offset = offset;
	return dev_domsg(dev, &a.a_head, DEV_WRITE);
}

/* Request CMD of DEV with DATA (kernel memory): 0 or -errno. */
int
dev_dioctl(struct cdev *dev, unsigned long cmd, void *data, int fflag)
{
	struct dev_ioctl_args a;

	a.a_cmd = cmd;
	a.a_data = data;
	a.a_fflag = fflag;
	return dev_domsg(dev, &a.a_head, DEV_IOCTL);
}

/* Start BIO on DEV; it ends (biodone) now or later, maybe elsewhere. */
void
dev_dstrategy(struct cdev *dev, struct bio *bio)
{
	struct dev_strategy_args a;
	int error;

	a.a_bio = bio;
	error = dev_domsg(dev, &a.a_head, DEV_STRATEGY);
	if (error != 0) {
		bio->bio_error = error;
		bio->bio_resid = bio->bio_bcount;
		biodone(bio);
	}
}
static const char *const dev_opnames[DEV_NOPS] = {
	"?", "open", "close", "read", "write", "ioctl", "strategy"
};

/* The name of operation OP, for messages. */
const char *
dev_opname(int op)
{
	return op > 0 && op < DEV_NOPS ? dev_opnames[op] : "?";
}

/* Boot: the default port, the reply port. */
static void
dev_ports_init(void *arg)
{
	(void)arg;
	lwkt_initport_putonly(&dev_default_port, dev_default_putport);
	lwkt_initport_spin(&dev_replyport);
}

SYSINIT(devports, SI_SUB_DEVICE, SI_ORDER_SECOND, dev_ports_init, NULL);
/* Give DEV the port PORT; the port it had. */
struct lwkt_port *
dev_setport(struct cdev *dev, struct lwkt_port *port)
{
	struct lwkt_port *old;

	do {
		old = dev->si_port;
	} while (!atomic_cmpset_ptr(&dev->si_port, old, port));
	return old;
}
/* Wait until DEV has been seen with no request inside it. */
void
dev_drain(struct cdev *dev)
{
	while (dev->si_busy != 0)
		tsleep(&dev->si_busy, 0, "devdrain", 1);
}
