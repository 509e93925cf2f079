/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief IPI messages: run a function on another CPU, wait for it,
 * broadcast it, or hold a set of CPUs in a rendezvous (cpusync).
 */
#ifndef NAIAD_IPI_IPIQ_H
#define NAIAD_IPI_IPIQ_H

#include "ipi/ipififo.h"
#include "kern/globaldata.h"

/**
 * \brief Run func(arg) on CPU \a target, in a critical section there;
 * on this CPU, at once.  Any thread, in or out of a critical section;
 * may run other CPUs' messages before returning (a FIFO over half full).
 * \return a sequence number for lwkt_wait_ipiq.
 */
int lwkt_send_ipiq(struct globaldata *target, ipifunc1_t func, void *arg);
/**
 * \brief lwkt_send_ipiq without the interrupt: \a target runs the
 * message when it next looks, at the latest at its next timer tick.
 */
int lwkt_send_ipiq_passive(struct globaldata *target, ipifunc1_t func,
    void *arg);
/**
 * \brief Spin until the message \a seq, sent to \a target by this CPU,
 * has returned; run incoming messages meanwhile.
 */
void lwkt_wait_ipiq(struct globaldata *target, int seq);
/**
 * \brief Run every message other CPUs have queued for this one, in
 * order per sender.  Interrupt handler, crit_exit, or a waiting loop.
 */
void lwkt_process_ipiq(void);
/**
 * \brief At every tick: run passive messages that wait for this CPU (or
 * note them for the crit_exit).  Interrupts disabled.
 */
void lwkt_ipiq_poll(void);
/** \brief The CPUs running: bits 0 .. ncpus - 1. */
cpumask_t lwkt_cpumask_running(void);
/**
 * \brief Send func(arg) to every running CPU of \a mask (this one
 * included, last, directly).  \return the number of CPUs it went to.
 */
int lwkt_send_ipiq_mask(cpumask_t mask, ipifunc1_t func, void *arg);
/**
 * \brief Make every running CPU of \a mask run func(arg) and then hold
 * it, spinning, until lwkt_cpusync_finish; this CPU runs func last, with
 * the others held.  Returns in a critical section.  Not from a message.
 */
void lwkt_cpusync_start(cpumask_t mask, ipifunc1_t func, void *arg);
/** \brief Release the CPUs held by lwkt_cpusync_start; wait until gone. */
void lwkt_cpusync_finish(void);
/** \brief lwkt_cpusync_start then lwkt_cpusync_finish: a rendezvous. */
void lwkt_cpusync(cpumask_t mask, ipifunc1_t func, void *arg);

#endif /* !NAIAD_IPI_IPIQ_H */
