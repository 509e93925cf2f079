/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief How an ioctl request encodes its argument (book/31-file.nw);
 * the user side's <sys/ioctl.h> is made of the same chunks.
 */
#ifndef NAIAD_KERN_IOCCOM_H
#define NAIAD_KERN_IOCCOM_H

#define IOCPARM_MASK	0x1fff		/**< the size field, bits 16-28 */
#define IOCPARM_MAX	128		/**< the largest argument copied */
#define IOC_VOID	0x20000000u	/**< no argument */
#define IOC_OUT		0x40000000u	/**< copy the argument out */
#define IOC_IN		0x80000000u	/**< copy the argument in */
#define IOC_DIRMASK	0xe0000000u	/**< the direction bits */
/** The size of request \a x's argument. */
#define IOCPARM_LEN(x)	(((x) >> 16) & IOCPARM_MASK)
/** A request: direction, group letter, number, argument size. */
#define _IOC(inout, group, num, len) \
	((unsigned long)((inout) | (((len) & IOCPARM_MASK) << 16) | \
	((group) << 8) | (num)))
/** A request without argument. */
#define _IO(g, n)	_IOC(IOC_VOID, (g), (n), 0)
/** A request whose argument, a \a t, is copied out. */
#define _IOR(g, n, t)	_IOC(IOC_OUT, (g), (n), sizeof(t))
/** ... copied in. */
#define _IOW(g, n, t)	_IOC(IOC_IN, (g), (n), sizeof(t))
/** ... copied in and out. */
#define _IOWR(g, n, t)	_IOC(IOC_IN | IOC_OUT, (g), (n), sizeof(t))

/** The bytes waiting to be read (pipes and terminals). */
#define FIONREAD	_IOR('f', 127, int)

#endif /* !NAIAD_KERN_IOCCOM_H */
