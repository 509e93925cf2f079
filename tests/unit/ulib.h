/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The user C library (user/include, book/34-libc.nw) as the host tests
 * see it: include this after the host's headers (CUnit's, check.h);
 * from here on strlen means the library's, renamed ulib_strlen by
 * host/ulib_names.h.  ulib_fake.c stands in for the system calls.
 */
#ifndef NAIAD_TESTS_UNIT_ULIB_H
#define NAIAD_TESTS_UNIT_ULIB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>		/* the host's, before the names change */

#include "host/ulib_names.h"
#include "ulib_errno_undef.h"		/* made by the Makefile */
#include "../../user/include/ctype.h"
#include "../../user/include/errno.h"
#include "../../user/include/stdio.h"
#include "../../user/include/stdlib.h"
#include "../../user/include/string.h"

/* The system calls the library makes, which ulib_fake.c defines (the
 * library's side sees their prototypes in the generated sys/syscall.h). */
ssize_t read(int fd, void *buf, size_t nbyte);
ssize_t write(int fd, const void *buf, size_t nbyte);
void *sbrk(int incr);
void _exit(int status) __attribute__((noreturn));

/* The fake heap behind sbrk: FAKE_HEAP_SIZE bytes, the break starts
 * 3 bytes in (a misaligned break, as after a program's data). */
#define FAKE_HEAP_SIZE	(1 << 20)
extern char fake_heap[FAKE_HEAP_SIZE];
/* sbrk fails past this offset (tests lower it, then restore it). */
extern size_t fake_heap_limit;
/* The break's offset in fake_heap. */
extern size_t fake_brk;
/* sbrk calls so far. */
extern unsigned fake_sbrk_calls;

/* Output of write(1) and write(2), and the number of write calls. */
#define FAKE_OUT_SIZE	(64 * 1024)
struct fake_out {
	char	 data[FAKE_OUT_SIZE];
	size_t	 len;
	unsigned writes;
	size_t	 max_per_write;	/* 0: no limit; else a partial write */
	int	 fail;		/* write returns -1 with this errno */
	int	 eintr_once;	/* the next write fails with EINTR */
};
extern struct fake_out fake_fd[3];
/* Empty every fake output and forget the limits. */
void fake_out_reset(void);

/* What read(0) returns: each call the next chunk (a NULL chunk: -1
 * with EINTR), then 0 (the end of input). */
void fake_in_set(const char *const *chunks, int n);
extern unsigned fake_reads;

/* abort() longjmps here when fake_abort_armed is set. */
#include <setjmp.h>
extern jmp_buf fake_abort_jump;
extern int fake_abort_armed;

#endif
