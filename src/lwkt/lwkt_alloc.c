/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Memory for threads: the structure and its stack, from the kernel
 * heap, and the count of threads not yet freed.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/thread.h"
#include "lwkt/lwkt_internal.h"
#include "vm/kmalloc.h"

#define LWKT_KSTACK_SIZE	8192

static volatile uint32_t lwkt_nallocated;

/* A zeroed thread with its stack, or NULL; any thread. */
struct thread *
lwkt_alloc_thread(void)
{
	struct thread *td;

	td = kmalloc(sizeof(*td), M_ZERO);
	if (td == NULL)
		return NULL;
	td->td_kstack = kmalloc(LWKT_KSTACK_SIZE, 0);
	if (td->td_kstack == NULL) {
		kfree(td);
		return NULL;
	}
	td->td_kstack_size = LWKT_KSTACK_SIZE;
	td->td_flags = TDF_ALLOCATED;
	atomic_add_int(&lwkt_nallocated, 1);
	return td;
}
/* Free a thread that exited and its stack; never thread0 or the caller. */
void
lwkt_free_thread(struct thread *td)
{
	if ((td->td_flags & TDF_ALLOCATED) == 0)
		return;
	kfree(td->td_kstack);
	kfree(td);
	atomic_add_int(&lwkt_nallocated, (uint32_t)-1);
}

/* Threads created and not yet freed (the tests count leaks). */
int
lwkt_threads_allocated(void)
{
	return (int)lwkt_nallocated;
}
