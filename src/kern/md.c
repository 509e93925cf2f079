/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The memory disk (book/37-device.nw): bios checked and queued by the
 * strategy, copied and ended by the disk's own thread.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/device.h"
#include "kern/errno.h"
#include "kern/globaldata.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/md.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"

struct md_softc {
	struct cdev	*md_dev;
	char		*md_base;	/* the disk's bytes */
	uint64_t	md_size;
	int		md_owned;	/* md_base is ours to free */
	struct spinlock	md_spin;	/* the fields below */
	TAILQ_HEAD(, bio) md_queue;	/* bios taken, not yet ended */
	int		md_sleeping;	/* the thread waits for a bio */
	int		md_stop;	/* md_destroy: end and exit */
	int		md_exited;	/* the thread is gone */
	struct md_fail	md_fail;
	struct md_stat	md_stat;
};
/* Why BIO cannot be done on SC's disk: 0, -EINVAL or -ENXIO. */
static int
md_check(const struct md_softc *sc, const struct bio *bio)
{
	if (bio->bio_cmd == BIO_FLUSH)
		return 0;
	if (bio->bio_cmd != BIO_READ && bio->bio_cmd != BIO_WRITE)
		return -EINVAL;
	if (bio->bio_offset % DEV_BSIZE != 0 ||
	    bio->bio_bcount % DEV_BSIZE != 0)
		return -EINVAL;
	if (bio->bio_bcount > sc->md_size ||
	    bio->bio_offset > sc->md_size - bio->bio_bcount)
		return -ENXIO;
	return 0;
}

/* d_strategy of a memory disk: check, queue for the disk's thread. */
static int
md_strategy(struct dev_strategy_args *ap)
{
	struct md_softc *sc = ap->a_head.a_dev->si_drv1;
	struct bio *bio = ap->a_bio;
	int error, wake;

	if ((error = md_check(sc, bio)) != 0)
		return error;
	spin_lock(&sc->md_spin);
	TAILQ_INSERT_TAIL(&sc->md_queue, bio, bio_act);
	wake = sc->md_sleeping;
	spin_unlock(&sc->md_spin);
	if (wake)
		wakeup(&sc->md_queue);
	return 0;
}
/* Does BIO touch the failing range of FAIL?  Its error, or 0. */
static int
md_fails(const struct md_fail *fail, const struct bio *bio)
{
	if (fail->mf_length == 0 || bio->bio_cmd == BIO_FLUSH ||
	    (fail->mf_cmd != 0 && fail->mf_cmd != bio->bio_cmd))
		return 0;
	if (bio->bio_offset >= fail->mf_offset + fail->mf_length ||
	    fail->mf_offset >= bio->bio_offset + bio->bio_bcount)
		return 0;
	return fail->mf_error;
}

/* Do BIO on SC's disk and end it. */
static void
md_do(struct md_softc *sc, struct bio *bio)
{
	char *p = sc->md_base + bio->bio_offset;
	int error;

	spin_lock(&sc->md_spin);
	error = md_fails(&sc->md_fail, bio);
	sc->md_stat.ms_failed += error != 0;
	sc->md_stat.ms_reads += error == 0 && bio->bio_cmd == BIO_READ;
	sc->md_stat.ms_writes += error == 0 && bio->bio_cmd == BIO_WRITE;
	sc->md_stat.ms_flushes += bio->bio_cmd == BIO_FLUSH;
	spin_unlock(&sc->md_spin);
	if (error == 0 && bio->bio_cmd == BIO_READ)
		kmemcpy(bio->bio_data, p, bio->bio_bcount);
	else if (error == 0 && bio->bio_cmd == BIO_WRITE)
		kmemcpy(p, bio->bio_data, bio->bio_bcount);
	bio->bio_error = error;
	bio->bio_resid = error != 0 ? bio->bio_bcount : 0;
	biodone(bio);
}

/* The disk's thread: end the queued bios; at md_stop, when none is
 * left, say so and exit. */
