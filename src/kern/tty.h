/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Terminals (book/32-tty.nw): a line discipline as a file, the
 * console terminal, the foreground process group.
 */
#ifndef NAIAD_KERN_TTY_H
#define NAIAD_KERN_TTY_H

#include <stddef.h>

#include "kern/file.h"
#include "kern/ioccom.h"
#include "kern/ldisc.h"
#include "kern/proc.h"
#include "kern/spinlock.h"

/** A terminal: a line discipline, its lock, its device. */
struct tty {
	struct spinlock	t_spin;		/**< protects all of it */
	struct ldisc	t_ld;		/**< the line discipline */
	pid_t		t_pgrp;		/**< the foreground group, 0: none */
	int		t_rsleep;	/**< readers asleep */
	int		t_opens;	/**< files open on it */
	/** The device writes \a n bytes of \a buf (any context). */
	void		(*t_write)(struct tty *tp, const char *buf, size_t n);
	/** The device hears that files are open (1) or not any more (0);
	 * under t_spin. */
	void		(*t_open)(struct tty *tp, int open);
	const char	*t_name;	/**< for messages */
};
/** A terminal's mode (TIOCGMODE, TIOCSMODE). */
struct tty_mode {
	unsigned	tm_lflag;	/**< TTY_ICANON, TTY_ECHO, TTY_ISIG */
};

#define TIOCGMODE	_IOR('t', 1, struct tty_mode)	/**< get the mode */
#define TIOCSMODE	_IOW('t', 2, struct tty_mode)	/**< set the mode */
#define TIOCSTI		_IOW('t', 114, char)	/**< as if typed */
#define TIOCSPGRP	_IOW('t', 118, int)	/**< the foreground group */
#define TIOCGPGRP	_IOR('t', 119, int)	/**< ... which is */

/** The console terminal (COM1). */
extern struct tty cons_tty;
/** The operations of a terminal's files. */
extern const struct fileops tty_ops;

/** \brief Make \a tp a terminal over a device's \a write and \a open. */
void tty_init(struct tty *tp, const char *name,
    void (*write)(struct tty *tp, const char *buf, size_t n),
    void (*open)(struct tty *tp, int open));
/** \brief Character \a c typed on \a tp. */
void tty_input(struct tty *tp, int c);
/** \brief A new file on \a tp. \return 0, or as falloc. */
int tty_open(struct tty *tp, int flag, struct file **fpp);
/** \brief Boot: the children of proc0 get their descriptors 0-2 from
 * \a opener (a later chapter's file of the console), or, when it
 * fails, the console terminal's own file. */
void tty_set_console_opener(int (*opener)(int flag, struct file **fpp));

#endif /* !NAIAD_KERN_TTY_H */
