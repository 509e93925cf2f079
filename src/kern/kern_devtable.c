/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The table of devices (book/37-device.nw): made by name, looked up
 * with a reference, destroyed once no request is inside; a token
 * serializes the table and the ports' swaps.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/device.h"
#include "kern/errno.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/kvcprintf.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "lwkt/token.h"
#include "vm/kmalloc.h"

static struct lwkt_token dev_token;	/* the list, names, hooks */
static TAILQ_HEAD(, cdev) dev_list;	/* every device not destroyed */
static struct dev_hook *dev_hooks;	/* told of each destroy_dev */

/* The device called NAME, or NULL; dev_token held. */
static struct cdev *
dev_find(const char *name)
{
	struct cdev *dev;

	TAILQ_FOREACH(dev, &dev_list, si_link)
		if (kstrcmp(dev->si_name, name) == 0)
			return dev;
	return NULL;
}
/* Make and enter a device: 0 and *DEVP, or -ENAMETOOLONG, -EINVAL
 * (a bad name), -EEXIST (taken), -ENOMEM. */
int
dev_create(const struct dev_ops *ops, int unit, void *drv1,
    const char *name, struct cdev **devp)
{
	struct cdev *dev;
	int error = 0;

	KASSERT(ops != NULL && ops->d_name != NULL,
	    ("dev_create: \"%s\" without a driver", name));
	if (kstrlen(name) > SPECNAMELEN)
		return -ENAMETOOLONG;
	if (!dev_name_valid(name))
		return -EINVAL;
	if ((dev = kmalloc(sizeof(*dev), M_ZERO)) == NULL)
		return -ENOMEM;
	kstrlcpy(dev->si_name, name, sizeof(dev->si_name));
	dev->si_ops = ops;
	dev->si_port = &dev_default_port;
	dev->si_drv1 = drv1;
	dev->si_unit = unit;
	dev->si_blksize = (ops->d_flags & D_DISK) != 0 ? DEV_BSIZE : 1;
	dev->si_refs = 1;
	lwkt_gettoken(&dev_token);
	if (dev_find(name) != NULL)
		error = -EEXIST;
	else
		TAILQ_INSERT_TAIL(&dev_list, dev, si_link);
	lwkt_reltoken(&dev_token);
	if (error != 0) {
		kfree(dev);
		return error;
	}
	*devp = dev;
	return 0;
}

/* make_dev(ops, unit, drv1, fmt, ...): the new device, or NULL (and
 * a line on the console saying why). */
struct cdev *
make_dev(const struct dev_ops *ops, int unit, void *drv1,
    const char *fmt, ...)
{
	char name[SPECNAMELEN + 2];
	struct cdev *dev;
	va_list ap;
	int error;

	va_start(ap, fmt);
	kvsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	if ((error = dev_create(ops, unit, drv1, name, &dev)) != 0) {
		kprintf("make_dev: %s \"%s\": %s\n", ops->d_name, name,
		    error == -EEXIST ? "the name is taken" :
		    error == -ENOMEM ? "no memory" : "not a device name");
		return NULL;
	}
	return dev;
}
/* One more reference to DEV, for a caller that has one already. */
void
reference_dev(struct cdev *dev)
{
	atomic_add_int(&dev->si_refs, 1);
}

/* Drop a reference to DEV; the last frees it. */
void
release_dev(struct cdev *dev)
{
	uint32_t n;

	do {
		n = dev->si_refs;
		KASSERT(n > 0, ("release_dev: %s has no reference",
		    dev->si_name));
	} while (!atomic_cmpset_int(&dev->si_refs, n, n - 1));
	if (n == 1)
		kfree(dev);
}

/* The device called NAME with a reference for the caller, or NULL. */
struct cdev *
dev_lookup(const char *name)
{
	struct cdev *dev;

	lwkt_gettoken(&dev_token);
	if ((dev = dev_find(name)) != NULL)
		reference_dev(dev);
	lwkt_reltoken(&dev_token);
	return dev;
}
/* Take DEV away: off the table, closed to requests, drained; the
 * driver may free its softc after.  Thread context. */
void
destroy_dev(struct cdev *dev)
{
	struct dev_hook *h;

	lwkt_gettoken(&dev_token);
	KASSERT((dev->si_flags & SI_GONE) == 0,
	    ("destroy_dev: %s twice", dev->si_name));
	TAILQ_REMOVE(&dev_list, dev, si_link);
	atomic_set_int(&dev->si_flags, SI_GONE);
	lwkt_reltoken(&dev_token);
	dev_drain(dev);
	for (h = dev_hooks; h != NULL; h = h->dh_next)
		h->dh_gone(dev);
	release_dev(dev);
}

/* Call H for every device destroyed from now on. */
void
dev_hook_register(struct dev_hook *h)
{
	lwkt_gettoken(&dev_token);
	h->dh_next = dev_hooks;
	dev_hooks = h;
	lwkt_reltoken(&dev_token);
}
/* FN(dev, ARG) for each device, in the order made, until FN returns
 * non-zero: that value, or 0.  FN must not sleep. */
int
dev_foreach(int (*fn)(struct cdev *dev, void *arg), void *arg)
{
	struct cdev *dev;
	int r = 0;

	lwkt_gettoken(&dev_token);
	TAILQ_FOREACH(dev, &dev_list, si_link)
		if ((r = fn(dev, arg)) != 0)
			break;
	lwkt_reltoken(&dev_token);
	return r;
}
/* dev_foreach's function for the devices command: one line. */
static int
dev_print_one(struct cdev *dev, void *arg)
{
	(void)arg;
	kprintf("%-10s %-8s %s%s%s size %llu block %u%s\n", dev->si_name,
	    dev->si_ops->d_name,
	    (dev->si_ops->d_flags & D_MEM) != 0 ? "mem" : "",
	    (dev->si_ops->d_flags & D_TTY) != 0 ? "tty" : "",
	    (dev->si_ops->d_flags & D_DISK) != 0 ? "disk" : "",
	    (unsigned long long)dev->si_size, (unsigned)dev->si_blksize,
	    dev->si_port == &dev_default_port ? "" : " (layered)");
	return 0;
}

/* The monitor's devices command: the table. */
static int
dev_command(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	dev_foreach(dev_print_one, NULL);
	return 0;
}

MONITOR_COMMAND(devices, "devices", "devices",
    "the devices: name, driver, kind, size", dev_command);
/* Boot, first: the table's token, the empty list. */
static void
dev_table_init(void *arg)
{
	(void)arg;
	lwkt_token_init(&dev_token, "devtable");
	TAILQ_INIT(&dev_list);
}

SYSINIT(devtable, SI_SUB_DEVICE, SI_ORDER_FIRST, dev_table_init, NULL);