static void
md_thread(void *arg)
{
	struct md_softc *sc = arg;
	struct bio *bio;

	spin_lock(&sc->md_spin);
	for (;;) {
		if ((bio = TAILQ_FIRST(&sc->md_queue)) != NULL) {
			TAILQ_REMOVE(&sc->md_queue, bio, bio_act);
			spin_unlock(&sc->md_spin);
			md_do(sc, bio);
			spin_lock(&sc->md_spin);
		} else if (sc->md_stop)
			break;
		else {
			sc->md_sleeping = 1;
			ssleep(&sc->md_queue, &sc->md_spin, 0, "mdwait", 0);
			sc->md_sleeping = 0;
		}
	}
	sc->md_exited = 1;
	spin_unlock(&sc->md_spin);
	wakeup(&sc->md_exited);
}
/* Move bytes between SC's disk at OFFSET and UIO: 0 or -errno. */
static int
md_rw(struct md_softc *sc, struct uio *uio, uint64_t offset)
{
	size_t n = uio->uio_resid;

	if (offset >= sc->md_size)
		return uio->uio_rw == UIO_WRITE && n > 0 ? -ENOSPC : 0;
	if (n > sc->md_size - offset)
		n = (size_t)(sc->md_size - offset);
	return uiomove(sc->md_base + offset, n, uio);
}

/* d_read of a memory disk. */
static int
md_read(struct dev_read_args *ap)
{
	return md_rw(ap->a_head.a_dev->si_drv1, ap->a_uio, ap->a_offset);
}

/* d_write of a memory disk. */
static int
md_write(struct dev_write_args *ap)
{
	return md_rw(ap->a_head.a_dev->si_drv1, ap->a_uio, ap->a_offset);
}

/* d_ioctl of a memory disk: MDIOCFAIL, MDIOCSTAT. */
static int
md_ioctl(struct dev_ioctl_args *ap)
{
	struct md_softc *sc = ap->a_head.a_dev->si_drv1;

	if (ap->a_cmd != MDIOCFAIL && ap->a_cmd != MDIOCSTAT)
		return -ENOTTY;
	spin_lock(&sc->md_spin);
	if (ap->a_cmd == MDIOCFAIL)
		sc->md_fail = *(struct md_fail *)ap->a_data;
	else
		*(struct md_stat *)ap->a_data = sc->md_stat;
	spin_unlock(&sc->md_spin);
	return 0;
}

static const struct dev_ops md_ops = {
	.d_name = "md", .d_flags = D_DISK,
	.d_read = md_read, .d_write = md_write,
	.d_ioctl = md_ioctl, .d_strategy = md_strategy,
};
/* Free SC and the memory it owns. */
static void
md_free(struct md_softc *sc)
{
	if (sc->md_owned)
		kfree(sc->md_base);
	kfree(sc);
}

/* md_create(name, base, bytes): a memory disk, or NULL. */
struct cdev *
md_create(const char *name, void *base, uint64_t bytes)
{
	struct md_softc *sc;

	if (bytes == 0 || bytes % DEV_BSIZE != 0 || bytes > 0x40000000u) {
		kprintf("md_create: %s: %llu bytes is not a disk size\n",
		    name, (unsigned long long)bytes);
		return NULL;
	}
	if ((sc = kmalloc(sizeof(*sc), M_ZERO)) == NULL)
		return NULL;
	sc->md_base = base;
	if (base == NULL) {
		sc->md_owned = 1;
		if ((sc->md_base = kmalloc((size_t)bytes, M_ZERO)) == NULL) {
			kprintf("md_create: %s: no memory for %llu bytes\n",
			    name, (unsigned long long)bytes);
			kfree(sc);
			return NULL;
		}
	}
	sc->md_size = bytes;
	spin_init(&sc->md_spin);
	TAILQ_INIT(&sc->md_queue);
	if ((sc->md_dev = make_dev(&md_ops, 0, sc, "%s", name)) == NULL) {
		md_free(sc);
		return NULL;
	}
	sc->md_dev->si_size = bytes;
	if (lwkt_create(md_thread, sc, NULL, 0, ncpus - 1, "md %s",
	    name) != 0) {
		destroy_dev(sc->md_dev);
		md_free(sc);
		return NULL;
	}
	return sc->md_dev;
}

/* md_destroy(dev): the device gone, its bios ended, its thread too. */
void
md_destroy(struct cdev *dev)
{
	struct md_softc *sc = dev->si_drv1;

	KASSERT(dev->si_ops == &md_ops, ("md_destroy: %s is not a memory "
	    "disk", dev->si_name));
	destroy_dev(dev);
	spin_lock(&sc->md_spin);
	sc->md_stop = 1;
	if (sc->md_sleeping)
		wakeup(&sc->md_queue);
	while (!sc->md_exited)
		ssleep(&sc->md_exited, &sc->md_spin, 0, "mdstop", 0);
	spin_unlock(&sc->md_spin);
	md_free(sc);
}
