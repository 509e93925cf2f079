/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Devices as messages (book/37-device.nw): devices and drivers,
 * the argument blocks that are messages, the default port, layers, the
 * table of devices, and the memory devices.
 */
#ifndef NAIAD_KERN_DEVICE_H
#define NAIAD_KERN_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "kern/bio.h"
#include "kern/devname.h"
#include "kern/file.h"
#include "kern/ioccom.h"
#include "kern/queue.h"
#include "lwkt/msgport.h"

#define DEV_OPEN	1	/**< d_open */
#define DEV_CLOSE	2	/**< d_close */
#define DEV_READ	3	/**< d_read */
#define DEV_WRITE	4	/**< d_write */
#define DEV_IOCTL	5	/**< d_ioctl */
#define DEV_STRATEGY	6	/**< d_strategy */
#define DEV_NOPS	7	/**< one more than the last operation */

#define D_MEM		0x0001	/**< a memory device: null, zero, random */
#define D_TTY		0x0002	/**< a terminal */
#define D_DISK		0x0004	/**< a disk: blocks through d_strategy */

#define DEV_BSIZE	512	/**< a disk's usual block (sector) size */
/** The first member of every device argument block: it is the message. */
struct dev_generic_args {
	struct lwkt_msg	a_msg;		/**< the message: first, always */
	int		a_op;		/**< DEV_OPEN ... DEV_STRATEGY */
	struct cdev	*a_dev;		/**< the device asked */
};

/** d_open's arguments. */
struct dev_open_args {
	struct dev_generic_args a_head;	/**< message, operation, device */
	int		a_oflags;	/**< FREAD, FWRITE */
};

/** d_close's arguments. */
struct dev_close_args {
	struct dev_generic_args a_head;	/**< message, operation, device */
	int		a_fflag;	/**< FREAD, FWRITE, as opened */
};

/** d_read's arguments: move bytes from the device at a_offset. */
struct dev_read_args {
	struct dev_generic_args a_head;	/**< message, operation, device */
	struct uio	*a_uio;		/**< where the bytes go */
	uint64_t	a_offset;	/**< byte offset on the device */
};

/** d_write's arguments: move bytes to the device at a_offset. */
struct dev_write_args {
	struct dev_generic_args a_head;	/**< message, operation, device */
	struct uio	*a_uio;		/**< where the bytes come from */
	uint64_t	a_offset;	/**< byte offset on the device */
};

/** d_ioctl's arguments. */
struct dev_ioctl_args {
	struct dev_generic_args a_head;	/**< message, operation, device */
	unsigned long	a_cmd;		/**< the request (ioccom.h) */
	void		*a_data;	/**< its argument, in kernel memory */
	int		a_fflag;	/**< FREAD, FWRITE of the caller */
};

/** d_strategy's arguments: start a block transfer. */
struct dev_strategy_args {
	struct dev_generic_args a_head;	/**< message, operation, device */
	struct bio	*a_bio;		/**< the request, ended by biodone */
};
/** A driver: its name, its kind, and its functions (NULL: not offered). */
struct dev_ops {
	const char	*d_name;	/**< the driver's name */
	int		d_flags;	/**< D_MEM, D_TTY, D_DISK */
	/** The device is opened (NULL: nothing to do). */
	int		(*d_open)(struct dev_open_args *ap);
	/** ... closed (NULL: nothing to do). */
	int		(*d_close)(struct dev_close_args *ap);
	/** Move bytes to ap->a_uio; 0 or -errno (NULL: -ENODEV). */
	int		(*d_read)(struct dev_read_args *ap);
	/** Move bytes from ap->a_uio; 0 or -errno (NULL: -ENODEV). */
	int		(*d_write)(struct dev_write_args *ap);
	/** A request of its own (NULL: -ENOTTY). */
	int		(*d_ioctl)(struct dev_ioctl_args *ap);
	/** Take ap->a_bio, to end it with biodone; 0, or -errno if not
	 * taken (NULL: -ENODEV). */
	int		(*d_strategy)(struct dev_strategy_args *ap);
};

#define SI_GONE		0x0001	/**< destroy_dev: every request -ENXIO */

/** A device: a name in the table, a driver, a port. */
struct cdev {
	char		si_name[SPECNAMELEN + 1]; /**< its name, unique */
	const struct dev_ops *si_ops;	/**< its driver */
	/** Where its messages go: dev_default_port, or a layer's. */
	struct lwkt_port *volatile si_port;
	void		*si_drv1;	/**< the driver's data (softc) */
	int		si_unit;	/**< the driver's number for it */
	uint64_t	si_size;	/**< bytes, for a disk; 0 otherwise */
	uint32_t	si_blksize;	/**< a disk's block size (512, 2048) */
	volatile uint32_t si_flags;	/**< SI_GONE */
	volatile uint32_t si_refs;	/**< the table's, dev_lookup's */
	volatile uint32_t si_busy;	/**< requests inside it now */
	TAILQ_ENTRY(cdev) si_link;	/**< on the table's list */
		int		si_buf_error;	/**< a lost write (book/42-buf.nw) */
		volatile uint32_t si_ino;	/**< devfs: its file number, or 0 */
};
/** A layer in front of a device: a port of its own, the port below. */
struct dev_layer {
	struct lwkt_port dl_port;	/**< the device's port while pushed */
	struct lwkt_port *dl_below;	/**< where requests go on to */
	struct cdev	*dl_dev;	/**< the device */
	int		dl_log;		/**< tracing: print each request */
	volatile uint32_t dl_count[DEV_NOPS]; /**< requests seen, by a_op */
};
/** random: seed the generator again with the uint32_t argument. */
#define RNDSETSEED	_IOW('r', 1, uint32_t)

