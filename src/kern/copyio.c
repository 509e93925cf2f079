/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * copyin, copyout, copyinstr: the range check in C, the copy in
 * assembly (arch/i386/copyio.S), and the page fault that resumes a
 * failed copy.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/trap.h"
#include "kern/copyio.h"
#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/sysinit.h"
#include "vm/vm_map.h"
#include "vm/vmspace.h"

/* In arch/i386/copyio.S. */
extern char copyio_begin[], copyio_fault[];
int copyio_bytes(void *dst, const void *src, size_t len);
int copyio_string(char *dst, const char *src, size_t max, size_t *done);

/* LEN bytes from user UADDR to kernel KADDR: 0 or -EFAULT. */
int
copyin(const void *uaddr, void *kaddr, size_t len)
{
	if (len == 0)
		return 0;
	if (!USER_RANGE_OK(uaddr, len))
		return -EFAULT;
	return copyio_bytes(kaddr, uaddr, len);
}

/* LEN bytes from kernel KADDR to user UADDR: 0 or -EFAULT. */
int
copyout(const void *kaddr, void *uaddr, size_t len)
{
	if (len == 0)
		return 0;
	if (!USER_RANGE_OK(uaddr, len))
		return -EFAULT;
	return copyio_bytes(uaddr, kaddr, len);
}
/* A NUL-terminated string from UADDR into KADDR (MAX bytes of room);
 * *DONE (if not NULL) = bytes copied with the NUL.  0, -EFAULT, or
 * -ENAMETOOLONG when MAX bytes hold no NUL. */
int
copyinstr(const void *uaddr, char *kaddr, size_t max, size_t *done)
{
	uint32_t room;
	int error;

	if (done != NULL)
		*done = 0;
	if (max == 0)
		return -ENAMETOOLONG;
	if (!USER_RANGE_OK(uaddr, 1))
		return -EFAULT;
	room = USER_MAX - (uint32_t)(uintptr_t)uaddr;
	error = copyio_string(kaddr, uaddr, max < room ? max : room, done);
	if (error == -ENAMETOOLONG && room < max)
		return -EFAULT;
	return error;
}
static trap_handler_fn *copyio_prev_pf;

/* TRAP_PF: a copy's fault on a user page is resolved or gets -EFAULT. */
static void
copyio_pf(struct trapframe *tf)
{
	uint32_t eip = tf->tf_eip;

	if (!trapframe_from_user(tf) &&
	    eip >= (uint32_t)(uintptr_t)copyio_begin &&
	    eip < (uint32_t)(uintptr_t)copyio_fault &&
	    tf->tf_cr2 >= USER_MIN && tf->tf_cr2 < USER_MAX) {
		if (vm_fault_trap_resolve(tf) != 0)
			tf->tf_eip = (uint32_t)(uintptr_t)copyio_fault;
		return;
	}
	copyio_prev_pf(tf);
}

/* Boot: the copy's fault handler goes in front of the others. */
static void
copyio_init(void *arg)
{
	(void)arg;
	copyio_prev_pf = trap_set_handler(TRAP_PF, copyio_pf);
	KASSERT(copyio_prev_pf != NULL, ("copyio: no page fault handler"));
}

SYSINIT(copyio, SI_SUB_COPYIO, SI_ORDER_FIRST, copyio_init, NULL);
