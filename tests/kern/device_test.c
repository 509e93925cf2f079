/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Devices as messages (Chapter "Devices as messages"): the memory
 * devices; the table (names checked, references, destroy); every
 * request reaching its driver with its arguments, in the caller's
 * thread through the default port and in a server thread through a
 * thread port; the tracing and read-only layers; the console device
 * over the terminal; bios on a memory disk (read back, refused, failed
 * on purpose, ended in the disk's thread, waited for from every CPU);
 * destroy_dev and a layer's pop waiting for a request inside.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/globaldata.h"
#include "kern/ktest.h"
#include "kern/kstring.h"
#include "kern/md.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "kern/tty.h"
#include "lwkt/msgport.h"
#include "lwkt_testlib.h"
#include "vm/kmalloc.h"

/* Read N bytes of DEV at OFF into BUF: the error; *MOVED the bytes. */
static int
kdread(struct cdev *dev, void *buf, size_t n, uint64_t off, size_t *moved)
{
	struct uio uio;
	int error;

	uio_init(&uio, buf, n, UIO_SYSSPACE, UIO_READ);
	error = dev_dread(dev, &uio, off);
	if (moved != NULL)
		*moved = n - uio.uio_resid;
	return error;
}

/* Write N bytes of BUF to DEV at OFF: the error; *MOVED the bytes. */
static int
kdwrite(struct cdev *dev, const void *buf, size_t n, uint64_t off,
    size_t *moved)
{
	struct uio uio;
	int error;

	uio_init(&uio, (void *)(uintptr_t)buf, n, UIO_SYSSPACE, UIO_WRITE);
	error = dev_dwrite(dev, &uio, off);
	if (moved != NULL)
		*moved = n - uio.uio_resid;
	return error;
}

/* A bio of CMD on DEV, started and waited for: its error. */
static int
kbio(struct cdev *dev, int cmd, uint64_t off, void *buf, size_t n,
    size_t *resid)
{
	struct bio bio;
	int error;

	bio_init(&bio, cmd, off, buf, n);
	dev_dstrategy(dev, &bio);
	error = biowait(&bio);
	if (resid != NULL)
		*resid = bio.bio_resid;
	return error;
}

/* How many of the N bytes at A and B differ. */
static size_t
mem_diff(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	size_t i, d = 0;

	for (i = 0; i < n; i++)
		d += x[i] != y[i];
	return d;
}

/* Fill BUF with N bytes that depend on SEED and the position. */
static void
pattern(unsigned char *buf, size_t n, uint32_t seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (unsigned char)(seed * 131u + i * 7u + (i >> 8));
}

/* ---- a driver that records what reaches it ---------------------------- */

struct tdrv {
	volatile int	calls;		/* requests that reached it */
	int		last_op;
	struct thread	*last_td;	/* the thread that ran it */
	struct cdev	*last_dev;
	uint32_t	last_cmd;	/* the message's ms_cmd */
	int		oflags, fflag;
	unsigned long	ioc;
	void		*data;
	struct uio	*uio;
	uint64_t	offset;
	struct bio	*bio;
	int		ret;		/* what every function returns */
	volatile int	block;		/* d_read waits while set */
	volatile int	inside;		/* d_read is waiting */
};

/* Record the request AP in its driver's state; what to return. */
static int
tdrv_record(struct dev_generic_args *ap)
{
	struct tdrv *t = ap->a_dev->si_drv1;

	t->last_op = ap->a_op;
	t->last_td = curthread;
	t->last_dev = ap->a_dev;
	t->last_cmd = ap->a_msg.ms_cmd;
	atomic_add_int((volatile uint32_t *)&t->calls, 1);
	return t->ret;
}

static int
tdrv_open(struct dev_open_args *ap)
{
	((struct tdrv *)ap->a_head.a_dev->si_drv1)->oflags = ap->a_oflags;
	return tdrv_record(&ap->a_head);
}

static int
tdrv_close(struct dev_close_args *ap)
{
	((struct tdrv *)ap->a_head.a_dev->si_drv1)->fflag = ap->a_fflag;
	return tdrv_record(&ap->a_head);
}

static int
tdrv_read(struct dev_read_args *ap)
{
	struct tdrv *t = ap->a_head.a_dev->si_drv1;

	t->uio = ap->a_uio;
	t->offset = ap->a_offset;
	while (t->block) {
		t->inside = 1;
		tsleep(&t->block, 0, "tdrv", 1);
	}
	t->inside = 0;
	return tdrv_record(&ap->a_head);
}

static int
tdrv_write(struct dev_write_args *ap)
{
	struct tdrv *t = ap->a_head.a_dev->si_drv1;

	t->uio = ap->a_uio;
	t->offset = ap->a_offset;
	return tdrv_record(&ap->a_head);
}

static int
tdrv_ioctl(struct dev_ioctl_args *ap)
{
	struct tdrv *t = ap->a_head.a_dev->si_drv1;

	t->ioc = ap->a_cmd;
	t->data = ap->a_data;
	t->fflag = ap->a_fflag;
	return tdrv_record(&ap->a_head);
}

/* Takes the bio and ends it at once, unless it returns an error. */
static int
tdrv_strategy(struct dev_strategy_args *ap)
{
	struct tdrv *t = ap->a_head.a_dev->si_drv1;
	int ret;

	t->bio = ap->a_bio;
	if ((ret = tdrv_record(&ap->a_head)) == 0) {
		ap->a_bio->bio_resid = 0;
		biodone(ap->a_bio);
	}
	return ret;
}

static const struct dev_ops tdrv_ops = {
	.d_name = "ktdrv", .d_flags = 0,
	.d_open = tdrv_open, .d_close = tdrv_close, .d_read = tdrv_read,
	.d_write = tdrv_write, .d_ioctl = tdrv_ioctl,
	.d_strategy = tdrv_strategy,
};

static const struct dev_ops empty_ops = { .d_name = "ktempty" };

/* ---- the memory devices ------------------------------------------------ */

KTEST(dev_null_reads_nothing_and_swallows_writes)
{
	struct cdev *dev = dev_lookup("null");
	char buf[100];
	size_t moved;
	int x;

	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	KT_EXPECT_STREQ("null", dev->si_ops->d_name);
	kmemset(buf, 'x', sizeof(buf));
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 0, &moved));
	KT_EXPECT_EQ(0, moved);
	KT_EXPECT_EQ('x', buf[0]);
	KT_EXPECT_EQ(0, kdwrite(dev, buf, sizeof(buf), 0, &moved));
	KT_EXPECT_EQ(sizeof(buf), moved);
	KT_EXPECT_EQ(0, dev_dopen(dev, FREAD | FWRITE));
	KT_EXPECT_EQ(-ENOTTY, dev_dioctl(dev, FIONREAD, &x, FREAD));
	KT_EXPECT_EQ(-ENODEV, kbio(dev, BIO_READ, 0, buf, 0, NULL));
	KT_EXPECT_EQ(0, dev_dclose(dev, FREAD | FWRITE));
	release_dev(dev);
}

