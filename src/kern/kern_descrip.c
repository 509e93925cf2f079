/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Open files and descriptor tables (book/31-file.nw): struct file and
 * its references, uio, the table of a process and its locking, the
 * process hooks, and close, dup, dup2.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/cmdline.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/spinlock.h"
#include "kern/syscall.h"
#include "kern/sysinit.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"
#include "vm/kmalloc.h"

/* Files in the system, and the most there may be. */
static volatile uint32_t nfiles;
static uint32_t maxfiles = MAXFILES;

/* Make a file of kind OPS on DATA, opened for FLAG, with one
 * reference (the caller's): 0 and *FPP, -ENFILE or -ENOMEM. */
int
falloc(const struct fileops *ops, void *data, int flag, struct file **fpp)
{
	struct file *fp;
	uint32_t n;

	do {
		n = nfiles;
		if (n >= maxfiles)
			return -ENFILE;
	} while (!atomic_cmpset_int(&nfiles, n, n + 1));
	if ((fp = kmalloc(sizeof(*fp), M_ZERO)) == NULL) {
		file_count_down(&nfiles);
		return -ENOMEM;
	}
	fp->f_ops = ops;
	fp->f_data = data;
	fp->f_flag = flag;
	fp->f_count = 1;
	*fpp = fp;
	return 0;
}

/* One more reference to FP, which the caller holds (or its table). */
void
fhold(struct file *fp)
{
	atomic_add_int(&fp->f_count, 1);
}

/* Drop a reference to FP; the last one closes and frees it. */
void
fdrop(struct file *fp)
{
	if (file_count_down(&fp->f_count) != 0)
		return;
	if (fp->f_ops->fo_close != NULL)
		fp->f_ops->fo_close(fp);
	kfree(fp);
	file_count_down(&nfiles);
}

/* Files in the system, for tests that check none leaked; any CPU. */
int
file_count(void)
{
	return (int)nfiles;
}
/* Move min(N, resid) bytes between KBUF and UIO: 0 or -EFAULT. */
int
uiomove(void *kbuf, size_t n, struct uio *uio)
{
	int error = 0;

	if (n > uio->uio_resid)
		n = uio->uio_resid;
	if (n == 0)
		return 0;
	if (uio->uio_segflg == UIO_SYSSPACE) {
		if (uio->uio_rw == UIO_READ)
			kmemcpy(uio->uio_buf, kbuf, n);
		else
			kmemcpy(kbuf, uio->uio_buf, n);
	} else if (uio->uio_rw == UIO_READ)
		error = copyout(kbuf, uio->uio_buf, n);
	else
		error = copyin(uio->uio_buf, kbuf, n);
	if (error != 0)
		return error;
	uio->uio_buf += n;
	uio->uio_resid -= n;
	return 0;
}

/* A transfer of LEN bytes at BUF, in SEG, direction RW. */
void
uio_init(struct uio *uio, void *buf, size_t len, enum uio_seg seg,
    enum uio_rw rw)
{
	uio->uio_buf = buf;
	uio->uio_resid = len;
	uio->uio_segflg = seg;
	uio->uio_rw = rw;
}
/* The file of FD in FDP, with a reference the caller drops: 0 and
 * *FPP, or -EBADF. */
int
fd_get(struct filedesc *fdp, int fd, struct file **fpp)
{
	struct file *fp;

	spin_lock(&fdp->fd_spin);
	if ((fp = fdt_get(&fdp->fd_table, fd)) != NULL)
		fhold(fp);
	spin_unlock(&fdp->fd_spin);
	if (fp == NULL)
		return -EBADF;
	*fpp = fp;
	return 0;
}

/* Give FP a descriptor of FDP, the lowest free: the descriptor, which
 * takes over the caller's reference, or -EMFILE (the caller keeps it). */
int
fd_install(struct filedesc *fdp, struct file *fp)
{
	int fd;

	spin_lock(&fdp->fd_spin);
	if ((fd = fdt_lowest_free(&fdp->fd_table)) >= 0)
		fdt_set(&fdp->fd_table, fd, fp);
	spin_unlock(&fdp->fd_spin);
	return fd;
}
/* close(FD) in FDP: 0 or -EBADF. */
int
kern_close(struct filedesc *fdp, int fd)
{
	struct file *fp = NULL;

	spin_lock(&fdp->fd_spin);
	if (fdt_get(&fdp->fd_table, fd) != NULL)
		fp = fdt_set(&fdp->fd_table, fd, NULL);
	spin_unlock(&fdp->fd_spin);
	if (fp == NULL)
		return -EBADF;
	fdrop(fp);
	return 0;
}

