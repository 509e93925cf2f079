/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Two layers (book/37-device.nw): one traces a device's requests, one
 * refuses those that would write.  Each hands the rest on to the port
 * below it.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "lwkt/msgport.h"

/* Hand MSG on to the port below LAYER: its value, as putport's. */
static int
dev_layer_pass(struct dev_layer *dl, struct lwkt_msg *msg)
{
	return lwkt_beginmsg(dl->dl_below, msg);
}

/* putport of a tracing layer: count, maybe print, hand on. */
static int
dev_trace_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct dev_layer *dl = (struct dev_layer *)port;
	struct dev_generic_args *ap = (struct dev_generic_args *)msg;
	struct bio *bio;

	atomic_add_int(&dl->dl_count[ap->a_op], 1);
	if (dl->dl_log && ap->a_op == DEV_STRATEGY) {
		bio = ((struct dev_strategy_args *)ap)->a_bio;
		kprintf("devtrace %s: strategy cmd %d offset %llu bytes %u\n",
		    ap->a_dev->si_name, bio->bio_cmd,
		    (unsigned long long)bio->bio_offset,
		    (unsigned)bio->bio_bcount);
	} else if (dl->dl_log)
		kprintf("devtrace %s: %s\n", ap->a_dev->si_name,
		    dev_opname(ap->a_op));
	return dev_layer_pass(dl, msg);
}
/* Would the request AP change the device? */
static int
dev_request_writes(const struct dev_generic_args *ap)
{
	switch (ap->a_op) {
	case DEV_WRITE:
		return 1;
	case DEV_OPEN:
		return (((const struct dev_open_args *)ap)->a_oflags &
		    FWRITE) != 0;
	case DEV_STRATEGY:
		return ((const struct dev_strategy_args *)ap)->a_bio->bio_cmd
		    == BIO_WRITE;
	}
	return 0;
}

/* putport of a read-only layer: refuse writes, hand on the rest. */
static int
dev_rdonly_putport(struct lwkt_port *port, struct lwkt_msg *msg)
{
	struct dev_layer *dl = (struct dev_layer *)port;
	struct dev_generic_args *ap = (struct dev_generic_args *)msg;

	atomic_add_int(&dl->dl_count[ap->a_op], 1);
	if (dev_request_writes(ap))
		return -EROFS;
	return dev_layer_pass(dl, msg);
}
/* Push DL, a layer with putport PUTFN, in front of DEV. */
static void
dev_layer_push(struct cdev *dev, struct dev_layer *dl,
    int (*putfn)(struct lwkt_port *, struct lwkt_msg *), int log)
{
	struct lwkt_port *below;
	int op;

	lwkt_initport_putonly(&dl->dl_port, putfn);
	dl->dl_dev = dev;
	dl->dl_log = log;
	for (op = 0; op < DEV_NOPS; op++)
		dl->dl_count[op] = 0;
	do {
		below = dev->si_port;
		dl->dl_below = below;
	} while (!atomic_cmpset_ptr(&dev->si_port, below, &dl->dl_port));
}

/* Trace DEV's requests through DL (counted; printed if LOG). */
void
dev_trace_push(struct cdev *dev, struct dev_layer *dl, int log)
{
	dev_layer_push(dev, dl, dev_trace_putport, log);
}

/* Make DEV read-only through DL. */
void
dev_rdonly_push(struct cdev *dev, struct dev_layer *dl)
{
	dev_layer_push(dev, dl, dev_rdonly_putport, 0);
}

/* Take DL, the top layer of its device, away: 0 once no request can
 * be inside it, or -EBUSY if another layer is above it. */
int
dev_layer_pop(struct dev_layer *dl)
{
	struct cdev *dev = dl->dl_dev;

	if (!atomic_cmpset_ptr(&dev->si_port, &dl->dl_port, dl->dl_below))
		return -EBUSY;
	dev_drain(dev);
	return 0;
}