KTEST(dev_zero_reads_zeros)
{
	struct cdev *dev = dev_lookup("zero");
	static unsigned char buf[1500];
	size_t moved, i;
	int bad = 0;

	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	kmemset(buf, 0xa5, sizeof(buf));
	KT_EXPECT_EQ(0, kdread(dev, buf, 1300, 0, &moved));
	KT_EXPECT_EQ(1300, moved);
	for (i = 0; i < sizeof(buf); i++)
		bad += buf[i] != (i < 1300 ? 0 : 0xa5);
	KT_EXPECT_EQ(0, bad);
	KT_EXPECT_EQ(0, kdwrite(dev, buf, 10, 0, &moved));
	KT_EXPECT_EQ(10, moved);
	release_dev(dev);
}

KTEST(dev_random_replays_its_seed)
{
	struct cdev *dev = dev_lookup("random");
	static unsigned char a[256], b[256], c[256], d[256];
	unsigned char seen[256];
	uint32_t seed = (uint32_t)kt->seed;
	size_t moved;
	int i, distinct = 0;

	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	KT_EXPECT_EQ(0, dev_dioctl(dev, RNDSETSEED, &seed, 0));
	KT_EXPECT_EQ(0, kdread(dev, a, sizeof(a), 0, &moved));
	KT_EXPECT_EQ(sizeof(a), moved);
	KT_EXPECT_EQ(0, kdread(dev, d, 100, 0, &moved));  /* pool not empty */
	KT_EXPECT_EQ(0, dev_dioctl(dev, RNDSETSEED, &seed, 0));
	KT_EXPECT_EQ(0, kdread(dev, b, 100, 0, &moved));  /* in two parts */
	KT_EXPECT_EQ(0, kdread(dev, b + 100, 156, 0, &moved));
	seed++;
	KT_EXPECT_EQ(0, dev_dioctl(dev, RNDSETSEED, &seed, 0));
	KT_EXPECT_EQ(0, kdread(dev, c, sizeof(c), 0, &moved));
	/* One seed, one sequence; another seed or further on, another. */
	KT_EXPECT_EQ(0, mem_diff(a, b, sizeof(a)));
	KT_ASSERT(mem_diff(a, c, sizeof(a)) > 0);
	KT_ASSERT(mem_diff(a, d, 100) > 0);
	/* 256 random bytes take about 162 distinct values; 100 is far
	 * below what any fair generator gives. */
	kmemset(seen, 0, sizeof(seen));
	for (i = 0; i < 256; i++)
		if (!seen[a[i]]++)
			distinct++;
	KT_ASSERT(distinct > 100);
	KT_EXPECT_EQ(-ENOTTY, dev_dioctl(dev, FIONREAD, &i, 0));
	release_dev(dev);
}

/* ---- the table ----------------------------------------------------------- */

/* dev_foreach's function: count the devices, stop at the one named ARG's. */
struct walk {
	const char	*stop;
	int		seen;
};

static int
walk_one(struct cdev *dev, void *arg)
{
	struct walk *w = arg;

	w->seen++;
	return w->stop != NULL && kstrcmp(dev->si_name, w->stop) == 0 ?
	    42 : 0;
}

/* A hook that remembers the last device destroyed (registered once). */
static struct cdev *volatile hook_last_gone;
static volatile int hook_gone_calls;

