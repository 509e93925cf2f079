/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Every descriptor a vnode (book/54-vnfile.nw): a process that process
 * 0 starts has on descriptors 0, 1 and 2 a vnode file of the vnode a
 * lookup of /dev/console finds; the console opener fails cleanly for a
 * path that is missing or not a device; pipe(2)'s maker gives two
 * vnode files, FREAD and FWRITE, of one VFIFO vnode, whose bytes flow
 * and whose ends see each other go.  Files and vnodes come back.
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/errno.h"
#include "kern/fdtable.h"
#include "kern/file.h"
#include "kern/ioccom.h"
#include "kern/ktest.h"
#include "kern/proc.h"
#include "kern/signal.h"
#include "vfs/namei.h"
#include "vfs/vfs_file.h"
#include "vfs/vnfile.h"
#include "vfs/vnode.h"
#include "proc_testlib.h"

/* The file on descriptor FD of process PID, referenced, or NULL. */
static struct file *
proc_file(pid_t pid, int fd)
{
	struct file *fp = NULL;
	struct proc *p;

	proc_tree_lock();
	if ((p = pfind(pid)) != NULL && p->p_fd != NULL &&
	    fd_get(p->p_fd, fd, &fp) != 0)
		fp = NULL;
	proc_tree_unlock();
	return fp;
}

KTEST(vnfile_console_descriptors_are_dev_console)
{
	static char *argv[] = { "sleep", "5", NULL };
	struct file *fps[3], *fp;
	struct vnode *cons;
	struct proc *p;
	int procs = proc_count(), files = file_count(), xstat, fd;
	pid_t pid;

	if (!kt_have_program(kt, "/bin/sleep"))
		return;
	KT_ASSERT(nlookup_vnode("/dev/console", NLC_FOLLOW, &cons) == 0);
	KT_EXPECT_EQ(VCHR, cons->v_type);
	KT_ASSERT(proc_spawn("/bin/sleep", argv, NULL, &pid) == 0);
	for (fd = 0; fd < 3; fd++)
		fps[fd] = proc_file(pid, fd);
	for (fd = 0; fd < 3; fd++) {
		KT_ASSERT(fps[fd] != NULL);
		KT_ASSERT(fps[fd]->f_ops == &vn_fileops);
		KT_ASSERT(fps[fd]->f_data == cons);
		KT_EXPECT_EQ(FREAD | FWRITE, fps[fd]->f_flag & (FREAD | FWRITE));
	}
	KT_ASSERT(fps[0] == fps[1] && fps[1] == fps[2]);
	for (fd = 0; fd < 3; fd++)
		fdrop(fps[fd]);
	proc_tree_lock();
	if ((p = pfind(pid)) != NULL)
		ksignal(p, SIGKILL);
	proc_tree_unlock();
	KT_EXPECT_EQ(pid, kern_wait4(&proc0, pid, &xstat, 0));
	kt_wait_procs(procs);
	vrele(cons);
	/* The opener's failures: nothing left behind. */
	KT_EXPECT_EQ(-ENOENT, vn_console_open("/dev/no-such-console",
	    FREAD | FWRITE, &fp));
	KT_EXPECT_EQ(-ENXIO, vn_console_open("/dev", FREAD | FWRITE, &fp));
	KT_EXPECT_EQ(files, file_count());
}

KTEST(vnfile_pipe_is_one_fifo_vnode)
{
	int files = file_count(), vnodes = vnode_count(), n;
	struct file *rfp, *wfp;
	struct vnode *vp;
	char buf[8], hello[] = "hello", x[] = "x";
	struct uio uio;

	KT_ASSERT(fifo_pipe(&rfp, &wfp) == 0);
	KT_ASSERT(rfp->f_ops == &vn_fileops && wfp->f_ops == &vn_fileops);
	KT_ASSERT(rfp->f_data == wfp->f_data);
	vp = rfp->f_data;
	KT_EXPECT_EQ(VFIFO, vp->v_type);
	KT_EXPECT_EQ(FREAD, rfp->f_flag & (FREAD | FWRITE));
	KT_EXPECT_EQ(FWRITE, wfp->f_flag & (FREAD | FWRITE));
	KT_EXPECT_EQ(2, (int)vp->v_refcnt);
	/* Bytes flow; FIONREAD counts them. */
	uio_init(&uio, hello, 5, UIO_SYSSPACE, UIO_WRITE);
	KT_EXPECT_EQ(5, wfp->f_ops->fo_write(wfp, &uio));
	KT_EXPECT_EQ(0, rfp->f_ops->fo_ioctl(rfp, FIONREAD, &n));
	KT_EXPECT_EQ(5, n);
	uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
	KT_EXPECT_EQ(5, rfp->f_ops->fo_read(rfp, &uio));
	KT_ASSERT(buf[0] == 'h' && buf[4] == 'o');
	/* The writer goes: the reader sees the end, not a wait. */
	fdrop(wfp);
	uio_init(&uio, buf, sizeof(buf), UIO_SYSSPACE, UIO_READ);
	KT_EXPECT_EQ(0, rfp->f_ops->fo_read(rfp, &uio));
	fdrop(rfp);
	KT_EXPECT_EQ(files, file_count());
	KT_EXPECT_EQ(vnodes, vnode_count());
	/* The reader goes: the writer gets EPIPE (a kernel thread gets no
	 * signal). */
	KT_ASSERT(fifo_pipe(&rfp, &wfp) == 0);
	fdrop(rfp);
	uio_init(&uio, x, 1, UIO_SYSSPACE, UIO_WRITE);
	KT_EXPECT_EQ(-EPIPE, wfp->f_ops->fo_write(wfp, &uio));
	fdrop(wfp);
	KT_EXPECT_EQ(files, file_count());
	KT_EXPECT_EQ(vnodes, vnode_count());
}
