/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief A terminal's line discipline (book/32-tty.nw): pure logic,
 * tested on the host.
 */
#ifndef NAIAD_KERN_LDISC_H
#define NAIAD_KERN_LDISC_H

#include <stdint.h>

#define TTY_ICANON	0x0001	/**< lines: editing, one line per read */
#define TTY_ECHO	0x0002	/**< echo what is typed */
#define TTY_ISIG	0x0004	/**< ^C, ^\ send signals */
/** The mode a terminal starts in. */
#define TTY_DEFAULT	(TTY_ICANON | TTY_ECHO | TTY_ISIG)
/** Every mode bit. */
#define TTY_MODEMASK	(TTY_ICANON | TTY_ECHO | TTY_ISIG)

#define TTY_INQ		1024	/**< characters the input queue holds */
#define TTY_MAXLINE	256	/**< a line being typed, with its end */
/** The echo of one character: at most ^U erasing a line of ^Xs. */
#define TTY_ECHOMAX	(3 * 2 * TTY_MAXLINE)

/** A line discipline: the line being typed, the input ready to read. */
struct ldisc {
	unsigned	ld_lflag;		/**< TTY_ICANON, ... */
	uint16_t	ld_in[TTY_INQ];		/**< input; LD_EOF marks ^D */
	unsigned	ld_start;		/**< its oldest entry */
	unsigned	ld_count;		/**< entries in it */
	unsigned	ld_lines;		/**< line ends (\n, ^D) in it */
	char		ld_line[TTY_MAXLINE];	/**< the line being typed */
	unsigned	ld_linelen;		/**< its length */
	char		ld_echo[TTY_ECHOMAX];	/**< what to echo */
	unsigned	ld_echolen;		/**< its length */
};

/* What ldisc_input reports. */
#define LD_READABLE	0x0001	/**< input ready: wake the readers */
#define LD_SIGINT	0x0002	/**< ^C: interrupt the foreground group */
#define LD_SIGQUIT	0x0004	/**< ^\\: make it quit */

/** \brief An empty discipline in TTY_DEFAULT mode. */
void ldisc_init(struct ldisc *ld);
/** \brief One character typed. \return LD_* bits; the echo is in ld_echo. */
int ldisc_input(struct ldisc *ld, int c);
/** \brief Take up to \a n bytes of input. \return the bytes (0: ^D), or
 * -EWOULDBLOCK. */
int ldisc_read(struct ldisc *ld, char *buf, unsigned n);
/** \brief The bytes a read could take now. */
int ldisc_nread(const struct ldisc *ld);
/** \brief Switch to mode \a lflag. \return LD_READABLE if there is input
 * to read now. */
int ldisc_setmode(struct ldisc *ld, unsigned lflag);

#endif /* !NAIAD_KERN_LDISC_H */