static void
hook_gone(struct cdev *dev)
{
	hook_last_gone = dev;
	hook_gone_calls++;
}

static struct dev_hook test_hook = { hook_gone, "device_test", NULL };

KTEST(dev_table_checks_names_and_counts_references)
{
	static const char *const bad[] = { "", "a/b", ".x", "-x", "x y",
	    "md0\n", "caf\xc3\xa9" };
	static struct tdrv t;
	static int hooked;
	struct cdev *dev, *d2;
	struct walk w = { NULL, 0 };
	char buf[8];
	unsigned i;
	int total, calls;

	if (!hooked) {
		dev_hook_register(&test_hook);
		hooked = 1;
	}
	kmemset(&t, 0, sizeof(t));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		KT_EXPECT_EQ(-EINVAL, dev_create(&tdrv_ops, 0, &t, bad[i],
		    &dev));
	KT_EXPECT_EQ(-ENAMETOOLONG, dev_create(&tdrv_ops, 0, &t,
	    "abcdefghijklmnopqrstuvwxyz012345", &dev));	/* 32 */
	KT_EXPECT_EQ(0, dev_create(&tdrv_ops, 0, &t,
	    "abcdefghijklmnopqrstuvwxyz01234", &dev));	/* 31 */
	destroy_dev(dev);
	KT_ASSERT(make_dev(&tdrv_ops, 0, &t, "x/%d", 1) == NULL);
	dev = make_dev(&tdrv_ops, 3, &t, "ktdev%d", 7);
	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	KT_EXPECT_STREQ("ktdev7", dev->si_name);
	KT_EXPECT_EQ(3, dev->si_unit);
	KT_ASSERT(dev->si_drv1 == &t && dev->si_ops == &tdrv_ops);
	KT_ASSERT(dev->si_port == &dev_default_port);
	KT_EXPECT_EQ(1, dev->si_refs);			/* the table's */
	KT_EXPECT_EQ(-EEXIST, dev_create(&empty_ops, 0, NULL, "ktdev7",
	    &d2));
	KT_ASSERT(make_dev(&empty_ops, 0, NULL, "ktdev7") == NULL);
	d2 = dev_lookup("ktdev7");
	KT_ASSERT(d2 == dev);
	KT_EXPECT_EQ(2, dev->si_refs);
	release_dev(d2);
	KT_EXPECT_EQ(1, dev->si_refs);
	KT_ASSERT(dev_lookup("ktdev") == NULL);
	KT_ASSERT(dev_lookup("ktdev77") == NULL);
	/* The walk sees every device and stops where it is told. */
	KT_EXPECT_EQ(0, dev_foreach(walk_one, &w));
	total = w.seen;
	KT_ASSERT(total >= 5);		/* null zero random console ktdev7 */
	w.stop = "ktdev7";
	w.seen = 0;
	KT_EXPECT_EQ(42, dev_foreach(walk_one, &w));
	KT_EXPECT_EQ(total, w.seen);	/* made last, so found last */
	/* Destroyed: not found, not walked, every request -ENXIO without
	 * reaching the driver, the memory kept for our reference. */
	reference_dev(dev);
	calls = t.calls;
	hook_gone_calls = 0;
	destroy_dev(dev);
	KT_ASSERT(hook_last_gone == dev);
	KT_EXPECT_EQ(1, hook_gone_calls);
	KT_ASSERT(dev_lookup("ktdev7") == NULL);
	w.seen = 0;
	KT_EXPECT_EQ(0, dev_foreach(walk_one, &w));
	KT_EXPECT_EQ(total - 1, w.seen);
	KT_EXPECT_EQ(-ENXIO, kdread(dev, buf, sizeof(buf), 0, NULL));
	KT_EXPECT_EQ(-ENXIO, dev_dopen(dev, FREAD));
	KT_EXPECT_EQ(-ENXIO, kbio(dev, BIO_READ, 0, buf, 0, NULL));
	KT_EXPECT_EQ(calls, t.calls);
	KT_EXPECT_EQ(1, dev->si_refs);
	release_dev(dev);
	/* The name is free again. */
	dev = make_dev(&empty_ops, 0, NULL, "ktdev7");
	KT_ASSERT(dev != NULL);
	if (dev != NULL)
		destroy_dev(dev);
}

/* ---- requests reach the driver ------------------------------------------ */

