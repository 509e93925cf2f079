/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The memory devices (book/37-device.nw): null, zero, random (seeded
 * by seed=), and console, over the console terminal's file.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/cmdline.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/sysinit.h"
#include "kern/tty.h"
#include "lwkt/token.h"

/* d_read of null: nothing, the end. */
static int
null_read(struct dev_read_args *ap)
{
	(void)ap;
	return 0;
}

/* d_write of null and zero: every byte taken, none looked at. */
static int
null_write(struct dev_write_args *ap)
{
	struct uio *uio = ap->a_uio;

	uio->uio_buf += uio->uio_resid;
	uio->uio_resid = 0;
	return 0;
}

static char zero_block[512];		/* zero's bytes: all 0, never written */

/* d_read of zero: zeros until the transfer is full. */
static int
zero_read(struct dev_read_args *ap)
{
	struct uio *uio = ap->a_uio;
	int error;

	while (uio->uio_resid > 0)
		if ((error = uiomove(zero_block, sizeof(zero_block), uio)) != 0)
			return error;
	return 0;
}

static const struct dev_ops null_ops = {
	.d_name = "null", .d_flags = D_MEM,
	.d_read = null_read, .d_write = null_write,
};

static const struct dev_ops zero_ops = {
	.d_name = "zero", .d_flags = D_MEM,
	.d_read = zero_read, .d_write = null_write,
};
static struct spinlock rnd_spin = SPINLOCK_INITIALIZER;
static uint64_t rnd_state;		/* never 0; under rnd_spin */
static unsigned char rnd_pool[64];	/* made, not all read yet */
static unsigned rnd_left;		/* unread bytes at its end */

/* SplitMix64 of X: a seed spread over all 64 bits, never 0. */
static uint64_t
rnd_mix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	x ^= x >> 31;
	return x != 0 ? x : 1;
}

/* The next 64 bits of xorshift64*; rnd_spin held. */
static uint64_t
rnd_next(void)
{
	uint64_t x = rnd_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rnd_state = x;
	return x * 0x2545F4914F6CDD1Dull;
}

/* The next N bytes of the stream into BUF; rnd_spin held. */
static void
rnd_take(unsigned char *buf, size_t n)
{
	uint64_t x = 0;
	size_t i;
	int b;

	for (i = 0; i < n; i++) {
		if (rnd_left == 0) {
			for (b = 0; b < 64; b++) {
				if (b % 8 == 0)
					x = rnd_next();
				rnd_pool[b] = (unsigned char)(x >> (b % 8 * 8));
			}
			rnd_left = sizeof(rnd_pool);
		}
		buf[i] = rnd_pool[sizeof(rnd_pool) - rnd_left--];
	}
}

/* Seed the generator with SEED: the stream starts again. */
static void
rnd_seed(uint64_t seed)
{
	spin_lock(&rnd_spin);
	rnd_state = rnd_mix(seed);
	rnd_left = 0;
	spin_unlock(&rnd_spin);
}

/* d_read of random: 64 bytes at a time, taken under the lock. */
static int
random_read(struct dev_read_args *ap)
{
	struct uio *uio = ap->a_uio;
	unsigned char buf[64];
	size_t n;
	int error;

	while (uio->uio_resid > 0) {
		n = uio->uio_resid < sizeof(buf) ? uio->uio_resid :
		    sizeof(buf);
		spin_lock(&rnd_spin);
		rnd_take(buf, n);
		spin_unlock(&rnd_spin);
		if ((error = uiomove(buf, n, uio)) != 0)
			return error;
	}
	return 0;
}

/* d_write of random: stir the bytes into the state. */
static int
random_write(struct dev_write_args *ap)
{
	struct uio *uio = ap->a_uio;
	unsigned char buf[64];
	size_t n, i;
	int error;

	while (uio->uio_resid > 0) {
		n = uio->uio_resid < sizeof(buf) ? uio->uio_resid :
		    sizeof(buf);
		if ((error = uiomove(buf, n, uio)) != 0)
			return error;
		spin_lock(&rnd_spin);
		for (i = 0; i < n; i++)
			rnd_state = rnd_mix(rnd_state ^ buf[i]);
		rnd_left = 0;
		spin_unlock(&rnd_spin);
	}
	return 0;
}

