/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief IPI messages: run a function on another CPU.  A stand-in until
 * the IPI chapter.
 */
#ifndef NAIAD_IPI_IPIQ_H
#define NAIAD_IPI_IPIQ_H

struct globaldata;

/** Can lwkt_send_ipiq reach another CPU?  Not before the IPI chapter. */
#define LWKT_IPIQ_REMOTE	0

/** A function sent to another CPU, with its one argument. */
typedef void (*ipifunc1_t)(void *arg);

/** \brief Run func(arg) on CPU \a target (in a critical section there). */
int lwkt_send_ipiq(struct globaldata *target, ipifunc1_t func, void *arg);
/** \brief Run the messages other CPUs queued for this one. */
void lwkt_process_ipiq(void);

#endif /* !NAIAD_IPI_IPIQ_H */