KTEST(dev_requests_reach_the_driver_in_the_callers_thread)
{
	static struct tdrv t;
	struct cdev *dev, *empty;
	struct uio uio;
	char buf[16];
	size_t resid;
	int x = 5;

	kmemset(&t, 0, sizeof(t));
	dev = make_dev(&tdrv_ops, 0, &t, "ktmsg");
	empty = make_dev(&empty_ops, 0, NULL, "ktempty");
	KT_ASSERT(dev != NULL && empty != NULL);
	if (dev == NULL || empty == NULL)
		return;
	KT_EXPECT_EQ(0, dev_dopen(dev, FREAD));
	KT_EXPECT_EQ(DEV_OPEN, t.last_op);
	KT_EXPECT_EQ(FREAD, t.oflags);
	KT_ASSERT(t.last_td == curthread);	/* the default port */
	KT_ASSERT(t.last_dev == dev);
	KT_EXPECT_EQ(MSG_CMD_DEVICE | DEV_OPEN, t.last_cmd);
	uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
	t.ret = -EIO;				/* the driver's error comes back */
	KT_EXPECT_EQ(-EIO, dev_dread(dev, &uio, 0x123456789ull));
	t.ret = 0;
	KT_EXPECT_EQ(DEV_READ, t.last_op);
	KT_ASSERT(t.uio == &uio);
	KT_EXPECT_EQ(0x123456789ull, t.offset);
	KT_EXPECT_EQ(0, kdwrite(dev, buf, 4, 512, NULL));
	KT_EXPECT_EQ(DEV_WRITE, t.last_op);
	KT_EXPECT_EQ(512, t.offset);
	KT_EXPECT_EQ(0, dev_dioctl(dev, 0x1234, &x, FWRITE));
	KT_EXPECT_EQ(DEV_IOCTL, t.last_op);
	KT_EXPECT_EQ(0x1234, t.ioc);
	KT_ASSERT(t.data == &x);
	KT_EXPECT_EQ(FWRITE, t.fflag);
	KT_EXPECT_EQ(0, kbio(dev, BIO_WRITE, 1024, buf, 16, &resid));
	KT_EXPECT_EQ(DEV_STRATEGY, t.last_op);
	KT_EXPECT_EQ(0, resid);
	/* A strategy that refuses has not taken the bio: it is ended with
	 * the refusal, nothing moved. */
	t.ret = -EINVAL;
	KT_EXPECT_EQ(-EINVAL, kbio(dev, BIO_READ, 0, buf, 16, &resid));
	KT_EXPECT_EQ(16, resid);
	t.ret = 0;
	KT_EXPECT_EQ(0, dev_dclose(dev, FREAD));
	KT_EXPECT_EQ(DEV_CLOSE, t.last_op);
	KT_EXPECT_EQ(FREAD, t.fflag);
	KT_EXPECT_EQ(7, t.calls);
	/* A driver without functions: what each absence means. */
	KT_EXPECT_EQ(0, dev_dopen(empty, FREAD | FWRITE));
	KT_EXPECT_EQ(-ENODEV, kdread(empty, buf, 4, 0, NULL));
	KT_EXPECT_EQ(-ENODEV, kdwrite(empty, buf, 4, 0, NULL));
	KT_EXPECT_EQ(-ENOTTY, dev_dioctl(empty, 1, &x, 0));
	KT_EXPECT_EQ(-ENODEV, kbio(empty, BIO_READ, 0, buf, 16, &resid));
	KT_EXPECT_EQ(16, resid);
	KT_EXPECT_EQ(0, dev_dclose(empty, FREAD | FWRITE));
	destroy_dev(dev);
	destroy_dev(empty);
}

/* A server: a thread port whose thread runs each request in the
 * driver and replies, until a message with SRV_QUIT. */
#define SRV_QUIT	(MSG_CMD_DEVICE | 0xFFFF)

struct srv {
	struct lwkt_port port;
	struct thread	*td;
	volatile int	ready;
	struct xgroup	g;
};

static void
srv_thread(void *arg)
{
	struct srv *s = arg;
	struct lwkt_msg *msg;

	lwkt_initport_thread(&s->port, curthread);
	s->td = curthread;
	s->ready = 1;
	for (;;) {
		msg = lwkt_waitport(&s->port, 0);
		if (msg->ms_cmd == SRV_QUIT) {
			lwkt_replymsg(msg, 0);
			break;
		}
		lwkt_replymsg(msg, dev_doperate((struct dev_generic_args *)
		    msg));
	}
	xgroup_done(&s->g);
}

/* Each CPU's client: N reads through the served device, each checked. */
struct srv_client {
	struct cdev	*dev;
	struct kt_race	race;
	volatile uint32_t ok, bad;
};

static void
srv_client(void *arg)
{
	struct srv_client *c = arg;
	char buf[8];
	size_t moved;
	int i;

	kt_race_start(&c->race);
	for (i = 0; i < 50; i++) {
		if (kdread(c->dev, buf, sizeof(buf), (uint64_t)i, &moved) ==
		    0 && moved == 0)
			atomic_add_int(&c->ok, 1);
		else
			atomic_add_int(&c->bad, 1);
	}
	xgroup_done(&c->race.g);
}

