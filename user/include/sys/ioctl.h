/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * ioctl requests (book/31-file.nw, book/32-tty.nw), as the kernel
 * defines them.
 */
#ifndef _SYS_IOCTL_H_
#define _SYS_IOCTL_H_

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
#define TTY_ICANON	0x0001	/**< lines: editing, one line per read */
#define TTY_ECHO	0x0002	/**< echo what is typed */
#define TTY_ISIG	0x0004	/**< ^C, ^\ send signals */
/** The mode a terminal starts in. */
#define TTY_DEFAULT	(TTY_ICANON | TTY_ECHO | TTY_ISIG)
/** Every mode bit. */
#define TTY_MODEMASK	(TTY_ICANON | TTY_ECHO | TTY_ISIG)
/** A terminal's mode (TIOCGMODE, TIOCSMODE). */
struct tty_mode {
	unsigned	tm_lflag;	/**< TTY_ICANON, TTY_ECHO, TTY_ISIG */
};

#define TIOCGMODE	_IOR('t', 1, struct tty_mode)	/**< get the mode */
#define TIOCSMODE	_IOW('t', 2, struct tty_mode)	/**< set the mode */
#define TIOCSTI		_IOW('t', 114, char)	/**< as if typed */
#define TIOCSPGRP	_IOW('t', 118, int)	/**< the foreground group */
#define TIOCGPGRP	_IOR('t', 119, int)	/**< ... which is */

#endif
