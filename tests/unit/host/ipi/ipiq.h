/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * The host's stand-in for src/ipi/ipiq.h: the calls the message ports
 * make, defined by tests/unit/test_msgport.c, where a message to another
 * pretend CPU waits in a list until the test lets that CPU run it.
 */
#ifndef NAIAD_IPI_IPIQ_H
#define NAIAD_IPI_IPIQ_H

#include "ipi/ipififo.h"
#include "kern/globaldata.h"

int lwkt_send_ipiq(struct globaldata *target, ipifunc1_t func, void *arg);
void lwkt_wait_ipiq(struct globaldata *target, int seq);
void lwkt_process_ipiq(void);

#endif