KTEST(dev_served_by_a_thread_replies_to_its_callers)
{
	static struct tdrv t;
	static struct srv s;
	static struct srv_client c;
	struct lwkt_port rport, *old;
	struct lwkt_msg quit;
	struct cdev *dev;
	char buf[8];
	size_t moved;

	kmemset(&t, 0, sizeof(t));
	kmemset(&s, 0, sizeof(s));
	dev = make_dev(&tdrv_ops, 0, &t, "ktserved");
	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	xgroup_init(&s.g);
	if (xgroup_start(kt, &s.g, srv_thread, &s, ncpus - 1, 0) == NULL)
		return;
	while (!s.ready)
		lwkt_yield();
	old = dev_setport(dev, &s.port);
	KT_ASSERT(old == &dev_default_port);
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 99, &moved));
	KT_ASSERT(t.last_td == s.td);		/* the server ran it */
	KT_ASSERT(t.last_td != curthread);
	KT_EXPECT_EQ(99, t.offset);
	KT_EXPECT_EQ(0, moved);
	t.ret = -EIO;
	KT_EXPECT_EQ(-EIO, dev_dopen(dev, FREAD));
	t.ret = 0;
	/* Clients on every CPU at once: every reply to its own caller. */
	kmemset(&c, 0, sizeof(c));
	c.dev = dev;
	kt_race_every_cpu(kt, &c.race, srv_client, &c);
	KT_EXPECT_EQ(50 * ncpus, c.ok);
	KT_EXPECT_EQ(0, c.bad);
	KT_EXPECT_EQ(2 + 50 * ncpus, t.calls);
	KT_ASSERT(dev_setport(dev, old) == &s.port);
	lwkt_initport_spin(&rport);
	lwkt_initmsg(&quit, &rport, 0);
	quit.ms_cmd = SRV_QUIT;
	lwkt_domsg(&s.port, &quit, 0);
	xgroup_wait(&s.g);
	destroy_dev(dev);
}

/* ---- layers -------------------------------------------------------------- */

KTEST(dev_trace_layer_counts_and_hands_on)
{
	static struct tdrv t;
	static struct dev_layer trace, ro;
	struct cdev *dev;
	char buf[8];
	int x = 0;

	kmemset(&t, 0, sizeof(t));
	dev = make_dev(&tdrv_ops, 0, &t, "kttraced");
	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	dev_trace_push(dev, &trace, 1);		/* printed, too */
	KT_ASSERT(dev->si_port == &trace.dl_port);
	KT_ASSERT(trace.dl_below == &dev_default_port);
	KT_EXPECT_EQ(0, dev_dopen(dev, FREAD));
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 0, NULL));
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 8, NULL));
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 16, NULL));
	KT_EXPECT_EQ(16, t.offset);		/* handed on, arguments whole */
	t.ret = -ENOTTY;
	KT_EXPECT_EQ(-ENOTTY, dev_dioctl(dev, 77, &x, 0));
	t.ret = 0;
	KT_EXPECT_EQ(0, kbio(dev, BIO_READ, 512, buf, 8, NULL));
	KT_EXPECT_EQ(1, trace.dl_count[DEV_OPEN]);
	KT_EXPECT_EQ(3, trace.dl_count[DEV_READ]);
	KT_EXPECT_EQ(1, trace.dl_count[DEV_IOCTL]);
	KT_EXPECT_EQ(1, trace.dl_count[DEV_STRATEGY]);
	KT_EXPECT_EQ(0, trace.dl_count[DEV_WRITE]);
	KT_EXPECT_EQ(6, t.calls);
	KT_ASSERT(t.last_td == curthread);	/* still synchronous */
	/* A second layer on top: the first cannot go from under it. */
	dev_rdonly_push(dev, &ro);
	KT_ASSERT(ro.dl_below == &trace.dl_port);
	KT_EXPECT_EQ(-EROFS, kdwrite(dev, buf, 8, 0, NULL));
	KT_EXPECT_EQ(0, trace.dl_count[DEV_WRITE]);	/* stopped above */
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 0, NULL));
	KT_EXPECT_EQ(4, trace.dl_count[DEV_READ]);
	KT_EXPECT_EQ(-EBUSY, dev_layer_pop(&trace));
	KT_EXPECT_EQ(0, dev_layer_pop(&ro));
	KT_EXPECT_EQ(0, dev_layer_pop(&trace));
	KT_ASSERT(dev->si_port == &dev_default_port);
	KT_EXPECT_EQ(0, kdwrite(dev, buf, 8, 0, NULL));
	KT_EXPECT_EQ(0, trace.dl_count[DEV_WRITE]);	/* gone */
	KT_EXPECT_EQ(8, t.calls);
	destroy_dev(dev);
}

KTEST(dev_rdonly_layer_refuses_writes_on_a_disk)
{
	static struct dev_layer ro;
	static unsigned char buf[1024], back[1024];
	unsigned char *mem = kmalloc(32 * 1024, M_ZERO);
	struct md_stat st;
	struct cdev *dev;
	size_t moved, resid;

	KT_ASSERT(mem != NULL);
	if (mem == NULL)
		return;
	dev = md_create("ktmdro", mem, 32 * 1024);
	KT_ASSERT(dev != NULL);
	if (dev == NULL) {
		kfree(mem);
		return;
	}
	pattern(buf, sizeof(buf), 1);
	kmemcpy(mem + 2048, buf, sizeof(buf));
	pattern(buf, sizeof(buf), 2);
	dev_rdonly_push(dev, &ro);
	KT_EXPECT_EQ(-EROFS, kdwrite(dev, buf, sizeof(buf), 2048, &moved));
	KT_EXPECT_EQ(0, moved);
	KT_EXPECT_EQ(-EROFS, kbio(dev, BIO_WRITE, 2048, buf, sizeof(buf),
	    &resid));
	KT_EXPECT_EQ(sizeof(buf), resid);
	KT_EXPECT_EQ(-EROFS, dev_dopen(dev, FREAD | FWRITE));
	KT_EXPECT_EQ(0, dev_dopen(dev, FREAD));
	KT_EXPECT_EQ(0, kbio(dev, BIO_READ, 2048, back, sizeof(back),
	    NULL));
	pattern(buf, sizeof(buf), 1);
	KT_EXPECT_EQ(0, mem_diff(back, buf, sizeof(buf)));  /* unchanged */
	KT_EXPECT_EQ(0, dev_dioctl(dev, MDIOCSTAT, &st, 0));
	KT_EXPECT_EQ(0, st.ms_writes);		/* nothing reached it */
	KT_EXPECT_EQ(1, st.ms_reads);
	KT_EXPECT_EQ(0, dev_layer_pop(&ro));
	pattern(buf, sizeof(buf), 2);
	KT_EXPECT_EQ(0, kbio(dev, BIO_WRITE, 2048, buf, sizeof(buf), NULL));
	KT_EXPECT_EQ(0, mem_diff(mem + 2048, buf, sizeof(buf)));
	md_destroy(dev);
	kfree(mem);
}