/* d_ioctl of random: RNDSETSEED. */
static int
random_ioctl(struct dev_ioctl_args *ap)
{
	if (ap->a_cmd != RNDSETSEED)
		return -ENOTTY;
	rnd_seed(*(uint32_t *)ap->a_data);
	return 0;
}

static const struct dev_ops random_ops = {
	.d_name = "random", .d_flags = D_MEM,
	.d_read = random_read, .d_write = random_write,
	.d_ioctl = random_ioctl,
};
static struct lwkt_token cons_dev_token; /* cons_dev_opens, cons_dev_fp */
static int cons_dev_opens;		/* opens not yet closed */
static struct file *cons_dev_fp;	/* the file on cons_tty, or NULL */

/* d_open of console: the first makes the file. */
static int
cons_dev_open(struct dev_open_args *ap)
{
	int error = 0;

	(void)ap;
	lwkt_gettoken(&cons_dev_token);
	if (cons_dev_opens == 0)
		error = tty_open(&cons_tty, FREAD | FWRITE, &cons_dev_fp);
	if (error == 0)
		cons_dev_opens++;
	lwkt_reltoken(&cons_dev_token);
	return error;
}

/* d_close of console: the last drops the file. */
static int
cons_dev_close(struct dev_close_args *ap)
{
	struct file *fp = NULL;

	(void)ap;
	lwkt_gettoken(&cons_dev_token);
	if (cons_dev_opens == 0) {
		lwkt_reltoken(&cons_dev_token);
		return -EBADF;
	}
	if (--cons_dev_opens == 0) {
		fp = cons_dev_fp;
		cons_dev_fp = NULL;
	}
	lwkt_reltoken(&cons_dev_token);
	if (fp != NULL)
		fdrop(fp);
	return 0;
}

/* The console's file with a reference for the caller, or NULL. */
static struct file *
cons_dev_file(void)
{
	struct file *fp;

	lwkt_gettoken(&cons_dev_token);
	if ((fp = cons_dev_fp) != NULL)
		fhold(fp);
	lwkt_reltoken(&cons_dev_token);
	return fp;
}

/* d_read and d_write of console: the terminal's, on its file. */
static int
cons_dev_rw(struct uio *uio)
{
	struct file *fp = cons_dev_file();
	int n;

	if (fp == NULL)
		return -EBADF;
	n = uio->uio_rw == UIO_READ ? fp->f_ops->fo_read(fp, uio) :
	    fp->f_ops->fo_write(fp, uio);
	fdrop(fp);
	return n < 0 ? n : 0;
}

/* d_read of console. */
static int
cons_dev_read(struct dev_read_args *ap)
{
	return cons_dev_rw(ap->a_uio);
}

/* d_write of console. */
static int
cons_dev_write(struct dev_write_args *ap)
{
	return cons_dev_rw(ap->a_uio);
}

/* d_ioctl of console: the terminal's requests (modes, TIOCSTI...). */
static int
cons_dev_ioctl(struct dev_ioctl_args *ap)
{
	struct file *fp = cons_dev_file();
	int error;

	if (fp == NULL)
		return -EBADF;
	error = fp->f_ops->fo_ioctl(fp, ap->a_cmd, ap->a_data);
	fdrop(fp);
	return error;
}

static const struct dev_ops cons_dev_ops = {
	.d_name = "console", .d_flags = D_TTY,
	.d_open = cons_dev_open, .d_close = cons_dev_close,
	.d_read = cons_dev_read, .d_write = cons_dev_write,
	.d_ioctl = cons_dev_ioctl,
};
/* Boot: seed random from seed=, make null, zero, random, console. */
static void
dev_mem_init(void *arg)
{
	(void)arg;
	lwkt_token_init(&cons_dev_token, "consdev");
	rnd_seed(cmdline_seed());
	if (make_dev(&null_ops, 0, NULL, "null") == NULL ||
	    make_dev(&zero_ops, 0, NULL, "zero") == NULL ||
	    make_dev(&random_ops, 0, NULL, "random") == NULL ||
	    make_dev(&cons_dev_ops, 0, NULL, "console") == NULL)
		panic("dev: cannot make the memory devices");
}

SYSINIT(devmem, SI_SUB_DEVICE, SI_ORDER_THIRD, dev_mem_init, NULL);
