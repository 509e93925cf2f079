/*
 * Copyright (c) 2026 The Naiad authors.  All rights reserved.
 * SPDX-License-Identifier: BSD-2-Clause
 * This file is tangled from the Naiad book (the chapters in book/): edit
 * the book, not this file, and run "make tangle".
 */
/**
 * \file
 * \brief The kernel command line: key=value words from the boot loader.
 */
#ifndef NAIAD_KERN_CMDLINE_H
#define NAIAD_KERN_CMDLINE_H

/** Longest command line kept, including the terminating NUL. */
#define CMDLINE_MAX	512
/** Most key=value words kept. */
#define CMDLINE_MAXARGS	16

/**
 * \brief Parse \a line (copied; may be NULL) into the table of words.
 * \return 0, or the number of characters or words that had to be dropped.
 */
int cmdline_init(const char *line);

/** \brief The value of \a key, "" for a bare key, NULL when absent. */
const char *cmdline_get(const char *key);

/**
 * \brief The value of \a key as an unsigned decimal number.
 * \return \a dflt when the key is absent or its value is not a number.
 */
unsigned long cmdline_get_ulong(const char *key, unsigned long dflt);

/** The seed when the command line gives none (see cmdline_seed). */
#define CMDLINE_SEED_DEFAULT	1

/**
 * \brief The seed of every random choice the kernel makes: seed=N, or
 * CMDLINE_SEED_DEFAULT without it (or with a value that is not a number).
 */
unsigned long cmdline_seed(void);

#endif /* !NAIAD_KERN_CMDLINE_H */