/* ---- the console ---------------------------------------------------------- */

KTEST(dev_console_reads_what_was_typed_and_writes)
{
	static const char line[] = "console device: ok\n";
	struct cdev *dev = dev_lookup("console");
	struct tty_mode m0, m;
	char buf[16];
	size_t moved;
	int i;

	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	KT_EXPECT_EQ(D_TTY, dev->si_ops->d_flags);
	KT_EXPECT_EQ(-EBADF, kdread(dev, buf, sizeof(buf), 0, NULL));
	KT_EXPECT_EQ(0, dev_dopen(dev, FREAD | FWRITE));
	KT_EXPECT_EQ(0, dev_dioctl(dev, TIOCGMODE, &m0, FREAD));
	KT_EXPECT_EQ(cons_tty.t_ld.ld_lflag, m0.tm_lflag);
	m.tm_lflag = m0.tm_lflag & ~TTY_ECHO;	/* quiet while we type */
	KT_EXPECT_EQ(0, dev_dioctl(dev, TIOCSMODE, &m, FWRITE));
	for (i = 0; i < 3; i++)
		KT_EXPECT_EQ(0, dev_dioctl(dev, TIOCSTI, (char *)"ok\n" + i,
		    FWRITE));
	KT_EXPECT_EQ(0, kdread(dev, buf, sizeof(buf), 0, &moved));
	KT_EXPECT_EQ(3, moved);			/* one line, edited */
	KT_ASSERT(buf[0] == 'o' && buf[1] == 'k' && buf[2] == '\n');
	KT_EXPECT_EQ(0, kdwrite(dev, line, sizeof(line) - 1, 0, &moved));
	KT_EXPECT_EQ(sizeof(line) - 1, moved);
	KT_EXPECT_EQ(0, dev_dioctl(dev, TIOCSMODE, &m0, FWRITE));
	KT_EXPECT_EQ(0, dev_dclose(dev, FREAD | FWRITE));
	KT_EXPECT_EQ(-EBADF, dev_dclose(dev, FREAD | FWRITE));
	release_dev(dev);
}

/* ---- a memory disk ---------------------------------------------------- */

#define MD_BYTES	(64 * 1024)

