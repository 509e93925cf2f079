/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The benchmarks of the device chapter: what a request costs as a
 * message through the default port (dev_dread of 0 bytes from null),
 * against the same driver function called directly; the same request
 * through a tracing layer; and a 512-byte bio on a memory disk, started
 * and waited for (the disk's thread ends it: a thread switch, or with
 * several CPUs an IPI to the last CPU and back).
 */
#include <stdint.h>

#include "kern/device.h"
#include "kern/file.h"
#include "kern/kbench.h"
#include "kern/kprintf.h"
#include "kern/md.h"

struct dev_bench {
	struct cdev	*dev;
	struct uio	uio;
	struct dev_read_args args;	/* for the direct call */
	struct bio	bio;
	char		buf[512];
};

/* One op: a read of 0 bytes, as a message to the device's port. */
static void
dread_op(void *arg)
{
	struct dev_bench *b = arg;

	b->uio.uio_resid = 0;
	dev_dread(b->dev, &b->uio, 0);
}

/* One op: the same read, the driver's function called directly. */
static void
direct_op(void *arg)
{
	struct dev_bench *b = arg;

	b->uio.uio_resid = 0;
	b->dev->si_ops->d_read(&b->args);
}

KBENCH(dev_null_read)
{
	static struct dev_bench b;
	static struct dev_layer trace;

	if ((b.dev = dev_lookup("null")) == NULL) {
		kprintf("note: %s: no null device\n", kb->name);
		return;
	}
	uio_init(&b.uio, b.buf, 0, UIO_SYSSPACE, UIO_READ);
	b.args.a_head.a_dev = b.dev;
	b.args.a_head.a_op = DEV_READ;
	b.args.a_uio = &b.uio;
	b.args.a_offset = 0;
	kbench_measure(kb, "ticks_per_dread", dread_op, &b, 1000);
	kbench_measure(kb, "ticks_per_direct_call", direct_op, &b, 1000);
	dev_trace_push(b.dev, &trace, 0);
	kbench_measure(kb, "ticks_per_traced_dread", dread_op, &b, 1000);
	dev_layer_pop(&trace);
	release_dev(b.dev);
}

/* One op: a 512-byte read bio on the memory disk, waited for. */
static void
bio_op(void *arg)
{
	struct dev_bench *b = arg;

	bio_init(&b->bio, BIO_READ, 0, b->buf, sizeof(b->buf));
	dev_dstrategy(b->dev, &b->bio);
	biowait(&b->bio);
}

KBENCH(dev_md_bio)
{
	static struct dev_bench b;

	if ((b.dev = md_create("mdbench", NULL, 64 * 1024)) == NULL)
		return;
	kbench_measure(kb, "ticks_per_bio512", bio_op, &b, 200);
	md_destroy(b.dev);
}
