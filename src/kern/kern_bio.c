/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/*
 * Block requests: prepared, ended by their driver anywhere, waited for
 * without losing the wakeup (book/37-device.nw).
 */
#include <stddef.h>
#include <stdint.h>

#include "kern/bio.h"
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/thread.h"
#include "lwkt/msgport.h"

/* Prepare BIO: command CMD, BCOUNT bytes at DATA, disk offset OFFSET. */
void
bio_init(struct bio *bio, int cmd, uint64_t offset, void *data,
    size_t bcount)
{
	bio->bio_cmd = cmd;
	bio->bio_flags = 0;
	bio->bio_offset = offset;
	bio->bio_data = data;
	bio->bio_bcount = bcount;
	bio->bio_resid = bcount;
	bio->bio_error = 0;
	bio->bio_done = NULL;
	bio->bio_caller = NULL;
	spin_init(&bio->bio_spin);
}

/* The driver ends BIO (bio_error, bio_resid set): its bio_done, or
 * the waiter woken.  Any thread, any CPU, interrupt threads too. */
void
biodone(struct bio *bio)
{
	KASSERT((bio->bio_flags & BIO_DONE) == 0,
	    ("biodone: bio %p ended twice", bio));
	if (bio->bio_done != NULL) {
		bio->bio_done(bio);
		return;
	}
	spin_lock(&bio->bio_spin);
	bio->bio_flags |= BIO_DONE;
	spin_unlock(&bio->bio_spin);
	wakeup(bio);
}

/* Wait until BIO (without bio_done) has ended: its bio_error. */
int
biowait(struct bio *bio)
{
	KASSERT(bio->bio_done == NULL,
	    ("biowait: bio %p has a bio_done; nothing would wake us", bio));
	spin_lock(&bio->bio_spin);
	while ((bio->bio_flags & BIO_DONE) == 0)
		ssleep(bio, &bio->bio_spin, 0, "biowait", 0);
	spin_unlock(&bio->bio_spin);
	return bio->bio_error;
}