KTEST(dev_md_reads_back_what_was_written)
{
	static unsigned char buf[1024], back[1024];
	unsigned char *mem = kmalloc(MD_BYTES, M_ZERO);
	struct md_stat st;
	struct cdev *dev;
	size_t resid, moved;

	KT_ASSERT(mem != NULL);
	if (mem == NULL)
		return;
	dev = md_create("ktmd0", mem, MD_BYTES);
	KT_ASSERT(dev != NULL);
	if (dev == NULL) {
		kfree(mem);
		return;
	}
	KT_ASSERT(dev_lookup("ktmd0") == dev);
	release_dev(dev);
	KT_EXPECT_EQ(D_DISK, dev->si_ops->d_flags);
	KT_EXPECT_EQ(MD_BYTES, dev->si_size);
	KT_EXPECT_EQ(DEV_BSIZE, dev->si_blksize);
	pattern(buf, sizeof(buf), kt->seed);
	KT_EXPECT_EQ(0, kbio(dev, BIO_WRITE, 3 * 512, buf, sizeof(buf),
	    &resid));
	KT_EXPECT_EQ(0, resid);
	KT_EXPECT_EQ(0, mem_diff(mem + 3 * 512, buf, sizeof(buf)));
	KT_EXPECT_EQ(0, mem[3 * 512 - 1]);	/* nothing around it */
	KT_EXPECT_EQ(0, mem[5 * 512]);
	KT_EXPECT_EQ(0, kbio(dev, BIO_READ, 3 * 512, back, sizeof(back),
	    &resid));
	KT_EXPECT_EQ(0, mem_diff(back, buf, sizeof(buf)));
	KT_EXPECT_EQ(0, kbio(dev, BIO_FLUSH, 0, NULL, 0, NULL));
	/* What a disk refuses, and why. */
	KT_EXPECT_EQ(-EINVAL, kbio(dev, BIO_READ, 100, back, 512, &resid));
	KT_EXPECT_EQ(512, resid);
	KT_EXPECT_EQ(-EINVAL, kbio(dev, BIO_READ, 512, back, 100, NULL));
	KT_EXPECT_EQ(-EINVAL, kbio(dev, 99, 0, back, 512, NULL));
	KT_EXPECT_EQ(-ENXIO, kbio(dev, BIO_READ, MD_BYTES, back, 512, NULL));
	KT_EXPECT_EQ(-ENXIO, kbio(dev, BIO_WRITE, MD_BYTES - 512, back,
	    1024, NULL));
	KT_EXPECT_EQ(-ENXIO, kbio(dev, BIO_READ, ~0ull - 511, back, 512,
	    NULL));
	KT_EXPECT_EQ(0, mem[MD_BYTES - 1]);
	KT_EXPECT_EQ(0, dev_dioctl(dev, MDIOCSTAT, &st, 0));
	KT_EXPECT_EQ(1, st.ms_reads);
	KT_EXPECT_EQ(1, st.ms_writes);
	KT_EXPECT_EQ(1, st.ms_flushes);
	/* The same bytes as a stream, and the end of the disk. */
	KT_EXPECT_EQ(0, kdread(dev, back, 1000, 3 * 512 + 10, &moved));
	KT_EXPECT_EQ(1000, moved);
	KT_EXPECT_EQ(0, mem_diff(back, buf + 10, 1000));
	KT_EXPECT_EQ(0, kdread(dev, back, 1000, MD_BYTES - 100, &moved));
	KT_EXPECT_EQ(100, moved);
	KT_EXPECT_EQ(0, kdread(dev, back, 1000, MD_BYTES, &moved));
	KT_EXPECT_EQ(0, moved);
	KT_EXPECT_EQ(-ENOSPC, kdwrite(dev, buf, 10, MD_BYTES, &moved));
	KT_EXPECT_EQ(0, kdwrite(dev, buf, 10, MD_BYTES - 4, &moved));
	KT_EXPECT_EQ(4, moved);
	md_destroy(dev);
	KT_ASSERT(dev_lookup("ktmd0") == NULL);
	KT_ASSERT(md_create("ktmdbad", NULL, 1000) == NULL);
	KT_ASSERT(md_create("ktmdbad", NULL, 0) == NULL);
	kfree(mem);
}

/* bio_done of the next test: who ended it, and that it did. */
static struct thread *volatile done_td;
static volatile int done_calls;

static void
record_done(struct bio *bio)
{
	done_td = curthread;
	bio->bio_caller = (void *)1;
	done_calls++;
}

KTEST(dev_md_ends_bios_in_its_own_thread)
{
	static unsigned char buf[512];
	struct cdev *dev = md_create("ktmd1", NULL, 16 * 1024);
	struct bio bio;
	int i;

	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	done_td = NULL;
	done_calls = 0;
	bio_init(&bio, BIO_READ, 512, buf, sizeof(buf));
	bio.bio_done = record_done;
	dev_dstrategy(dev, &bio);
	for (i = 0; i < 1000 && done_calls == 0; i++)
		tsleep(&done_calls, 0, "ktdone", 1);
	KT_EXPECT_EQ(1, done_calls);
	KT_ASSERT(done_td != NULL && done_td != curthread);
	KT_ASSERT(done_td != NULL && kstrncmp(done_td->td_name, "md ", 3)
	    == 0);
	KT_ASSERT(bio.bio_caller == (void *)1);
	KT_EXPECT_EQ(0, bio.bio_flags & BIO_DONE);  /* bio_done's instead */
	KT_EXPECT_EQ(0, bio.bio_error);
	md_destroy(dev);
}

KTEST(dev_md_fails_only_the_range_it_is_told)
{
	static unsigned char buf[1024];
	struct cdev *dev = md_create("ktmd2", NULL, 16 * 1024);
	struct md_fail f = { 4096, 512, BIO_READ, -EIO };
	struct md_stat st;
	size_t resid;

	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	KT_EXPECT_EQ(0, dev_dioctl(dev, MDIOCFAIL, &f, 0));
	KT_EXPECT_EQ(-EIO, kbio(dev, BIO_READ, 4096, buf, 512, &resid));
	KT_EXPECT_EQ(512, resid);
	KT_EXPECT_EQ(-EIO, kbio(dev, BIO_READ, 3584, buf, 1024, NULL));
	KT_EXPECT_EQ(0, kbio(dev, BIO_READ, 3584, buf, 512, NULL));
	KT_EXPECT_EQ(0, kbio(dev, BIO_READ, 4608, buf, 512, NULL));
	KT_EXPECT_EQ(0, kbio(dev, BIO_WRITE, 4096, buf, 512, NULL));
	f.mf_cmd = 0;
	f.mf_error = -ENOSPC;
	KT_EXPECT_EQ(0, dev_dioctl(dev, MDIOCFAIL, &f, 0));
	KT_EXPECT_EQ(-ENOSPC, kbio(dev, BIO_WRITE, 4096, buf, 512, NULL));
	f.mf_length = 0;
	KT_EXPECT_EQ(0, dev_dioctl(dev, MDIOCFAIL, &f, 0));
	KT_EXPECT_EQ(0, kbio(dev, BIO_READ, 4096, buf, 512, NULL));
	KT_EXPECT_EQ(0, dev_dioctl(dev, MDIOCSTAT, &st, 0));
	KT_EXPECT_EQ(3, st.ms_failed);
	KT_EXPECT_EQ(3, st.ms_reads);
	KT_EXPECT_EQ(1, st.ms_writes);
	md_destroy(dev);
}

