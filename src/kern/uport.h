/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief Ports for processes (book/33-uport.nw): their limits, the
 * result of port_wait, and a count for tests.
 */
#ifndef NAIAD_KERN_UPORT_H
#define NAIAD_KERN_UPORT_H

#include <stdint.h>

/** Ports in the whole system. */
#define UPORT_MAX		64
/** Port numbers run from 1 to this, then start again. */
#define UPORT_NUMBER_MAX	0x7fffff
/** Bytes in a message's body. */
#define UPORT_BODYMAX		1024
/** Messages a port holds, from their sending to their reply's collection. */
#define UPORT_QMAX		16
/** Rounds a waiter spins at most before it sleeps (a few thousand
 * instructions: about what a sleep and a wakeup cost). */
#define UPORT_SPIN_ROUNDS	400
/** Message ids run from 1 to this, then start again. */
#define PORT_MSGID_MAX		0x7ffff
/** port_wait's result: message \a id and its body's length \a len. */
#define PORT_RESULT(id, len)	((id) << 12 | (len))
/** The message id in port_wait's result \a r. */
#define PORT_MSGID(r)		((r) >> 12)
/** The body's length in port_wait's result \a r. */
#define PORT_MSGLEN(r)		((r) & 0xfff)

/** \brief The ports open now (a test checks that none is left). */
int uport_count(void);
/** \brief The messages in the kernel now, spares included (a test
 * checks that none is left). */
int uport_messages(void);
/** \brief Waits that spun before sleeping: how many saw news in
 * time (\a rewarded) and how many did not (\a in_vain), so far. */
void uport_spin_counts(uint32_t *rewarded, uint32_t *in_vain);

#endif /* !NAIAD_KERN_UPORT_H */
