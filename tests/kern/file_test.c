/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Files, descriptor tables and pipes (Chapter "Files, descriptors and
 * pipes"), from kernel threads, whose transfers are UIO_SYSSPACE: the
 * descriptor calls with bad descriptors, pipes with many writers on
 * every CPU (records of up to PIPE_BUF bytes arrive whole, once, in
 * order per writer; the end only after the last writer), a ping-pong
 * across CPUs (a lost wakeup hangs it), EPIPE for a writer without
 * readers (also one asleep on a full pipe), the end of input for a
 * reader asleep when the last writer goes, an interrupted read.  Every
 * test checks that no file is left behind.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/i386/atomic.h"
#include "kern/errno.h"
#include "kern/fdtable.h"
#include "kern/file.h"
#include "kern/globaldata.h"
#include "kern/ioccom.h"
#include "kern/kprintf.h"
#include "kern/kstring.h"
#include "kern/ktest.h"
#include "kern/thread.h"
#include "kern/thread2.h"
#include "lwkt_testlib.h"

#define PIPE_SIZE_SEEN	4096	/* the book's PIPE_SIZE */
#define PIPE_BUF_SEEN	512	/* the book's PIPE_BUF */

/* Write N bytes of BUF to FP from the kernel: what fo_write returns. */
static int
kwrite(struct file *fp, const void *buf, size_t n)
{
	struct uio uio;

	uio_init(&uio, (void *)(uintptr_t)buf, n, UIO_SYSSPACE, UIO_WRITE);
	return fp->f_ops->fo_write(fp, &uio);
}

/* Read up to N bytes of FP into BUF: what fo_read returns. */
static int
kread(struct file *fp, void *buf, size_t n)
{
	struct uio uio;

	uio_init(&uio, buf, n, UIO_SYSSPACE, UIO_READ);
	return fp->f_ops->fo_read(fp, &uio);
}

/* Yield until TD sleeps (TDF_TSLEEPQ); a bounded wait. */
static int
wait_asleep(struct thread *td)
{
	int i;

	for (i = 0; i < 1000000; i++) {
		if ((td->td_flags & TDF_TSLEEPQ) != 0)
			return 1;
		lwkt_yield();
	}
	return 0;
}

/* ---- descriptors ------------------------------------------------------ */

KTEST(file_dup_dup2_close_bad_descriptors)
{
	static const int bad[] = { -1, -100, NOFILE, NOFILE + 1, 1000,
	    0x7fffffff, (int)0x80000000 };
	int files0 = file_count(), i, fd, r, w;
	struct filedesc *fdp = fd_table_new();
	struct file *rfp, *wfp, *fp;

	KT_ASSERT(fdp != NULL);
	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	KT_EXPECT_EQ(files0 + 2, file_count());
	r = fd_install(fdp, rfp);
	w = fd_install(fdp, wfp);
	KT_EXPECT_EQ(0, r);			/* the lowest first */
	KT_EXPECT_EQ(1, w);
	for (i = 0; i < (int)(sizeof(bad) / sizeof(bad[0])); i++) {
		KT_EXPECT_EQ(-EBADF, kern_close(fdp, bad[i]));
		KT_EXPECT_EQ(-EBADF, kern_dup(fdp, bad[i]));
		KT_EXPECT_EQ(-EBADF, kern_dup2(fdp, bad[i], 5));
		KT_EXPECT_EQ(-EBADF, kern_dup2(fdp, r, bad[i]));
		KT_EXPECT_EQ(-EBADF, fd_get(fdp, bad[i], &fp));
	}
	/* Closed but possible descriptors are bad too. */
	KT_EXPECT_EQ(-EBADF, kern_close(fdp, 2));
	KT_EXPECT_EQ(-EBADF, kern_dup(fdp, 40));
	KT_EXPECT_EQ(-EBADF, kern_dup2(fdp, 63, 0));
	KT_EXPECT_EQ(-EBADF, kern_dup2(fdp, 7, 7));
	/* dup2 onto itself: nothing changes. */
	KT_EXPECT_EQ(w, kern_dup2(fdp, w, w));
	KT_ASSERT(fd_get(fdp, w, &fp) == 0 && fp == wfp);
	KT_EXPECT_EQ(2, (int)fp->f_count);	/* the table's and ours */
	fdrop(fp);
	/* dup2 onto an open descriptor replaces it; the file stays open
	 * while another descriptor holds it. */
	KT_EXPECT_EQ(2, kern_dup(fdp, r));	/* the lowest free */
	KT_EXPECT_EQ(2, kern_dup2(fdp, w, 2));
	KT_ASSERT(fd_get(fdp, 2, &fp) == 0 && fp == wfp);
	fdrop(fp);
	/* Fill the table: EMFILE, and nothing half done. */
	for (i = 3; i < NOFILE; i++)
		KT_EXPECT_EQ(i, kern_dup(fdp, r));
	KT_EXPECT_EQ(-EMFILE, kern_dup(fdp, r));
	KT_EXPECT_EQ(NOFILE - 1, kern_dup2(fdp, w, NOFILE - 1));
	for (fd = 0; fd < NOFILE; fd++)
		KT_EXPECT_EQ(0, kern_close(fdp, fd));
	KT_EXPECT_EQ(-EBADF, kern_close(fdp, 0));	/* twice */
	KT_EXPECT_EQ(files0, file_count());	/* both ends closed */
	fd_table_free(fdp);
}

KTEST(file_table_copy_shares_and_free_closes)
{
	int files0 = file_count();
	struct filedesc *a = fd_table_new(), *b;
	struct file *rfp, *wfp, *fp;

	KT_ASSERT(a != NULL && kern_pipe(&rfp, &wfp) == 0);
	KT_EXPECT_EQ(0, fd_install(a, rfp));
	KT_EXPECT_EQ(1, fd_install(a, wfp));
	KT_EXPECT_EQ(7, kern_dup2(a, 1, 7));
	b = fd_table_copy(a);
	KT_ASSERT(b != NULL);
	KT_ASSERT(fd_get(b, 7, &fp) == 0 && fp == wfp);
	/* a's 1 and 7, b's 1 and 7, and fd_get's. */
	KT_EXPECT_EQ(5, (int)wfp->f_count);
	fdrop(fp);
	fd_table_free(a);
	KT_EXPECT_EQ(files0 + 2, file_count());	/* b still has them */
	KT_EXPECT_EQ(3, kwrite(wfp, "abc", 3));
	fd_table_free(b);
	KT_EXPECT_EQ(files0, file_count());
}

/* ---- many writers ------------------------------------------------------ */

#define W_RECORDS	150

/* A record: writer, sequence, length (all of it), then a pattern. */
struct rec_head {
	uint8_t		id;
	uint8_t		pad;
	uint16_t	seq;
	uint16_t	len;
};

struct writers {
	struct xgroup	g;
	struct file	*wfp;
	uint32_t	seed;
	volatile uint32_t finished;	/* writers that wrote everything */
	volatile uint32_t errors;	/* writes that failed or fell short */
};

struct writer {
	struct writers	*w;
	int		id;
};

/* The pattern byte K of record SEQ of writer ID. */
static uint8_t
rec_byte(int id, int seq, int k)
{
	return (uint8_t)(id * 37 + seq * 11 + k * 3 + 1);
}

/* A writer: W_RECORDS records of random lengths, each one write. */
static void
writer_thread(void *arg)
{
	struct writer *me = arg;
	struct writers *w = me->w;
	uint8_t rec[PIPE_BUF_SEEN];
	struct rec_head h;
	uint32_t rng = w->seed * 2654435761u + (uint32_t)me->id * 40503u + 1;
	int seq, k, len;

	for (seq = 0; seq < W_RECORDS; seq++) {
		rng = rng * 1103515245u + 12345u;
		len = (int)sizeof(h) + (int)((rng >> 8) %
		    (PIPE_BUF_SEEN - sizeof(h) + 1));
		h.id = (uint8_t)me->id;
		h.pad = 0;
		h.seq = (uint16_t)seq;
		h.len = (uint16_t)len;
		kmemcpy(rec, &h, sizeof(h));
		for (k = (int)sizeof(h); k < len; k++)
			rec[k] = rec_byte(me->id, seq, k);
		if (kwrite(w->wfp, rec, (size_t)len) != len)
			atomic_add_int(&w->errors, 1);
		if ((rng & 0x300) == 0)
			lwkt_yield();
	}
	atomic_add_int(&w->finished, 1);
	fdrop(w->wfp);			/* this writer's reference */
	xgroup_done(&w->g);
}

#define W_MAX		16

KTEST(pipe_many_writers_records_stay_whole)
{
	static struct writer me[W_MAX];
	static uint8_t stream[2 * PIPE_BUF_SEEN + 1024];
	struct writers w;
	struct file *rfp;
	struct rec_head h;
	int nw = ncpus < 2 ? 3 : (2 * ncpus > W_MAX ? W_MAX : 2 * ncpus);
	int next[W_MAX], i, n, have = 0, bad = 0, records = 0, k;
	int files0 = file_count();

	kmemset(&w, 0, sizeof(w));
	xgroup_init(&w.g);
	w.seed = ktest_random(kt);
	KT_ASSERT(kern_pipe(&rfp, &w.wfp) == 0);
	for (i = 0; i < nw; i++) {
		next[i] = 0;
		me[i].w = &w;
		me[i].id = i;
		fhold(w.wfp);
		if (xgroup_start(kt, &w.g, writer_thread, &me[i], i % ncpus,
		    0) == NULL)
			fdrop(w.wfp);
	}
	fdrop(w.wfp);				/* the writers hold it now */
	for (;;) {
		n = kread(rfp, stream + have, 1 + ktest_random(kt) % 700);
		if (n < 0) {
			ktest_fail(kt, __FILE__, __LINE__, "read: %d", n);
			break;
		}
		if (n == 0)
			break;
		have += n;
		/* Take every whole record off the front of the stream. */
		while (have >= (int)sizeof(h)) {
			kmemcpy(&h, stream, sizeof(h));
			if (h.id >= nw || h.len < sizeof(h) ||
			    h.len > PIPE_BUF_SEEN || h.seq != next[h.id]) {
				ktest_fail(kt, __FILE__, __LINE__, "record %d: "
				    "writer %d seq %d len %d (expected seq %d)",
				    records, h.id, h.seq, h.len,
				    h.id < nw ? next[h.id] : -1);
				bad = 1;
				break;
			}
			if (have < h.len)
				break;
			for (k = (int)sizeof(h); k < h.len; k++)
				if (stream[k] != rec_byte(h.id, h.seq, k))
					bad = 1;
			next[h.id]++;
			records++;
			have -= h.len;
			kmemcpy(stream, stream + h.len, (size_t)have);
		}
		if (bad)
			break;
		KT_ASSERT(have < (int)sizeof(stream) - 700);
	}
	KT_EXPECT_EQ(0, bad);
	/* The end came only once every writer had written everything. */
	KT_EXPECT_EQ(nw, (int)w.finished);
	KT_EXPECT_EQ(0, (int)w.errors);
	KT_EXPECT_EQ(0, have);
	KT_EXPECT_EQ(nw * W_RECORDS, records);
	for (i = 0; i < nw; i++)
		KT_EXPECT_EQ(W_RECORDS, next[i]);
	KT_EXPECT_EQ(0, kread(rfp, stream, 10));	/* and stays */
	if (bad)
		while (kread(rfp, stream, sizeof(stream)) > 0)
			;			/* let the writers finish */
	xgroup_wait(&w.g);
	fdrop(rfp);
	KT_EXPECT_EQ(files0, file_count());
}

/* ---- ping-pong ------------------------------------------------------------ */

#define PP_ROUNDS	3000

struct pingpong {
	struct xgroup	g;
	struct file	*there_r, *there_w, *back_r, *back_w;
	volatile int	bad;
};

/* The echo side: each byte back, plus one, until the end. */
static void
pong_thread(void *arg)
{
	struct pingpong *pp = arg;
	uint8_t c;
	int n;

	while ((n = kread(pp->there_r, &c, 1)) == 1) {
		c++;
		if (kwrite(pp->back_w, &c, 1) != 1)
			pp->bad = 1;
	}
	if (n != 0)
		pp->bad = 2;
	xgroup_done(&pp->g);
}

KTEST(pipe_ping_pong_across_cpus)
{
	struct pingpong pp;
	int files0 = file_count(), i, cpu = ncpus > 1 ? 1 : 0;
	uint8_t c, got;

	if (ncpus == 1)
		kprintf("note: %s: 1 CPU: the echo thread shares the CPU\n",
		    kt->name);
	kmemset(&pp, 0, sizeof(pp));
	xgroup_init(&pp.g);
	KT_ASSERT(kern_pipe(&pp.there_r, &pp.there_w) == 0);
	KT_ASSERT(kern_pipe(&pp.back_r, &pp.back_w) == 0);
	xgroup_start(kt, &pp.g, pong_thread, &pp, cpu, 0);
	for (i = 0; i < PP_ROUNDS; i++) {
		c = (uint8_t)i;
		if (kwrite(pp.there_w, &c, 1) != 1 ||
		    kread(pp.back_r, &got, 1) != 1 || got != (uint8_t)(c + 1)) {
			ktest_fail(kt, __FILE__, __LINE__, "round %d", i);
			break;
		}
	}
	fdrop(pp.there_w);		/* the echo thread reads the end */
	xgroup_wait(&pp.g);
	KT_EXPECT_EQ(0, pp.bad);
	fdrop(pp.there_r);
	fdrop(pp.back_r);
	fdrop(pp.back_w);
	KT_EXPECT_EQ(files0, file_count());
}

/* ---- ends ------------------------------------------------------------------ */

struct blocked {
	struct xgroup	g;
	struct file	*fp;
	struct thread	*td;
	size_t		n;		/* bytes to move */
	int		is_read;
	volatile int	started;
	volatile int	result;
};

/* A thread that makes one read or write and records its result. */
static void
blocked_thread(void *arg)
{
	struct blocked *b = arg;
	static char buf[PIPE_SIZE_SEEN];

	b->td = curthread;
	b->started = 1;
	b->result = b->is_read ? kread(b->fp, buf, b->n) :
	    kwrite(b->fp, buf, b->n);
	xgroup_done(&b->g);
}

/* Start a thread making one transfer of N bytes on FP, and wait until
 * it sleeps in it; 0 if it never did. */
static int
start_blocked(struct ktest_ctx *kt, struct blocked *b, struct file *fp,
    int is_read, size_t n)
{
	kmemset(b, 0, sizeof(*b));
	xgroup_init(&b->g);
	b->fp = fp;
	b->is_read = is_read;
	b->n = n;
	b->result = 12345;
	if (xgroup_start(kt, &b->g, blocked_thread, b, ncpus - 1, 0) == NULL)
		return 0;
	while (!b->started)
		lwkt_yield();
	return wait_asleep(b->td);
}

KTEST(pipe_write_without_readers_is_epipe)
{
	static char full[PIPE_SIZE_SEEN];
	struct file *rfp, *wfp;
	struct blocked b;
	int files0 = file_count(), n;

	/* No reader from the start. */
	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	fdrop(rfp);
	KT_EXPECT_EQ(-EPIPE, kwrite(wfp, "x", 1));
	KT_EXPECT_EQ(-EPIPE, kwrite(wfp, full, sizeof(full)));
	fdrop(wfp);
	/* A writer asleep on a full pipe when the last reader goes. */
	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	KT_EXPECT_EQ(PIPE_SIZE_SEEN, kwrite(wfp, full, sizeof(full)));
	KT_ASSERT(start_blocked(kt, &b, wfp, 0, 1));
	KT_EXPECT_EQ(12345, b.result);		/* it waits for room */
	fdrop(rfp);
	xgroup_wait(&b.g);
	KT_EXPECT_EQ(-EPIPE, b.result);
	fdrop(wfp);
	/* A large write that found some room reports what went in. */
	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	KT_EXPECT_EQ(PIPE_SIZE_SEEN - 100, kwrite(wfp, full,
	    PIPE_SIZE_SEEN - 100));
	KT_ASSERT(start_blocked(kt, &b, wfp, 0, 1000));
	fdrop(rfp);
	xgroup_wait(&b.g);
	n = b.result;
	KT_EXPECT_EQ(100, n);
	fdrop(wfp);
	KT_EXPECT_EQ(files0, file_count());
}

KTEST(pipe_reader_sees_the_end_when_the_last_writer_goes)
{
	struct file *rfp, *wfp;
	struct blocked b;
	int files0 = file_count(), v = -1;
	char c;

	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	fhold(wfp);				/* two writers */
	KT_ASSERT(start_blocked(kt, &b, rfp, 1, 10));
	fdrop(wfp);				/* one writer left */
	KT_EXPECT_EQ(12345, b.result);		/* still waiting */
	KT_EXPECT_EQ(0, pipe_ops.fo_ioctl(wfp, FIONREAD, &v));
	KT_EXPECT_EQ(0, v);
	fdrop(wfp);				/* none */
	xgroup_wait(&b.g);
	KT_EXPECT_EQ(0, b.result);
	KT_EXPECT_EQ(0, kread(rfp, &c, 1));
	fdrop(rfp);
	/* Data written before the last close is still read first. */
	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	KT_EXPECT_EQ(5, kwrite(wfp, "hello", 5));
	KT_EXPECT_EQ(0, pipe_ops.fo_ioctl(rfp, FIONREAD, &v));
	KT_EXPECT_EQ(5, v);
	KT_EXPECT_EQ(-ENOTTY, pipe_ops.fo_ioctl(rfp, FIONREAD + 1, &v));
	fdrop(wfp);
	KT_EXPECT_EQ(1, kread(rfp, &c, 1));
	KT_EXPECT_EQ('h', c);
	KT_EXPECT_EQ(4, kread(rfp, &v, 10));
	KT_EXPECT_EQ(0, kread(rfp, &c, 1));
	fdrop(rfp);
	KT_EXPECT_EQ(files0, file_count());
}

KTEST(pipe_read_interrupted_is_eintr)
{
	struct file *rfp, *wfp;
	struct blocked b;
	int files0 = file_count();
	char c;

	KT_ASSERT(kern_pipe(&rfp, &wfp) == 0);
	KT_ASSERT(start_blocked(kt, &b, rfp, 1, 1));
	tsleep_interrupt(b.td);
	xgroup_wait(&b.g);
	KT_EXPECT_EQ(-EINTR, b.result);
	/* The pipe is intact: what is written next is read. */
	KT_EXPECT_EQ(1, kwrite(wfp, "z", 1));
	KT_EXPECT_EQ(1, kread(rfp, &c, 1));
	KT_EXPECT_EQ('z', c);
	fdrop(rfp);
	fdrop(wfp);
	KT_EXPECT_EQ(files0, file_count());
}