/* Each CPU's worker of the next test: its own sectors, written and
 * read back again and again, each bio waited for. */
struct bio_worker {
	struct cdev	*dev;
	struct kt_race	race;
	volatile uint32_t next_cpu;
	volatile uint32_t ok, bad;
};

static void
bio_worker(void *arg)
{
	struct bio_worker *w = arg;
	unsigned char out[512], in[512];
	uint32_t me;
	int i;

	kt_race_start(&w->race);
	me = mycpu->gd_cpuid;
	for (i = 0; i < 100; i++) {
		pattern(out, sizeof(out), me * 1000 + (uint32_t)i);
		if (kbio(w->dev, BIO_WRITE, (uint64_t)(me * 8 + i % 8) * 512,
		    out, sizeof(out), NULL) != 0 ||
		    kbio(w->dev, BIO_READ, (uint64_t)(me * 8 + i % 8) * 512,
		    in, sizeof(in), NULL) != 0 ||
		    mem_diff(in, out, sizeof(in)) != 0)
			atomic_add_int(&w->bad, 1);
		else
			atomic_add_int(&w->ok, 1);
	}
	xgroup_done(&w->race.g);
}

KTEST(dev_biowait_from_every_cpu_loses_no_wakeup)
{
	static struct bio_worker w;

	kmemset(&w, 0, sizeof(w));
	w.dev = md_create("ktmd3", NULL, (uint64_t)ncpus * 8 * 512);
	KT_ASSERT(w.dev != NULL);
	if (w.dev == NULL)
		return;
	kt_race_every_cpu(kt, &w.race, bio_worker, &w);
	KT_EXPECT_EQ(100 * ncpus, w.ok);
	KT_EXPECT_EQ(0, w.bad);
	md_destroy(w.dev);
}

/* ---- going away while a request is inside ------------------------------- */

struct goer {
	struct cdev	*dev;
	struct dev_layer *layer;
	volatile int	read_done, read_error, gone;
	struct xgroup	g;
};

static void
goer_reader(void *arg)
{
	struct goer *g = arg;
	char buf[4];

	g->read_error = kdread(g->dev, buf, sizeof(buf), 0, NULL);
	g->read_done = 1;
	xgroup_done(&g->g);
}

static void
goer_destroyer(void *arg)
{
	struct goer *g = arg;

	if (g->layer != NULL)
		dev_layer_pop(g->layer);
	else
		destroy_dev(g->dev);
	g->gone = 1;
	xgroup_done(&g->g);
}

/* Block a read inside DEV's driver T, start the destroyer (or the
 * popper of LAYER), and see that it waits for the read. */
static void
go_while_inside(struct ktest_ctx *kt, struct cdev *dev, struct tdrv *t,
    struct dev_layer *layer)
{
	static struct goer g;
	int i;

	kmemset(&g, 0, sizeof(g));
	g.dev = dev;
	g.layer = layer;
	xgroup_init(&g.g);
	t->block = 1;
	if (xgroup_start(kt, &g.g, goer_reader, &g, 0, 0) == NULL)
		return;
	for (i = 0; i < 1000 && !t->inside; i++)
		tsleep(&g, 0, "ktinside", 1);
	KT_ASSERT(t->inside);
	if (xgroup_start(kt, &g.g, goer_destroyer, &g, ncpus - 1, 0) ==
	    NULL) {
		t->block = 0;
		xgroup_wait(&g.g);
		return;
	}
	tsleep(&g, 0, "ktwait", 5);		/* time to go wrong */
	KT_EXPECT_EQ(0, g.gone);		/* the read is still inside */
	KT_EXPECT_EQ(0, g.read_done);
	t->block = 0;
	xgroup_wait(&g.g);
	KT_EXPECT_EQ(1, g.gone);
	KT_EXPECT_EQ(0, g.read_error);
}

KTEST(dev_destroy_and_pop_wait_for_the_request_inside)
{
	static struct tdrv t;
	static struct dev_layer trace;
	struct cdev *dev;

	kmemset(&t, 0, sizeof(t));
	dev = make_dev(&tdrv_ops, 0, &t, "ktgoing");
	KT_ASSERT(dev != NULL);
	if (dev == NULL)
		return;
	dev_trace_push(dev, &trace, 0);
	go_while_inside(kt, dev, &t, &trace);
	KT_ASSERT(dev->si_port == &dev_default_port);
	KT_EXPECT_EQ(1, trace.dl_count[DEV_READ]);
	reference_dev(dev);
	go_while_inside(kt, dev, &t, NULL);
	KT_ASSERT(dev_lookup("ktgoing") == NULL);
	KT_EXPECT_EQ(2, t.calls);
	release_dev(dev);
}
