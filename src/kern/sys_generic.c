/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * read, write and ioctl (book/31-file.nw): the calls that reach a
 * file's operations through a descriptor.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/ioccom.h"
#include "kern/kstring.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "vm/vm_map.h"

/* Check a read or write of NBYTE at BUF by the current process and
 * find FD's file, with a reference: 0 and *FPP, or -errno. */
static int
rw_begin(int fd, const void *buf, size_t nbyte, int flag,
    struct file **fpp)
{
	struct file *fp;
	int error;

	if ((int32_t)nbyte < 0)
		return -EINVAL;
	if (!USER_RANGE_OK((uintptr_t)buf, nbyte))
		return -EFAULT;
	if ((error = fd_get(curproc->p_fd, fd, &fp)) != 0)
		return error;
	if ((fp->f_flag & flag) == 0) {
		fdrop(fp);
		return -EBADF;
	}
	*fpp = fp;
	return 0;
}

/* read(fd, buf, nbyte): the bytes read, 0 at the end. */
int
sys_read(struct read_args *uap)
{
	struct file *fp;
	struct uio uio;
	int n;

	if ((n = rw_begin(uap->fd, uap->buf, uap->nbyte, FREAD, &fp)) != 0)
		return n;
	uio_init(&uio, uap->buf, uap->nbyte, UIO_USERSPACE, UIO_READ);
	n = uap->nbyte == 0 ? 0 : fp->f_ops->fo_read(fp, &uio);
	fdrop(fp);
	if (n < 0)
		return n;
	uap->sysmsg.sm_result = n;
	return 0;
}

/* write(fd, buf, nbyte): the bytes written. */
int
sys_write(struct write_args *uap)
{
	struct file *fp;
	struct uio uio;
	int n;

	if ((n = rw_begin(uap->fd, uap->buf, uap->nbyte, FWRITE, &fp)) != 0)
		return n;
	uio_init(&uio, (void *)(uintptr_t)uap->buf, uap->nbyte,
	    UIO_USERSPACE, UIO_WRITE);
	n = uap->nbyte == 0 ? 0 : fp->f_ops->fo_write(fp, &uio);
	fdrop(fp);
	if (n < 0)
		return n;
	uap->sysmsg.sm_result = n;
	return 0;
}

SYSCALL_HANDLER(read, sys_read);
SYSCALL_HANDLER(write, sys_write);
/* ioctl(fd, request, arg): copy ARG in, ask the file, copy it out. */
int
sys_ioctl(struct ioctl_args *uap)
{
	unsigned long cmd = uap->request;
	uint32_t size = IOCPARM_LEN(cmd);
	char data[IOCPARM_MAX];
	struct file *fp;
	int error;

	if (size > IOCPARM_MAX || ((cmd & IOC_DIRMASK) == IOC_VOID &&
	    size != 0))
		return -ENOTTY;
	if ((error = fd_get(curproc->p_fd, uap->fd, &fp)) != 0)
		return error;
	kmemset(data, 0, size);
	if ((cmd & IOC_IN) != 0 && size > 0)
		error = copyin(uap->arg, data, size);
	if (error == 0)
		error = fp->f_ops->fo_ioctl != NULL ?
		    fp->f_ops->fo_ioctl(fp, cmd, data) : -ENOTTY;
	if (error == 0 && (cmd & IOC_OUT) != 0 && size > 0)
		error = copyout(data, uap->arg, size);
	fdrop(fp);
	return error;
}

SYSCALL_HANDLER(ioctl, sys_ioctl);