/** A function told of every device that destroy_dev takes away. */
struct dev_hook {
	/** \a dev is gone: no request enters it any more.  May sleep. */
	void		(*dh_gone)(struct cdev *dev);
	const char	*dh_name;	/**< who registered it */
	struct dev_hook	*dh_next;	/**< the next hook */
};

/** The port that runs each request at once in the driver. */
extern struct lwkt_port dev_default_port;

/** \brief Open \a dev for \a oflags (FREAD, FWRITE). \return 0 or -errno. */
int dev_dopen(struct cdev *dev, int oflags);
/** \brief Close \a dev, opened for \a fflag. \return 0 or -errno. */
int dev_dclose(struct cdev *dev, int fflag);
/**
 * \brief Read from \a dev at byte \a offset into \a uio.  \return 0 or
 * -errno; uio_resid says what was not moved (nothing moved: the end).
 */
int dev_dread(struct cdev *dev, struct uio *uio, uint64_t offset);
/** \brief Write \a uio to \a dev at byte \a offset. \return 0 or -errno. */
int dev_dwrite(struct cdev *dev, struct uio *uio, uint64_t offset);
/**
 * \brief Request \a cmd of \a dev, its argument \a data in kernel
 * memory. \return 0 or -errno (-ENOTTY: not a request it knows).
 */
int dev_dioctl(struct cdev *dev, unsigned long cmd, void *data,
    int fflag);
/**
 * \brief Start \a bio on \a dev and return; biodone ends it, now or
 * later, maybe on another CPU (with -ENXIO if \a dev is gone).
 */
void dev_dstrategy(struct cdev *dev, struct bio *bio);
/**
 * \brief Run request \a ap in its device's driver, in this thread:
 * what the default port does.  \return the driver's value.
 */
int dev_doperate(struct dev_generic_args *ap);
/** \brief The name of operation \a op ("read"...), for messages. */
const char *dev_opname(int op);

/**
 * \brief Make a device: driver \a ops, \a unit, softc \a drv1, named
 * like printf(\a fmt, ...), in the table with one reference (the
 * table's, dropped by destroy_dev).  \return it, or NULL (bad or taken
 * name, no memory; a line on the console says which).
 */
struct cdev *make_dev(const struct dev_ops *ops, int unit, void *drv1,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/**
 * \brief make_dev with the name as it is. \return 0 and *\a devp, or
 * -ENAMETOOLONG, -EINVAL (a bad name), -EEXIST, -ENOMEM.
 */
int dev_create(const struct dev_ops *ops, int unit, void *drv1,
    const char *name, struct cdev **devp);
/**
 * \brief Take \a dev off the table, refuse its new requests (-ENXIO),
 * wait for those inside it, tell the hooks, drop the table's
 * reference.  Thread context; then its driver may free its softc.
 */
void destroy_dev(struct cdev *dev);
/** \brief The device named \a name, with a reference the caller must
 * release (release_dev), or NULL. */
struct cdev *dev_lookup(const char *name);
/** \brief One more reference to \a dev, whose caller holds one. */
void reference_dev(struct cdev *dev);
/** \brief Drop a reference to \a dev; the last frees it. */
void release_dev(struct cdev *dev);
/**
 * \brief Call \a fn(dev, \a arg) for each device in the table, in the
 * order they were made, until it returns non-zero.  \a fn must not
 * sleep.  \return the value that stopped the walk, or 0.
 */
int dev_foreach(int (*fn)(struct cdev *dev, void *arg), void *arg);
/** \brief Call \a h->dh_gone for every device destroyed from now on. */
void dev_hook_register(struct dev_hook *h);
/**
 * \brief Give \a dev the port \a port (a layer's).  \return the port it
 * had, where the layer sends requests on.
 */
struct lwkt_port *dev_setport(struct cdev *dev, struct lwkt_port *port);
/** \brief Wait until \a dev has been seen with no request inside it. */
void dev_drain(struct cdev *dev);
/** \brief Put the tracing layer \a dl in front of \a dev: requests
 * counted in dl_count, printed if \a log. */
void dev_trace_push(struct cdev *dev, struct dev_layer *dl, int log);
/** \brief Put the read-only layer \a dl in front of \a dev: what would
 * write is refused with -EROFS. */
void dev_rdonly_push(struct cdev *dev, struct dev_layer *dl);
/**
 * \brief Take the layer \a dl away from its device (it must be the
 * top one).  \return 0 once no request can be inside it, or -EBUSY.
 */
int dev_layer_pop(struct dev_layer *dl);

#endif /* !NAIAD_KERN_DEVICE_H */
