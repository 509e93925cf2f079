/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * The console as a vnode (book/54-vnfile.nw): the descriptors 0, 1
 * and 2 of the processes the kernel starts are a file of /dev/console.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/kprintf.h"
#include "kern/sysinit.h"
#include "kern/tty.h"
#include "vfs/namei.h"
#include "vfs/vfs_file.h"
#include "vfs/vnfile.h"
#include "vfs/vnode.h"

static volatile uint32_t vn_console_warned; /* the line was printed */

/* A vnode file of the console device at PATH, opened for FLAG: 0 and
 * *FPP, or -errno (-ENXIO: PATH is not a device). */
int
vn_console_open(const char *path, int flag, struct file **fpp)
{
	struct vnode *vp;
	int error;

	if ((error = nlookup_vnode(path, NLC_FOLLOW, &vp)) != 0)
		return error;
	if (vp->v_type != VCHR) {
		vrele(vp);
		return -ENXIO;
	}
	return vn_file_open(vp, flag, fpp);	/* releases VP on error */
}

/* tty_set_console_opener: /dev/console, or one line and the error. */
static int
vn_console_opener(int flag, struct file **fpp)
{
	int error = vn_console_open(VN_CONSOLE_PATH, flag, fpp);

	if (error != 0 && atomic_cmpset_int(&vn_console_warned, 0, 1))
		kprintf("console: %s: error %d: processes get the "
		    "terminal's own file\n", VN_CONSOLE_PATH, error);
	return error;
}

/* Boot: children of process 0 get /dev/console. */
static void
vn_console_init(void *arg)
{
	(void)arg;
	tty_set_console_opener(vn_console_opener);
}

SYSINIT(vnconsole, SI_SUB_VNFILE, SI_ORDER_SECOND, vn_console_init,
    NULL);