/* dup(FD) in FDP: the new descriptor, -EBADF or -EMFILE. */
int
kern_dup(struct filedesc *fdp, int fd)
{
	struct file *fp;
	int nfd;

	spin_lock(&fdp->fd_spin);
	if ((fp = fdt_get(&fdp->fd_table, fd)) == NULL)
		nfd = -EBADF;
	else if ((nfd = fdt_lowest_free(&fdp->fd_table)) >= 0) {
		fhold(fp);
		fdt_set(&fdp->fd_table, nfd, fp);
	}
	spin_unlock(&fdp->fd_spin);
	return nfd;
}

/* dup2(FROM, TO) in FDP: TO, or -EBADF. */
int
kern_dup2(struct filedesc *fdp, int from, int to)
{
	struct file *old;
	int error;

	spin_lock(&fdp->fd_spin);
	error = fdt_dup2(&fdp->fd_table, from, to, &old);
	if (error >= 0 && from != to)
		fhold(fdt_get(&fdp->fd_table, to));
	spin_unlock(&fdp->fd_spin);
	if (old != NULL)
		fdrop(old);
	return error;
}
/* ssleep on IDENT releasing SPIN, interruptibly: 0, or -EINTR if a
 * signal waits for the process or comes during the sleep.  SPIN is
 * held around the caller's test and this call. */
int
file_sleep(const volatile void *ident, struct spinlock *spin,
    const char *wmesg)
{
	struct proc *p = curproc;
	int error;

	if (p != NULL && proc_sleep_check != NULL &&
	    (error = proc_sleep_check(p)) != 0)
		return error;
	return ssleep(ident, spin, PCATCH, wmesg, 0);
}
/* A new empty table, or NULL. */
struct filedesc *
fd_table_new(void)
{
	struct filedesc *fdp = kmalloc(sizeof(*fdp), M_ZERO);

	if (fdp != NULL)
		spin_init(&fdp->fd_spin);
	return fdp;
}

/* A copy of FDP whose descriptors share its files, or NULL. */
struct filedesc *
fd_table_copy(struct filedesc *fdp)
{
	struct filedesc *copy = fd_table_new();
	struct file *fp;
	int fd;

	if (copy == NULL)
		return NULL;
	spin_lock(&fdp->fd_spin);
	for (fd = 0; fd < NOFILE; fd++)
		if ((fp = fdt_get(&fdp->fd_table, fd)) != NULL) {
			fhold(fp);
			fdt_set(&copy->fd_table, fd, fp);
		}
	spin_unlock(&fdp->fd_spin);
	return copy;
}

/* Close every descriptor of FDP and free it. */
void
fd_table_free(struct filedesc *fdp)
{
	int fd;

	for (fd = 0; fd < NOFILE; fd++)
		kern_close(fdp, fd);
	kfree(fdp);
}
/* ph_fork: CHILD's table, a copy of PARENT's (empty for proc0's). */
static int
fd_proc_fork(struct proc *parent, struct proc *child)
{
	if (parent == &proc0 || parent->p_fd == NULL)
		child->p_fd = fd_table_new();
	else
		child->p_fd = fd_table_copy(parent->p_fd);
	return child->p_fd != NULL ? 0 : -ENOMEM;
}

/* ph_exit: close P's descriptors. */
static void
fd_proc_exit(struct proc *p)
{
	struct filedesc *fdp = p->p_fd;

	p->p_fd = NULL;
	if (fdp != NULL)
		fd_table_free(fdp);
}

static struct proc_hook fd_proc_hook = { fd_proc_fork, fd_proc_exit,
    NULL, "files", NULL };
/* close(fd) */
int
sys_close(struct close_args *uap)
{
	return kern_close(curproc->p_fd, uap->fd);
}

/* dup(fd): the lowest free descriptor, on the same file. */
int
sys_dup(struct dup_args *uap)
{
	int fd = kern_dup(curproc->p_fd, uap->fd);

	if (fd < 0)
		return fd;
	uap->sysmsg.sm_result = fd;
	return 0;
}

/* dup2(from, to): TO, on FROM's file, closing what TO had. */
int
sys_dup2(struct dup2_args *uap)
{
	int fd = kern_dup2(curproc->p_fd, uap->from, uap->to);

	if (fd < 0)
		return fd;
	uap->sysmsg.sm_result = fd;
	return 0;
}

SYSCALL_HANDLER(close, sys_close);
SYSCALL_HANDLER(dup, sys_dup);
SYSCALL_HANDLER(dup2, sys_dup2);
/* Boot: processes get descriptor tables; the limit on files. */
static void
file_init(void *arg)
{
	unsigned long n = cmdline_get_ulong("maxfiles", MAXFILES);

	(void)arg;
	if (n >= 16 && n <= 65536)
		maxfiles = (uint32_t)n;
	proc_hook_register(&fd_proc_hook);
}

SYSINIT(file, SI_SUB_FILE, SI_ORDER_FIRST, file_init, NULL);
