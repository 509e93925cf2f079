/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Pipes (book/31-file.nw): a ring buffer between a read end and a
 * write end, readers and writers that wait, and the pipe call.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/ioccom.h"
#include "kern/proc.h"
#include "kern/ring.h"
#include "kern/signal.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"

#define PIPE_SIZE	4096	/**< bytes a pipe holds */
#define PIPE_BUF	512	/**< writes up to this size are atomic */

/** A pipe: a ring buffer between its two ends. */
struct pipe {
	struct spinlock	pp_spin;	/**< protects all of it */
	struct ring	pp_ring;	/**< the bytes */
	int		pp_readers;	/**< open files of the read end */
	int		pp_writers;	/**< ... of the write end */
	int		pp_rsleep;	/**< readers asleep */
	int		pp_reading;	/**< a reader is moving bytes out */
	int		pp_wsleep;	/**< writers asleep */
	char		pp_buf[PIPE_SIZE]; /**< the ring's memory */
};
/* Read UIO from PP: the bytes read (0: every writer gone), or -EINTR
 * if interrupted before any. */
int
pipe_buf_read(struct pipe *pp, struct uio *uio)
{
	char buf[PIPE_BUF];
	unsigned n;
	int error = 0, done = 0, wake, next;

	spin_lock(&pp->pp_spin);
	while (pp->pp_reading ||
	    (ring_count(&pp->pp_ring) == 0 && pp->pp_writers > 0)) {
		pp->pp_rsleep++;
		error = file_sleep(&pp->pp_ring, &pp->pp_spin, "piperd");
		pp->pp_rsleep--;
		if (error != 0) {
			spin_unlock(&pp->pp_spin);
			return error;
		}
	}
	pp->pp_reading = 1;
	while (uio->uio_resid > 0 && ring_count(&pp->pp_ring) > 0) {
		n = uio->uio_resid < sizeof(buf) ? uio->uio_resid : sizeof(buf);
		n = ring_peek(&pp->pp_ring, buf, n);
		spin_unlock(&pp->pp_spin);
		error = uiomove(buf, n, uio);
		spin_lock(&pp->pp_spin);
		if (error != 0)
			break;			/* the bytes stay in the pipe */
		ring_drop(&pp->pp_ring, n);
		done += (int)n;
		if (pp->pp_wsleep > 0) {
			spin_unlock(&pp->pp_spin);
			wakeup(&pp->pp_writers);
			spin_lock(&pp->pp_spin);
		}
	}
	pp->pp_reading = 0;
	next = pp->pp_rsleep > 0;
	wake = pp->pp_wsleep > 0 && ring_space(&pp->pp_ring) > 0;
	spin_unlock(&pp->pp_spin);
	if (next)
		wakeup(&pp->pp_ring);		/* the next reader's turn */
	if (wake)
		wakeup(&pp->pp_writers);
	return done > 0 ? done : error;
}
/* Move N bytes of BUF into PP's ring, waiting for room (for all of
 * them if ATOMIC): 0, -EPIPE or -EINTR; *MOVED counts what went in. */
static int
pipe_put(struct pipe *pp, const char *buf, unsigned n, int atomic,
    unsigned *moved)
{
	unsigned put;
	int error = 0, wake;

	*moved = 0;
	spin_lock(&pp->pp_spin);
	while (*moved < n) {
		if (pp->pp_readers == 0) {
			error = -EPIPE;
			break;
		}
		if (ring_space(&pp->pp_ring) < (atomic ? n : 1)) {
			pp->pp_wsleep++;
			error = file_sleep(&pp->pp_writers, &pp->pp_spin,
			    "pipewr");
			pp->pp_wsleep--;
			if (error != 0)
				break;
			continue;
		}
		put = ring_put(&pp->pp_ring, buf + *moved, n - *moved);
		*moved += put;
		wake = pp->pp_rsleep > 0;
		if (wake) {
			spin_unlock(&pp->pp_spin);
			wakeup(&pp->pp_ring);
			spin_lock(&pp->pp_spin);
		}
	}
	spin_unlock(&pp->pp_spin);
	return error;
}

/* Write UIO into PP: the bytes written, or -EPIPE, -EINTR, -EFAULT
 * when none were. */
int
pipe_buf_write(struct pipe *pp, struct uio *uio)
{
	char buf[PIPE_BUF];
	int atomic = uio->uio_resid <= PIPE_BUF, error = 0, done = 0;
	unsigned n, moved;

	while (uio->uio_resid > 0) {
		n = uio->uio_resid < sizeof(buf) ? uio->uio_resid : sizeof(buf);
		if ((error = uiomove(buf, n, uio)) != 0)
			break;
		error = pipe_put(pp, buf, n, atomic, &moved);
		done += (int)moved;
		if (error != 0)
			break;
	}
	if (error == -EPIPE && curproc != NULL) {
		proc_tree_lock();
		ksignal(curproc, SIGPIPE);
		proc_tree_unlock();
	}
	return done > 0 ? done : error;
}
/* An end of PP opened for FLAG is closed: 1 if it was the last (the
 * caller frees PP), else 0. */
