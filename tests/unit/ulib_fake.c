/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The system calls the user C library makes, faked on the host for the
 * unit tests: a heap in an array for sbrk, buffers for read and write,
 * and an abort that returns to the test that expected it.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "ulib.h"

char fake_heap[FAKE_HEAP_SIZE] __attribute__((aligned(16)));
size_t fake_heap_limit = FAKE_HEAP_SIZE;
size_t fake_brk = 3;
unsigned fake_sbrk_calls;

/* Move the break within fake_heap, as the kernel's sbrk would. */
void *
sbrk(int incr)
{
	char *old = fake_heap + fake_brk;

	fake_sbrk_calls++;
	if ((incr > 0 && (size_t)incr > fake_heap_limit - fake_brk) ||
	    (incr < 0 && (size_t)-incr > fake_brk)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	fake_brk += (size_t)incr;
	return old;
}

struct fake_out fake_fd[3];

void
fake_out_reset(void)
{
	memset(fake_fd, 0, sizeof(fake_fd));
}

/* Append to fake_fd[fd], honouring its limits and failures. */
ssize_t
write(int fd, const void *buf, size_t n)
{
	struct fake_out *o;

	if (fd < 1 || fd > 2) {
		errno = EINVAL;
		return -1;
	}
	o = &fake_fd[fd];
	o->writes++;
	if (o->eintr_once) {
		o->eintr_once = 0;
		errno = EINTR;
		return -1;
	}
	if (o->fail) {
		errno = o->fail;
		return -1;
	}
	if (o->max_per_write != 0 && n > o->max_per_write)
		n = o->max_per_write;
	if (n > FAKE_OUT_SIZE - o->len)
		abort();	/* the host's: a test wrote far too much */
	memcpy(o->data + o->len, buf, n);
	o->len += n;
	return (ssize_t)n;
}

static const char *const *in_chunks;
static int in_n, in_next;
unsigned fake_reads;

void
fake_in_set(const char *const *chunks, int n)
{
	in_chunks = chunks;
	in_n = n;
	in_next = 0;
	fake_reads = 0;
}

/* The next scripted chunk of input (at most N bytes of it). */
ssize_t
read(int fd, void *buf, size_t n)
{
	const char *c;
	size_t len;

	fake_reads++;
	if (fd != 0) {
		errno = EINVAL;
		return -1;
	}
	if (in_next >= in_n)
		return 0;
	c = in_chunks[in_next++];
	if (c == NULL) {
		errno = EINTR;
		return -1;
	}
	len = strlen(c);
	if (len > n)
		len = n;
	memcpy(buf, c, len);
	return (ssize_t)len;
}

jmp_buf fake_abort_jump;
int fake_abort_armed;

/* The library's abort: back to the test that armed it, else the host's. */
void
abort(void)
{
	if (fake_abort_armed) {
		fake_abort_armed = 0;
		longjmp(fake_abort_jump, 1);
	}
#undef abort
	abort();
}

/* Never called by the parts under test; here so that everything links. */
void
_exit(int status)
{
#undef exit
	exit(status);
}
