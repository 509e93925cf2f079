/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The ATA protocols' only way to the hardware (the host tests
 * link a simulated device instead).
 */
#ifndef NAIAD_ATA_ATA_IO_H
#define NAIAD_ATA_ATA_IO_H

#include <stddef.h>
#include <stdint.h>

struct ata_channel;

/** \brief Read command-block register \a reg (ATA_*) of \a ch. */
uint8_t ata_in(struct ata_channel *ch, int reg);
/** \brief Write command-block register \a reg of \a ch. */
void ata_out(struct ata_channel *ch, int reg, uint8_t v);
/** \brief The alternate status register of \a ch (no IRQ acknowledge). */
uint8_t ata_ctl_in(struct ata_channel *ch);
/** \brief Write the device control register of \a ch. */
void ata_ctl_out(struct ata_channel *ch, uint8_t v);
/** \brief Read \a words data words of \a ch into \a buf. */
void ata_data_in(struct ata_channel *ch, void *buf, size_t words);
/** \brief Write \a words data words from \a buf to \a ch. */
void ata_data_out(struct ata_channel *ch, const void *buf, size_t words);


#endif /* !NAIAD_ATA_ATA_IO_H */