int
pipe_buf_close(struct pipe *pp, int flag)
{
	int last;

	spin_lock(&pp->pp_spin);
	if ((flag & FREAD) != 0)
		pp->pp_readers--;
	if ((flag & FWRITE) != 0)
		pp->pp_writers--;
	last = pp->pp_readers == 0 && pp->pp_writers == 0;
	spin_unlock(&pp->pp_spin);
	if (last)
		return 1;
	wakeup(&pp->pp_ring);
	wakeup(&pp->pp_writers);
	return 0;
}

/* A request on PP: FIONREAD, the bytes waiting; else -ENOTTY. */
int
pipe_buf_ioctl(struct pipe *pp, unsigned long cmd, void *data)
{
	if (cmd != FIONREAD)
		return -ENOTTY;
	spin_lock(&pp->pp_spin);
	*(int *)data = (int)ring_count(&pp->pp_ring);
	spin_unlock(&pp->pp_spin);
	return 0;
}
/* fo_read of a pipe. */
static int
pipe_read(struct file *fp, struct uio *uio)
{
	return pipe_buf_read(fp->f_data, uio);
}

/* fo_write of a pipe. */
static int
pipe_write(struct file *fp, struct uio *uio)
{
	return pipe_buf_write(fp->f_data, uio);
}

/* fo_close of a pipe: one end fewer; the pipe goes with the last. */
static void
pipe_close(struct file *fp)
{
	if (pipe_buf_close(fp->f_data, fp->f_flag & (FREAD | FWRITE)))
		pipe_free(fp->f_data);
}

/* fo_ioctl of a pipe. */
static int
pipe_ioctl(struct file *fp, unsigned long cmd, void *data)
{
	return pipe_buf_ioctl(fp->f_data, cmd, data);
}

const struct fileops pipe_ops = { pipe_read, pipe_write, pipe_ioctl,
    pipe_close, "pipe" };
/* A new, empty pipe with no end open, or NULL. */
struct pipe *
pipe_alloc(void)
{
	struct pipe *pp;

	if ((pp = kmalloc(sizeof(*pp), M_ZERO)) == NULL)
		return NULL;
	spin_init(&pp->pp_spin);
	ring_init(&pp->pp_ring, pp->pp_buf, PIPE_SIZE);
	return pp;
}

/* Free PP, whose ends are all closed. */
void
pipe_free(struct pipe *pp)
{
	kfree(pp);
}

/* An end of PP is opened for FLAG (FREAD, FWRITE or both). */
void
pipe_buf_open(struct pipe *pp, int flag)
{
	spin_lock(&pp->pp_spin);
	if ((flag & FREAD) != 0)
		pp->pp_readers++;
	if ((flag & FWRITE) != 0)
		pp->pp_writers++;
	spin_unlock(&pp->pp_spin);
}

/* A new pipe: its read end in *RFPP and its write end in *WFPP, each
 * with one reference.  0, -ENFILE or -ENOMEM, nothing left on error. */
int
kern_pipe(struct file **rfpp, struct file **wfpp)
{
	struct pipe *pp;
	int error;

	if ((pp = pipe_alloc()) == NULL)
		return -ENOMEM;
	if ((error = falloc(&pipe_ops, pp, FREAD, rfpp)) != 0) {
		pipe_free(pp);
		return error;
	}
	pipe_buf_open(pp, FREAD);
	if ((error = falloc(&pipe_ops, pp, FWRITE, wfpp)) != 0) {
		fdrop(*rfpp);			/* frees the pipe */
		return error;
	}
	pipe_buf_open(pp, FWRITE);
	return 0;
}
/* What makes pipe(2)'s two files: kern_pipe, or a later chapter's. */
static int (*pipe_maker)(struct file **rfpp, struct file **wfpp) =
    kern_pipe;

/* Boot: pipe(2) makes its files with MAKER from now on. */
void
pipe_set_maker(int (*maker)(struct file **rfpp, struct file **wfpp))
{
	pipe_maker = maker;
}

/* pipe(fds): fds[0] reads what fds[1] writes. */
int
sys_pipe(struct pipe_args *uap)
{
	struct filedesc *fdp = curproc->p_fd;
	struct file *rfp, *wfp;
	int fds[2], error;

	if ((error = pipe_maker(&rfp, &wfp)) != 0)
		return error;
	if ((fds[0] = fd_install(fdp, rfp)) < 0) {
		fdrop(rfp);
		fdrop(wfp);
		return fds[0];
	}
	if ((fds[1] = fd_install(fdp, wfp)) < 0) {
		kern_close(fdp, fds[0]);
		fdrop(wfp);
		return fds[1];
	}
	if (copyout(fds, uap->fds, sizeof(fds)) != 0) {
		kern_close(fdp, fds[0]);
		kern_close(fdp, fds[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_HANDLER(pipe, sys_pipe);
