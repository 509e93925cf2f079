/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Terminals (book/32-tty.nw): the line discipline as a file, input,
 * the foreground group, tcsetpgrp.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/signal.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/thread.h"
#include "kern/tty.h"

/* Character C typed on TP: the discipline, the echo, the readers,
 * the signal.  Any thread (the device's interrupt thread, TIOCSTI). */
void
tty_input(struct tty *tp, int c)
{
	int ev, wake;
	pid_t pgrp;

	spin_lock(&tp->t_spin);
	ev = ldisc_input(&tp->t_ld, c);
	if (tp->t_ld.ld_echolen > 0)
		tp->t_write(tp, tp->t_ld.ld_echo, tp->t_ld.ld_echolen);
	tp->t_ld.ld_echolen = 0;
	wake = (ev & LD_READABLE) != 0 && tp->t_rsleep > 0;
	pgrp = tp->t_pgrp;
	spin_unlock(&tp->t_spin);
	if (wake)
		wakeup(&tp->t_ld);
	if ((ev & (LD_SIGINT | LD_SIGQUIT)) != 0 && pgrp > 0)
		pgsignal(pgrp, (ev & LD_SIGINT) != 0 ? SIGINT : SIGQUIT);
}
/* fo_read of a terminal: a line (canonical) or what was typed (raw);
 * 0 for ^D; -EINTR if a signal came first. */
static int
tty_read(struct file *fp, struct uio *uio)
{
	struct tty *tp = fp->f_data;
	char buf[TTY_MAXLINE];
	unsigned want = uio->uio_resid < sizeof(buf) ? uio->uio_resid :
	    sizeof(buf);
	int n, error;

	spin_lock(&tp->t_spin);
	while ((n = ldisc_read(&tp->t_ld, buf, want)) == -EWOULDBLOCK) {
		tp->t_rsleep++;
		error = file_sleep(&tp->t_ld, &tp->t_spin, "ttyin");
		tp->t_rsleep--;
		if (error != 0) {
			spin_unlock(&tp->t_spin);
			return error;
		}
	}
	spin_unlock(&tp->t_spin);
	if (n > 0 && (error = uiomove(buf, (size_t)n, uio)) != 0)
		return error;
	return n;
}

/* fo_write of a terminal: to the device, a piece at a time. */
static int
tty_write(struct file *fp, struct uio *uio)
{
	struct tty *tp = fp->f_data;
	char buf[128];
	size_t n;
	int done = 0, error;

	while (uio->uio_resid > 0) {
		n = uio->uio_resid < sizeof(buf) ? uio->uio_resid : sizeof(buf);
		if ((error = uiomove(buf, n, uio)) != 0)
			return done > 0 ? done : error;
		tp->t_write(tp, buf, n);
		done += (int)n;
	}
	return done;
}
/* Make group PGID TP's foreground: 0, -EINVAL or -EPERM. */
static int
tty_setpgrp(struct tty *tp, pid_t pgid)
{
	int found;

	if (pgid <= 0)
		return -EINVAL;
	proc_tree_lock();
	found = pgfind(pgid) != NULL;
	if (found) {
		spin_lock(&tp->t_spin);
		tp->t_pgrp = pgid;
		spin_unlock(&tp->t_spin);
	}
	proc_tree_unlock();
	return found ? 0 : -EPERM;
}

/* fo_ioctl of a terminal: its mode, its group, input, FIONREAD. */
static int
tty_ioctl(struct file *fp, unsigned long cmd, void *data)
{
	struct tty *tp = fp->f_data;
	struct tty_mode *tm = data;
	int wake = 0;

	switch (cmd) {
	case TIOCSTI:
		tty_input(tp, *(char *)data);
		return 0;
	case TIOCSPGRP:
		return tty_setpgrp(tp, *(int *)data);
	case TIOCSMODE:
		if ((tm->tm_lflag & ~TTY_MODEMASK) != 0)
			return -EINVAL;
		break;
	case TIOCGMODE:
	case TIOCGPGRP:
	case FIONREAD:
		break;
	default:
		return -ENOTTY;
	}
	spin_lock(&tp->t_spin);
	if (cmd == TIOCSMODE)
		wake = ldisc_setmode(&tp->t_ld, tm->tm_lflag) != 0 &&
		    tp->t_rsleep > 0;
	else if (cmd == TIOCGMODE)
		tm->tm_lflag = tp->t_ld.ld_lflag;
	else if (cmd == TIOCGPGRP)
		*(int *)data = tp->t_pgrp;
	else
		*(int *)data = ldisc_nread(&tp->t_ld);
	spin_unlock(&tp->t_spin);
	if (wake)
		wakeup(&tp->t_ld);
	return 0;
}
/* A new file on TP, opened for FLAG: 0 and *FPP, or falloc's error. */
int
tty_open(struct tty *tp, int flag, struct file **fpp)
{
	int error;

	if ((error = falloc(&tty_ops, tp, flag, fpp)) != 0)
		return error;
	spin_lock(&tp->t_spin);
	if (tp->t_opens++ == 0 && tp->t_open != NULL)
		tp->t_open(tp, 1);
	spin_unlock(&tp->t_spin);
	return 0;
}

/* fo_close of a terminal: one file fewer. */
static void
tty_close(struct file *fp)
{
	struct tty *tp = fp->f_data;

	spin_lock(&tp->t_spin);
	if (--tp->t_opens == 0 && tp->t_open != NULL)
		tp->t_open(tp, 0);
	spin_unlock(&tp->t_spin);
}

const struct fileops tty_ops = { tty_read, tty_write, tty_ioctl,
    tty_close, "tty" };

/* A terminal over a device's WRITE and OPEN, in the default mode. */
void
tty_init(struct tty *tp, const char *name,
    void (*write)(struct tty *tp, const char *buf, size_t n),
    void (*open)(struct tty *tp, int open))
{
	spin_init(&tp->t_spin);
	ldisc_init(&tp->t_ld);
	tp->t_pgrp = 0;
	tp->t_rsleep = 0;
	tp->t_opens = 0;
	tp->t_write = write;
	tp->t_open = open;
	tp->t_name = name;
}
/* tcsetpgrp(fd, pgid): make PGID the foreground group of FD's
 * terminal. */
int
sys_tcsetpgrp(struct tcsetpgrp_args *uap)
{
	struct file *fp;
	int error, pgid = uap->pgid;

	if ((error = fd_get(curproc->p_fd, uap->fd, &fp)) != 0)
		return error;
	error = fp->f_ops->fo_ioctl != NULL ?
	    fp->f_ops->fo_ioctl(fp, TIOCSPGRP, &pgid) : -ENOTTY;
	if (error != 0 && error != -EINVAL && error != -EPERM)
		error = -ENOTTY;		/* not a terminal's answer */
	fdrop(fp);
	return error;
}

SYSCALL_HANDLER(tcsetpgrp, sys_tcsetpgrp);
